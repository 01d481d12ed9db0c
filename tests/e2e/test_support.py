"""A resident on a phone fills in their network and their early-warning plan, chooses who
may read it and downloads the crisis card. Every page is checked with axe-core."""

from __future__ import annotations

import io
from typing import Any

from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader
from tests.e2e.conftest import assert_accessible, log_in, menu_click
from tests.support.conftest import write_plan

from omzien.core.models import AuditEntry
from omzien.people.models import Consent, ConsentCategory
from omzien.support import services
from omzien.support.models import NetworkMember, PlanVersion

MM = 72 / 25.4


def _no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def _add(page: Page, name: str, relation: str, frequency: str, phone: str = "") -> None:
    page.get_by_role("link", name="Iemand toevoegen").click()
    assert_accessible(page)
    page.locator("#id_name").fill(name)
    page.locator("#id_relation").select_option(label=relation)
    page.get_by_label(frequency, exact=True).check()
    if phone:
        page.get_by_label("Ik mag deze persoon bellen als het minder goed gaat").check()
        page.get_by_label("Telefoonnummer (mag leeg blijven)").fill(phone)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Je netwerk is opgeslagen.")).to_be_visible()


def test_a_resident_writes_a_plan_shares_it_and_downloads_the_crisis_card(
    browser: Browser, live_server: Any, transactional_db: Any, resident: Any, professional: Any
) -> None:
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True
    )
    try:
        page = context.new_page()
        log_in(page, live_server, resident.user)
        page.get_by_role("link", name="Mijn netwerk").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Mijn netwerk")
        assert_accessible(page)

        _add(page, "Els", "familie", "elke week", phone="06 12345678")
        # One person: the page kindly points to the activities.
        expect(page.get_by_text("Wil je meer mensen om je heen?")).to_be_visible()
        _add(page, "Buurvrouw Ria", "buurman of buurvrouw", "elke dag")
        map_ = page.get_by_role("img", name="Cirkelkaart van het netwerk van Anna")
        expect(map_).to_be_visible()
        expect(page.locator("#network-table tbody tr")).to_have_count(2)
        assert_accessible(page)
        _no_sideways_scroll(page)

        page.get_by_role("link", name="Mijn plan").click()
        expect(page.get_by_text("Je hebt nog geen plan.")).to_be_visible()
        assert_accessible(page)
        page.get_by_role("link", name="Plan schrijven").click()
        assert_accessible(page)
        page.locator("#id_well_signs").fill("Ik ga elke dag naar buiten.")
        page.locator("#id_crisis_signs").fill("Ik blijf in bed en neem niet op.")
        page.locator("#id_crisis_others_do").fill("Bel Els. Kom rustig langs.")
        page.locator("#id_crisis_call1_member").select_option(label="Els (06 12345678)")
        page.get_by_role("button", name="Plan opslaan").click()
        expect(page.get_by_text("Je plan is opgeslagen als versie 1.")).to_be_visible()
        expect(page.get_by_text("Bel Els. Kom rustig langs.")).to_be_visible()
        assert_accessible(page)
        _no_sideways_scroll(page)

        page.get_by_role("link", name="Kies wie het mag lezen").click()
        assert_accessible(page)
        page.get_by_label("Pim Professional (werkt in je buurt)").check()
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_text("Opgeslagen. Alleen de mensen die je koos")).to_be_visible()
        consent = Consent.objects.in_force().get(category=ConsentCategory.EARLY_WARNING_PLAN)
        assert consent.grantee_user == professional

        with page.expect_download() as download_info:
            page.get_by_role("link", name="Crisiskaart downloaden (pdf)").click()
        path = download_info.value.path()
        reader = PdfReader(io.BytesIO(open(path, "rb").read()))  # noqa: SIM115
        assert len(reader.pages) == 2
        box = reader.pages[0].mediabox
        assert (round(float(box.width) / MM, 1), round(float(box.height) / MM, 1)) == (85.6, 54.0)
        text = " ".join(p.extract_text() for p in reader.pages)
        assert "Bel Els. Kom rustig langs." in text and "06 12345678" in text

        assert NetworkMember.objects.filter(person=resident).count() == 2
        contact = PlanVersion.objects.get().contacts.get()
        assert (contact.phase, contact.name) == ("crisis", "Els")
    finally:
        context.close()


def test_a_chosen_professional_reads_the_plan_and_someone_else_is_refused(
    browser: Browser,
    live_server: Any,
    transactional_db: Any,
    resident: Any,
    professional: Any,
    volunteer: Any,
) -> None:
    write_plan(resident, resident.user)
    services.plan_readers_set(actor=resident.user, person=resident, readers=[professional])
    context = browser.new_context(locale="nl-NL")
    try:
        page = context.new_page()
        log_in(page, live_server, professional)
        menu_click(page, "Gedeeld met mij")
        assert_accessible(page)
        page.get_by_role("link", name="signaleringsplan Anna de Vries").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Signaleringsplan van Anna de Vries"
        )
        expect(page.get_by_text("Bel mijn zus Els en blijf rustig.")).to_be_visible()
        assert_accessible(page)
        page.get_by_role("link", name="Oudere versies").click()
        assert_accessible(page)
        assert AuditEntry.objects.filter(category="plan", actor=professional).count() == 2

        other = browser.new_context(locale="nl-NL").new_page()
        log_in(other, live_server, volunteer)
        response = other.goto(f"{live_server.url}/ondersteuning/{resident.pk}/plan/")
        assert response is not None and response.status == 403
        assert_accessible(other)
        expect(other.get_by_text("Bel mijn zus Els")).to_have_count(0)
        other.context.close()
    finally:
        context.close()
