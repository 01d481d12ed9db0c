"""The social map (sociale kaart) in a browser: search, filters, map, keyboard, no JS, phone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect
from tests.directory.conftest import build_service, weekly
from tests.e2e.conftest import assert_accessible, log_in, visit

from omzien.directory.models import Kind, Publication, Service, Taxonomy, TaxonomyTerm
from omzien.directory.seed import seed_taxonomies

SEARCH = "/sociale-kaart/"
WHEELCHAIR = ("inclusion", "wheelchair")


@dataclass
class Entries:
    stappers: Service
    repair: Service
    linde: Service
    moestuin: Service
    taalcafe: Service
    telefoon: Service  # published, no point: listed, but no marker
    draft: Service


@pytest.fixture
def entries(transactional_db: Any, areas: Any) -> Entries:
    # live_server flushes the tables between tests; the taxonomy comes from a data migration.
    seed_taxonomies(Taxonomy, TaxonomyTerm)
    hood = areas.neighbourhood
    return Entries(
        stappers=build_service(
            "Wandelgroep De Stappers",
            hood,
            description="Elke dinsdag wandelen we samen een uur door het Oosterpark.",
            point=(52.3600, 4.9000),
            terms=[WHEELCHAIR],
            schedules=[weekly("TU", "12:00", "14:00")],
        ),
        repair=build_service(
            "Repair café Bloemhof",
            hood,
            description="Samen kapotte spullen repareren: fietsen, lampen en kleding.",
            point=(52.3612, 4.9031),
        ),
        linde=build_service(
            "Buurthuis De Linde",
            hood,
            kind=Kind.FACILITY,
            description="Een plek om elkaar te ontmoeten, met koffie en activiteiten.",
            point=(52.3588, 4.8974),
            terms=[WHEELCHAIR],
        ),
        moestuin=build_service(
            "Moestuin Het Groene Hart",
            hood,
            description="Groente kweken met buren.",
            point=(52.3625, 4.9052),
        ),
        taalcafe=build_service(
            "Taalcafé Bloemhof",
            hood,
            description="Nederlands oefenen met koffie.",
            point=(52.3575, 4.8950),
        ),
        telefoon=build_service(
            "Telefooncirkel Bloemhof",
            hood,
            description="Elke ochtend belt iemand even op.",
        ),
        draft=build_service(
            "Wandelclub Geheim",
            hood,
            description="Wij wandelen ook, maar staan nog niet online.",
            point=(52.3605, 4.9010),
            publication=Publication.DRAFT,
        ),
    )


def _block_outside(context: BrowserContext, live_server: Any) -> list[str]:
    """Make the tile server (and anything else outside the test server) unreachable."""
    asked: list[str] = []

    def abort(route: Route) -> None:
        asked.append(route.request.url)
        route.abort("internetdisconnected")

    context.route(lambda url: not url.startswith(live_server.url), abort)
    return asked


def _axe_problems(page: Page) -> list[str]:
    """assert_accessible, but go on with the flow and report every page at the end."""
    try:
        assert_accessible(page)
    except AssertionError as error:
        return [str(error).splitlines()[0]]
    return []


def _result_names(page: Page) -> list[str]:
    return page.locator("ol.results > li h3").all_inner_texts()


def _search(page: Page, text: str) -> None:
    page.get_by_label("Wat zoek je?").fill(text)
    page.get_by_role("button", name="Zoeken", exact=True).click()


def test_search_filter_and_detail(page: Page, live_server: Any, entries: Entries) -> None:
    response = page.goto(live_server.url + SEARCH)
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Sociale kaart")

    _search(page, "wandelen")
    page.wait_for_url("**q=wandelen**")
    names = _result_names(page)
    assert "Wandelgroep De Stappers" in names
    assert "Wandelclub Geheim" not in names  # a draft is never public
    assert "Repair café Bloemhof" not in names
    expect(page.get_by_text("Wandelclub Geheim")).to_have_count(0)

    # Everything, then only the wheelchair-accessible entries.
    _search(page, "")
    expect(page.locator("ol.results > li")).to_have_count(6)
    page.get_by_text("Meer keuzes").click()
    expect(page.get_by_label("Rolstoeltoegankelijk")).to_be_visible()
    problems = _axe_problems(page)  # search page, with the filter panel open
    page.get_by_label("Rolstoeltoegankelijk").check()
    page.get_by_role("button", name="Zoeken", exact=True).click()
    page.wait_for_url("**inclusion=wheelchair**")
    assert sorted(_result_names(page)) == ["Buurthuis De Linde", "Wandelgroep De Stappers"]
    expect(page.get_by_role("heading", level=2, name="2 resultaten")).to_be_visible()
    # The panel stays open and the choice stays ticked after the search.
    expect(page.get_by_label("Rolstoeltoegankelijk")).to_be_checked()

    page.get_by_role("link", name="Buurthuis De Linde").click()
    page.wait_for_url(f"**/sociale-kaart/{entries.linde.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Buurthuis De Linde")
    expect(page.get_by_text("Rolstoeltoegankelijk")).to_be_visible()
    problems += _axe_problems(page)

    # A draft's detail page is not public either.
    response = page.goto(f"{live_server.url}/sociale-kaart/{entries.draft.pk}/")
    assert response is not None and response.status == 404

    assert not problems, problems


def test_map_and_list_with_and_without_javascript(
    browser: Browser, context: BrowserContext, live_server: Any, entries: Entries
) -> None:
    asked = _block_outside(context, live_server)
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + SEARCH)
    _search(page, "")
    page.wait_for_url("**q=**")

    listed = _result_names(page)
    assert len(listed) == 6 and "Telefooncirkel Bloemhof" in listed
    with_point = [n for n in listed if n != "Telefooncirkel Bloemhof"]  # no place
    expect(page.locator("#map")).to_have_class(re.compile(r"\bmap-ready\b"))
    expect(page.locator("#map")).to_be_visible()
    markers = page.locator("#map .leaflet-marker-icon")
    expect(markers).to_have_count(len(with_point))
    alts = markers.evaluate_all("els => els.map(e => e.getAttribute('alt'))")
    assert sorted(alts) == sorted(with_point)
    # Tiles are asked from the tile server (a setting); here it is unreachable.
    expect(page.locator("#map img.leaflet-tile").first).to_be_attached()
    for _ in range(50):
        if asked:
            break
        page.wait_for_timeout(100)
    assert asked, "the map did not ask for any tiles"
    assert all(live_server.url not in url for url in asked)
    assert_accessible(page)  # the results with the map and its markers
    assert not errors, errors

    # Narrowing the search narrows the markers.
    _search(page, "wandelen")
    page.wait_for_url("**q=wandelen**")
    assert _result_names(page) == ["Wandelgroep De Stappers"]
    expect(page.locator("#map .leaflet-marker-icon")).to_have_count(1)
    assert not errors, errors

    no_js = browser.new_context(java_script_enabled=False, locale="nl-NL")
    try:
        plain = no_js.new_page()
        plain.goto(live_server.url + SEARCH)
        _search(plain, "wandelen")
        plain.wait_for_url("**q=wandelen**")
        assert _result_names(plain) == ["Wandelgroep De Stappers"]
        expect(plain.locator("#map")).to_be_attached()
        expect(plain.locator("#map")).to_be_hidden()
        expect(plain.locator(".leaflet-marker-icon")).to_have_count(0)
        # The filters are a plain <details>: they open without JavaScript too.
        plain.get_by_text("Meer keuzes").click()
        plain.get_by_label("Rolstoeltoegankelijk").check()
        _search(plain, "")
        plain.wait_for_url("**inclusion=wheelchair**")
        assert sorted(_result_names(plain)) == ["Buurthuis De Linde", "Wandelgroep De Stappers"]
        # axe-core needs JavaScript; the same page with its map was checked above.
    finally:
        no_js.close()


def test_search_with_the_keyboard(page: Page, live_server: Any, entries: Entries) -> None:
    page.goto(live_server.url + SEARCH)
    search_box = page.get_by_label("Wat zoek je?")
    for _ in range(40):
        page.keyboard.press("Tab")
        if search_box.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the search box")
    page.keyboard.type("wandelen")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=wandelen**")
    assert _result_names(page) == ["Wandelgroep De Stappers"]
    expect(page.get_by_label("Wat zoek je?")).to_have_value("wandelen")


def test_phone_width_has_no_sideways_scrolling(
    browser: Browser, live_server: Any, entries: Entries
) -> None:
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True
    )
    _block_outside(context, live_server)
    try:
        page = context.new_page()
        page.goto(live_server.url + SEARCH)
        _search(page, "")
        page.wait_for_url("**q=**")
        expect(page.locator("#map .leaflet-marker-icon")).to_have_count(5)
        page.get_by_text("Meer keuzes").click()
        expect(page.get_by_label("Rolstoeltoegankelijk")).to_be_visible()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, ("search", overflow)
        page.get_by_role("link", name="Wandelgroep De Stappers").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Wandelgroep De Stappers")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, ("detail", overflow)
    finally:
        context.close()


def test_a_resident_suggests_and_a_coordinator_reviews(
    browser: Browser, live_server: Any, entries: Entries, resident: Any, coordinator: Any
) -> None:
    resident_context = browser.new_context(locale="nl-NL")
    coordinator_context = browser.new_context(locale="nl-NL")
    try:
        anna = resident_context.new_page()
        log_in(anna, live_server, resident.user)
        for name, description in [
            ("Breiclub De Steek", "Elke donderdag samen breien bij de bibliotheek."),
            ("Reclame voor mijn winkel", "Koop nu!"),
        ]:
            visit(anna, live_server, "/sociale-kaart/voorstellen/")
            anna.get_by_label("Naam van de plek of activiteit").fill(name)
            anna.get_by_label("Buurt").select_option(label="Bloemhof")
            anna.get_by_label("Wat gebeurt er?").fill(description)
            anna.get_by_role("button", name="Versturen").click()
            anna.wait_for_url("**/sociale-kaart/mijn-voorstellen/")
        expect(anna.get_by_text("Dank je! Een coördinator kijkt naar je voorstel.")).to_be_visible()
        expect(anna.get_by_role("row", name=re.compile("Breiclub De Steek"))).to_contain_text(
            "Wacht op beoordeling"
        )
        assert_accessible(anna)

        # Not public until a coordinator has looked at it.
        anna.goto(live_server.url + SEARCH + "?q=breiclub")
        assert "Breiclub De Steek" not in _result_names(anna)

        cato = coordinator_context.new_page()
        log_in(cato, live_server, coordinator)
        visit(cato, live_server, "/sociale-kaart/beoordelen/")
        cato.get_by_role("link", name="Reclame voor mijn winkel").click()
        assert_accessible(cato)
        cato.get_by_label("Waarom niet?").fill("Dit is reclame, geen plek om elkaar te ontmoeten.")
        cato.get_by_role("button", name="Afwijzen").click()
        cato.wait_for_url("**/sociale-kaart/beoordelen/")
        expect(cato.get_by_text("Afgewezen. De persoon ziet je reden.")).to_be_visible()

        cato.get_by_role("link", name="Breiclub De Steek").click()
        # The form starts from the suggestion; the coordinator adds what is missing.
        expect(cato.get_by_role("textbox", name="Naam (verplicht)")).to_have_value(
            "Breiclub De Steek"
        )
        cato.get_by_label("Mededeling (bijvoorbeeld: dicht door verbouwing)").fill(
            "In de zomer niet."
        )
        cato.get_by_role("button", name="Accepteren en opslaan").click()
        expect(cato.get_by_role("heading", level=1)).to_have_text("Breiclub De Steek")
        expect(
            cato.get_by_text("Geaccepteerd. De plek of activiteit is opgeslagen.")
        ).to_be_visible()
        visit(cato, live_server, "/sociale-kaart/beoordelen/")
        expect(cato.locator("main table")).to_have_count(0)  # the queue is empty

        # Now it is public, and Anna sees what happened to both suggestions.
        anna.goto(live_server.url + SEARCH + "?q=breiclub")
        assert _result_names(anna) == ["Breiclub De Steek"]
        anna.goto(live_server.url + "/sociale-kaart/mijn-voorstellen/")
        expect(anna.get_by_role("row", name=re.compile("Breiclub De Steek"))).to_contain_text(
            "Geaccepteerd"
        )
        expect(anna.get_by_role("row", name=re.compile("Reclame"))).to_contain_text(
            "Dit is reclame, geen plek om elkaar te ontmoeten."
        )
        # A resident cannot open the review queue.
        response = anna.goto(live_server.url + "/sociale-kaart/beoordelen/")
        assert response is not None and response.status == 403
    finally:
        resident_context.close()
        coordinator_context.close()


def test_asset_map_counts_for_residents_and_entries_for_staff(
    browser: Browser,
    live_server: Any,
    entries: Entries,
    areas: Any,
    resident: Any,
    coordinator: Any,
) -> None:
    path = f"/sociale-kaart/buurt/{areas.neighbourhood.code}/"
    resident_context = browser.new_context(locale="nl-NL")
    coordinator_context = browser.new_context(locale="nl-NL")
    try:
        anna = resident_context.new_page()
        log_in(anna, live_server, resident.user)
        visit(anna, live_server, path)
        expect(anna.get_by_role("heading", level=1)).to_have_text("Wat Bloemhof heeft")
        institutions = anna.locator("main li", has_text="Instellingen")
        expect(institutions).to_contain_text("1")
        expect(institutions.get_by_role("link")).to_have_count(0)  # no drill-down for residents
        response = anna.goto(live_server.url + path + "?categorie=institutions")
        assert response is not None and response.status == 403

        cato = coordinator_context.new_page()
        log_in(cato, live_server, coordinator)
        visit(cato, live_server, path)
        cato.locator("main li", has_text="Instellingen").get_by_role("link").click()
        cato.wait_for_url("**categorie=institutions**")
        expect(cato.get_by_role("link", name="Buurthuis De Linde")).to_be_visible()
        expect(cato.get_by_role("link", name="Wandelclub Geheim")).to_have_count(0)
        assert_accessible(cato)
    finally:
        resident_context.close()
        coordinator_context.close()
