"""The demo has enough ties for the insights section to show figures and a trend."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from omzien.accounts.models import User
from omzien.activities.demo import build_activities_demo
from omzien.circles.demo import build_circles_demo
from omzien.core import dashboard
from omzien.directory.demo import build_directory_demo
from omzien.insights import selectors
from omzien.insights.demo import build_insights_demo
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.demo import build_demo
from omzien.people.models import Consent, ConsentCategory


@pytest.fixture
def demo(db: Any) -> Any:
    build_demo()
    build_directory_demo()
    build_activities_demo()
    build_circles_demo()
    return build_insights_demo()


def test_the_demo_section_shows_figures_and_a_trend(demo: Any) -> None:
    assert demo.activities == 2 and demo.attendances > 50
    # Named attendance only for people who agreed to it.
    consented = set(
        Consent.objects.filter(category=ConsentCategory.ATTENDANCE).values_list(
            "person_id", flat=True
        )
    )
    from omzien.activities.models import Attendance

    assert set(Attendance.objects.values_list("person_id", flat=True)) <= consented
    analyst = User.objects.get(email="demo-analyst@omzien.invalid")
    lindehof = Neighbourhood.objects.get(code="BU99010101")
    end = timezone.localdate()
    found = {
        i.key: i
        for i in selectors.neighbourhood_indicators(
            viewer=analyst, neighbourhood=lindehof, start=end - datetime.timedelta(days=90), end=end
        )
    }
    for key in ("participation", "ei_neighbourhoods", "assortativity_neighbourhoods", "no_ties"):
        assert found[key].value is not None, key
    trend = selectors.neighbourhood_trend(viewer=analyst, neighbourhood=lindehof, end=end)
    assert all(value is not None for value in trend.values["participation"])
    request = dashboard.SectionRequest(
        user=analyst,
        neighbourhood=lindehof,
        period_start=end - datetime.timedelta(days=90),
        period_end=end,
    )
    html = {s.key: s.html for s in dashboard.render_sections(request)}["insights"]
    assert "<svg" in html and "Meedoen" in html
    # Running it again adds nothing.
    assert build_insights_demo().activities == 0
