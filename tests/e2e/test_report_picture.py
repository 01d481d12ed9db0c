"""The public picture of unsafe places and the routing-rule form, in a browser on a phone
(375 px). Every page is checked with axe-core."""

from __future__ import annotations

import uuid
from typing import Any

from playwright.sync_api import Browser, Route, expect
from tests.conftest import make_user
from tests.e2e.conftest import assert_accessible, log_in

from omzien.accounts.models import Role
from omzien.reports import services
from omzien.reports.models import Category, RoutingRule


def _report(areas: Any, slug: str, sub: str | None, lat: float, lon: float) -> Any:
    category = Category.objects.get(municipality=areas.municipality, slug=slug)
    return services.report_create(
        category=category,
        subcategory=category.children.get(slug=sub) if sub else None,
        submission_key=uuid.uuid4().hex,
        description="Geheime beschrijving",
        answers={"gevaar-nu": "no"},
        latitude=lat,
        longitude=lon,
    ).report


def test_a_resident_looks_at_unsafe_places_on_a_phone(
    browser: Browser, live_server: Any, transactional_db: Any, areas: Any
) -> None:
    areas.neighbourhood.latitude, areas.neighbourhood.longitude = 52.36, 4.93
    areas.neighbourhood.save()
    areas.elsewhere.latitude, areas.elsewhere.longitude = 52.38, 4.85
    areas.elsewhere.save()
    _report(areas, "onveilige-plek", "donkere-doorgang", 52.3612, 4.9345)
    _report(areas, "onveilige-plek", "donkere-doorgang", 52.3613, 4.9346)
    _report(areas, "onveilige-plek", "verlichting", 52.3701, 4.9101)
    _report(areas, "zorg-om-iemand", "niet-gezien", 52.3801, 4.8501)  # never shown

    phone = browser.new_context(
        viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True
    )
    phone.set_default_timeout(15_000)
    asked: list[str] = []

    def abort(route: Route) -> None:  # the tile server is outside: unreachable here
        asked.append(route.request.url)
        route.abort("internetdisconnected")

    phone.route(lambda url: not url.startswith(live_server.url), abort)
    errors: list[str] = []
    try:
        page = phone.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(live_server.url + "/melden/")
        page.get_by_role("link", name="Bekijk waar bewoners onveilige plekken meldden").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Onveilige plekken in de buurt")
        expect(page.locator("#summary-heading")).to_have_text("3 meldingen")
        expect(page.locator("#picture-map")).to_be_visible()
        # One circle per map square, sized by its count.
        circles = page.locator("#picture-map path.leaflet-interactive")
        expect(circles).to_have_count(2)
        expect(page.locator("#places")).to_contain_text("Donkere doorgang: 2")
        expect(page.locator("#neighbourhoods")).to_contain_text("Bloemhof")
        for table in ("#places", "#neighbourhoods"):
            expect(page.locator(table)).not_to_contain_text("Havenkwartier")
        expect(page.locator("main")).not_to_contain_text("Geheime beschrijving")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert_accessible(page)

        # Filter by keyboard-reachable controls: only lighting.
        page.get_by_label("Soort").select_option(label="Verlichting kapot of te weinig")
        page.get_by_role("button", name="Tonen").click()
        expect(page.locator("#summary-heading")).to_have_text("1 melding")
        expect(circles).to_have_count(1)
        assert_accessible(page)
        assert not errors, errors
    finally:
        phone.close()

    plain = browser.new_context(
        java_script_enabled=False, viewport={"width": 375, "height": 740}, locale="nl-NL"
    )
    try:
        page = plain.new_page()
        page.goto(live_server.url + "/melden/kaart/?status=open")
        expect(page.locator("#places")).to_contain_text("Donkere doorgang: 2")
        expect(page.locator("#picture-map")).to_be_hidden()
    finally:
        plain.close()


def test_a_coordinator_changes_a_routing_rule_on_a_phone(
    browser: Browser, live_server: Any, transactional_db: Any, areas: Any
) -> None:
    coordinator = make_user(Role.COORDINATOR, areas.municipality, display_name="Cato Coördinator")
    phone = browser.new_context(
        viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True
    )
    phone.set_default_timeout(15_000)
    try:
        page = phone.new_page()
        log_in(page, live_server, coordinator)
        page.goto(live_server.url + "/meldingen/routering/")
        page.get_by_role("link", name="“Overlast: wijkagent” veranderen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Routeringsregel veranderen")
        assert_accessible(page)

        # Two targets: a Dutch error, nothing saved.
        page.get_by_label("Naar wie dienst heeft").check()
        page.get_by_role("button", name="Regel opslaan").click()
        expect(page.locator(".error-summary")).to_contain_text("Kies één bestemming")
        assert_accessible(page)
        rule = RoutingRule.objects.get(municipality=areas.municipality, name="Overlast: wijkagent")
        assert (rule.to_on_call, rule.team_kind) == (False, "community_police")

        # Only whoever is on call, at night, on weekends.
        page.get_by_label("Naar een team van soort").select_option("")
        page.get_by_label("Vanaf (tijd)").fill("22:00")
        page.get_by_label("Tot (tijd)").fill("07:00")
        page.get_by_label("Zaterdag").check()
        page.get_by_label("Zondag").check()
        page.get_by_role("button", name="Regel opslaan").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Routeringsregels")
        expect(page.locator("#rules")).to_contain_text("22:00–07:00")
        assert_accessible(page)
        rule.refresh_from_db()
        assert (rule.to_on_call, rule.team_kind, rule.weekdays) == (True, "", "56")

        # A new rule goes last.
        page.get_by_role("link", name="Nieuwe regel").click()
        assert_accessible(page)
        page.get_by_label("Naam").fill("Alles wat over is: buurtteam")
        page.get_by_label("In gebruik").check()
        page.get_by_label("Naar een team van soort").select_option(label="buurtteam")
        page.get_by_role("button", name="Regel opslaan").click()
        expect(page.locator("#rules tbody tr").last).to_contain_text("Alles wat over is")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        phone.close()
