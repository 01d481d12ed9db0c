"""The scan's dashboard sections, called directly: group figures only, small groups
suppressed, no names or comments."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from tests.dashboard.conftest import FIRST_SCAN, HIDDEN_COHESION, Figures

from omzien.core import dashboard

pytestmark = pytest.mark.django_db

ALL_TIME = (datetime.date(2020, 1, 1), datetime.date(2026, 12, 31))


def ask(user: Any, figures: Figures, start: datetime.date, end: datetime.date) -> Any:
    return dashboard.SectionRequest(
        user=user, neighbourhood=figures.neighbourhood, period_start=start, period_end=end
    )


def test_scan_and_questionnaires_are_registered_in_order(analyst: Any, figures: Figures) -> None:
    keys = [s.key for s in dashboard.sections_for(analyst, figures.neighbourhood)]
    assert keys.index("scan") < keys.index("questionnaires")


def test_scan_section_shows_latest_means_spread_and_trend(analyst: Any, figures: Figures) -> None:
    rendered = {s.key: s for s in dashboard.render_sections(ask(analyst, figures, *ALL_TIME))}
    html = rendered["scan"].html
    assert '<svg class="radar"' in html
    # only characteristic 1 has a figure in both scans; 5 had fewer than 5 participants
    assert html.count('class="chart chart-line"') == 1
    flat = re.sub(r"\s+", " ", html)
    # latest scan, characteristic 1: 4, 3, 5, 4, 4, 4 -> 4,0 with spread 3-5 over 6 scores
    assert "Een open houding</th> <td>4,0</td> <td>3–5</td> <td>6</td></tr>" in flat
    # characteristic 5: scores 4 and 5 from two participants -> hidden, neither number shown
    hidden = "<td>–</td> <td>–</td> <td>minder dan 5 deelnemers</td></tr>"
    assert f"Veiligheid</th> {hidden}" in flat
    assert f"Van betekenis zijn</th> {hidden}" in flat
    # trend table: characteristic 1 went from 3,0 to 4,0; 5 is hidden in both scans
    assert "Een open houding</th><td>3,0</td><td>4,0</td></tr>" in flat
    assert "Veiligheid</th><td>–</td><td>–</td></tr>" in flat
    assert "Geheimnaam" not in html
    assert "geheim blijft" not in html


def test_scan_api_figures(analyst: Any, figures: Figures) -> None:
    data = dashboard.api_sections(ask(analyst, figures, *ALL_TIME))["scan"]
    assert data["held_on"] == "2026-06-10"
    assert data["participants"] == 5
    assert data["means"] == {"1": 4.0, "2": None, "3": None, "4": None, "5": None}
    first = data["characteristics"][0]
    assert (first["mean"], first["minimum"], first["maximum"], first["scores"]) == (4.0, 3, 5, 6)
    fifth = data["characteristics"][4]
    assert (fifth["mean"], fifth["minimum"], fifth["maximum"]) == (None, None, None)
    assert [t["means"]["1"] for t in data["trend"]] == [3.0, 4.0]
    assert "Geheimnaam" not in str(data)


def test_period_limits_the_scans(analyst: Any, figures: Figures) -> None:
    only_first = ask(analyst, figures, FIRST_SCAN, datetime.date(2025, 12, 31))
    data = dashboard.api_sections(only_first)
    assert data["scan"]["held_on"] == "2025-06-10"
    assert len(data["scan"]["trend"]) == 1
    assert data["scan"]["means"]["1"] == 3.0
    assert "questionnaires" not in data  # answers came in 2026
    nothing = ask(analyst, figures, datetime.date(2019, 1, 1), datetime.date(2019, 12, 31))
    # no scan and no answers in 2019 (insights' social-map coverage describes today's map)
    assert {"scan", "questionnaires"}.isdisjoint(s.key for s in dashboard.render_sections(nothing))
    assert {"scan", "questionnaires"}.isdisjoint(dashboard.api_sections(nothing))


def test_questionnaire_section_suppresses_small_groups(analyst: Any, figures: Figures) -> None:
    rendered = {s.key: s for s in dashboard.render_sections(ask(analyst, figures, *ALL_TIME))}
    html = rendered["questionnaires"].html
    assert "Ronde najaar" in html and "Kleine ronde" in html
    assert "<td>60</td>" in html and "<td>40</td>" in html
    assert "minder dan 5 antwoorden" in html
    # the cohesion mean of the four who answered it is not shown, nor the small round's count
    assert str(HIDDEN_COHESION).replace(".", ",") not in html
    assert str(HIDDEN_COHESION) not in html
    assert "<td>4</td>" not in html


def test_questionnaire_api_has_null_for_suppressed(analyst: Any, figures: Figures) -> None:
    data = dashboard.api_sections(ask(analyst, figures, *ALL_TIME))["questionnaires"]
    small, campaign = data["rounds"]
    assert small["title"] == "Kleine ronde"
    assert small["respondents"] is None
    assert small["share_lonely"] is None and small["cohesion_mean"] is None
    assert campaign["respondents"] == 5
    assert (campaign["share_lonely"], campaign["share_severely_lonely"]) == (60, 40)
    assert campaign["loneliness_mean"] == pytest.approx(2.8)
    assert campaign["cohesion_mean"] is None
    assert data["latest"]["respondents"] is None  # the newest round is the small one
    assert str(HIDDEN_COHESION) not in str(data)


def test_a_fifth_cohesion_answer_makes_the_figure_appear(analyst: Any, figures: Figures) -> None:
    """The suppression test above can fail: with five answers the mean is shown."""
    from tests.dashboard.conftest import ANSWERED_ON, STRONG

    from omzien.scan import services

    services.response_submit(
        campaign=figures.campaign, today=ANSWERED_ON, loneliness={}, cohesion=STRONG
    )
    data = dashboard.api_sections(ask(analyst, figures, *ALL_TIME))["questionnaires"]
    assert data["rounds"][1]["cohesion_mean"] == pytest.approx(9.9)
