"""The dashboard section "De buurt in cijfers (CBS)", rendered through the registry."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.test import override_settings
from django.utils import translation
from tests.keyfigures.conftest import DemoAreas, fixture_bytes

from omzien.core import dashboard
from omzien.keyfigures.models import KeyFigures
from omzien.keyfigures.services import keyfigures_import


def section_request(demo_areas: DemoAreas, *, end: date = date(2026, 11, 30)) -> Any:
    return dashboard.SectionRequest(
        user=None,
        neighbourhood=demo_areas.lindehof,
        period_start=date(2026, 1, 1),
        period_end=end,
    )


@pytest.fixture
def both_years(demo_areas: DemoAreas) -> DemoAreas:
    keyfigures_import(content=fixture_bytes("kwb-2023.csv"))
    keyfigures_import(content=fixture_bytes("kwb-2024.json"))
    return demo_areas


def context_html(request: Any) -> str:
    with translation.override("nl"):
        sections = {s.key: s for s in dashboard.render_sections(request)}
    assert "context" in sections
    return re.sub(r"\s+", " ", str(sections["context"].html))


def rows(html: str) -> dict[str, list[str]]:
    found = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html):
        cells = [
            re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        ]
        found[cells[0]] = cells[1:]
    return found


def test_the_section_is_registered_as_context_at_40() -> None:
    sections = {s.key: s for s in dashboard.sections_for(None, None)}
    assert sections["context"].order == 40
    with translation.override("nl"):
        assert str(sections["context"].title) == "De buurt in cijfers (CBS)"


def test_neighbourhood_beside_district_and_municipality_with_change(both_years: DemoAreas) -> None:
    html = context_html(section_request(both_years))
    table = rows(html)
    assert table["Cijfer"] == [
        "Buurt Lindehof",
        "Wijk Centrum-Oost",
        "Gemeente Omzienstad",
        "Buurt: verschil sinds 2023",
    ]
    assert table["Aantal inwoners"] == ["2.185", "3.910", "48.630", "+35"]
    # 295 of 2185 is 13.5 %; in 2023 300 of 2150 was 14.0 %.
    assert table["0 tot 15 jaar"] == [
        "295 (13,5 %)",
        "510 (13,0 %)",
        "7.350 (15,1 %)",
        "-0,5 procentpunt",
    ]
    assert table["Sociale huurwoningen (in bezit van een woningcorporatie)"] == [
        "37,0 %",
        "40,0 %",
        "33,0 %",
        "-1,0 procentpunt",
    ]
    assert "Bron: CBS, Kerncijfers wijken en buurten 2024 (tabel 85984NED)" in html
    assert "CC BY 4.0" in html


def test_unknown_values_show_onbekend(both_years: DemoAreas) -> None:
    request = dashboard.SectionRequest(
        user=None,
        neighbourhood=both_years.neighbourhoods["BU99010102"],
        period_start=date(2026, 1, 1),
        period_end=date(2026, 11, 30),
    )
    table = rows(context_html(request))
    sociale_huur = table["Sociale huurwoningen (in bezit van een woningcorporatie)"]
    assert sociale_huur[0] == "onbekend"  # "-" in the 2024 file
    assert sociale_huur[3] == "onbekend"  # no change without this year's figure
    # "x" in 2023: no change can be given for single-person households either.
    assert table["Eenpersoonshuishoudens (deel van alle huishoudens)"][3] == "onbekend"


@override_settings(OMZIEN_MIN_GROUP_SIZE=5)
def test_counts_under_five_are_not_shown(both_years: DemoAreas) -> None:
    KeyFigures.objects.filter(area_code="BU99010101", year=2024).update(age_65_plus=3)
    table = rows(context_html(section_request(both_years)))
    assert table["65 jaar of ouder"][0] == "– (minder dan 5)"
    assert table["65 jaar of ouder"][3] == "onbekend"
    api = dashboard.api_sections(section_request(both_years))["context"]
    assert api["figures"]["age_65_plus"]["neighbourhood"] == {
        "count": None,
        "share": None,
        "status": "small",
    }


def test_the_period_decides_the_latest_year(both_years: DemoAreas) -> None:
    table = rows(context_html(section_request(both_years, end=date(2023, 12, 31))))
    assert table["Aantal inwoners"] == ["2.150", "3.890", "48.210"]  # no earlier year to compare


def test_api_returns_the_same_figures(both_years: DemoAreas) -> None:
    with translation.override("nl"):
        data = dashboard.api_sections(section_request(both_years))["context"]
    assert data["year"] == 2024
    assert data["previous_year"] == 2023
    assert data["table_id"] == "85984NED"
    assert data["source"] == "CBS, Kerncijfers wijken en buurten 2024"
    assert data["licence"] == "CC BY 4.0"
    assert data["areas"]["district"] == {"code": "WK990101", "name": "Centrum-Oost"}
    assert data["figures"]["population"] == {
        "neighbourhood": {"count": 2185, "share": None, "status": "ok"},
        "district": {"count": 3910, "share": None, "status": "ok"},
        "municipality": {"count": 48630, "share": None, "status": "ok"},
        "change": {"count": 35, "percentage_points": None},
    }
    assert data["figures"]["age_0_15"]["neighbourhood"] == {
        "count": 295,
        "share": 13.5,
        "status": "ok",
    }
    assert data["figures"]["age_0_15"]["change"] == {"count": None, "percentage_points": -0.5}


def test_nothing_imported_means_no_section(demo_areas: DemoAreas) -> None:
    request = section_request(demo_areas)
    assert "context" not in {s.key for s in dashboard.render_sections(request)}
    assert "context" not in dashboard.api_sections(request)


def test_pdf_rendering_has_no_external_resources(both_years: DemoAreas) -> None:
    request = dashboard.SectionRequest(
        user=None,
        neighbourhood=both_years.lindehof,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 11, 30),
        for_pdf=True,
    )
    html = context_html(request)
    assert "<script" not in html
    assert "src=" not in html
    assert "<h1" not in html and "<h2" not in html
