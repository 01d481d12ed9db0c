"""A coordinator fills the one gap in the on-call rota on a phone; a professional then
opens "who is reachable now". Every page is checked with axe-core, at 375 px."""

from __future__ import annotations

import datetime
from typing import Any

from playwright.sync_api import Browser, Page, expect
from tests.e2e.conftest import assert_accessible, log_in, menu_click
from tests.oncall.conftest import add_shift

from omzien.core import worktime
from omzien.core.models import AuditEntry
from omzien.oncall import selectors
from omzien.oncall.models import Shift

FORMAT = "%Y-%m-%dT%H:%M"


def _phone(browser: Browser) -> Any:
    return browser.new_context(
        viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True
    )


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{page.url} is {width}px wide at 375px"


def test_a_coordinator_fills_the_gap_and_a_professional_sees_who_is_reachable(
    browser: Browser,
    live_server: Any,
    transactional_db: Any,
    areas: Any,
    coordinator: Any,
    professional: Any,
) -> None:
    from django.utils import timezone

    now = timezone.now()
    periods = selectors.periods_to_cover(
        now - datetime.timedelta(hours=1), now + datetime.timedelta(days=15)
    )
    gap = periods[3]  # a few days ahead: its times do not move while the test runs
    for start, end in periods:
        if (start, end) != gap:
            add_shift(areas.district, professional, start, end)

    context = _phone(browser)
    try:
        page = context.new_page()
        log_in(page, live_server, coordinator)
        menu_click(page, "Bereikbaarheid")
        expect(page.get_by_role("heading", level=1)).to_have_text("Bereikbaarheid")
        assert_accessible(page)
        page.get_by_role("link", name="Rooster bereikbaarheid (Oost)").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Rooster bereikbaarheid Oost")
        expect(page.locator("#gaps li")).to_have_count(1)
        assert_accessible(page)
        _fits(page)

        page.get_by_role("link", name="Dienst toevoegen").click()
        assert_accessible(page)
        page.get_by_label("Wie").select_option(label="Pim Professional")
        page.get_by_label("Vanaf").fill(timezone.localtime(gap[0]).strftime(FORMAT))
        page.get_by_label("Tot", exact=False).first.fill(
            timezone.localtime(gap[1]).strftime(FORMAT)
        )
        # A number that is not a Dutch mobile number is refused, in Dutch.
        page.get_by_label("Mobiel nummer").fill("020 123 4567")
        page.get_by_role("button", name="Opslaan").click()
        expect(page.locator(".error-summary")).to_contain_text("Nederlands mobiel nummer")
        assert_accessible(page)
        _fits(page)
        page.get_by_label("Mobiel nummer").fill("06 1234 5678")
        page.get_by_role("button", name="Opslaan").click()

        expect(page.get_by_text("De dienst is toegevoegd.")).to_be_visible()
        expect(page.locator("#no-gaps")).to_be_visible()
        expect(page.locator("#gaps")).to_have_count(0)
        assert_accessible(page)
        _fits(page)
        assert Shift.objects.filter(starts_at=gap[0], ends_at=gap[1]).exists()
    finally:
        context.close()

    context = _phone(browser)
    try:
        page = context.new_page()
        log_in(page, live_server, professional)
        menu_click(page, "Bereikbaarheid")
        page.get_by_role("link", name="Wie is nu bereikbaar (Oost)").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Wie is nu bereikbaar")
        if worktime.is_office_hours(timezone.now()):
            expect(page.locator("#team")).to_contain_text("Pim Professional")
        else:
            expect(page.locator("#on-call")).to_contain_text("06 1234 5678")
        assert_accessible(page)
        _fits(page)
        assert AuditEntry.objects.filter(actor=professional, purpose="reachable_now").exists()
    finally:
        context.close()
