"""A coordinator uploads CBS key figures on a phone: a bad file first, then a good one.
Every page is checked with axe-core, at 375 px (the pages use no JavaScript)."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, expect
from tests.conftest import make_user
from tests.e2e.conftest import assert_accessible, log_in

from omzien.accounts.models import Role
from omzien.keyfigures.demo import FIXTURES
from omzien.keyfigures.models import KeyFigures
from omzien.neighbourhoods.models import District, Municipality, Neighbourhood
from omzien.people.demo import DISTRICTS, MUNICIPALITY, NEIGHBOURHOODS


def test_a_coordinator_uploads_cbs_figures_on_a_phone(
    browser: Browser, live_server: Any, transactional_db: Any, tmp_path: Any
) -> None:
    municipality = Municipality.objects.create(code=MUNICIPALITY[0], name=MUNICIPALITY[1])
    districts = {
        code: District.objects.create(code=code, name=name, municipality=municipality)
        for code, name, *_rest in DISTRICTS
    }
    for code, name, *_rest in NEIGHBOURHOODS:
        Neighbourhood.objects.create(code=code, name=name, district=districts["WK" + code[2:8]])
    coordinator = make_user(Role.COORDINATOR, municipality, display_name="Ruben Hoogland")
    bad = tmp_path / "kapot.csv"
    bad.write_bytes((FIXTURES / "kwb-2023.csv").read_bytes().replace(b'"2150"', b'"veel"'))

    context = browser.new_context(
        viewport={"width": 375, "height": 740},
        locale="nl-NL",
        is_mobile=True,
    )
    try:
        page = context.new_page()
        log_in(page, live_server, coordinator)
        page.goto(live_server.url + "/kerncijfers/")
        expect(page.get_by_role("heading", level=1)).to_have_text("CBS-kerncijfers")
        assert_accessible(page)

        page.get_by_label("CBS-bestand").set_input_files(str(bad))
        page.get_by_role("button", name="Importeren").click()
        expect(page.locator(".error-summary")).to_contain_text(
            "Rij 6 (BU99010101), kolom “Aantal inwoners (aantal)”: “veel” is geen getal"
        )
        assert_accessible(page)
        assert not KeyFigures.objects.exists()

        page.get_by_label("CBS-bestand").set_input_files(str(FIXTURES / "kwb-2024.csv"))
        page.get_by_label("Jaar").fill("2024")
        page.get_by_role("button", name="Importeren").click()
        expect(page.get_by_text("Geïmporteerd: cijfers van 7 gebieden voor 2024.")).to_be_visible()
        expect(page.get_by_role("heading", level=3)).to_have_text("2024")
        assert_accessible(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"the page is {width}px wide at 375px"
        assert KeyFigures.objects.filter(year=2024).count() == 7
    finally:
        context.close()
