"""The main menu on a phone (375 px): groups open by keyboard, without JavaScript."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, Page, expect
from tests.e2e.conftest import assert_accessible, log_in

PHONE = {"width": 375, "height": 740}


def _fits(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_a_coordinator_opens_a_group_by_keyboard_on_a_phone(
    browser: Browser, live_server: Any, coordinator: Any
) -> None:
    context = browser.new_context(viewport=PHONE, locale="nl-NL", is_mobile=True)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        log_in(page, live_server, coordinator)
        nav = page.get_by_role("navigation", name="Hoofdmenu")
        people = nav.locator("details").filter(has_text="Mensen")
        residents = nav.get_by_role("link", name="Bewoners", exact=True)
        # Closed: the items of a group are not shown until it is opened.
        expect(residents).to_be_hidden()
        assert _fits(page)
        assert_accessible(page)
        # Tab to the group and open it with Enter, then tab to its first item.
        summary = people.locator("summary")
        for _ in range(40):
            page.keyboard.press("Tab")
            if summary.evaluate("element => element === document.activeElement"):
                break
        else:
            raise AssertionError("the group 'Mensen' cannot be reached with Tab")
        page.keyboard.press("Enter")
        expect(people).to_have_attribute("open", "")
        expect(residents).to_be_visible()
        assert _fits(page)
        assert_accessible(page)  # the open group too
        # The group's items follow its summary in the tab order; "Bewoners" is the last.
        page.keyboard.press("Tab")
        first = people.get_by_role("link").first
        expect(first).to_be_focused()
        for _ in range(people.get_by_role("link").count() - 1):
            page.keyboard.press("Tab")
        expect(residents).to_be_focused()
        page.keyboard.press("Enter")
        page.wait_for_url("**/bewoners/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Bewoners")
        # On the new page the item is marked as the current page, inside its group.
        current = page.get_by_role("navigation", name="Hoofdmenu").locator("a[aria-current='page']")
        expect(current).to_have_count(1)
        expect(current).to_have_text("Bewoners")
        expect(page.locator("summary.nav-group-current")).to_contain_text("Mensen")
        assert _fits(page)
        assert_accessible(page)
        # The group starts closed on every page; Space opens it too (a native disclosure).
        group = page.locator("details").filter(has_text="Mensen")
        expect(group).not_to_have_attribute("open", "")
        group.locator("summary").focus()
        page.keyboard.press("Space")
        expect(group).to_have_attribute("open", "")
    finally:
        context.close()


def test_a_resident_sees_a_flat_menu_on_a_phone(
    browser: Browser, live_server: Any, resident: Any
) -> None:
    context = browser.new_context(viewport=PHONE, locale="nl-NL", is_mobile=True)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        log_in(page, live_server, resident.user)
        nav = page.get_by_role("navigation", name="Hoofdmenu")
        expect(nav.locator("details")).to_have_count(0)
        expect(nav.get_by_role("link", name="Mijn profiel", exact=True)).to_be_visible()
        expect(nav.get_by_role("link", name="Start", exact=True)).to_have_attribute(
            "aria-current", "page"
        )
        assert _fits(page)
        assert_accessible(page)
    finally:
        context.close()


def test_a_group_opens_without_javascript(
    browser: Browser, live_server: Any, professional: Any
) -> None:
    # Log in (with its axe checks) with scripts on; then only locators and the keyboard,
    # with page scripts off.
    signed_in = browser.new_context(viewport=PHONE, locale="nl-NL", is_mobile=True)
    try:
        log_in(signed_in.new_page(), live_server, professional)
        state = signed_in.storage_state()
    finally:
        signed_in.close()
    context = browser.new_context(
        viewport=PHONE,
        locale="nl-NL",
        is_mobile=True,
        java_script_enabled=False,
        storage_state=state,
    )
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/start/")
        nav = page.get_by_role("navigation", name="Hoofdmenu")
        reach = nav.get_by_role("link", name="Bereikbaarheid", exact=True)
        expect(reach).to_be_hidden()
        nav.locator("summary").filter(has_text="Veiligheid").click()
        expect(reach).to_be_visible()
        reach.focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**/bereikbaarheid/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Bereikbaarheid")
    finally:
        context.close()
