"""Routing rules and deadlines in a browser, on a phone: a coordinator orders the rules by
keyboard, opens the overdue list and moves a deadline. Every page is checked with axe-core."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from playwright.sync_api import Browser, expect
from tests.conftest import make_user
from tests.e2e.conftest import assert_accessible, log_in

from omzien.accounts.models import Role
from omzien.reports import services
from omzien.reports.models import Category, Report, RoutingRule


def test_a_coordinator_orders_rules_and_follows_overdue_reports(
    browser: Browser, live_server: Any, transactional_db: Any, areas: Any
) -> None:
    coordinator = make_user(Role.COORDINATOR, areas.municipality, display_name="Cato Coördinator")
    report = services.report_create(
        category=Category.objects.get(municipality=areas.municipality, slug="overlast"),
        subcategory=None,
        submission_key=uuid.uuid4().hex,
        description="Elke nacht harde muziek.",
        answers={"gevaar-nu": "no"},
        address="Bloemstraat 4",
    ).report
    # Make it overdue without waiting three working days.
    Report.objects.filter(pk=report.pk).update(
        deadline_at=report.created_at - datetime.timedelta(hours=1)
    )
    phone = browser.new_context(
        viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True
    )
    phone.set_default_timeout(15_000)
    try:
        page = phone.new_page()
        log_in(page, live_server, coordinator)
        page.goto(live_server.url + "/meldingen/routering/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Routeringsregels")
        assert_accessible(page)
        # By keyboard: focus "move up" of the last rule and press Enter.
        page.get_by_role("button", name="“Overlast: wijkagent” omhoog").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.wait_for_load_state()
        assert_accessible(page)
        names = list(
            RoutingRule.objects.filter(municipality=areas.municipality)
            .order_by("order")
            .values_list("name", flat=True)
        )
        assert names[2] == "Overlast: wijkagent"

        page.goto(live_server.url + "/meldingen/te-laat/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen over de termijn")
        assert_accessible(page)
        page.get_by_role("link", name=report.reference).click()
        expect(page.locator("#deadline")).to_contain_text("over de termijn")
        assert_accessible(page)
        page.get_by_label("Afhandeltermijn").fill("2030-01-15T12:00")
        page.get_by_role("button", name="Termijn opslaan").click()
        expect(page.locator("#deadline")).to_contain_text("15 januari 2030")
        expect(page.locator("#deadline")).not_to_contain_text("over de termijn")
        expect(page.locator("#history")).to_contain_text("Termijn veranderd in 15-01-2030 12:00")
        assert_accessible(page)
    finally:
        phone.close()
