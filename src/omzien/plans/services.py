"""Every write of the plans app: the knowledge base, plan actions, their status history and
evaluation moments."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.accounts.models import STAFF_ROLES
from omzien.accounts.selectors import user_has_role_for
from omzien.core import permissions
from omzien.neighbourhoods.models import Municipality, Neighbourhood
from omzien.plans.models import (
    Action,
    ActionStatus,
    ActionStatusChange,
    EvaluationMoment,
    Intervention,
    Phase,
    Plan,
)
from omzien.scan.models import ActionPoint, Characteristic

#: The allowed status changes, each with the reason it exists (STYLE.md: one declared table).
TRANSITIONS: dict[tuple[str, str], Any] = {
    (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS): gettext_lazy("work has started"),
    (ActionStatus.PLANNED, ActionStatus.DONE): gettext_lazy("a small action, done at once"),
    (ActionStatus.PLANNED, ActionStatus.STOPPED): gettext_lazy("it will not go ahead"),
    (ActionStatus.IN_PROGRESS, ActionStatus.DONE): gettext_lazy("finished"),
    (ActionStatus.IN_PROGRESS, ActionStatus.STOPPED): gettext_lazy("stopped halfway"),
    (ActionStatus.IN_PROGRESS, ActionStatus.PLANNED): gettext_lazy("postponed"),
    (ActionStatus.DONE, ActionStatus.IN_PROGRESS): gettext_lazy("taken up again"),
    (ActionStatus.STOPPED, ActionStatus.PLANNED): gettext_lazy("planned again"),
}


def allowed_next(status: str) -> list[str]:
    return [to for (frm, to) in TRANSITIONS if frm == status]


# --- knowledge base -----------------------------------------------------------------------


@transaction.atomic
def knowledge_sync() -> int:
    """Make the built-in interventions match `plans.knowledge` (the data migration does the
    same; tests that flush the database call this to put them back). Idempotent; returns
    how many built-in entries there are."""
    from omzien.plans.knowledge import INTERVENTIONS

    points = {point.code: point for point in ActionPoint.objects.all()}
    for spec in INTERVENTIONS:
        intervention, _created = Intervention.objects.update_or_create(
            key=spec.key,
            defaults={
                "name": spec.name,
                "description": spec.description,
                "source_document": spec.document,
                "source_section": spec.section,
                "source_reference": spec.reference,
                "built_in": True,
                "municipality": None,
                "retired_at": None,
            },
        )
        linked = [points[code] for code in spec.points if code in points]
        intervention.action_points.set(linked)
        intervention.characteristics.set({point.characteristic_id for point in linked})
    return len(INTERVENTIONS)


def _link_items(
    target: Intervention | Action,
    characteristics: Iterable[Characteristic],
    action_points: Iterable[ActionPoint],
) -> None:
    """Link the chosen items; a chosen action point brings its characteristic along."""
    points = list(action_points)
    target.action_points.set(points)
    target.characteristics.set(
        {c.pk for c in characteristics} | {point.characteristic_id for point in points}
    )


@transaction.atomic
def intervention_create(
    *,
    actor: Any,
    municipality: Municipality,
    name: str,
    description: str,
    characteristics: Iterable[Characteristic] = (),
    action_points: Iterable[ActionPoint] = (),
    source_document: str = "",
    source_section: str = "",
    source_reference: str = "",
) -> Intervention:
    """A coordinator adds an intervention for their own municipality."""
    permissions.require(actor, "plans.intervention_add", municipality)
    characteristics, action_points = list(characteristics), list(action_points)
    if not characteristics and not action_points:
        raise ValidationError(_("Choose at least one characteristic or action point."))
    intervention = Intervention(
        name=name.strip(),
        description=description.strip(),
        source_document=source_document.strip(),
        source_section=source_section.strip(),
        source_reference=source_reference.strip(),
        built_in=False,
        municipality=municipality,
        created_by=actor,
    )
    intervention.full_clean()
    intervention.save()
    _link_items(intervention, characteristics, action_points)
    return intervention


@transaction.atomic
def intervention_update(
    *,
    actor: Any,
    intervention: Intervention,
    name: str,
    description: str,
    characteristics: Iterable[Characteristic] = (),
    action_points: Iterable[ActionPoint] = (),
    source_document: str = "",
    source_section: str = "",
    source_reference: str = "",
) -> Intervention:
    """Change an intervention a coordinator of the same municipality added. Built-in ones
    are read-only."""
    permissions.require(actor, "plans.intervention_change", intervention)
    characteristics, action_points = list(characteristics), list(action_points)
    if not characteristics and not action_points:
        raise ValidationError(_("Choose at least one characteristic or action point."))
    intervention.name = name.strip()
    intervention.description = description.strip()
    intervention.source_document = source_document.strip()
    intervention.source_section = source_section.strip()
    intervention.source_reference = source_reference.strip()
    intervention.full_clean()
    intervention.save(
        update_fields=[
            "name",
            "description",
            "source_document",
            "source_section",
            "source_reference",
            "updated_at",
        ]
    )
    _link_items(intervention, characteristics, action_points)
    return intervention


@transaction.atomic
def intervention_retire(*, actor: Any, intervention: Intervention) -> Intervention:
    """No longer recommend it; actions that used it keep their link."""
    permissions.require(actor, "plans.intervention_change", intervention)
    if intervention.retired_at is None:
        intervention.retired_at = timezone.now()
        intervention.save(update_fields=["retired_at", "updated_at"])
    return intervention


# --- the plan -----------------------------------------------------------------------------


@transaction.atomic
def plan_for(*, actor: Any, neighbourhood: Neighbourhood) -> Plan:
    """The neighbourhood's plan; made on first use."""
    permissions.require(actor, "plans.manage", neighbourhood)
    plan, _created = Plan.objects.get_or_create(neighbourhood=neighbourhood)
    return plan


def _check_owner(neighbourhood: Neighbourhood, owner_user: Any) -> None:
    if owner_user is not None and not user_has_role_for(owner_user, STAFF_ROLES, neighbourhood):
        raise ValidationError(
            {"owner_user": _("The owner must be a staff member of this neighbourhood.")}
        )


def _when(action: Action | None, at: datetime.datetime | None) -> datetime.datetime:
    """When a step happened: now, or earlier when someone records it afterwards (never in
    the future, never before the action's previous step)."""
    now = timezone.now()
    if at is None:
        return now
    if at > now:
        raise ValidationError(_("A status change cannot be in the future."))
    if action is not None:
        last = action.history.order_by("-at").values_list("at", flat=True).first()
        if last is not None and at < last:
            raise ValidationError(_("A status change cannot be before the previous one."))
    return at


def _record(
    action: Action,
    *,
    actor: Any,
    frm: str,
    to: str,
    note: str = "",
    at: datetime.datetime | None = None,
) -> None:
    ActionStatusChange(
        action=action,
        at=at or timezone.now(),
        from_status=frm,
        to_status=to,
        by=actor,
        by_label=actor.get_full_name() if actor is not None else "",
        note=note.strip()[:500],
    ).save()


@transaction.atomic
def action_create(
    *,
    actor: Any,
    neighbourhood: Neighbourhood,
    title: str,
    phase: str,
    start_on: datetime.date,
    due_on: datetime.date,
    description: str = "",
    characteristics: Iterable[Characteristic] = (),
    action_points: Iterable[ActionPoint] = (),
    intervention: Intervention | None = None,
    owner_user: Any = None,
    owner_organisation: str = "",
    at: datetime.datetime | None = None,
) -> Action:
    """Add an action to the neighbourhood's plan; its history starts with "planned" (now,
    or at `at` when it is recorded afterwards)."""
    plan = plan_for(actor=actor, neighbourhood=neighbourhood)
    when = _when(None, at)
    _check_owner(neighbourhood, owner_user)
    if phase not in Phase.values:
        raise ValidationError({"phase": _("Choose a phase.")})
    action = Action(
        plan=plan,
        title=title.strip(),
        description=description.strip(),
        phase=phase,
        intervention=intervention,
        owner_user=owner_user,
        owner_organisation=owner_organisation.strip() if owner_user is None else "",
        start_on=start_on,
        due_on=due_on,
        status=ActionStatus.PLANNED,
        created_by=actor,
    )
    action.full_clean()
    action.save()
    _link_items(action, characteristics, action_points)
    _record(action, actor=actor, frm="", to=ActionStatus.PLANNED, at=when)
    return action


@transaction.atomic
def action_update(
    *,
    actor: Any,
    action: Action,
    title: str,
    phase: str,
    start_on: datetime.date,
    due_on: datetime.date,
    description: str = "",
    characteristics: Iterable[Characteristic] = (),
    action_points: Iterable[ActionPoint] = (),
    intervention: Intervention | None = None,
    owner_user: Any = None,
    owner_organisation: str = "",
) -> Action:
    """Change what an action is about. The status changes only through action_transition."""
    neighbourhood = action.plan.neighbourhood
    permissions.require(actor, "plans.manage", neighbourhood)
    _check_owner(neighbourhood, owner_user)
    action.title = title.strip()
    action.description = description.strip()
    action.phase = phase
    action.start_on = start_on
    action.due_on = due_on
    action.intervention = intervention
    action.owner_user = owner_user
    action.owner_organisation = owner_organisation.strip() if owner_user is None else ""
    action.full_clean()
    action.save(
        update_fields=[
            "title",
            "description",
            "phase",
            "start_on",
            "due_on",
            "intervention",
            "owner_user",
            "owner_organisation",
            "updated_at",
        ]
    )
    _link_items(action, characteristics, action_points)
    return action


@transaction.atomic
def action_transition(
    *,
    actor: Any,
    action: Action,
    to: str,
    note: str = "",
    at: datetime.datetime | None = None,
) -> Action:
    """Change the status along TRANSITIONS and append the step to the history (now, or at
    `at` when it is recorded afterwards)."""
    permissions.require(actor, "plans.manage", action.plan.neighbourhood)
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if (locked.status, to) not in TRANSITIONS:
        raise ValidationError(
            _("From “%(from)s” the status cannot become “%(to)s”.")
            % {
                "from": ActionStatus(locked.status).label,
                "to": ActionStatus(to).label if to in ActionStatus.values else to,
            }
        )
    when = _when(locked, at)
    frm = locked.status
    locked.status = to
    locked.save(update_fields=["status", "updated_at"])
    _record(locked, actor=actor, frm=frm, to=to, note=note, at=when)
    action.status = to
    return locked


@transaction.atomic
def evaluation_save(
    *,
    actor: Any,
    action: Action,
    held_on: datetime.date,
    learnt: str = "",
    next_step: str = "",
    evaluation: EvaluationMoment | None = None,
) -> EvaluationMoment:
    """Plan an evaluation moment, or write down what was learnt and the next step."""
    permissions.require(actor, "plans.manage", action.plan.neighbourhood)
    if evaluation is not None and evaluation.action_id != action.pk:
        raise ValidationError(_("This evaluation belongs to another action."))
    moment = evaluation or EvaluationMoment(action=action)
    moment.held_on = held_on
    moment.learnt = learnt.strip()
    moment.next_step = next_step.strip()
    moment.full_clean()
    moment.save()
    return moment
