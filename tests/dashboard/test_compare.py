"""Comparing neighbourhoods side by side: only those the viewer may see; "–" when hidden."""

from __future__ import annotations

import re
from typing import Any

import pytest
from tests.dashboard.conftest import ANSWERED_ON, HIDDEN_COHESION, SIX, Figures

from omzien.dashboard.selectors import plain_numbers
from omzien.scan import services

pytestmark = pytest.mark.django_db

URL = "/buurtbeeld/vergelijken/"


def cells(html: str, label: str) -> list[str]:
    row = re.search(rf"<tr><th scope=\"row\">{re.escape(label)}</th>(.*?)</tr>", html)
    assert row, label
    return re.findall(r"<td>(.*?)</td>", row.group(1))


def test_two_neighbourhoods_side_by_side(
    as_user: Any, analyst: Any, builder: Any, areas: Any, figures: Figures
) -> None:
    sibling_round = services.campaign_create(
        actor=_staff(areas), neighbourhood=areas.sibling, title="Vogels"
    )
    for answers in SIX:
        services.response_submit(campaign=sibling_round, today=ANSWERED_ON,
                                 loneliness=answers, cohesion={})  # fmt: skip
    response = as_user(analyst).get(
        f"{URL}?buurt={areas.neighbourhood.code}&buurt={areas.sibling.code}&van=2020-01-01"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bloemhof" in html and "Vogelbuurt" in html
    assert cells(html, "1. " + _title(1)) == ["4", "–"]  # no scan in Vogelbuurt
    assert cells(html, "deelnemers aan de laatste scan") == ["5", "–"]
    # the newest round in Bloemhof is the small one: hidden; Vogelbuurt has five answers
    assert cells(html, "antwoorden (laatste vragenlijst)") == ["–", "5"]
    assert cells(html, "eenzaam, % (laatste vragenlijst)") == ["–", "60"]
    assert str(HIDDEN_COHESION).replace(".", ",") not in html


def test_a_neighbourhood_the_viewer_may_not_see_is_refused(
    as_user: Any, builder: Any, areas: Any, figures: Figures
) -> None:
    response = as_user(builder).get(
        f"{URL}?buurt={areas.neighbourhood.code}&buurt={areas.elsewhere.code}"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "U kunt de cijfers van BU03630201 niet zien." in html
    assert "Havenkwartier" not in html
    assert "Naast elkaar" not in html


def test_one_neighbourhood_is_not_a_comparison(as_user: Any, analyst: Any, areas: Any) -> None:
    html = as_user(analyst).get(f"{URL}?buurt={areas.neighbourhood.code}").content.decode()
    assert "Kies ten minste twee buurten." in html


def test_from_the_dashboard_the_neighbourhood_is_ticked(
    as_user: Any, analyst: Any, areas: Any
) -> None:
    html = as_user(analyst).get(f"{URL}?met={areas.neighbourhood.code}").content.decode()
    assert re.search(rf'value="{areas.neighbourhood.code}"[^>]*checked', html)
    assert "error-summary" not in html


def test_residents_are_refused(as_user: Any, resident: Any) -> None:
    assert as_user(resident.user).get(URL).status_code == 403


def test_plain_numbers_of_any_section() -> None:
    figures = {"people": 12, "share": 0.4, "hidden": None, "flag": True, "name": "x",
               "nested": {"count": 3, "list": [1, 2]}, "rows": [{"a": 1}]}  # fmt: skip
    assert [key for key, _label in plain_numbers(figures)] == [
        "people",
        "share",
        "hidden",
        "nested.count",
    ]
    labelled = {"a": 1, "b": 2, "labels": {"b": "Bee"}}
    assert plain_numbers(labelled) == [("b", "Bee")]


def _staff(areas: Any) -> Any:
    from tests.conftest import make_user

    from omzien.accounts.models import Role

    return make_user(Role.COORDINATOR, areas.municipality)


def _title(number: int) -> str:
    from omzien.scan.models import Characteristic

    return Characteristic.objects.get(number=number).title
