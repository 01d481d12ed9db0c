"""The public picture of unsafe places (issue 5, point 9): counts per neighbourhood and per
map square, without login; never a worry about someone, nuisance or "something else"; never
an address, a description or an exact point. Frozen clock throughout."""

from __future__ import annotations

import datetime
import uuid
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from tests.reports.conftest import Setup, person_report, place_report

from omzien.directory.models import PostcodeArea
from omzien.reports import picture, services
from omzien.reports.models import Category, Report, ReportStatus

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime.datetime(2026, 3, 11, 10, 0, tzinfo=AMS)

# An exact map point in Bloemhof, and the centre of its map square.
EXACT = (52.36123, 4.93456)
SQUARE = (52.36125, 4.934)


@pytest.fixture
def picture_setup(setup: Setup, areas: Any, time_machine: Any) -> dict[str, Any]:
    """Bloemhof: two dark-passage reports in one square (one handled) and a lighting report
    by postcode. Elsewhere: a worry about someone, nuisance and "something else", which
    must never show, and an unsafe place reported 14 months ago and one cancelled."""
    for hood, point in (
        (areas.neighbourhood, (52.36, 4.93)),
        (areas.sibling, (52.30, 4.99)),
        (areas.elsewhere, (52.38, 4.85)),
    ):
        hood.latitude, hood.longitude = point
        hood.save()
    PostcodeArea.objects.create(postcode="1091", latitude=52.3605, longitude=4.9260)
    m = setup.municipality
    time_machine.move_to(NOW - datetime.timedelta(days=420), tick=False)
    old = place_report(setup, latitude=52.3612, longitude=4.9345, postcode="")
    time_machine.move_to(NOW - datetime.timedelta(days=150), tick=False)
    first = place_report(
        setup,
        latitude=EXACT[0],
        longitude=EXACT[1],
        postcode="",
        house_number="",
        address="Achterom 7",
        contact_email="melder@example.org",
    )
    services.report_transition(
        report=first, to=ReportStatus.HANDLED, by=setup.coordinator, text="Lamp gemaakt."
    )
    time_machine.move_to(NOW - datetime.timedelta(days=20), tick=False)
    second = place_report(
        setup, latitude=52.3614, longitude=4.9349, postcode="", description="Geheim verhaal"
    )
    lighting = place_report(
        setup,
        subcategory=Category.objects.get(municipality=m, slug="verlichting"),
        postcode="1091 XY",
        house_number="99",
        latitude=None,
        longitude=None,
    )
    cancelled = place_report(setup, latitude=52.3614, longitude=4.9349, postcode="")
    services.report_transition(
        report=cancelled, to=ReportStatus.CANCELLED, by=setup.coordinator, text="Dubbel."
    )
    # Never public: a worry about someone and nuisance in Havenkwartier, something else
    # in Vogelbuurt.
    worry = person_report(setup, latitude=52.38, longitude=4.85)
    nuisance = services.report_create(
        category=Category.objects.get(municipality=m, slug="overlast"),
        subcategory=Category.objects.get(municipality=m, slug="geluid"),
        submission_key=uuid.uuid4().hex,
        description="Harde muziek bij de buren.",
        answers={"gevaar-nu": "no"},
        latitude=52.3801,
        longitude=4.8501,
    ).report
    other = services.report_create(
        category=Category.objects.get(municipality=m, slug="iets-anders"),
        subcategory=None,
        submission_key=uuid.uuid4().hex,
        description="Een kapotte fiets.",
        latitude=52.30,
        longitude=4.99,
    ).report
    time_machine.move_to(NOW, tick=False)
    return {
        "old": old,
        "first": first,
        "second": second,
        "lighting": lighting,
        "cancelled": cancelled,
        "hidden": [worry, nuisance, other],
    }


def test_anyone_sees_the_counts_without_logging_in(
    client: Client, picture_setup: dict[str, Any]
) -> None:
    response = client.get("/melden/kaart/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Onveilige plekken in de buurt" in page
    assert "3 meldingen" in page  # the old and the cancelled report are not counted
    assert "Open: 2. Afgehandeld: 1." in page
    assert "Bloemhof" in page
    assert "Donkere doorgang: 2" in page
    assert "Verlichting kapot of te weinig: 1" in page
    assert "februari 2026" in page  # the latest report in Bloemhof
    # The map square's centre, never the reported point.
    assert "Rond 52,361 N, 4,934 O" in page


def test_worries_nuisance_and_something_else_never_show(
    client: Client, picture_setup: dict[str, Any]
) -> None:
    page = client.get("/melden/kaart/").content.decode()
    # The filter lists every neighbourhood; the numbers come after it.
    page = page.split('id="summary-heading"', 1)[1]
    for text in ("Havenkwartier", "Vogelbuurt", "Zorgen om", "Geluid", "Overlast", "fiets"):
        assert text not in page
    feed = client.get("/melden/kaart.geojson").json()
    names = {f["properties"]["neighbourhood"] for f in feed["features"]}
    assert names == {"Bloemhof"}
    assert sum(f["properties"]["reports"] for f in feed["features"]) == 3
    kinds = {k["name"] for f in feed["features"] for k in f["properties"]["kinds"]}
    assert kinds == {"Donkere doorgang", "Verlichting kapot of te weinig"}
    # Even when asked for directly: the filter only offers unsafe-place kinds.
    assert client.get("/melden/kaart/?subcategory=geluid").status_code == 200
    assert client.get("/melden/kaart.geojson?subcategory=geluid").status_code == 400


def test_no_address_description_contact_or_reference_leaks(
    client: Client, picture_setup: dict[str, Any]
) -> None:
    page = client.get("/melden/kaart/").content.decode()
    feed = client.get("/melden/kaart.geojson").content.decode()
    reports = [picture_setup[k] for k in ("first", "second", "lighting")]
    for text in (page, feed):
        for report in reports:
            assert report.reference not in text
            assert report.tracking_token not in text
        for secret in (
            "Achterom",
            "melder@example.org",
            "Geheim verhaal",
            "De doorgang achter de school",
            "Als het donker is",
            "1091",
            "52.36123",
            "52,36123",
            "4.93456",
            "4,93456",
        ):
            assert secret not in text, secret


def test_the_feed_holds_squares_with_counts(client: Client, picture_setup: dict[str, Any]) -> None:
    response = client.get("/melden/kaart.geojson")
    assert response["Content-Type"] == "application/geo+json"
    features = {
        tuple(f["geometry"]["coordinates"]): f["properties"] for f in response.json()["features"]
    }
    passage = features[(SQUARE[1], SQUARE[0])]
    assert passage == {
        "municipality": "Amsterdam",
        "neighbourhood": "Bloemhof",
        "reports": 2,
        "open": 1,
        "handled": 1,
        "last_month": "2026-02",
        "kinds": [{"name": "Donkere doorgang", "reports": 2}],
    }
    # The postcode report sits at the centre of the square around its four-digit area.
    by_postcode = features[(4.926, 52.36125)]
    assert by_postcode["reports"] == 1
    assert by_postcode["kinds"] == [{"name": "Verlichting kapot of te weinig", "reports": 1}]


def test_filters_period_status_kind_and_area(
    client: Client, picture_setup: dict[str, Any], areas: Any
) -> None:
    def total(query: str) -> int:
        response = client.get("/melden/kaart.geojson?" + query)
        assert response.status_code == 200
        return sum(f["properties"]["reports"] for f in response.json()["features"])

    assert total("period=12") == 3
    assert total("period=3") == 2  # the handled report is five months old
    assert total("status=handled") == 1
    assert total("status=open") == 2
    assert total("subcategory=verlichting") == 1
    assert total("municipality=GM0363") == 3
    assert total(f"neighbourhood={areas.neighbourhood.code}") == 3
    assert total(f"neighbourhood={areas.sibling.code}") == 0
    page = client.get("/melden/kaart/?period=3&status=open").content.decode()
    assert "2 meldingen" in page
    assert "kaart.geojson?period=3&amp;status=open" in page


def test_bad_filters_show_a_dutch_error_never_a_500(
    client: Client, picture_setup: dict[str, Any]
) -> None:
    response = client.get("/melden/kaart/?period=7&municipality=GM9999")
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert client.get("/melden/kaart.geojson?period=abc").status_code == 400


def test_an_empty_picture_says_so(client: Client, setup: Setup) -> None:
    page = client.get("/melden/kaart/").content.decode()
    assert "In deze periode is geen onveilige plek gemeld." in page
    assert 'id="picture-map"' not in page


def test_the_picture_is_linked_from_the_report_page_and_the_menu(
    client: Client, setup: Setup
) -> None:
    page = client.get("/melden/").content.decode()
    assert 'href="/melden/kaart/"' in page
    assert "Bekijk waar bewoners onveilige plekken meldden" in page
    assert page.count('href="/melden/kaart/"') >= 2  # the link and the menu


def test_only_unsafe_places_are_public() -> None:
    assert picture.PUBLIC_KINDS == ("place",)


def test_months_back_clips_the_day() -> None:
    moment = datetime.datetime(2026, 5, 31, 12, 0, tzinfo=AMS)
    assert picture.months_back(moment, 3) == datetime.datetime(2026, 2, 28, 12, 0, tzinfo=AMS)
    assert picture.months_back(moment, 12) == datetime.datetime(2025, 5, 31, 12, 0, tzinfo=AMS)
    january = datetime.datetime(2026, 1, 15, tzinfo=AMS)
    assert picture.months_back(january, 1) == datetime.datetime(2025, 12, 15, tzinfo=AMS)


def test_the_page_needs_few_queries(
    client: Client, picture_setup: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(12):
        client.get("/melden/kaart/")
    assert Report.objects.count() == 8
