"""The tie graph from attendance, circles and matches: consent, periods, groups, Davis."""

from __future__ import annotations

import datetime
from typing import Any

import networkx as nx
import numpy as np
import pytest
from django.utils import timezone
from tests.factories import PersonFactory
from tests.insights.conftest import (
    AMS,
    END,
    START,
    activity,
    attend,
    circle,
    consent,
    extra_support,
    match,
    meeting,
    residents,
    session,
)

from omzien.activities.models import SessionStatus
from omzien.insights.ties import GroupBy, tie_graph
from omzien.matching.models import MatchEvent, MatchState, Topic

pytestmark = pytest.mark.django_db


def edges_by_person(tg: Any) -> dict[tuple[int, int], float]:
    g = tg.graph
    pk = tg.person_ids
    return {
        (int(pk[a]), int(pk[b])): float(w)
        for a, b, w in zip(g.u.tolist(), g.v.tolist(), g.w.tolist(), strict=True)
    }


def test_co_attendance_weight_is_shared_sessions(areas: Any, today: Any) -> None:
    a, b, c = residents(areas.neighbourhood, 3)
    act = activity(areas.neighbourhood)
    attend(session(act), a, b, c)
    attend(session(act), a, b)
    ties = edges_by_person(tie_graph(neighbourhoods=[areas.neighbourhood], start=START, end=END))
    assert ties == {(a.pk, b.pk): 2.0, (a.pk, c.pk): 1.0, (b.pk, c.pk): 1.0}


def test_only_consented_active_people_in_the_period(areas: Any, today: Any) -> None:
    a, b = residents(areas.neighbourhood, 2)
    no_consent = PersonFactory(neighbourhood=areas.neighbourhood)
    withdrawn = PersonFactory(neighbourhood=areas.neighbourhood)
    consent(withdrawn, revoked_at=timezone.now())
    erased = residents(areas.neighbourhood, 1)[0]
    act = activity(areas.neighbourhood)
    attend(session(act), a, b, no_consent, withdrawn, erased)
    erased.erased_at = timezone.now()
    erased.save(update_fields=["erased_at"])
    # Outside the period, and a cancelled session: no ties.
    c, d = residents(areas.neighbourhood, 2)
    attend(session(act, datetime.datetime(2026, 6, 30, 20, 0, tzinfo=AMS)), c, d)
    attend(session(act, datetime.datetime(2026, 10, 1, 0, 30, tzinfo=AMS)), c, d)
    attend(session(act, status=SessionStatus.CANCELLED), c, d)

    tg = tie_graph(neighbourhoods=[areas.neighbourhood], start=START, end=END)
    assert edges_by_person(tg) == {(a.pk, b.pk): 1.0}
    assert erased.pk not in tg.person_ids.tolist()  # never a node
    assert tg.graph.n == 6  # a, b, no_consent, withdrawn, c, d
    active = dict(zip(tg.person_ids.tolist(), tg.active.tolist(), strict=True))
    assert active[a.pk] and not active[no_consent.pk] and not active[c.pk]


def test_circles_and_matches_make_ties(areas: Any, today: Any, time_machine: Any) -> None:
    a, b, c, d, e, f = residents(areas.neighbourhood, 6, consented=False)
    made = circle(areas.neighbourhood, a, b)
    meeting(made, a, b)
    match(c, d)  # help, both said yes
    match(e, f, topic=Topic.BUDDY, state=MatchState.MET)
    match(a, f, state=MatchState.ONE_ACCEPTED, accepted=None)  # not both yes: no tie
    later = match(b, c, accepted=datetime.datetime(2026, 10, 2, tzinfo=AMS))  # after the period
    ended = match(d, e, state=MatchState.ENDED)
    # It ended before the period started.
    time_machine.move_to(datetime.datetime(2026, 6, 1, tzinfo=AMS), tick=False)
    MatchEvent.objects.create(match=ended, to_state=MatchState.ENDED)
    time_machine.move_to(today, tick=False)

    tg = tie_graph(neighbourhoods=[areas.neighbourhood], start=START, end=END)
    # Membership and a meeting together: weight 2.
    assert edges_by_person(tg) == {(a.pk, b.pk): 2.0, (c.pk, d.pk): 1.0, (e.pk, f.pk): 1.0}
    assert tg.sources["buddies"] == 1 and tg.sources["help"] == 1
    assert later.pk  # kept for clarity: accepted after the period, so not counted


def test_groups_by_neighbourhood_and_by_extra_support(areas: Any, today: Any) -> None:
    here = residents(areas.neighbourhood, 2)
    there = residents(areas.sibling, 1)
    extra_support(here[0])
    act = activity(areas.neighbourhood)
    attend(session(act), *here, *there)
    by_area = tie_graph(neighbourhoods=[areas.neighbourhood, areas.sibling], start=START, end=END)
    assert sorted(by_area.group_names) == ["Bloemhof", "Vogelbuurt"]
    groups = dict(zip(by_area.person_ids.tolist(), by_area.graph.groups.tolist(), strict=True))
    assert groups[here[0].pk] == groups[here[1].pk] != groups[there[0].pk]
    by_support = tie_graph(
        neighbourhoods=[areas.neighbourhood, areas.sibling],
        start=START,
        end=END,
        group_by=GroupBy.SUPPORT,
    )
    labels = dict(
        zip(by_support.person_ids.tolist(), by_support.graph.groups.tolist(), strict=True)
    )
    assert labels == {here[0].pk: 1, here[1].pk: 0, there[0].pk: 0}


def test_davis_southern_women_through_the_attendance_model(areas: Any, today: Any) -> None:
    """The classic co-attendance data (Davis, Gardner & Gardner 1941), loaded as people,
    sessions and attendance, gives the same weighted ties as networkx's projection."""
    davis = nx.davis_southern_women_graph()
    women = [n for n, d in davis.nodes(data=True) if d["bipartite"] == 0]
    events = [n for n, d in davis.nodes(data=True) if d["bipartite"] == 1]
    people = {
        name: PersonFactory(neighbourhood=areas.neighbourhood, first_name=name) for name in women
    }
    for person in people.values():
        consent(person)
    act = activity(areas.neighbourhood, "Davis")
    sessions = {event: session(act) for event in events}
    for event in events:
        attend(sessions[event], *(people[w] for w in davis.neighbors(event)))

    tg = tie_graph(neighbourhoods=[areas.neighbourhood], start=START, end=END)
    by_pk = {p.pk: name for name, p in people.items()}
    ours = {frozenset((by_pk[a], by_pk[b])): w for (a, b), w in edges_by_person(tg).items()}
    projected = nx.bipartite.weighted_projected_graph(davis, women)
    expected = {frozenset((a, b)): float(d["weight"]) for a, b, d in projected.edges(data=True)}
    assert ours == expected
    assert len(expected) == 139  # 18 women, 139 pairs who met at least once
    degree = dict(projected.degree())
    np.testing.assert_array_equal(
        np.sort(np.bincount(tg.graph.u, minlength=18) + np.bincount(tg.graph.v, minlength=18)),
        np.sort(list(degree.values())),
    )
