"""Browser tests: Playwright drives Debian's Chromium (never a downloaded browser).

Every page a test visits is checked with axe-core: no serious or critical violation.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from tests.factories import PASSWORD

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail(f"Chromium not found at {path}: run `make test-e2e`, which installs it.")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by
    # fixtures and assertions are still synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


_axe = Axe()


def assert_accessible(page: Page) -> None:
    """Run axe-core on the current page; fail on serious or critical violations."""
    results = _axe.run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} → "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in results.response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]
    assert not bad, f"{page.url}: " + " | ".join(bad)


def visit(page: Page, live_server: Any, path: str, *, status: int = 200) -> None:
    response = page.goto(live_server.url + path)
    assert response is not None and response.status == status, (path, response and response.status)
    assert_accessible(page)


def _fresh_code(device: TOTPDevice) -> int:
    """A code the device accepts now. django-otp refuses a code from a time step it has
    already used (no replay), so a second log-in within the same 30 seconds takes the next
    step, which the device's tolerance accepts; beyond that, wait for the next step."""
    device.refresh_from_db()
    while True:
        now_t = int((time.time() - device.t0) // device.step)
        drift = max(device.drift, device.last_t + 1 - now_t)
        if drift <= device.drift + device.tolerance:
            break
        time.sleep(device.step - (time.time() - device.t0) % device.step + 0.2)
    return int(
        totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift)
    )


def log_in(page: Page, live_server: Any, user: Any) -> None:
    page.goto(live_server.url + "/account/inloggen/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        page.wait_for_url("**/account/tweestaps/**")
        assert_accessible(page)
        code = _fresh_code(device)
        page.get_by_label("Code uit je authenticator-app").fill(f"{code:06d}")
        page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url("**/start/")


def menu_click(page: Page, name: str) -> None:
    """Follow a main-menu link; for people whose menu is grouped, open its group first
    (a click on the group's summary, as a person would)."""
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    # (an inner locator of `filter(has=...)` is looked for inside each group)
    hidden_or_not = page.get_by_role("link", name=name, exact=True, include_hidden=True)
    group = nav.locator("details").filter(has=hidden_or_not)
    if group.count() and group.first.get_attribute("open") is None:
        group.first.locator("summary").click()
    nav.get_by_role("link", name=name, exact=True).click()
