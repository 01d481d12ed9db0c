"""An analyst opens the neighbourhood dashboard on a phone, chooses a period by keyboard,
sees the radar chart and its table, and compares two neighbourhoods. Also without
JavaScript. Every page is checked with axe-core."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, expect
from tests.conftest import make_user
from tests.dashboard.conftest import build_figures
from tests.e2e.conftest import assert_accessible, log_in, menu_click

from omzien.accounts.models import Role
from omzien.scan import services


def _phone(browser: Browser, **options: Any) -> BrowserContext:
    return browser.new_context(
        viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True, **options
    )


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{page.url} is {width}px wide at 375px"


def _data(areas: Any) -> None:
    services.framework_sync()  # a transactional test before this one flushed the seed rows
    builder = make_user(Role.PROFESSIONAL, areas.neighbourhood, display_name="Kim Kwartiermaker")
    build_figures(areas.neighbourhood, builder)


def test_an_analyst_uses_the_dashboard_on_a_phone(
    browser: Browser, live_server: Any, transactional_db: Any, areas: Any, analyst: Any
) -> None:
    _data(areas)
    context = _phone(browser)
    try:
        page = context.new_page()
        log_in(page, live_server, analyst)
        menu_click(page, "Buurtbeeld")
        expect(page.get_by_role("heading", level=1)).to_have_text("Buurtbeeld")
        assert_accessible(page)
        page.get_by_role("link", name="Bloemhof").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Buurtbeeld van Bloemhof")
        expect(page.locator("svg.radar")).to_be_visible()
        expect(page.get_by_role("heading", name="Gemiddelde score per kenmerk")).to_be_visible()
        expect(page.get_by_role("region", name="Gemiddelde score per kenmerk")).to_contain_text(
            "4,0"
        )
        assert_accessible(page)
        _fits(page)

        # The period by keyboard: the year list, then the button.
        year = page.get_by_label("Jaar")
        year.focus()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        expect(year).to_have_value("2025")
        page.get_by_role("button", name="Tonen").focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**jaar=2025**")
        expect(page.locator("#period-shown")).to_contain_text(
            "1 januari 2025 tot en met 31 december 2025"
        )
        expect(page.locator("svg.radar")).to_be_visible()
        assert_accessible(page)

        page.get_by_role("link", name="Vergelijken met andere buurten").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Buurten vergelijken")
        assert_accessible(page)
        page.get_by_label("Vogelbuurt").focus()
        page.keyboard.press("Space")
        expect(page.get_by_label("Bloemhof")).to_be_checked()
        page.get_by_role("button", name="Vergelijken").focus()
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Naast elkaar")).to_be_visible()
        table = page.get_by_role("region", name="Naast elkaar")
        expect(table).to_contain_text("Bloemhof")
        expect(table).to_contain_text("Vogelbuurt")
        assert_accessible(page)
        _fits(page)
    finally:
        context.close()


def test_the_dashboard_works_without_javascript(
    browser: Browser, live_server: Any, transactional_db: Any, areas: Any, analyst: Any
) -> None:
    _data(areas)
    context = _phone(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        log_in(page, live_server, analyst)
        page.goto(f"{live_server.url}/buurtbeeld/{areas.neighbourhood.code}/")
        expect(page.locator("svg.radar")).to_be_visible()
        page.get_by_label("Vanaf", exact=True).fill("2026-01-01")
        page.get_by_label("Tot en met").fill("2026-12-31")
        page.get_by_role("button", name="Tonen").click()
        page.wait_for_url("**van=2026-01-01**")
        expect(page.locator("#period-shown")).to_contain_text(
            "1 januari 2026 tot en met 31 december 2026"
        )
        expect(
            page.get_by_role("heading", name="Wat bewoners zeggen (vragenlijsten)")
        ).to_be_visible()
        # axe needs JavaScript: the same page is checked with axe in the phone test above.
    finally:
        context.close()
