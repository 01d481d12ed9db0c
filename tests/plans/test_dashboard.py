"""The plan's dashboard section: counts per phase and status, overdue actions, the next
evaluation moments and progress; an analyst sees no names."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from omzien.core import dashboard
from omzien.plans import selectors, services
from omzien.plans.models import ActionStatus, Phase

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def plan(areas: Any, builder: Any, time_machine: Any) -> None:
    time_machine.move_to(datetime.datetime(2026, 9, 1, 10, 0, tzinfo=AMS), tick=False)
    late = services.action_create(
        actor=builder, neighbourhood=areas.neighbourhood, title="Buurtkaart maken",
        phase=Phase.EXPLORE, start_on=datetime.date(2026, 9, 1),
        due_on=datetime.date(2026, 10, 1), owner_user=builder,
    )  # fmt: skip
    done = services.action_create(
        actor=builder, neighbourhood=areas.neighbourhood, title="Gastvrijheid trainen",
        phase=Phase.ENVISION, start_on=datetime.date(2026, 9, 1),
        due_on=datetime.date(2026, 12, 1), owner_organisation="Buurthuis De Linde",
    )  # fmt: skip
    time_machine.move_to(datetime.datetime(2026, 10, 15, 10, 0, tzinfo=AMS), tick=False)
    services.action_transition(actor=builder, action=done, to=ActionStatus.DONE)
    services.evaluation_save(actor=builder, action=late, held_on=datetime.date(2026, 11, 20))
    time_machine.move_to(datetime.datetime(2026, 11, 2, 10, 0, tzinfo=AMS), tick=False)


def _request(user: Any, areas: Any) -> dashboard.SectionRequest:
    return dashboard.SectionRequest(
        user=user,
        neighbourhood=areas.neighbourhood,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
    )


def _html(user: Any, areas: Any) -> str:
    with translation.override("nl"):
        sections = {s.key: s for s in dashboard.render_sections(_request(user, areas))}
    assert "plan" in sections
    return str(sections["plan"].html)


def test_staff_see_counts_overdue_evaluations_and_progress(
    areas: Any, builder: Any, plan: Any
) -> None:
    html = _html(builder, areas)
    assert "Acties per fase" in html
    assert "Buurtkaart maken" in html and "Kim Kwartiermaker" in html  # overdue, with owner
    assert "20-11-2026" in html  # the next evaluation moment
    assert "<svg" in html and "oktober 2026" in html  # the progress line and its table
    assert "<h2" not in html and "<script" not in html

    data = dashboard.api_sections(_request(builder, areas))["plan"]
    assert data["totals"] == {"planned": 1, "in_progress": 0, "done": 1, "stopped": 0}
    assert data["phases"]["verkennen"]["planned"] == 1
    assert data["phases"]["verbeelden"]["done"] == 1
    assert data["overdue"] == 1
    assert data["upcoming_evaluations"] == [{"date": "2026-11-20", "action": "Buurtkaart maken"}]
    assert [m["month"] for m in data["months"]] == ["2026-09", "2026-10", "2026-11"]
    assert data["months"][1]["done"] == 1
    assert "Kim" not in str(data)


def test_an_analyst_sees_the_figures_without_names(areas: Any, analyst: Any, plan: Any) -> None:
    html = _html(analyst, areas)
    assert "Buurtkaart maken" in html
    assert "Kim Kwartiermaker" not in html
    assert "een medewerker" in html
    with translation.override("nl"):
        figures = selectors.plan_figures(viewer=analyst, neighbourhood=areas.neighbourhood)
    assert figures is not None
    assert [(o.title, o.owner) for o in figures.overdue] == [("Buurtkaart maken", "een medewerker")]
    assert dashboard.api_sections(_request(analyst, areas))["plan"]["overdue"] == 1


def test_others_get_no_plan_section(
    areas: Any, plan: Any, other_professional: Any, resident: Any, volunteer: Any
) -> None:
    for user in (other_professional, resident.user, volunteer):
        keys = [s.key for s in dashboard.sections_for(user, areas.neighbourhood)]
        assert "plan" not in keys
        assert "plan" not in dashboard.api_sections(_request(user, areas))
        with pytest.raises(PermissionDenied):
            selectors.plan_figures(viewer=user, neighbourhood=areas.neighbourhood)


def test_no_plan_no_section(areas: Any, builder: Any) -> None:
    with translation.override("nl"):
        keys = [s.key for s in dashboard.render_sections(_request(builder, areas))]
    assert "plan" not in keys
