from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.core import permissions
from omzien.core.charts import line_chart_svg
from omzien.core.forms import add_errors
from omzien.neighbourhoods.models import Municipality, Neighbourhood
from omzien.plans import selectors, services
from omzien.plans.forms import ActionForm, EvaluationForm, InterventionForm, StatusForm
from omzien.plans.models import Action, ActionStatus, EvaluationMoment, Intervention
from omzien.plans.rules import coordinator_municipality_ids


def _neighbourhood(request: HttpRequest, code: str) -> Neighbourhood:
    neighbourhood = get_object_or_404(
        Neighbourhood.objects.select_related("district__municipality"), code=code
    )
    permissions.require(request.user, "plans.manage", neighbourhood)
    return neighbourhood


def _action(request: HttpRequest, pk: int) -> Action:
    action = selectors.action_detail(viewer=request.user, pk=pk)
    if action is None:
        raise Http404
    return action


@login_required
def index(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "plans.use")
    return render(
        request,
        "plans/index.html",
        {
            "neighbourhoods": list(selectors.neighbourhoods_managed_by(request.user)),
            "may_add": permissions.can(request.user, "plans.intervention_add", None),
        },
    )


# --- knowledge base -----------------------------------------------------------------------


@login_required
def knowledge(request: HttpRequest) -> HttpResponse:
    show_retired = request.GET.get("ingetrokken") == "1"
    return render(
        request,
        "plans/knowledge.html",
        {
            "interventions": selectors.knowledge_base(
                viewer=request.user, include_retired=show_retired
            ),
            "show_retired": show_retired,
            "may_add": permissions.can(request.user, "plans.intervention_add", None),
        },
    )


@login_required
def intervention(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.intervention_visible(viewer=request.user, pk=pk)
    if item is None:
        raise Http404
    return render(
        request,
        "plans/intervention.html",
        {
            "intervention": item,
            "may_change": permissions.can(request.user, "plans.intervention_change", item),
        },
    )


def _intervention_data(form: InterventionForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data.pop("municipality", None)
    return data


@login_required
def intervention_create(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "plans.intervention_add", None)
    municipalities = Municipality.objects.filter(
        pk__in=coordinator_municipality_ids(request.user)
    ).order_by("name")
    form = InterventionForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.intervention_create(
                actor=request.user,
                municipality=form.cleaned_data["municipality"],
                **_intervention_data(form),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The intervention has been added."))
            return redirect(item)
    return render(request, "plans/intervention_form.html", {"form": form, "intervention": None})


def _changeable(request: HttpRequest, pk: int) -> Intervention:
    item = get_object_or_404(Intervention, pk=pk)
    permissions.require(request.user, "plans.intervention_change", item)
    return item


@login_required
def intervention_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _changeable(request, pk)
    initial = {
        "name": item.name,
        "description": item.description,
        "characteristics": list(item.characteristics.all()),
        "action_points": list(item.action_points.all()),
        "source_document": item.source_document,
        "source_section": item.source_section,
        "source_reference": item.source_reference,
    }
    form = InterventionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.intervention_update(
                actor=request.user, intervention=item, **_intervention_data(form)
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The intervention has been saved."))
            return redirect(item)
    return render(request, "plans/intervention_form.html", {"form": form, "intervention": item})


@login_required
@require_POST
def intervention_retire(request: HttpRequest, pk: int) -> HttpResponse:
    item = _changeable(request, pk)
    services.intervention_retire(actor=request.user, intervention=item)
    messages.success(request, _("The intervention is no longer recommended."))
    return redirect("plans:knowledge")


# --- recommendations and the plan -------------------------------------------------------


@login_required
def recommendations(request: HttpRequest, code: str) -> HttpResponse:
    area = _neighbourhood(request, code)
    session, found = selectors.recommendations(viewer=request.user, neighbourhood=area)
    return render(
        request,
        "plans/recommendations.html",
        {
            "neighbourhood": area,
            "session": session,
            "recommendations": found,
            "weak_below": selectors.WEAK_BELOW,
        },
    )


@login_required
def plan(request: HttpRequest, code: str) -> HttpResponse:
    area = _neighbourhood(request, code)
    return render(
        request,
        "plans/plan.html",
        {
            "neighbourhood": area,
            "phases": selectors.plan_phases(viewer=request.user, neighbourhood=area),
            "today": timezone.localdate(),
        },
    )


def _action_form(request: HttpRequest, area: Neighbourhood, **kwargs: Any) -> ActionForm:
    return ActionForm(
        request.POST if request.method == "POST" else None,
        staff=selectors.staff_of(area),
        interventions=selectors.interventions_for(area).order_by("name"),
        **kwargs,
    )


def _from_recommendation(request: HttpRequest, area: Neighbourhood) -> dict[str, Any] | None:
    """The prefilled form for "make this an action", or None without (valid) parameters."""
    try:
        number = int(request.GET.get("kenmerk", ""))
        pk = int(request.GET.get("interventie", ""))
    except ValueError:
        return None
    return selectors.recommendation_draft(
        viewer=request.user, neighbourhood=area, characteristic_number=number, intervention_pk=pk
    )


@login_required
def action_create(request: HttpRequest, code: str) -> HttpResponse:
    area = _neighbourhood(request, code)
    initial = _from_recommendation(request, area)
    from_recommendation = initial is not None
    if initial is None:
        today = timezone.localdate()
        initial = {"owner_user": request.user, "start_on": today, "due_on": today}
    form = _action_form(request, area, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(
                actor=request.user, neighbourhood=area, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The action has been added to the plan."))
            return redirect(action)
    return render(
        request,
        "plans/action_form.html",
        {
            "neighbourhood": area,
            "form": form,
            "action": None,
            "from_recommendation": from_recommendation,
        },
    )


@login_required
def action(request: HttpRequest, pk: int) -> HttpResponse:
    item = _action(request, pk)
    return render(
        request,
        "plans/action.html",
        {
            "action": item,
            "neighbourhood": item.plan.neighbourhood,
            "status_form": StatusForm(status=item.status),
            "evaluation_form": EvaluationForm(initial={"held_on": timezone.localdate()}),
            "today": timezone.localdate(),
        },
    )


@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _action(request, pk)
    area = item.plan.neighbourhood
    initial = {
        "title": item.title,
        "description": item.description,
        "phase": item.phase,
        "characteristics": list(item.characteristics.all()),
        "action_points": list(item.action_points.all()),
        "intervention": item.intervention,
        "owner_user": item.owner_user,
        "owner_organisation": item.owner_organisation,
        "start_on": item.start_on,
        "due_on": item.due_on,
    }
    form = _action_form(request, area, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(actor=request.user, action=item, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The action has been saved."))
            return redirect(item)
    return render(
        request,
        "plans/action_form.html",
        {"neighbourhood": area, "form": form, "action": item, "from_recommendation": False},
    )


@login_required
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    item = _action(request, pk)
    form = StatusForm(request.POST or None, status=item.status)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_transition(
                actor=request.user,
                action=item,
                to=form.cleaned_data["to"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The status is now “%(status)s”.")
                % {"status": ActionStatus(form.cleaned_data["to"]).label},
            )
            return redirect(item)
    return render(request, "plans/status_form.html", {"action": item, "form": form})


@login_required
def evaluation_form(
    request: HttpRequest, pk: int, evaluation_pk: int | None = None
) -> HttpResponse:
    item = _action(request, pk)
    moment = None
    initial: dict[str, Any] = {"held_on": timezone.localdate()}
    if evaluation_pk is not None:
        moment = get_object_or_404(EvaluationMoment, pk=evaluation_pk, action=item)
        initial = {
            "held_on": moment.held_on,
            "learnt": moment.learnt,
            "next_step": moment.next_step,
        }
    form = EvaluationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_save(
                actor=request.user, action=item, evaluation=moment, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The evaluation moment has been saved."))
            return redirect(item)
    return render(
        request, "plans/evaluation_form.html", {"action": item, "form": form, "moment": moment}
    )


@login_required
def agenda(request: HttpRequest, code: str) -> HttpResponse:
    area = _neighbourhood(request, code)
    return render(
        request,
        "plans/agenda.html",
        {
            "neighbourhood": area,
            "quarters": selectors.agenda(viewer=request.user, neighbourhood=area),
        },
    )


@login_required
def progress(request: HttpRequest, code: str) -> HttpResponse:
    area = _neighbourhood(request, code)
    months = selectors.progress(viewer=request.user, neighbourhood=area)
    return render(
        request,
        "plans/progress.html",
        {
            "neighbourhood": area,
            "months": months,
            "statuses": [(s.value, s.label) for s in ActionStatus],
            "chart": line_chart_svg(
                [month.counts[ActionStatus.DONE] for month in months],
                title=_("Number of actions done per month; the table gives the numbers."),
                minimum=0,
            ),
        },
    )
