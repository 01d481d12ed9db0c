"""The dashboard API: the page's figures as JSON, suppressed values as null."""

from __future__ import annotations

from typing import Any

import pytest
from tests.dashboard.conftest import HIDDEN_COHESION, Figures

pytestmark = pytest.mark.django_db

LIST = "/api/dashboard/neighbourhoods"


def detail(figures: Figures, query: str = "") -> str:
    return f"{LIST}/{figures.neighbourhood.code}{query}"


def test_list_gives_the_viewers_neighbourhoods(as_user: Any, builder: Any, areas: Any) -> None:
    response = as_user(builder).get(LIST)
    assert response.status_code == 200
    assert response.json() == [
        {"code": "BU03630101", "name": "Bloemhof", "district": "Oost", "municipality": "Amsterdam"}
    ]


def test_detail_has_the_sections_with_null_for_suppressed(
    as_user: Any, analyst: Any, figures: Figures
) -> None:
    response = as_user(analyst).get(detail(figures, "?start=2020-01-01&end=2026-12-31"))
    assert response.status_code == 200
    data = response.json()
    assert (data["code"], data["start"], data["end"]) == ("BU03630101", "2020-01-01", "2026-12-31")
    assert data["min_group"] == 5
    assert data["sections"]["scan"]["means"]["1"] == 4.0
    small, campaign = data["sections"]["questionnaires"]["rounds"]
    assert small["respondents"] is None and small["share_lonely"] is None
    assert campaign["share_lonely"] == 60
    assert campaign["cohesion_mean"] is None
    assert str(HIDDEN_COHESION) not in response.content.decode()
    assert "Geheimnaam" not in response.content.decode()


def test_period_narrows_the_figures(as_user: Any, analyst: Any, figures: Figures) -> None:
    data = as_user(analyst).get(detail(figures, "?start=2025-01-01&end=2025-12-31")).json()
    assert data["sections"]["scan"]["held_on"] == "2025-06-10"
    assert "questionnaires" not in data["sections"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?start=2026-13-01", "start"),
        ("?end=gisteren", "end"),
        ("?start=2026-05-01&end=2026-01-01", "end"),
    ],
)
def test_bad_dates_are_400_in_dutch_and_english(
    as_user: Any, analyst: Any, figures: Figures, query: str, field: str
) -> None:
    response = as_user(analyst).get(detail(figures, query))
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Invalid input / ongeldige invoer"
    assert list(body["errors"]) == [field]


def test_wrong_people_get_structured_errors(
    client: Any, as_user: Any, figures: Figures, resident: Any, elsewhere_analyst: Any
) -> None:
    anonymous = client.get(detail(figures))
    assert anonymous.status_code == 401
    assert anonymous.json()["detail"] == "Not logged in / niet ingelogd"
    assert client.get(LIST).status_code == 401

    stranger = as_user(elsewhere_analyst).get(detail(figures))
    assert stranger.status_code == 403
    assert stranger.json()["detail"] == "Not allowed / dit mag u niet"
    assert as_user(elsewhere_analyst).get(LIST).json() == []

    assert as_user(resident.user).get(detail(figures)).status_code == 403
    assert as_user(resident.user).get(LIST).status_code == 403

    unknown = as_user(elsewhere_analyst).get(f"{LIST}/BU00000000")
    assert unknown.status_code == 404
    assert unknown.json()["detail"] == "Unknown neighbourhood / onbekende buurt"


def test_openapi_documents_the_endpoints(client: Any) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/dashboard/neighbourhoods" in paths
    assert "/api/dashboard/neighbourhoods/{code}" in paths
