"""The warm welcome in a browser: a professional refers someone, the host sees the
heads-up on the check-in page on a phone and checks the newcomer in, and the referrer
answers the follow-up. Every page is checked with axe-core."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from playwright.sync_api import Browser, expect
from tests.conftest import make_user
from tests.e2e.conftest import assert_accessible, log_in, menu_click
from tests.factories import PersonFactory

from omzien.accounts.models import Role
from omzien.activities import services
from omzien.activities.models import Activity, ActivityRole, ActivityRoleKind
from omzien.welcome.models import FirstVisit, FollowUp, FollowUpOutcome, Referral

WORDS = "Ik ben een beetje verlegen; ik kom met mijn buurvrouw."


def test_a_referral_is_welcomed_and_followed_up(
    browser: Browser, live_server: Any, transactional_db: Any, areas: Any
) -> None:
    coordinator = make_user(Role.COORDINATOR, areas.municipality)
    first = (timezone.now() - datetime.timedelta(weeks=3)).replace(second=0, microsecond=0)
    activity = services.activity_save(
        user=coordinator,
        activity=Activity(
            name="Eetcafé De Linde",
            neighbourhood=areas.neighbourhood,
            starts_at=first,
            duration=datetime.timedelta(hours=1),
            recurrence="RRULE:FREQ=WEEKLY",
        ),
    )
    host = make_user(Role.VOLUNTEER, areas.neighbourhood, display_name="Hanna Host")
    ActivityRole.objects.create(
        activity=activity,
        person=PersonFactory(neighbourhood=areas.neighbourhood, user=host, first_name="Hanna"),
        role=ActivityRoleKind.HOST,
    )
    ActivityRole.objects.create(
        activity=activity,
        person=PersonFactory(neighbourhood=areas.neighbourhood, first_name="Wim"),
        role=ActivityRoleKind.WELCOMER,
    )
    professional = make_user(Role.PROFESSIONAL, areas.district, display_name="Pim Pro")
    noor = PersonFactory(neighbourhood=areas.neighbourhood, first_name="Noor")
    session = activity.sessions.filter(starts_at__gt=timezone.now()).order_by("starts_at")[0]

    pro = browser.new_context(locale="nl-NL")
    phone = browser.new_context(
        viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True
    )
    try:
        # The professional fills in the referral together with Noor.
        page = pro.new_page()
        log_in(page, live_server, professional)
        menu_click(page, "Warm welkom")
        assert_accessible(page)
        page.get_by_role("link", name="Verwijs iemand naar een activiteit").click()
        assert_accessible(page)
        page.get_by_label("Wie komt er").select_option(str(noor.pk))
        page.get_by_label("Activiteit en datum van de eerste keer").select_option(str(session.pk))
        page.get_by_label("Wat wil diegene dat de gastvrouw of gastheer weet?").fill(WORDS)
        page.get_by_label("Diegene vindt het goed").check()
        page.get_by_label("Gezegd in een gesprek").check()
        page.get_by_role("button", name="Stuur naar de gastvrouw of gastheer").click()
        expect(page.get_by_text("De gastvrouw of gastheer weet nu dat Noor komt.")).to_be_visible()
        assert_accessible(page)
        referral = Referral.objects.get()
        assert referral.welcomer is not None and referral.welcomer.first_name == "Wim"

        # The host, on a phone, sees the heads-up and checks Noor in.
        host_page = phone.new_page()
        log_in(host_page, live_server, host)
        host_page.goto(f"{live_server.url}/activiteiten/{activity.pk}/")
        assert_accessible(host_page)
        host_page.goto(f"{live_server.url}/activiteiten/sessie/{session.pk}/aanwezig/")
        expect(host_page.get_by_role("heading", name="Nieuw vandaag")).to_be_visible()
        expect(host_page.get_by_text(WORDS)).to_be_visible()
        assert_accessible(host_page)
        overflow = host_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        host_page.get_by_role("button", name="Noor is er", exact=True).click()
        expect(host_page.get_by_text("Welkom, Noor!")).to_be_visible()
        assert_accessible(host_page)
        referral.refresh_from_db()
        assert referral.first_visit == FirstVisit.CAME

        # The referrer sees the follow-up and says how it went.
        page.goto(f"{live_server.url}/welkom/verwijzingen/")
        assert_accessible(page)
        page.get_by_role("link", name="Hoe was het eerste bezoek van Noor").click()
        assert_accessible(page)
        page.get_by_label("het ging goed").check()
        page.get_by_label("Notitie").fill("Ze vond het gezellig. Volgende week weer.")
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_text("Dank je. Je antwoord is opgeslagen.")).to_be_visible()
        assert_accessible(page)
        assert FollowUp.objects.get().outcome == FollowUpOutcome.WENT_WELL
    finally:
        pro.close()
        phone.close()


def test_a_resident_takes_a_task_and_sees_what_they_contribute(
    browser: Browser, live_server: Any, transactional_db: Any, areas: Any
) -> None:
    from tests.factories import PASSWORD

    from omzien.people.services import person_signup

    coordinator = make_user(Role.COORDINATOR, areas.municipality)
    activity = services.activity_save(
        user=coordinator,
        activity=Activity(
            name="Koffieochtend",
            neighbourhood=areas.neighbourhood,
            starts_at=(timezone.now() + datetime.timedelta(days=1)).replace(microsecond=0),
            recurrence="RRULE:FREQ=WEEKLY",
        ),
    )
    host = make_user(Role.VOLUNTEER, areas.neighbourhood, display_name="Hanna Host")
    ActivityRole.objects.create(
        activity=activity,
        person=PersonFactory(neighbourhood=areas.neighbourhood, user=host, first_name="Hanna"),
        role=ActivityRoleKind.HOST,
    )
    anna = person_signup(
        email="anna@example.org",
        password=PASSWORD,
        first_name="Anna",
        neighbourhood=areas.neighbourhood,
    )
    session = activity.sessions.order_by("starts_at")[0]
    phone = browser.new_context(
        viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True
    )
    try:
        page = phone.new_page()
        log_in(page, live_server, host)
        page.goto(f"{live_server.url}/welkom/activiteit/{activity.pk}/taken/")
        assert_accessible(page)
        page.get_by_role("textbox", name="Taakje").fill("Koffie inschenken")
        page.get_by_role("button", name="Toevoegen").click()
        expect(page.get_by_text("Het taakje is toegevoegd.")).to_be_visible()
        assert_accessible(page)
        page.context.clear_cookies()

        log_in(page, live_server, anna.user)
        page.get_by_role("link", name="Meehelpen").first.click()
        assert_accessible(page)
        page.get_by_role("button", name="Ik doe dit: Koffie inschenken").first.click()
        expect(page.get_by_text("Dank je wel! Jij doet: Koffie inschenken.")).to_be_visible()
        assert_accessible(page)
        page.context.clear_cookies()

        log_in(page, live_server, host)
        page.goto(f"{live_server.url}/activiteiten/sessie/{session.pk}/aanwezig/")
        page.get_by_role("button", name="Anna deed Koffie inschenken").click()
        expect(page.get_by_text("Dank je wel, Anna! Koffie inschenken is gedaan.")).to_be_visible()
        assert_accessible(page)
        page.context.clear_cookies()

        log_in(page, live_server, anna.user)
        page.get_by_role("link", name="Wat ik bijdraag").first.click()
        expect(page.get_by_text("Dank je wel! Je hielp 1 keer mee.")).to_be_visible()
        assert_accessible(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
    finally:
        phone.close()
