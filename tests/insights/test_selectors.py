"""Indicators per neighbourhood: the numbers, suppression under 5, and who may see them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from tests.conftest import make_user
from tests.insights.conftest import (
    AMS,
    END,
    START,
    activity,
    attend,
    extra_support,
    residents,
    session,
)

from omzien.accounts.models import Role
from omzien.insights import selectors
from omzien.matching.models import Direction, ReciprocityEntry
from omzien.matching.selectors import reciprocity_figures
from omzien.people.models import Person

pytestmark = pytest.mark.django_db


@dataclass
class Town:
    here: list[Person]  # 15 residents of Bloemhof; 0-4 with extra support
    there: list[Person]  # 6 residents of Vogelbuurt (same district)


@pytest.fixture
def town(areas: Any, today: Any) -> Town:
    """Session 1: Bloemhof residents 0-9. Session 2: residents 5-9 with all of Vogelbuurt.
    Residents 10-14 took part in nothing."""
    here = residents(areas.neighbourhood, 15)
    there = residents(areas.sibling, 6)
    extra_support(*here[:5])
    attend(session(activity(areas.neighbourhood)), *here[:10])
    attend(session(activity(areas.sibling, "Wandelen")), *here[5:10], *there)
    return Town(here, there)


def by_key(indicators: list[selectors.Indicator]) -> dict[str, selectors.Indicator]:
    return {i.key: i for i in indicators}


def test_the_figures_by_hand(town: Town, areas: Any, coordinator: Any) -> None:
    found = by_key(
        selectors.neighbourhood_indicators(
            viewer=coordinator, neighbourhood=areas.neighbourhood, start=START, end=END
        )
    )
    # 10 of the 15 residents took part.
    assert found["participation"].value == 67
    assert found["participation"].n == 15
    # All 5 people with extra support took part: "5 of 5" says something about every
    # one of them (nobody is left in the other part), so it is suppressed.
    assert found["reach_support"].suppressed and found["reach_support"].value is None
    assert found["reach_support"].display == "–"
    # Bloemhof's ties: 45 among residents 0-9 (I), 5 x 6 = 30 to Vogelbuurt (E).
    # (30 - 45) / 75 = -0.2: more within the own group.
    ei = found["ei_neighbourhoods"]
    assert ei.value == -0.2
    assert ei.n == 10
    assert ei.reading == "meer binnen de eigen groep"
    # Within Bloemhof: 10 ties among 0-4 and 10 among 5-9 (I = 20), 25 between (E).
    # (25 - 20) / 45 = 0.11: more between the groups.
    support = found["ei_support"]
    assert support.value == 0.11
    assert support.reading == "meer tussen groepen"
    # Residents 10-14: five without a tie; nobody has exactly one.
    assert found["no_ties"].value == 5
    assert found["one_tie"].suppressed and found["one_tie"].value is None
    assert found["communities"].n == 10
    assert all(size >= 5 for size in found["communities"].extra["sizes"])
    # No reports: nothing to show.
    assert found["report_hours"].suppressed
    assert 0 <= found["social_map"].value <= 100


def test_small_groups_are_suppressed_everywhere(areas: Any, today: Any, analyst: Any) -> None:
    few = residents(areas.neighbourhood, 4)
    extra_support(few[0])
    attend(session(activity(areas.neighbourhood)), *few)
    found = selectors.neighbourhood_indicators(
        viewer=analyst, neighbourhood=areas.neighbourhood, start=START, end=END
    )
    people_figures = [i for i in found if i.key != "social_map"]
    assert all(i.suppressed and i.value is None and i.display == "–" for i in people_figures)
    assert all(i.n is None or i.n >= 5 for i in found)


def test_reciprocity_reuses_the_matching_definition(
    areas: Any, today: Any, coordinator: Any
) -> None:
    people = residents(areas.neighbourhood, 10)
    day = timezone.localdate() - datetime.timedelta(days=30)
    for index, person in enumerate(people):
        ReciprocityEntry.objects.create(person=person, direction=Direction.GAVE, what="x", on=day)
        if index < 5:
            ReciprocityEntry.objects.create(
                person=person, direction=Direction.RECEIVED, what="y", on=day
            )
    ours = by_key(
        selectors.neighbourhood_indicators(
            viewer=coordinator,
            neighbourhood=areas.neighbourhood,
            start=timezone.localdate() - datetime.timedelta(days=365),
            end=timezone.localdate(),
        )
    )["reciprocity"]
    theirs = reciprocity_figures(viewer=coordinator, neighbourhood=areas.neighbourhood)
    assert ours.value == theirs.both.percent == 50
    # The second quarter has no entries at all.
    quiet = by_key(
        selectors.indicators_for_period(
            areas.neighbourhood, datetime.date(2026, 4, 1), datetime.date(2026, 6, 30)
        )
    )["reciprocity"]
    assert quiet.value is None


def test_staff_and_analysts_of_the_area_only(
    areas: Any,
    today: Any,
    professional: Any,
    analyst: Any,
    other_professional: Any,
    volunteer: Any,
    resident: Any,
) -> None:
    for allowed in (professional, analyst):
        selectors.neighbourhood_indicators(
            viewer=allowed, neighbourhood=areas.neighbourhood, start=START, end=END
        )
    other_analyst = make_user(Role.ANALYST, areas.other_district)
    for refused in (other_professional, other_analyst, volunteer, resident.user, None):
        with pytest.raises(PermissionDenied):
            selectors.neighbourhood_indicators(
                viewer=refused, neighbourhood=areas.neighbourhood, start=START, end=END
            )
        with pytest.raises(PermissionDenied):
            selectors.neighbourhood_trend(
                viewer=refused, neighbourhood=areas.neighbourhood, end=END
            )


def test_trend_over_the_last_four_quarters(town: Town, areas: Any, analyst: Any) -> None:
    trend = selectors.neighbourhood_trend(
        viewer=analyst, neighbourhood=areas.neighbourhood, end=END
    )
    assert trend.labels == ["K4 2025", "K1 2026", "K2 2026", "K3 2026"]
    assert trend.values["participation"] == [None, None, None, 67]
    assert trend.values["ei_neighbourhoods"] == [None, None, None, -0.2]


def test_quarters() -> None:
    assert selectors.quarter_of(datetime.date(2026, 11, 30)) == (
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 31),
    )
    assert selectors.last_quarters(datetime.date(2026, 2, 1), 2) == [
        (datetime.date(2025, 10, 1), datetime.date(2025, 12, 31)),
        (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)),
    ]


def test_report_point_response_times(
    areas: Any, today: Any, coordinator: Any, time_machine: Any
) -> None:
    from omzien.reports import services as reports
    from omzien.reports.models import Category, Report, ReportStatus

    category = Category.objects.get(municipality=areas.municipality, slug="onveilige-plek")
    sent = datetime.datetime(2026, 8, 3, 9, 0, tzinfo=AMS)
    time_machine.move_to(sent, tick=False)
    made = [
        reports.report_create(
            category=category,
            subcategory=category.children.get(slug="donkere-doorgang"),
            submission_key=f"key-{i}",
            description="De doorgang achter de school is heel donker.",
            answers={"wanneer": "Als het donker is"},
            address="Schoolpad 1",
        ).report
        for i in range(6)
    ]
    Report.objects.filter(pk__in=[r.pk for r in made]).update(
        neighbourhood=areas.neighbourhood, deadline_at=sent + datetime.timedelta(hours=48)
    )
    # The first step by staff after 2, 4, 6, 8 and 100 hours; one report has no step yet.
    for report, hours in zip(made, [2, 4, 6, 8, 100], strict=False):
        time_machine.move_to(sent + datetime.timedelta(hours=hours), tick=False)
        reports.report_transition(report=report, to=ReportStatus.IN_PROGRESS, by=coordinator)
    time_machine.move_to(today, tick=False)
    found = by_key(selectors.indicators_for_period(areas.neighbourhood, START, END))
    # Median of 2, 4, 6, 8, 100 hours.
    assert found["report_hours"].value == 6.0
    assert found["report_hours"].display == "6,0 uur"
    assert found["report_hours"].n == 5
    # 4 of the 6 reports with a deadline had a first step within 48 hours.
    assert found["report_in_time"].value == 67
    assert found["report_in_time"].n == 6
    # Another neighbourhood has none of them.
    elsewhere = by_key(selectors.indicators_for_period(areas.sibling, START, END))
    assert elsewhere["report_hours"].suppressed
