"""Neighbourhood circles in a browser, on a phone: a coach starts a circle, adds
participants, records who came to a meeting and an agreement; a participant then sees
"Mijn buurtcirkel". Every page is checked with axe-core."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from tests.conftest import make_user
from tests.e2e.conftest import assert_accessible, log_in, menu_click
from tests.factories import PASSWORD, PersonFactory

from omzien.accounts.models import Role
from omzien.circles.models import Agreement, Circle, CircleStatus, MeetingAttendance
from omzien.people.models import Consent, ConsentCategory, ConsentMethod
from omzien.people.services import person_signup


def _no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, page.url


def test_a_coach_runs_a_circle_on_a_phone_and_a_participant_sees_it(
    browser: Browser, live_server: Any, transactional_db: Any, areas: Any
) -> None:
    coach = make_user(Role.PROFESSIONAL, areas.district, display_name="Carla Coach")
    ans = person_signup(
        email="ans@example.org",
        password=PASSWORD,
        first_name="Ans",
        last_name="de Boer",
        neighbourhood=areas.neighbourhood,
    )
    karim = PersonFactory(neighbourhood=areas.neighbourhood, first_name="Karim")
    for person in (ans, karim):
        Consent.objects.create(
            person=person,
            category=ConsentCategory.ATTENDANCE,
            purpose="activities",
            grantee_role=Role.VOLUNTEER,
            method=ConsentMethod.SPOKEN,
        )
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True
    )
    try:
        page = context.new_page()
        log_in(page, live_server, coach)
        page.goto(f"{live_server.url}/start/")
        menu_click(page, "Buurtcirkels")
        expect(page.get_by_role("heading", level=1)).to_have_text("Buurtcirkels")
        assert_accessible(page)
        page.get_by_role("link", name="Nieuwe cirkel beginnen").click()
        assert_accessible(page)

        # A planned end before the start: a Dutch error, nothing saved.
        page.locator("#id_name").fill("Buurtcirkel Bloemhof")
        page.locator("#id_neighbourhood").select_option(str(areas.neighbourhood.pk))
        page.locator("#id_goal").fill("Samen eten en elkaar helpen met boodschappen.")
        start = timezone.localdate()
        page.locator("#id_starts_on").fill(start.isoformat())
        page.locator("#id_planned_end_on").fill((start - datetime.timedelta(days=1)).isoformat())
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_role("alert")).to_contain_text(
            "De geplande einddatum moet na de startdatum liggen."
        )
        assert_accessible(page)
        assert not Circle.objects.exists()
        page.locator("#id_planned_end_on").fill((start + datetime.timedelta(days=300)).isoformat())
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Buurtcirkel Bloemhof")
        expect(page.get_by_text("Voeg nu de deelnemers toe.")).to_be_visible()
        assert_accessible(page)
        _no_sideways_scroll(page)

        # Two participants, who said yes in a conversation.
        for person in (ans, karim):
            page.get_by_role("link", name="Deelnemer toevoegen").click()
            assert_accessible(page)
            page.locator("#id_person").select_option(str(person.pk))
            page.get_by_label("gezegd in een gesprek").check()
            page.get_by_role("button", name="Toevoegen", exact=True).click()
            expect(page.get_by_text(f"{person.first_name} doet mee in de cirkel.")).to_be_visible()
        expect(
            page.get_by_text("Een cirkel heeft meestal 8 tot 12 deelnemers.").first
        ).to_be_visible()
        page.get_by_role("button", name="De cirkel begint").click()
        expect(page.get_by_text("De cirkel is begonnen.")).to_be_visible()
        assert Circle.objects.get().status == CircleStatus.RUNNING

        # A meeting, and who came, on the phone.
        page.get_by_role("link", name="Nieuwe bijeenkomst").click()
        assert_accessible(page)
        when = timezone.localtime() + datetime.timedelta(hours=1)
        page.locator("#id_starts_at").fill(when.strftime("%Y-%m-%dT%H:%M"))
        page.locator("#id_topic").fill("Kennismaken")
        page.locator("#id_place").fill("Buurthuis De Linde")
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Wie is er?")
        assert_accessible(page)
        _no_sideways_scroll(page)
        page.get_by_role("button", name="Ans is er", exact=True).click()
        expect(page.get_by_role("button", name="Ans is er niet")).to_be_visible()
        page.get_by_role("button", name="Eén erbij").click()
        expect(page.get_by_text("1 deelnemer geteld.")).to_be_visible()
        assert_accessible(page)
        assert [a.person.first_name for a in MeetingAttendance.objects.all()] == ["Ans"]

        # An agreement between Ans and Karim.
        page.get_by_role("link", name="Terug naar de cirkel").click()
        page.get_by_role("link", name="Nieuwe afspraak").click()
        assert_accessible(page)
        page.get_by_label("Ans", exact=True).check()
        page.get_by_label("Karim", exact=True).check()
        page.locator("#id_text").fill("Ans en Karim doen samen boodschappen op vrijdag")
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_text("De afspraak is opgeslagen.")).to_be_visible()
        expect(page.get_by_text("Ans en Karim doen samen boodschappen op vrijdag")).to_be_visible()
        assert_accessible(page)
        _no_sideways_scroll(page)
        assert Agreement.objects.get().people.count() == 2
    finally:
        context.close()

    # Ans sees her own circle, by keyboard-reachable links, on a phone.
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True
    )
    try:
        page = context.new_page()
        log_in(page, live_server, ans.user)
        page.get_by_role("link", name="Mijn buurtcirkel").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Mijn buurtcirkel")
        expect(page.get_by_text("Buurtcirkel Bloemhof")).to_be_visible()
        expect(page.get_by_text("Karim", exact=True)).to_be_visible()
        expect(page.get_by_text("Ans en Karim doen samen boodschappen op vrijdag")).to_be_visible()
        assert_accessible(page)
        _no_sideways_scroll(page)
        # The staff page of her circle is not for her.
        circle = Circle.objects.get()
        response = page.goto(f"{live_server.url}/buurtcirkels/{circle.pk}/")
        assert response is not None and response.status == 403
    finally:
        context.close()
