from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.core import permissions
from omzien.core.forms import add_errors
from omzien.neighbourhoods.models import District
from omzien.oncall import selectors, services
from omzien.oncall.forms import ShiftForm
from omzien.oncall.models import Shift


def _district(request: HttpRequest, code: str, action: str = "oncall.view") -> District:
    district = get_object_or_404(District.objects.select_related("municipality"), code=code)
    permissions.require(request.user, action, district)
    return district


def _shift(request: HttpRequest, pk: int) -> Shift:
    shift = get_object_or_404(Shift.objects.select_related("district__municipality", "user"), pk=pk)
    permissions.require(request.user, "oncall.manage", shift.district)
    return shift


@login_required
def index(request: HttpRequest) -> HttpResponse:
    districts = list(selectors.districts_for(request.user))
    if not districts:
        raise PermissionDenied("oncall.view")
    return render(request, "oncall/index.html", {"districts": districts})


@login_required
def rota(request: HttpRequest, code: str) -> HttpResponse:
    district = _district(request, code)
    now = timezone.now()
    return render(
        request,
        "oncall/rota.html",
        {
            "district": district,
            "shifts": selectors.rota_for(viewer=request.user, district=district, now=now),
            "gaps": selectors.coverage_gaps(district, now),
            "days": selectors.gap_days(),
            "round_the_clock": selectors.cover_round_the_clock(),
            "may_manage": permissions.can(request.user, "oncall.manage", district),
        },
    )


@login_required
def reachable(request: HttpRequest, code: str) -> HttpResponse:
    district = _district(request, code)
    return render(
        request,
        "oncall/reachable.html",
        {"now": selectors.reachable_now(viewer=request.user, district=district)},
    )


def _shift_form(request: HttpRequest, district: District, shift: Shift | None) -> HttpResponse:
    initial = {}
    if shift is not None:
        initial = {
            "user": shift.user_id,
            "kind": shift.kind,
            "starts_at": timezone.localtime(shift.starts_at),
            "ends_at": timezone.localtime(shift.ends_at),
            "mobile": shift.mobile_display,
        }
    form = ShiftForm(request.POST or None, initial=initial, district=district)
    if request.method == "POST" and form.is_valid():
        try:
            if shift is None:
                services.shift_create(actor=request.user, district=district, **form.cleaned_data)
                messages.success(request, _("The shift has been added."))
            else:
                services.shift_update(actor=request.user, shift=shift, **form.cleaned_data)
                messages.success(request, _("The shift has been changed."))
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("oncall:rota", code=district.code)
    return render(
        request, "oncall/shift_form.html", {"district": district, "form": form, "shift": shift}
    )


@login_required
def shift_create(request: HttpRequest, code: str) -> HttpResponse:
    return _shift_form(request, _district(request, code, "oncall.manage"), None)


@login_required
def shift_edit(request: HttpRequest, pk: int) -> HttpResponse:
    shift = _shift(request, pk)
    return _shift_form(request, shift.district, shift)


@login_required
def shift_delete(request: HttpRequest, pk: int) -> HttpResponse:
    shift = _shift(request, pk)
    if request.method == "POST":
        code = shift.district.code
        services.shift_delete(actor=request.user, shift=shift)
        messages.success(request, _("The shift has been removed."))
        return redirect("oncall:rota", code=code)
    return render(request, "oncall/shift_delete.html", {"shift": shift})


@login_required
@require_POST
def copy_week(request: HttpRequest, code: str) -> HttpResponse:
    district = _district(request, code, "oncall.manage")
    result = services.shifts_copy_week(actor=request.user, district=district)
    if result.source_week is None:
        messages.info(request, _("There are no shifts to copy yet."))
    else:
        messages.success(
            request,
            _("%(copied)s shifts copied to the next week, %(skipped)s skipped (they clashed).")
            % {"copied": result.copied, "skipped": result.skipped},
        )
    return redirect("oncall:rota", code=district.code)
