"""Reads of the plans app: the knowledge base, recommendations from the latest scan, the
plan per phase, the sociale wijkagenda, progress per month and the dashboard figures."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from omzien.accounts.models import STAFF_ROLES, User
from omzien.accounts.selectors import neighbourhoods_for_roles
from omzien.core import permissions
from omzien.neighbourhoods.models import Neighbourhood
from omzien.plans.models import (
    Action,
    ActionStatus,
    ActionStatusChange,
    EvaluationMoment,
    Intervention,
    Phase,
    Plan,
)
from omzien.plans.phases import PHASE_BY_KEY, PhaseSpec
from omzien.scan import selectors as scan_selectors
from omzien.scan.models import ActionPoint, Characteristic, ScanSession

#: A characteristic or action point is "weak" when its mean score in the latest scan
#: (rounded to one decimal, as the scan page shows it) is below this: under the middle of
#: the 1-5 scale. Documented in docs/plans.md.
WEAK_BELOW = 3.0

STATUS_ORDER = [s.value for s in ActionStatus]
OPEN_STATUSES = [ActionStatus.PLANNED, ActionStatus.IN_PROGRESS]


def neighbourhoods_managed_by(user: Any) -> QuerySet[Neighbourhood]:
    return neighbourhoods_for_roles(user, STAFF_ROLES)


# --- knowledge base -----------------------------------------------------------------------


def _staff_municipality_ids(user: Any) -> list[int]:
    return list(
        neighbourhoods_managed_by(user)
        .values_list("district__municipality_id", flat=True)
        .distinct()
    )


def knowledge_base(*, viewer: Any, include_retired: bool = False) -> list[Intervention]:
    """Built-in interventions plus the ones added in the viewer's municipalities."""
    permissions.require(viewer, "plans.use")
    queryset = Intervention.objects.filter(
        Q(built_in=True) | Q(municipality_id__in=_staff_municipality_ids(viewer))
    )
    if not include_retired:
        queryset = queryset.active()
    return list(
        queryset.select_related("municipality").prefetch_related(
            Prefetch("action_points", queryset=ActionPoint.objects.order_by("order")),
            Prefetch("characteristics", queryset=Characteristic.objects.order_by("number")),
        )
    )


def intervention_visible(*, viewer: Any, pk: int) -> Intervention | None:
    permissions.require(viewer, "plans.use")
    return (
        Intervention.objects.filter(
            Q(built_in=True) | Q(municipality_id__in=_staff_municipality_ids(viewer)), pk=pk
        )
        .select_related("municipality")
        .first()
    )


def interventions_for(neighbourhood: Neighbourhood) -> QuerySet[Intervention]:
    """What may be recommended in this neighbourhood: built-in and the municipality's own."""
    return (
        Intervention.objects.active()
        .for_municipality(neighbourhood.district.municipality_id)
        .prefetch_related("action_points", "characteristics")
    )


# --- recommendations ----------------------------------------------------------------------


def _score(value: float) -> str:
    return str(formats.number_format(value, 1, use_l10n=True))


@dataclass
class WeakPoint:
    point: ActionPoint
    mean: float
    reason: str


@dataclass
class Suggestion:
    intervention: Intervention
    #: Codes of the weak action points it serves ("3.1"); empty: serves the characteristic.
    serves: list[str]


@dataclass
class Recommendation:
    characteristic: Characteristic
    mean: float | None
    reason: str
    weak_points: list[WeakPoint]
    suggestions: list[Suggestion] = field(default_factory=list)

    @property
    def reasons(self) -> str:
        return "; ".join([self.reason, *[p.reason for p in self.weak_points]])


def latest_scan(neighbourhood: Neighbourhood) -> ScanSession | None:
    return ScanSession.objects.filter(neighbourhood=neighbourhood).order_by("-held_on").first()


def recommendations(
    *, viewer: Any, neighbourhood: Neighbourhood
) -> tuple[ScanSession | None, list[Recommendation]]:
    """For the latest scan: every weak characteristic (mean below WEAK_BELOW, or holding a
    weak action point), weakest first, with the interventions that serve it or its weak
    action points, those serving a weak point first."""
    permissions.require(viewer, "plans.manage", neighbourhood)
    session = latest_scan(neighbourhood)
    if session is None:
        return None, []
    results = scan_selectors.session_results(viewer=viewer, session=session)
    interventions = list(interventions_for(neighbourhood))
    found: list[Recommendation] = []
    for result in results:
        mean = result.spread.mean
        weak_points = [
            WeakPoint(
                row.point,
                row.spread.mean,
                _("action point %(code)s scores %(mean)s")
                % {"code": row.point.code, "mean": _score(row.spread.mean)},
            )
            for row in result.points
            if row.spread.mean is not None and row.spread.mean < WEAK_BELOW
        ]
        if not weak_points and (mean is None or mean >= WEAK_BELOW):
            continue
        number = result.characteristic.number
        if mean is None:
            reason = _("characteristic %(number)s has no scores") % {"number": number}
        else:
            reason = _("characteristic %(number)s scores %(mean)s") % {
                "number": number,
                "mean": _score(mean),
            }
        weak_codes = {p.point.code for p in weak_points}
        suggestions = []
        for intervention in interventions:
            codes = sorted(p.code for p in intervention.action_points.all() if p.code in weak_codes)
            serves_characteristic = any(
                c.pk == result.characteristic.pk for c in intervention.characteristics.all()
            )
            if codes or (serves_characteristic and (mean is not None and mean < WEAK_BELOW)):
                suggestions.append(Suggestion(intervention, codes))
        suggestions.sort(key=lambda s: (-len(s.serves), s.intervention.name.lower()))
        found.append(Recommendation(result.characteristic, mean, reason, weak_points, suggestions))
    found.sort(key=lambda r: (r.mean if r.mean is not None else 0, r.characteristic.number))
    return session, found


def recommendation_for(
    *, viewer: Any, neighbourhood: Neighbourhood, characteristic_number: int, intervention_pk: int
) -> tuple[ScanSession | None, Recommendation | None, Suggestion | None]:
    """One suggestion of the recommendations, to start a plan action from."""
    session, found = recommendations(viewer=viewer, neighbourhood=neighbourhood)
    for recommendation in found:
        if recommendation.characteristic.number != characteristic_number:
            continue
        for suggestion in recommendation.suggestions:
            if suggestion.intervention.pk == intervention_pk:
                return session, recommendation, suggestion
    return session, None, None


def recommendation_draft(
    *, viewer: Any, neighbourhood: Neighbourhood, characteristic_number: int, intervention_pk: int
) -> dict[str, Any] | None:
    """What a plan action made from one suggestion starts with (the form's initial values):
    the intervention's name, why it is recommended, its description and source, the weak
    characteristic and the weak action points it serves, the viewer as owner."""
    session, recommendation, suggestion = recommendation_for(
        viewer=viewer,
        neighbourhood=neighbourhood,
        characteristic_number=characteristic_number,
        intervention_pk=intervention_pk,
    )
    if session is None or recommendation is None or suggestion is None:
        return None
    item = suggestion.intervention
    parts = [
        _("Recommendation from the scan of %(date)s: %(reasons)s.")
        % {"date": session.held_on.strftime("%d-%m-%Y"), "reasons": recommendation.reasons},
        item.description,
    ]
    if item.source_document:
        parts.append(_("Source: %(source)s.") % {"source": item.source_document})
    codes = suggestion.serves or [p.point.code for p in recommendation.weak_points]
    today = timezone.localdate()
    return {
        "title": item.name,
        "description": "\n\n".join(parts),
        "characteristics": [recommendation.characteristic],
        "action_points": [p.point for p in recommendation.weak_points if p.point.code in codes],
        "intervention": item,
        "owner_user": viewer,
        "start_on": today,
        "due_on": today + datetime.timedelta(days=91),
    }


# --- the plan -----------------------------------------------------------------------------


def staff_of(neighbourhood: Neighbourhood) -> QuerySet[User]:
    """Accounts that may own an action: staff with a role covering the neighbourhood."""
    return (
        User.objects.filter(is_active=True, roles__role__in=list(STAFF_ROLES))
        .filter(
            Q(roles__neighbourhood=neighbourhood)
            | Q(roles__district_id=neighbourhood.district_id)
            | Q(roles__municipality_id=neighbourhood.district.municipality_id)
        )
        .distinct()
        .order_by("display_name", "email")
    )


def _actions(plan: Plan | None) -> QuerySet[Action]:
    if plan is None:
        return Action.objects.none()
    return (
        Action.objects.filter(plan=plan)
        .select_related("owner_user", "intervention")
        .prefetch_related(
            Prefetch("action_points", queryset=ActionPoint.objects.order_by("order")),
            Prefetch("characteristics", queryset=Characteristic.objects.order_by("number")),
            "evaluations",
        )
        .order_by("start_on", "due_on", "id")
    )


def plan_of(neighbourhood: Neighbourhood) -> Plan | None:
    return Plan.objects.filter(neighbourhood=neighbourhood).first()


@dataclass
class PhaseView:
    phase: PhaseSpec
    label: str
    actions: list[Action]
    counts: dict[str, int]

    @property
    def ordered(self) -> list[int]:
        return [self.counts[status] for status in STATUS_ORDER]


def plan_phases(*, viewer: Any, neighbourhood: Neighbourhood) -> list[PhaseView]:
    """The four phases, each with what it is for and its actions."""
    permissions.require(viewer, "plans.manage", neighbourhood)
    actions = list(_actions(plan_of(neighbourhood)))
    return _phases(actions)


def _phases(actions: list[Action]) -> list[PhaseView]:
    grouped: dict[str, list[Action]] = defaultdict(list)
    for action in actions:
        grouped[action.phase].append(action)
    views = []
    for phase in Phase:
        items = grouped.get(phase.value, [])
        counts = Counter(a.status for a in items)
        views.append(
            PhaseView(
                PHASE_BY_KEY[phase.value],
                str(phase.label),
                items,
                {status: counts.get(status, 0) for status in STATUS_ORDER},
            )
        )
    return views


def action_detail(*, viewer: Any, pk: int) -> Action | None:
    action = (
        Action.objects.filter(pk=pk)
        .select_related("plan__neighbourhood__district__municipality", "owner_user", "intervention")
        .prefetch_related("action_points", "characteristics", "evaluations", "history")
        .first()
    )
    if action is None:
        return None
    permissions.require(viewer, "plans.manage", action.plan.neighbourhood)
    return action


# --- sociale wijkagenda -------------------------------------------------------------------


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _quarters_between(start: datetime.date, end: datetime.date) -> list[tuple[int, int]]:
    year, quarter = quarter_of(start)
    last = quarter_of(end)
    quarters = []
    while (year, quarter) <= last:
        quarters.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return quarters


@dataclass
class AgendaQuarter:
    year: int
    quarter: int
    actions: list[Action]
    evaluations: list[EvaluationMoment]

    @property
    def label(self) -> str:
        return _("Quarter %(quarter)s %(year)s") % {"quarter": self.quarter, "year": self.year}


def agenda(*, viewer: Any, neighbourhood: Neighbourhood) -> list[AgendaQuarter]:
    """Per quarter: the actions that run in it (from start to due date) and the evaluation
    moments that fall in it. Only quarters with something in them."""
    permissions.require(viewer, "plans.manage", neighbourhood)
    actions = list(_actions(plan_of(neighbourhood)))
    quarters: dict[tuple[int, int], AgendaQuarter] = {}

    def bucket(key: tuple[int, int]) -> AgendaQuarter:
        if key not in quarters:
            quarters[key] = AgendaQuarter(key[0], key[1], [], [])
        return quarters[key]

    for action in actions:
        for key in _quarters_between(action.start_on, action.due_on):
            bucket(key).actions.append(action)
        for moment in action.evaluations.all():
            bucket(quarter_of(moment.held_on)).evaluations.append(moment)
    for item in quarters.values():
        item.evaluations.sort(key=lambda m: (m.held_on, m.pk))
    return [quarters[key] for key in sorted(quarters)]


# --- progress -----------------------------------------------------------------------------


@dataclass
class MonthCounts:
    month: datetime.date  # the first day of the month
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def ordered(self) -> list[int]:
        return [self.counts[status] for status in STATUS_ORDER]


def _month_starts(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months = []
    current = first.replace(day=1)
    while current <= last:
        months.append(current)
        current = (current + datetime.timedelta(days=32)).replace(day=1)
    return months


def progress_by_month(
    plan: Plan | None, *, start: datetime.date | None = None, end: datetime.date | None = None
) -> list[MonthCounts]:
    """How many actions had each status at the end of each month (the current month: now),
    replayed from the append-only status history."""
    if plan is None:
        return []
    changes = list(
        ActionStatusChange.objects.filter(action__plan=plan)
        .order_by("at", "id")
        .values_list("action_id", "at", "to_status")
    )
    if not changes:
        return []
    today = timezone.localdate()
    end = min(end or today, today)
    first = timezone.localtime(changes[0][1]).date()
    start = max(start or first, first)
    if start > end:
        return []
    months = _month_starts(start, end)[-24:]
    result = []
    status: dict[int, str] = {}
    index = 0
    for month in months:
        next_month = (month + datetime.timedelta(days=32)).replace(day=1)
        cutoff = timezone.make_aware(datetime.datetime.combine(next_month, datetime.time.min))
        while index < len(changes) and changes[index][1] < cutoff:
            status[changes[index][0]] = changes[index][2]
            index += 1
        counts = Counter(status.values())
        result.append(MonthCounts(month, {s: counts.get(s, 0) for s in STATUS_ORDER}))
    return result


def progress(*, viewer: Any, neighbourhood: Neighbourhood) -> list[MonthCounts]:
    permissions.require(viewer, "plans.manage", neighbourhood)
    return progress_by_month(plan_of(neighbourhood))


# --- dashboard figures ----------------------------------------------------------------------


@dataclass
class OverdueAction:
    title: str
    phase: str
    due_on: datetime.date
    owner: str


@dataclass
class UpcomingEvaluation:
    held_on: datetime.date
    action_title: str


@dataclass
class PlanFigures:
    phases: list[PhaseView]
    totals: dict[str, int]
    overdue: list[OverdueAction]
    upcoming: list[UpcomingEvaluation]
    months: list[MonthCounts]

    @property
    def ordered_totals(self) -> list[int]:
        return [self.totals[status] for status in STATUS_ORDER]


def _owner_label(action: Action, *, show_names: bool) -> str:
    if action.owner_user_id is not None and action.owner_user is not None:
        return action.owner_user.get_full_name() if show_names else _("a staff member")
    return action.owner_organisation


def plan_figures(
    *,
    viewer: Any,
    neighbourhood: Neighbourhood,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
) -> PlanFigures | None:
    """The plan as group figures for the dashboard. Only staff of the area see an owner's
    name; an analyst sees "a staff member" (or the partner organisation)."""
    permissions.require(viewer, "plans.view_figures", neighbourhood)
    plan = plan_of(neighbourhood)
    if plan is None:
        return None
    actions = list(_actions(plan))
    if not actions:
        return None
    show_names = permissions.can(viewer, "plans.manage", neighbourhood)
    today = timezone.localdate()
    overdue = [
        OverdueAction(
            a.title,
            str(Phase(a.phase).label),
            a.due_on,
            _owner_label(a, show_names=show_names),
        )
        for a in sorted(actions, key=lambda a: (a.due_on, a.pk))
        if a.status in OPEN_STATUSES and a.due_on < today
    ]
    upcoming = sorted(
        (
            UpcomingEvaluation(moment.held_on, a.title)
            for a in actions
            for moment in a.evaluations.all()
            if moment.held_on >= today and not moment.learnt
        ),
        key=lambda u: u.held_on,
    )[:5]
    totals = Counter(a.status for a in actions)
    return PlanFigures(
        phases=_phases(actions),
        totals={s: totals.get(s, 0) for s in STATUS_ORDER},
        overdue=overdue,
        upcoming=upcoming,
        months=progress_by_month(plan, start=period_start, end=period_end),
    )
