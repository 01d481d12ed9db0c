"""The upload page: coordinators import a CBS file; everyone else is refused."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from tests.conftest import login, make_user
from tests.keyfigures.conftest import DemoAreas, fixture_bytes

from omzien.accounts.models import Role, User
from omzien.keyfigures.models import KeyFigureImport, KeyFigures
from omzien.keyfigures.services import keyfigures_import

URL = "/kerncijfers/"


@pytest.fixture
def demo_coordinator(demo_areas: DemoAreas) -> User:
    return make_user(Role.COORDINATOR, demo_areas.municipality, display_name="Ruben Hoogland")


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def text(response: Any) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_coordinator_uploads_and_sees_the_imports_per_year(
    client: Client, demo_coordinator: User
) -> None:
    login(client, demo_coordinator)
    page = text(client.get(URL))
    assert "CBS-kerncijfers" in page
    assert "Er is nog niets geïmporteerd." in page

    response = client.post(URL, {"file": upload("kwb-2023.csv", fixture_bytes("kwb-2023.csv"))})
    assert response.status_code == 302
    response = client.post(
        URL, {"file": upload("kwb-2024.csv", fixture_bytes("kwb-2024.csv")), "year": "2024"}
    )
    page = text(client.get(response.url))
    assert "Geïmporteerd: cijfers van 7 gebieden voor 2024. 2 rijen overgeslagen" in page
    assert "<h3>2024</h3>" in page and "<h3>2023</h3>" in page
    assert "Het dashboard heeft nu cijfers van 7 gebieden voor dit jaar." in page
    assert "85618NED" in page
    assert "NL00, BU99010301" in page
    assert KeyFigureImport.objects.get(year=2024).imported_by == demo_coordinator
    assert KeyFigures.objects.filter(year=2024).count() == 7


def test_a_bad_file_is_shown_again_in_dutch_and_nothing_is_saved(
    client: Client, demo_coordinator: User
) -> None:
    keyfigures_import(content=fixture_bytes("kwb-2023.csv"))
    before = list(KeyFigures.objects.values_list("area_code", "year", "population"))
    bad = fixture_bytes("kwb-2023.csv").replace(b'"2150"', b'"2222"').replace(b'"240";', b'"??";')
    login(client, demo_coordinator)
    response = client.post(URL, {"file": upload("kapot.csv", bad)})
    assert response.status_code == 200
    page = text(response)
    assert (
        "Rij 10 (BU99010202), kolom “65 jaar of ouder (aantal)”: “??” is geen getal en geen "
        "teken van CBS voor een onbekende waarde." in page
    )
    assert list(KeyFigures.objects.values_list("area_code", "year", "population")) == before
    assert KeyFigureImport.objects.count() == 1


def test_a_file_without_a_year_asks_for_one(client: Client, demo_coordinator: User) -> None:
    login(client, demo_coordinator)
    response = client.post(URL, {"file": upload("kwb.csv", fixture_bytes("kwb-2024.csv"))})
    assert response.status_code == 200
    assert "In het bestand staat niet over welk jaar het gaat: geef het jaar op." in text(response)
    response = client.post(URL, {"file": upload("kwb.csv", b""), "year": "1800"})
    assert response.status_code == 200
    assert not KeyFigures.objects.exists()


def test_a_coordinator_elsewhere_cannot_write_these_areas(
    client: Client, demo_areas: DemoAreas, areas: Any
) -> None:
    """A coordinator of Amsterdam may upload, but not change Omzienstad's figures."""
    other = make_user(Role.COORDINATOR, areas.municipality)
    login(client, other)
    response = client.post(URL, {"file": upload("kwb.json", fixture_bytes("kwb-2023.json"))})
    assert response.status_code == 200
    assert "Geen van de 8 gebieden in het bestand is een gemeente, wijk of buurt die u" in text(
        response
    )
    assert not KeyFigures.objects.exists()


def test_a_district_coordinator_writes_only_their_district(
    client: Client, demo_areas: DemoAreas
) -> None:
    keyfigures_import(content=fixture_bytes("kwb-2023.csv"))
    coordinator = make_user(Role.COORDINATOR, demo_areas.districts["WK990102"])
    changed = fixture_bytes("kwb-2023.csv").replace(b'"2150"', b'"1"').replace(b'"2410"', b'"2"')
    login(client, coordinator)
    response = client.post(URL, {"file": upload("kwb.csv", changed)})
    assert response.status_code == 302
    populations = dict(KeyFigures.objects.values_list("area_code", "population"))
    assert populations["BU99010201"] == 2  # Molenveld: in their district
    assert populations["BU99010101"] == 2150  # Lindehof: not theirs, unchanged
    assert populations["GM9901"] == 48210
    assert KeyFigures.objects.count() == 7


@pytest.mark.parametrize("role", [Role.PROFESSIONAL, Role.ANALYST, Role.VOLUNTEER, Role.ADMIN])
def test_others_are_refused(client: Client, demo_areas: DemoAreas, role: str) -> None:
    login(client, make_user(role, demo_areas.municipality))
    assert client.get(URL).status_code == 403
    post = client.post(URL, {"file": upload("kwb.csv", fixture_bytes("kwb-2023.csv"))})
    assert post.status_code == 403
    assert not KeyFigures.objects.exists()


def test_a_resident_and_an_anonymous_visitor_are_refused(
    client: Client, demo_areas: DemoAreas, resident: Any
) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert "/account/" in response.url
    login(client, resident.user)
    assert client.get(URL).status_code == 403


def test_a_file_that_is_too_large_is_refused(
    client: Client, demo_coordinator: User, settings: Any
) -> None:
    from omzien.keyfigures import forms

    login(client, demo_coordinator)
    big = b'"Codering";"Aantal inwoners"\n' + b" " * (forms.MAX_UPLOAD_BYTES + 1)
    response = client.post(URL, {"file": upload("groot.csv", big), "year": "2024"})
    assert response.status_code == 200
    assert "Het bestand is te groot. Het mag hoogstens 20 MB zijn." in text(response)
