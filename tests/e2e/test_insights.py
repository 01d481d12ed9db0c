"""'Wie verbindt groepen' in a browser, on a phone: a coordinator sees first names only,
and the page passes axe-core."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from playwright.sync_api import Browser, expect
from tests.conftest import make_user
from tests.e2e.conftest import assert_accessible, log_in
from tests.factories import PersonFactory

from omzien.accounts.models import Role
from omzien.activities.models import Activity, Attendance, Session
from omzien.people.models import Consent, ConsentCategory, ConsentMethod


def test_a_coordinator_sees_who_connects_groups_on_a_phone(
    browser: Browser, live_server: Any, transactional_db: Any, areas: Any
) -> None:
    coordinator = make_user(Role.COORDINATOR, areas.district, display_name="Cato")
    here = [
        PersonFactory(neighbourhood=areas.neighbourhood, first_name=f"Hier{i}") for i in range(6)
    ]
    there = [PersonFactory(neighbourhood=areas.sibling, first_name=f"Daar{i}") for i in range(6)]
    for person in here + there:
        Consent.objects.create(
            person=person,
            category=ConsentCategory.ATTENDANCE,
            purpose="activities",
            grantee_role=Role.VOLUNTEER,
            method=ConsentMethod.SPOKEN,
        )
    when = timezone.now() - datetime.timedelta(days=10)
    walk = Activity.objects.create(
        name="Wandelen", neighbourhood=areas.neighbourhood, starts_at=when
    )
    session = Session.objects.create(
        activity=walk, occurrence=when, starts_at=when, ends_at=when + datetime.timedelta(hours=1)
    )
    Attendance.objects.bulk_create(
        Attendance(session=session, person=p) for p in [*here[:3], *there[:3]]
    )
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True
    )
    try:
        page = context.new_page()
        log_in(page, live_server, coordinator)
        page.goto(f"{live_server.url}/inzichten/{areas.neighbourhood.pk}/wie-verbindt/")
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Wie verbindt groepen in Bloemhof"
        )
        table = page.get_by_role("table")
        for person in here[:3]:
            expect(table).to_contain_text(person.first_name)
        expect(table).not_to_contain_text("Hier4")
        expect(table).not_to_contain_text("Jansen")
        assert_accessible(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
    finally:
        context.close()
