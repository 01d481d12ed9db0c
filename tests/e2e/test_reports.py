"""The report point in a browser: a resident on a phone reports a dark passage with a photo
and follows it with the tracking link; staff handle it; the resident answers "Ben je
tevreden?". Every page is checked with axe-core."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, expect
from tests.conftest import make_user
from tests.e2e.conftest import assert_accessible, log_in, menu_click
from tests.reports.conftest import jpeg_with_exif

from omzien.accounts.models import Role
from omzien.reports.models import Category, Report, ReportStatus, Team, TeamKind


def test_a_resident_reports_a_dark_passage_and_staff_handle_it(
    browser: Browser, live_server: Any, transactional_db: Any, areas: Any
) -> None:
    worker = make_user(Role.PROFESSIONAL, areas.district, display_name="Sam Straat")
    team = Team.objects.create(
        municipality=areas.municipality, name="Openbare ruimte", kind=TeamKind.PUBLIC_SPACE
    )
    team.members.add(worker)
    team.responsible_for.add(
        Category.objects.get(municipality=areas.municipality, slug="onveilige-plek")
    )

    phone = browser.new_context(
        viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True
    )
    phone.set_default_timeout(15_000)
    try:
        page = phone.new_page()
        page.goto(live_server.url + "/")
        page.get_by_role("link", name="Melden", exact=True).first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Iets melden")
        assert_accessible(page)
        # Danger right now: the form stops and shows 112; nothing is saved.
        page.get_by_role("link", name="Zorgen om iemand").click()
        assert_accessible(page)
        page.locator("input[name='q_gevaar-nu'][value='yes']").check()
        page.get_by_role("button", name="Melding versturen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Bel nu 112")
        assert_accessible(page)
        assert Report.objects.count() == 0
        page.get_by_role("link", name="Terug naar melden").click()

        page.get_by_role("link", name="Onveilige plek", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Onveilige plek")
        assert_accessible(page)

        # Forgetting where it is: a Dutch error, nothing saved.
        page.get_by_label("Donkere doorgang").check()
        page.get_by_label("Wat is er aan de hand?").fill("Het pad achter de school is pikdonker.")
        page.get_by_role("button", name="Melding versturen").click()
        expect(page.locator(".error-summary")).to_contain_text("Vertel ons waar het is")
        assert_accessible(page)
        assert Report.objects.count() == 0

        page.get_by_label("Als het donker is").check()
        page.get_by_label("Postcode").fill("1091 AB")
        page.get_by_label("Huisnummer").fill("12")
        page.get_by_label("Foto (als je wilt)").set_input_files(
            {"name": "doorgang.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_exif()}
        )
        page.get_by_role("button", name="Melding versturen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor je melding")
        assert_accessible(page)
        report = Report.objects.get()
        assert report.reference in page.content()
        assert b"OmzienCam" not in bytes(report.photo.content)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0

        page.locator("#tracking-link").click()
        expect(page.locator("#status")).to_have_text("Ontvangen")
        assert_accessible(page)
        tracking_url = page.url

        # Staff handle it with a text.
        office = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        office.set_default_timeout(15_000)
        try:
            staff = office.new_page()
            log_in(staff, live_server, worker)
            menu_click(staff, "Meldingen")
            assert_accessible(staff)
            staff.get_by_role("link", name=report.reference).click()
            expect(staff.get_by_role("heading", level=1)).to_contain_text(report.reference)
            expect(staff.get_by_role("img", name="Foto bij de melding")).to_be_visible()
            assert_accessible(staff)
            staff.get_by_label("Nieuwe status").select_option(ReportStatus.HANDLED)
            staff.get_by_label("Bericht aan de melder").fill("De lamp in de doorgang is gemaakt.")
            staff.get_by_role("button", name="Status wijzigen").click()
            expect(staff.locator("#status")).to_have_text("Afgehandeld")
            assert_accessible(staff)
        finally:
            office.close()

        # The resident sees it handled and is not satisfied.
        page.goto(tracking_url)
        expect(page.locator("#status")).to_have_text("Afgehandeld")
        expect(page.locator("#history")).to_contain_text("De lamp in de doorgang is gemaakt.")
        assert_accessible(page)
        page.get_by_label("Nee", exact=True).check()
        page.get_by_label("Wil je iets uitleggen?").fill("Het is nog steeds donker.")
        page.get_by_role("button", name="Antwoord versturen").click()
        expect(page.locator("#status")).to_have_text("Heropenen gevraagd")
        expect(page.get_by_text("Je was niet tevreden.")).to_be_visible()
        assert_accessible(page)
        report.refresh_from_db()
        assert (report.status, report.satisfied) == (ReportStatus.REOPEN_REQUESTED, False)
    finally:
        phone.close()
