"""Activities in a browser: a host checks people in on a phone; a professional closes a
signal. Every page is checked with axe-core."""

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
from omzien.activities.models import (
    AbsenceSignal,
    Activity,
    ActivityRole,
    ActivityRoleKind,
    Attendance,
    SignalContactRole,
    SignalStatus,
)
from omzien.people.models import Consent, ConsentCategory, ConsentMethod


def _cafe(areas: Any) -> tuple[Activity, Any, Any]:
    coordinator = make_user(Role.COORDINATOR, areas.municipality)
    now = timezone.now()
    first = (now - datetime.timedelta(weeks=7)).replace(second=0, microsecond=0)
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
    return activity, host, coordinator


def _consented(areas: Any, first_name: str) -> Any:
    person = PersonFactory(neighbourhood=areas.neighbourhood, first_name=first_name)
    Consent.objects.create(
        person=person,
        category=ConsentCategory.ATTENDANCE,
        purpose="activities",
        grantee_role=Role.VOLUNTEER,
        method=ConsentMethod.SPOKEN,
    )
    return person


def test_a_host_checks_people_in_on_a_phone(
    browser: Browser, live_server: Any, transactional_db: Any, areas: Any
) -> None:
    activity, host, _coordinator = _cafe(areas)
    ria = _consented(areas, "Ria")
    past = list(activity.sessions.filter(starts_at__lt=timezone.now()).order_by("starts_at"))
    Attendance.objects.create(session=past[0], person=ria)
    today = activity.sessions.filter(starts_at__gte=timezone.now()).order_by("starts_at").first()
    assert today is not None
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True
    )
    try:
        page = context.new_page()
        log_in(page, live_server, host)
        page.goto(f"{live_server.url}/activiteiten/{activity.pk}/")
        assert_accessible(page)
        page.get_by_role("link", name="Wie is er op").first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Wie is er?")
        assert_accessible(page)
        page.get_by_role("button", name="Ria is er", exact=True).click()
        expect(page.get_by_role("button", name="Ria is er niet")).to_be_visible()
        page.get_by_label("Voornaam").fill("Noor")
        page.get_by_label("Deze persoon vindt het goed").check()
        page.get_by_role("button", name="Toevoegen").click()
        expect(page.get_by_text("Welkom, Noor!")).to_be_visible()
        page.get_by_role("button", name="Eén erbij").click()
        expect(page.get_by_text("1 persoon geteld.")).to_be_visible()
        assert_accessible(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        names = sorted(a.person.first_name for a in Attendance.objects.filter(session=today))
        assert names == ["Noor", "Ria"]
    finally:
        context.close()


def test_a_professional_sees_and_closes_a_signal(
    browser: Browser, live_server: Any, transactional_db: Any, areas: Any
) -> None:
    activity, _host, _coordinator = _cafe(areas)
    professional = make_user(Role.PROFESSIONAL, areas.district, display_name="Pim Pro")
    ria = _consented(areas, "Ria")
    services.signal_plan_save(
        actor=professional,
        person=ria,
        contacts=[(professional, SignalContactRole.PROFESSIONAL, 48)],
        method=ConsentMethod.SPOKEN,
    )
    past = list(activity.sessions.filter(ends_at__lte=timezone.now()).order_by("starts_at"))
    for session in past[:-2]:  # came every week, then missed the last two
        Attendance.objects.create(session=session, person=ria)
    assert services.absence_scan().created == 1
    context = browser.new_context(locale="nl-NL")
    try:
        page = context.new_page()
        log_in(page, live_server, professional)
        menu_click(page, "Iemand wordt gemist")
        assert_accessible(page)
        page.get_by_role("link", name="Ria").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("is een tijdje niet gekomen")
        assert_accessible(page)
        page.get_by_label("Alles goed").check()
        page.get_by_label("Notitie").fill("Ze was ziek. Volgende week komt ze weer.")
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_text("Dank je. Je antwoord is opgeslagen.")).to_be_visible()
        assert_accessible(page)
        assert AbsenceSignal.objects.get().status == SignalStatus.CLOSED
    finally:
        context.close()
