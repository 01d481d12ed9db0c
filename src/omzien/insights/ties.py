"""Who is tied to whom, from what people already do on the platform.

A tie joins two active (not erased) residents of the chosen neighbourhoods in a period:
- they came to the same activity session (weight: the number of sessions they shared);
- they came to the same circle meeting, or take part in the same circle;
- a help exchange or buddy match between them in which both said yes.

Consent (see docs/insights.md): activity attendance counts only for people with an
attendance consent in force today (attendance is only recorded with that consent, and a
withdrawn consent takes the person's attendance out of the figures). Circle membership
and meeting attendance are recorded with the participant's own yes; a match only becomes
a tie once both sides said yes. Erased people are never nodes.

The graph work is vectorised (omzien.insights.graph); this module only reads ids.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from omzien.activities.models import Attendance, SessionStatus
from omzien.circles.models import MeetingAttendance, Membership
from omzien.insights import graph as engine
from omzien.matching.models import CONTACT_STATES, Match, MatchEvent, MatchState, Topic
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.models import Consent, ConsentCategory, Person


class GroupBy:
    NEIGHBOURHOOD = "neighbourhood"
    SUPPORT = "support"


@dataclass(frozen=True)
class TieGraph:
    person_ids: np.ndarray  # node index -> Person pk (sorted)
    neighbourhood_ids: np.ndarray  # node index -> Neighbourhood pk
    extra_support: np.ndarray  # node index -> bool
    active: np.ndarray  # node index -> took part in anything in the period
    graph: engine.Graph
    group_names: list[str]
    sources: dict[str, int] = field(default_factory=dict)  # ties per source

    def index_of(self, person_ids: Iterable[int]) -> np.ndarray:
        ids = np.fromiter(person_ids, dtype=np.int64)
        return np.searchsorted(self.person_ids, ids)


def _bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, ...]:
    tz = timezone.get_current_timezone()
    low = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    high = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return low, high


def extra_support_ids(people: QuerySet[Person]) -> set[int]:
    """ "Extra support" as matching defines it: what the person set up themself (a support
    network, an early-warning plan) or a warm welcome by a referral. Never a diagnosis."""
    from omzien.support.models import EarlyWarningPlan, NetworkMember
    from omzien.welcome.models import Referral

    found = set(NetworkMember.objects.filter(person__in=people).values_list("person_id", flat=True))
    found |= set(
        EarlyWarningPlan.objects.filter(person__in=people).values_list("person_id", flat=True)
    )
    found |= set(Referral.objects.filter(person__in=people).values_list("person_id", flat=True))
    return found


def _pairs(rows: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    data = np.asarray(rows, dtype=np.int64)
    return data[:, 0], data[:, 1]


def _incidence(
    person_ids: np.ndarray, rows: list[tuple[int, int]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Co-membership ties from (person pk, event pk) rows, plus who took part at all."""
    people, events = _pairs(rows)
    nodes = np.searchsorted(person_ids, people)
    _unique, cols = np.unique(events, return_inverse=True)
    u, v, w = engine.co_membership_edges(nodes, cols, person_ids.size, int(_unique.size))
    return u, v, w, nodes


def tie_graph(
    *,
    neighbourhoods: Iterable[Neighbourhood],
    start: datetime.date,
    end: datetime.date,
    group_by: str = GroupBy.NEIGHBOURHOOD,
) -> TieGraph:
    """The tie graph of the residents of `neighbourhoods` from `start` to `end` (inclusive)."""
    areas = list(neighbourhoods)
    low, high = _bounds(start, end)
    people = (
        Person.objects.active()
        .filter(neighbourhood__in=areas)
        .order_by("pk")
        .values_list("pk", "neighbourhood_id")
    )
    rows = list(people)
    person_ids = np.asarray([r[0] for r in rows], dtype=np.int64)
    neighbourhood_ids = np.asarray([r[1] for r in rows], dtype=np.int64)
    n = person_ids.size
    in_area = Person.objects.active().filter(neighbourhood__in=areas)

    consented = Consent.objects.in_force().filter(category=ConsentCategory.ATTENDANCE)
    sessions = list(
        Attendance.objects.filter(
            person__in=in_area,
            session__starts_at__gte=low,
            session__starts_at__lt=high,
        )
        .exclude(session__status=SessionStatus.CANCELLED)
        .filter(person__in=consented.values("person_id"))
        .values_list("person_id", "session_id")
    )
    meetings = list(
        MeetingAttendance.objects.filter(
            person__in=in_area, meeting__starts_at__gte=low, meeting__starts_at__lt=high
        ).values_list("person_id", "meeting_id")
    )
    circles = list(
        Membership.objects.filter(person__in=in_area, joined_on__lte=end)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=start))
        .values_list("person_id", "circle_id")
    )

    ended_at = (
        MatchEvent.objects.filter(match=OuterRef("pk"), to_state=MatchState.ENDED)
        .order_by("at")
        .values("at")[:1]
    )
    matches = list(
        Match.objects.filter(
            state__in=CONTACT_STATES,
            request__owner__in=in_area,
            offer__owner__in=in_area,
            request_accepted_at__lt=high,
            offer_accepted_at__lt=high,
        )
        .annotate(ended=Subquery(ended_at))
        .filter(Q(ended__isnull=True) | Q(ended__gte=low))
        .values_list("request__owner_id", "offer__owner_id", "request__topic")
    )

    us, vs, ws = [], [], []
    active = np.zeros(n, dtype=bool)
    sources: dict[str, int] = {}
    for name, data in (("sessions", sessions), ("meetings", meetings), ("circles", circles)):
        u, v, w, nodes = _incidence(person_ids, data)
        us.append(u)
        vs.append(v)
        ws.append(w)
        active[nodes] = True
        sources[name] = int(u.size)
    if matches:
        pairs = np.asarray([(a, b) for a, b, _topic in matches], dtype=np.int64)
        u = np.searchsorted(person_ids, pairs[:, 0])
        v = np.searchsorted(person_ids, pairs[:, 1])
        us.append(u)
        vs.append(v)
        ws.append(np.ones(u.size))
        active[u] = True
        active[v] = True
        buddy = sum(1 for *_pair, topic in matches if topic == Topic.BUDDY)
        sources["buddies"] = buddy
        sources["help"] = len(matches) - buddy

    support = np.isin(person_ids, np.fromiter(extra_support_ids(in_area), np.int64))
    if group_by == GroupBy.SUPPORT:
        groups = support.astype(np.int64)
        names = ["other", "extra_support"]  # keys, not shown to anyone
    else:
        area_ids = np.asarray(sorted({a.pk for a in areas}), dtype=np.int64)
        groups = np.searchsorted(area_ids, neighbourhood_ids)
        by_pk = {a.pk: a.name for a in areas}
        names = [by_pk[int(pk)] for pk in area_ids]
    graph = engine.build_graph(
        n,
        np.concatenate(us) if us else np.zeros(0, np.int64),
        np.concatenate(vs) if vs else np.zeros(0, np.int64),
        np.concatenate(ws) if ws else np.zeros(0),
        groups,
    )
    return TieGraph(
        person_ids=person_ids,
        neighbourhood_ids=neighbourhood_ids,
        extra_support=support,
        active=active,
        graph=graph,
        group_names=names,
        sources=sources,
    )
