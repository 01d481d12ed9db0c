"""A coordinator creates a neighbourhood scan with two participants, both score, and the
coordinator sees the radar chart and its table. Every page is checked with axe-core."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, Page, expect
from tests.e2e.conftest import assert_accessible, log_in, menu_click

from omzien.scan import services
from omzien.scan.models import Score


def _phone(browser: Browser) -> Any:
    return browser.new_context(
        viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True
    )


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right"
        " > 375).slice(0, 5).map(e => e.tagName + '.' + e.className)"
    )
    assert width <= 375, f"{page.url} is {width}px wide at 375px: {wide}"


def test_a_coordinator_runs_a_scan_with_two_participants(
    browser: Browser,
    live_server: Any,
    transactional_db: Any,
    areas: Any,
    coordinator: Any,
    volunteer: Any,
) -> None:
    services.framework_sync()  # a transactional test before this one flushed the seed rows
    context = _phone(browser)
    try:
        page = context.new_page()
        log_in(page, live_server, coordinator)
        menu_click(page, "Buurtscan")
        expect(page.get_by_role("heading", level=1)).to_have_text("Buurtscan")
        assert_accessible(page)
        page.get_by_role("link", name="Bloemhof").click()
        assert_accessible(page)
        page.get_by_role("link", name="Nieuwe scan").click()
        assert_accessible(page)
        page.get_by_label("Datum").fill("2026-11-02")
        page.get_by_role("button", name="Scan maken").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Scan van Bloemhof")
        assert_accessible(page)
        _fits(page)

        page.get_by_role("link", name="Deelnemer toevoegen").click()
        assert_accessible(page)
        page.get_by_role("button", name="Toevoegen").click()  # nothing filled in
        expect(page.locator(".error-summary")).to_contain_text("Doet mee als")
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
        _fits(page)
        page.locator("#id_score_1_1_1").check()  # 2
        page.get_by_label("Opmerking bij 1.1 (mag leeg blijven)").fill("Weinig contact.")
        page.locator("#id_score_5_4_3").check()  # 4
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
        page.locator("#id_score_1_1_3").check()  # 4
        page.locator("#id_score_2_1_5").check()  # weet ik niet
        page.get_by_role("button", name="Mijn scores bewaren").click()
        expect(page.locator(".messages")).to_contain_text("Je scores zijn bewaard.")
    finally:
        other.close()
    assert Score.objects.count() == 4

    context = browser.new_context(locale="nl-NL")
    try:
        page = context.new_page()
        log_in(page, live_server, coordinator)
        session = areas.neighbourhood.scan_sessions.get()
        page.goto(live_server.url + session.get_absolute_url())
        assert_accessible(page)
        expect(page.locator("svg.radar")).to_be_visible()
        table = page.get_by_role("table", name="Resultaten per kenmerk")
        expect(table.get_by_role("row", name="1. Een open houding")).to_contain_text("2–4")
        expect(page.get_by_text("Weinig contact.")).to_be_visible()
        expect(page.get_by_text("— een bewoner")).to_be_visible()
    finally:
        context.close()


def test_questionnaire_and_buurt_dna_pages(
    browser: Browser,
    live_server: Any,
    transactional_db: Any,
    areas: Any,
    coordinator: Any,
) -> None:
    services.framework_sync()
    campaign = services.campaign_create(
        actor=coordinator, neighbourhood=areas.neighbourhood, title="Hoe gaat het?"
    )
    resident = _phone(browser)
    try:
        page = resident.new_page()
        page.goto(live_server.url + "/buurtscan/v/")
        assert_accessible(page)
        page.get_by_label("Code").fill(campaign.code)
        page.get_by_role("button", name="Naar de vragen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Hoe gaat het?")
        assert_accessible(page)
        _fits(page)
        page.get_by_role("group", name="Ik ervaar een leegte om me heen.").get_by_label(
            "nee"
        ).check()
        page.get_by_role("button", name="Mijn antwoorden versturen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Dank je wel")
        assert_accessible(page)
    finally:
        resident.close()

    context = browser.new_context(locale="nl-NL")
    try:
        page = context.new_page()
        log_in(page, live_server, coordinator)
        page.goto(live_server.url + campaign.get_absolute_url())
        assert_accessible(page)
        expect(page.get_by_text("Minder dan 5 mensen hebben geantwoord.")).to_be_visible()
        page.goto(live_server.url + f"/buurtscan/buurt/{areas.neighbourhood.code}/buurt-dna/")
        assert_accessible(page)
        page.get_by_role("link", name="Invullen of aanpassen").click()
        assert_accessible(page)
        page.get_by_label("Hoe groot is de buurt?").fill("Ongeveer 2.000 mensen.")
        page.get_by_role("button", name="Bewaren als nieuwe versie").click()
        expect(page.locator(".messages")).to_contain_text("Bewaard als versie 1.")
        page.get_by_role("link", name="Geschiedenis").click()
        assert_accessible(page)
        expect(page.get_by_text("Ongeveer 2.000 mensen.")).to_be_visible()
    finally:
        context.close()
