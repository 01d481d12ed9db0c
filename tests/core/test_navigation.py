"""The main menu: flat for residents, in groups for people who work with omzien."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from tests.conftest import login

from omzien.core import navigation

pytestmark = pytest.mark.django_db


def _shape(menu: list[dict[str, Any]]) -> list[Any]:
    """The menu as (group label, [item urls]) and plain item urls, in order."""
    return [
        (str(entry["label"]), [item["url"] for item in entry["items"]])
        if entry.get("group")
        else entry["url"]
        for entry in menu
    ]


def _urls(menu: list[dict[str, Any]]) -> set[str]:
    found = set()
    for entry in menu:
        if entry.get("group"):
            found |= {item["url"] for item in entry["items"]}
        else:
            found.add(entry["url"])
    return found


def test_a_resident_sees_a_flat_menu(resident: Any) -> None:
    menu = navigation.menu_for(resident.user)
    assert not any(entry.get("group") for entry in menu)
    assert _shape(menu) == [
        "/start/",
        "/mijn/profiel/",
        "/ondersteuning/mijn-netwerk/",
        "/ondersteuning/mijn-plan/",
        "/sociale-kaart/",
        "/mijn/toestemmingen/",
        "/activiteiten/",
        "/activiteiten/mijn/",
        "/welkom/meehelpen/",
        "/samen/",
        "/samen/geven-en-krijgen/",
        "/melden/",
        "/melden/kaart/",
    ]


def test_a_professional_sees_groups(professional: Any) -> None:
    assert _shape(navigation.menu_for(professional)) == [
        "/start/",
        ("Samen doen", ["/activiteiten/", "/buurtcirkels/", "/samen/"]),
        (
            "Mensen",
            [
                "/activiteiten/signalen/",
                "/welkom/verwijzingen/",
                "/ondersteuning/gedeeld-met-mij/",
                "/bewoners/",
            ],
        ),
        ("Buurt", ["/sociale-kaart/", "/buurtbeeld/", "/buurtscan/", "/plan/"]),
        ("Veiligheid", ["/melden/", "/bereikbaarheid/", "/melden/kaart/"]),
    ]


def test_a_volunteer_sees_groups_only_where_there_is_more_than_one_item(volunteer: Any) -> None:
    assert _shape(navigation.menu_for(volunteer)) == [
        "/start/",
        "/sociale-kaart/",
        "/activiteiten/",
        ("Mensen", ["/ondersteuning/gedeeld-met-mij/", "/bewoners/"]),
        ("Veiligheid", ["/melden/", "/melden/kaart/"]),
    ]


def test_a_coordinator_sees_groups_and_management(coordinator: Any) -> None:
    shape = _shape(navigation.menu_for(coordinator))
    assert shape[0] == "/start/"
    groups = dict(entry for entry in shape if isinstance(entry, tuple))
    assert list(groups) == ["Samen doen", "Mensen", "Buurt", "Veiligheid", "Beheer"]
    assert groups["Beheer"] == ["/logboek/", "/sociale-kaart/beoordelen/", "/kerncijfers/"]
    assert "/cijfers/" in groups["Buurt"] and "/samen/cijfers/" in groups["Buurt"]
    assert "/meldingen/" in groups["Veiligheid"]
    # every entry is reachable in at most two steps, and at most 6 entries on top
    assert len(shape) <= 6


def test_an_analyst_sees_figures_and_no_individuals(analyst: Any) -> None:
    menu = navigation.menu_for(analyst)
    assert not {"/bewoners/", "/meldingen/", "/logboek/", "/ondersteuning/gedeeld-met-mij/"} & (
        _urls(menu)
    )
    assert _shape(menu) == [
        "/start/",
        # the only item of "Samen doen" the analyst may use: no group to open for it
        "/activiteiten/",
        (
            "Buurt",
            ["/sociale-kaart/", "/cijfers/", "/buurtbeeld/", "/buurtscan/", "/samen/cijfers/"],
        ),
        ("Veiligheid", ["/melden/", "/melden/kaart/"]),
    ]


def test_hidden_items_stay_refused(
    client: Client, resident: Any, analyst: Any, professional: Any
) -> None:
    # The menu only hides; the rules refuse.
    login(client, resident.user)
    assert client.get("/bewoners/").status_code == 403
    assert client.get("/logboek/").status_code == 403
    login(client, analyst)
    assert client.get("/bewoners/").status_code == 403
    assert client.get("/meldingen/").status_code == 403
    login(client, professional)
    assert client.get("/logboek/").status_code == 403


def test_the_page_marks_the_current_item_and_its_group(client: Client, coordinator: Any) -> None:
    login(client, coordinator)
    page = client.get("/bewoners/").content.decode()
    assert '<a href="/bewoners/" aria-current="page">Bewoners</a>' in page
    assert page.count('aria-current="page"') == 1
    assert '<summary class="nav-group-current">Mensen' in page
    assert "<details>" in page and "<summary>Beheer" in page


def test_the_resident_page_has_no_groups(client: Client, resident: Any) -> None:
    login(client, resident.user)
    page = client.get("/start/").content.decode()
    assert "<details>" not in page.split('aria-label="Hoofdmenu"')[1].split("</nav>")[0]
    assert '<a href="/start/" aria-current="page">Start</a>' in page


def test_an_item_registered_without_a_group_stays_on_top(coordinator: Any) -> None:
    item = navigation.NavItem("Dashboard", "core:privacy", lambda user: True, order=45)
    navigation._items.append(item)  # as a new app would register it, with the old fields
    try:
        shape = _shape(navigation.menu_for(coordinator))
        assert "/privacy/" in shape
    finally:
        navigation._items.remove(item)
