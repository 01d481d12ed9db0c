"""A coordinator runs a scan with two participants, sees the radar chart and its table,
opens the recommendations and makes a plan action from one; the action shows in the plan
and in the sociale wijkagenda. Every page is checked with axe-core."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, Page, expect
from tests.e2e.conftest import assert_accessible, log_in, menu_click

from omzien.plans import services as plan_services
from omzien.plans.models import Action
from omzien.scan import services
from omzien.scan.models import Score


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{page.url} is {width}px wide at 375px"


def test_a_coordinator_makes_a_plan_action_from_a_recommendation(
    browser: Browser,
    live_server: Any,
    transactional_db: Any,
    areas: Any,
    coordinator: Any,
    volunteer: Any,
) -> None:
    # A transactional test before this one flushed the rows the data migrations seeded.
    services.framework_sync()
    plan_services.knowledge_sync()
    context = browser.new_context(locale="nl-NL")
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        log_in(page, live_server, coordinator)
        menu_click(page, "Buurtscan")
        assert_accessible(page)
        page.get_by_role("link", name="Bloemhof").click()
        assert_accessible(page)
        page.get_by_role("link", name="Nieuwe scan").click()
        assert_accessible(page)
        page.get_by_label("Datum").fill("2026-11-02")
        page.get_by_role("button", name="Scan maken").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Scan van Bloemhof")
        assert_accessible(page)
        page.get_by_role("link", name="Deelnemer toevoegen").click()
        assert_accessible(page)
        page.get_by_label("sleutelfiguur").check()
        page.get_by_label("E-mailadres van het account").fill(volunteer.email)
        page.get_by_role("button", name="Toevoegen").click()
        page.get_by_role("link", name="Deelnemer toevoegen").click()
        page.get_by_label("bewoner", exact=True).check()
        page.get_by_label("Of: naam van een gast zonder account").fill("Gerda")
        page.get_by_role("button", name="Toevoegen").click()
        page.get_by_role("link", name="Scores invullen (Gerda)").click()
        assert_accessible(page)
        page.locator("#id_score_1_1_1").check()  # 2
        page.locator("#id_score_1_2_2").check()  # 3
        page.get_by_role("button", name="Mijn scores bewaren").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Scan van Bloemhof")
    finally:
        context.close()

    other = browser.new_context(locale="nl-NL")
    try:
        page = other.new_page()
        log_in(page, live_server, volunteer)
        menu_click(page, "Buurtscan")
        assert_accessible(page)
        page.get_by_role("link", name="Vul je scores in").click()
        assert_accessible(page)
        page.locator("#id_score_1_1_1").check()  # 2
        page.get_by_role("button", name="Mijn scores bewaren").click()
        expect(page.locator(".messages")).to_contain_text("Je scores zijn bewaard.")
    finally:
        other.close()
    assert Score.objects.count() == 3

    phone = browser.new_context(
        viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True
    )
    phone.set_default_timeout(15_000)
    try:
        page = phone.new_page()
        log_in(page, live_server, coordinator)
        session = areas.neighbourhood.scan_sessions.get()
        page.goto(live_server.url + session.get_absolute_url())
        expect(page.locator("svg.radar")).to_be_visible()
        assert_accessible(page)
        table = page.get_by_role("table", name="Resultaten per kenmerk")
        expect(table.get_by_role("row", name="1. Een open houding")).to_contain_text("2,3")

        menu_click(page, "Actieplan")
        expect(page.get_by_role("heading", level=1)).to_have_text("Actieplan")
        assert_accessible(page)
        page.get_by_role("link", name="Aanbevelingen (Bloemhof)").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Aanbevelingen voor Bloemhof")
        expect(page.get_by_text("kenmerk 1 scoort 2,3; actiepunt 1.1 scoort 2,0")).to_be_visible()
        assert_accessible(page)
        _fits(page)
        page.get_by_role("link", name="Maak er een actie van (Kwartiermaken)").click()
        expect(page.get_by_label("Titel")).to_have_value("Kwartiermaken")
        assert_accessible(page)
        _fits(page)
        page.get_by_role("button", name="Actie bewaren").click()  # no phase chosen yet
        expect(page.locator(".error-summary")).to_contain_text("Fase")
        assert_accessible(page)
        page.get_by_label("vormgeven").check()
        page.get_by_role("button", name="Actie bewaren").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Kwartiermaken")
        expect(page.locator(".messages")).to_contain_text("De actie staat in het plan.")
        assert_accessible(page)
        action = Action.objects.get()
        assert action.intervention is not None and action.intervention.key == "kwartiermaken"
        assert list(action.action_points.values_list("code", flat=True)) == ["1.1"]

        page.get_by_role("link", name="Plan van Bloemhof").click()
        expect(page.get_by_role("link", name="Kwartiermaken")).to_be_visible()
        assert_accessible(page)
        _fits(page)
        page.get_by_role("link", name="Sociale wijkagenda").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Sociale wijkagenda")
        # The action runs three months from today, so it can show in two quarters.
        expect(page.get_by_role("link", name="Kwartiermaken").first).to_be_visible()
        assert_accessible(page)
        page.go_back()
        page.get_by_role("link", name="Voortgang").click()
        assert_accessible(page)
        page.goto(live_server.url + "/plan/kennisbank/")
        expect(page.get_by_role("link", name="Kwartiermaken")).to_be_visible()
        assert_accessible(page)
        _fits(page)
        page.get_by_role("link", name="Studio BRUIS – Samen Buurten").click()
        expect(page.get_by_text("Samenlevingsopbouw in de wijk (Platform31")).to_be_visible()
        assert_accessible(page)
        _fits(page)
    finally:
        phone.close()
