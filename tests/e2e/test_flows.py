"""What people do: consent that opens and closes at once, keyboard use, no JavaScript, phone."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect
from tests.e2e.conftest import assert_accessible, log_in, visit
from tests.factories import PASSWORD


def test_consent_opens_and_closes_contact_details(
    browser: Browser, live_server, resident, professional
) -> None:
    resident_ctx = browser.new_context(locale="nl-NL")
    pro_ctx = browser.new_context(locale="nl-NL")
    try:
        res, pro = resident_ctx.new_page(), pro_ctx.new_page()
        log_in(pro, live_server, professional)
        pro.goto(f"{live_server.url}/bewoners/{resident.pk}/")
        expect(pro.get_by_text("anna@example.org")).to_have_count(0)

        log_in(res, live_server, resident.user)
        res.goto(f"{live_server.url}/mijn/toestemmingen/")
        res.get_by_label("contactgegevens").check()
        res.get_by_label("steun en hulp").check()
        res.get_by_label("Voor één persoon: het e-mailadres van die persoon").fill(
            professional.email
        )
        res.get_by_role("button", name="Toestemming geven").click()
        expect(res.get_by_role("status")).to_be_visible()
        assert_accessible(res)

        pro.reload()
        expect(pro.get_by_text("anna@example.org")).to_be_visible()

        res.get_by_role("button", name="Intrekken").first.click()
        pro.reload()
        expect(pro.get_by_text("anna@example.org")).to_have_count(0)

        res.goto(f"{live_server.url}/mijn/inzage/")
        expect(res.get_by_role("cell", name="Pim Professional").first).to_be_visible()
        assert_accessible(res)
    finally:
        resident_ctx.close()
        pro_ctx.close()


def test_keyboard_only_login(page: Page, live_server, resident) -> None:
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert "Naar de inhoud" in page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The login page puts the cursor in the e-mail field; Tab and Enter do the rest.
    page.goto(live_server.url + "/account/inloggen/")
    assert page.evaluate("document.activeElement.name") == "username"
    page.keyboard.type("anna@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/start/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Anna")


def test_everything_works_without_javascript(
    browser: Browser, live_server, resident, areas
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    try:
        page = context.new_page()
        log_in(page, live_server, resident.user)
        page.goto(live_server.url + "/mijn/profiel/wijzigen/")
        page.get_by_label("Over mij").fill("Ik woon hier sinds 2019.")
        page.get_by_role("button", name="Opslaan").click()
        page.wait_for_url("**/mijn/profiel/")
        expect(page.get_by_text("Ik woon hier sinds 2019.")).to_be_visible()
        # The language switch is a plain form.
        page.get_by_role("button", name="English").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("My profile")
    finally:
        context.close()


def test_phone_width_has_no_sideways_scrolling(browser: Browser, live_server, resident) -> None:
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="nl-NL", is_mobile=True
    )
    try:
        page = context.new_page()
        log_in(page, live_server, resident.user)
        for path in ["/start/", "/mijn/profiel/wijzigen/", "/mijn/toestemmingen/", "/buurten/"]:
            visit(page, live_server, path)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, (path, overflow)
    finally:
        context.close()


def test_form_errors_are_announced(page: Page, live_server, areas) -> None:
    page.goto(live_server.url + "/aanmelden/")
    page.get_by_role("button", name="Maak mijn account").click()
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    assert_accessible(page)
