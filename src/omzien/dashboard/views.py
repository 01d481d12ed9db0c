from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from omzien.core import permissions
from omzien.dashboard import selectors
from omzien.dashboard.forms import CompareForm, PeriodForm
from omzien.neighbourhoods.models import Neighbourhood
from omzien.support.pdf import render_pdf


def _neighbourhood(request: HttpRequest, code: str) -> Neighbourhood:
    area = get_object_or_404(
        Neighbourhood.objects.select_related("district__municipality"), code=code.upper()
    )
    permissions.require(request.user, "dashboard.view", area)
    return area


def _period_query(form: PeriodForm) -> str:
    """The chosen period as a query string, for the links to the PDF and the comparison."""
    if not form.is_valid():
        return ""
    values = {
        name: form.data.get(name, "") for name in ("jaar", "van", "tot") if form.data.get(name, "")
    }
    return urlencode(values)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "dashboard.use")
    return render(
        request,
        "dashboard/index.html",
        {"areas": list(selectors.neighbourhoods_visible_to(request.user))},
    )


@login_required
def neighbourhood(request: HttpRequest, code: str) -> HttpResponse:
    area = _neighbourhood(request, code)
    form = PeriodForm(request.GET)
    period = form.period()
    sections = selectors.dashboard_sections(viewer=request.user, neighbourhood=area, period=period)
    return render(
        request,
        "dashboard/neighbourhood.html",
        {
            "neighbourhood": area,
            "form": form,
            "period": period,
            "query": _period_query(form),
            "sections": sections,
            "min_group": selectors.MIN_GROUP,
        },
    )


@login_required
def compare(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "dashboard.use")
    areas = selectors.neighbourhoods_visible_to(request.user)
    if "buurt" in request.GET:
        form = CompareForm(request.GET, areas=areas)
    else:
        # From a neighbourhood's page: that neighbourhood is ticked already.
        form = CompareForm(None, areas=areas, initial={"buurt": request.GET.getlist("met")})
    chosen: list[Neighbourhood] = []
    groups: list[selectors.ComparisonGroup] = []
    period = form.period()
    if form.is_bound and form.is_valid():
        codes = form.cleaned_data["buurt"]
        chosen = sorted(areas.filter(code__in=codes), key=lambda a: codes.index(a.code))
        groups = selectors.comparison(viewer=request.user, neighbourhoods=chosen, period=period)
    return render(
        request,
        "dashboard/compare.html",
        {
            "form": form,
            "period": period,
            "chosen": chosen,
            "groups": groups,
            "min_group": selectors.MIN_GROUP,
        },
    )


@login_required
def report_pdf(request: HttpRequest, code: str) -> HttpResponse:
    area = _neighbourhood(request, code)
    form = PeriodForm(request.GET)
    if not form.is_valid():
        # The page shows what is wrong with the period.
        page = reverse("dashboard:neighbourhood", args=[area.code])
        return redirect(f"{page}?{request.GET.urlencode()}")
    period = form.period()
    sections = selectors.report_sections(viewer=request.user, neighbourhood=area, period=period)
    body = render_pdf(
        "dashboard/pdf/report.html",
        {
            "neighbourhood": area,
            "period": period,
            "sections": sections,
            "made_on": timezone.localdate(),
            "min_group": selectors.MIN_GROUP,
        },
    )
    response = HttpResponse(body, content_type="application/pdf")
    filename = f"buurtbeeld-{area.code}-{period.start.isoformat()}-{period.end.isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
