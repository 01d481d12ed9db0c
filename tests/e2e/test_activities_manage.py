"""A coordinator creates a weekly sign-up activity with two places; three residents sign
up on a phone (the third waits); one cannot come and the third moves up. Every page is
checked with axe-core."""

from __future__ import annotations

import datetime
from typing import Any

from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from tests.conftest import make_user
from tests.e2e.conftest import assert_accessible, log_in
from tests.factories import PASSWORD

from omzien.accounts.models import Role
from omzien.activities.models import Activity, Admission, SignUp
from omzien.people.services import person_signup

NL_MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def _phone(browser: Browser) -> Any:
    return browser.new_context(
        viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True
    )


def _no_horizontal_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{page.url} is {width}px wide at 375px"


def test_sign_up_with_two_places_and_a_waiting_list(
    browser: Browser, live_server: Any, transactional_db: Any, areas: Any
) -> None:
    coordinator = make_user(Role.COORDINATOR, areas.municipality, display_name="Cato")
    residents = [
        person_signup(
            email=f"{name.lower()}@example.org",
            password=PASSWORD,
            first_name=name,
            neighbourhood=areas.neighbourhood,
        )
        for name in ("Anna", "Bram", "Cor")
    ]
    first = timezone.localdate() + datetime.timedelta(days=3)
    day = f"{first.day} {NL_MONTHS[first.month - 1]}"

    # The coordinator makes the activity (desktop).
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        log_in(page, live_server, coordinator)
        page.goto(f"{live_server.url}/activiteiten/")
        assert_accessible(page)
        page.get_by_role("link", name="Nieuwe activiteit").click()
        assert_accessible(page)
        page.locator("#id_name").fill("Wandelgroep Bloemhof")
        page.locator("#id_kind").select_option("walking")
        page.locator("#id_description").fill("Samen een uur wandelen door de buurt.")
        page.locator("#id_neighbourhood").select_option(str(areas.neighbourhood.pk))
        page.locator("#id_first_date").fill(first.isoformat())
        page.locator("#id_start_time").fill("10:00")
        page.locator("#id_duration_minutes").fill("60")
        page.get_by_label("Elke week").check()
        page.get_by_label("Eerst aanmelden").check()
        page.locator("#id_capacity").fill("2")
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Wandelgroep Bloemhof")
        expect(page.get_by_text("De activiteit is opgeslagen.")).to_be_visible()
        assert_accessible(page)
    finally:
        context.close()
    activity = Activity.objects.get(name="Wandelgroep Bloemhof")
    assert activity.admission == Admission.SIGN_UP and activity.capacity == 2
    assert activity.recurrence.startswith("RRULE:FREQ=WEEKLY;BYDAY=")
    session = activity.sessions.order_by("starts_at").first()
    assert session is not None and timezone.localtime(session.starts_at).date() == first

    # Three residents sign up on a phone: two get a place, the third waits.
    for n, person in enumerate(residents):
        context = _phone(browser)
        try:
            page = context.new_page()
            log_in(page, live_server, person.user)
            page.goto(f"{live_server.url}/activiteiten/buurt/{areas.neighbourhood.code}/")
            assert_accessible(page)
            _no_horizontal_scroll(page)
            page.get_by_role("link", name="Wandelgroep Bloemhof").first.click()
            assert_accessible(page)
            _no_horizontal_scroll(page)
            if n < 2:
                page.get_by_role("button", name=f"Aanmelden voor {day}").click()
                expect(page.get_by_text("Je bent aangemeld. Tot dan!")).to_be_visible()
            else:
                expect(page.get_by_text("Vol: wachtlijst").first).to_be_visible()
                page.get_by_role("button", name=f"Op de wachtlijst voor {day}").click()
                expect(page.get_by_text("Het is vol. Je staat op de wachtlijst.")).to_be_visible()
            assert_accessible(page)
        finally:
            context.close()
    assert SignUp.objects.get(person=residents[2]).is_waiting

    # Bram cannot come: he says so on his own page, with a message.
    mail.outbox.clear()
    context = _phone(browser)
    try:
        page = context.new_page()
        log_in(page, live_server, residents[1].user)
        page.goto(f"{live_server.url}/activiteiten/mijn/")
        assert_accessible(page)
        _no_horizontal_scroll(page)
        card = page.locator(f"#session-{session.pk}")
        card.get_by_label("Bericht voor de gastvrouw of gastheer (mag leeg blijven)").fill(
            "Ik moet werken"
        )
        card.get_by_role("button", name=f"Ik kom niet op {day}").click()
        expect(page.get_by_text("De gastvrouw of gastheer weet dat je niet komt.")).to_be_visible()
        assert_accessible(page)
    finally:
        context.close()

    # Cor moved up, got an e-mail and sees it on their page.
    promoted = SignUp.objects.get(person=residents[2])
    assert promoted.place is not None and promoted.promoted_at is not None
    assert any(m.to == ["cor@example.org"] for m in mail.outbox)
    context = _phone(browser)
    try:
        page = context.new_page()
        log_in(page, live_server, residents[2].user)
        page.goto(f"{live_server.url}/activiteiten/mijn/")
        expect(
            page.locator(f"#session-{session.pk}").get_by_text(
                "Goed nieuws: je bent van de wachtlijst. Je hebt een plek."
            )
        ).to_be_visible()
        assert_accessible(page)
        _no_horizontal_scroll(page)
    finally:
        context.close()
