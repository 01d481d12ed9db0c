"""The dashboard page: who sees it, the period filter, sections under h2 and a contents list."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.urls import reverse
from tests.dashboard.conftest import Figures

from omzien.core import navigation

pytestmark = pytest.mark.django_db

NOW = "2026-11-30 10:00:00+01:00"


def page_url(figures: Figures, **query: str) -> str:
    url = reverse("dashboard:neighbourhood", args=[figures.neighbourhood.code])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def test_list_shows_the_neighbourhoods_of_the_viewer(as_user: Any, areas: Any, analyst: Any,
                                                       builder: Any) -> None:  # fmt: skip
    html = as_user(analyst).get(reverse("dashboard:index")).content.decode()
    assert "Bloemhof" in html and "Vogelbuurt" in html and "Havenkwartier" in html
    html = as_user(builder).get(reverse("dashboard:index")).content.decode()
    assert "Bloemhof" in html and "Vogelbuurt" not in html


@time_machine.travel(NOW, tick=False)
def test_page_renders_every_section_under_an_h2_with_contents(
    as_user: Any, analyst: Any, figures: Figures
) -> None:
    response = as_user(analyst).get(page_url(figures))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="section-scan">De vijf kenmerken (buurtscan)</h2>' in html
    assert '<h2 id="section-questionnaires">' in html
    assert '<a href="#section-scan">' in html and '<a href="#section-questionnaires">' in html
    assert "1 januari 2022 tot en met 30 november 2026" in html  # the default: five years
    assert reverse("dashboard:report_pdf", args=[figures.neighbourhood.code]) in html
    assert f"{reverse('dashboard:compare')}?met={figures.neighbourhood.code}" in html
    assert '<svg class="radar"' in html
    assert "minder dan 5 antwoorden" in html
    assert "Geheimnaam" not in html and "geheim blijft" not in html


@time_machine.travel(NOW, tick=False)
def test_year_filter(as_user: Any, professional: Any, figures: Figures) -> None:
    html = as_user(professional).get(page_url(figures, jaar="2025")).content.decode()
    assert "1 januari 2025 tot en met 31 december 2025" in html
    assert "10 juni 2025" in html  # the first scan is the latest in 2025
    assert 'id="section-questionnaires"' not in html  # the answers came in 2026
    assert 'value="2025" selected' in html
    assert "jaar=2025" in html  # the PDF link keeps the period


@time_machine.travel(NOW, tick=False)
def test_from_to_filter_and_an_empty_period(as_user: Any, analyst: Any, figures: Figures) -> None:
    client = as_user(analyst)
    html = client.get(page_url(figures, van="2026-01-01", tot="2026-12-31")).content.decode()
    assert "10 juni 2026" in html and 'id="section-questionnaires"' in html
    html = client.get(page_url(figures, van="2019-01-01", tot="2019-12-31")).content.decode()
    assert 'id="section-scan"' not in html
    assert 'id="section-questionnaires"' not in html


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("query", "error"),
    [
        ({"van": "2026-02-30"}, "Voer een geldige datum in."),
        ({"van": "2026-05-01", "tot": "2026-01-01"}, "Deze datum ligt voor de begindatum."),
        ({"jaar": "2025", "van": "2025-01-01"}, "Kies een jaar, of een begin- en einddatum"),
        ({"jaar": "1900"}, "Selecteer een geldige keuze."),
    ],
)
def test_bad_period_shows_a_dutch_error(
    as_user: Any, analyst: Any, figures: Figures, query: dict, error: str
) -> None:
    response = as_user(analyst).get(page_url(figures, **query))
    assert response.status_code == 200
    html = response.content.decode()
    assert error in html
    assert 'class="error-summary"' in html
    assert "1 januari 2022 tot en met 30 november 2026" in html  # shown for the default period


@pytest.mark.parametrize(
    "who", ["resident", "volunteer", "elsewhere_analyst", "other_professional"]
)
def test_others_are_refused(request: Any, as_user: Any, figures: Figures, who: str) -> None:
    user = request.getfixturevalue(who)
    user = getattr(user, "user", user)
    client = as_user(user)
    assert client.get(page_url(figures)).status_code == 403
    assert client.get(reverse("dashboard:report_pdf", args=[figures.neighbourhood.code])
                      ).status_code == 403  # fmt: skip
    if who in ("resident", "volunteer"):
        assert client.get(reverse("dashboard:index")).status_code == 403
        assert client.get(reverse("dashboard:compare")).status_code == 403


def test_unknown_neighbourhood_is_404(as_user: Any, analyst: Any, areas: Any) -> None:
    assert as_user(analyst).get("/buurtbeeld/BU00000000/").status_code == 404


def test_logged_out_visitors_go_to_login(client: Any, figures: Figures) -> None:
    response = client.get(page_url(figures))
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


def test_navigation_shows_buurtbeeld_to_analysts_not_residents(analyst: Any, resident: Any) -> None:
    labels = [str(item["label"]) for item in navigation.items_for(analyst)]
    assert "Buurtbeeld" in labels
    assert "Bewoners" not in labels
    assert "Buurtbeeld" not in [str(i["label"]) for i in navigation.items_for(resident.user)]


def test_list_query_count(as_user: Any, analyst: Any, areas: Any,
                          django_assert_max_num_queries: Any) -> None:  # fmt: skip
    client = as_user(analyst)
    client.get(reverse("dashboard:index"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("dashboard:index")).status_code == 200
