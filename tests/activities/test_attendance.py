"""Checking in: named only with consent, a head count otherwise, hosts only."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from tests.activities.conftest import Cafe, consent_attendance
from tests.conftest import make_user
from tests.factories import PersonFactory

from omzien.accounts.models import Role
from omzien.activities import selectors, services
from omzien.activities.models import Attendance
from omzien.people.models import Consent, ConsentCategory
from omzien.people.services import person_register_newcomer


def test_no_named_attendance_without_consent(cafe: Cafe) -> None:
    stranger = PersonFactory(neighbourhood=cafe.activity.neighbourhood, first_name="Sem")
    with pytest.raises(ValidationError, match="Sem heeft geen toestemming"):
        services.attendance_record(user=cafe.host, session=cafe.sessions[0], person=stranger)
    assert not Attendance.objects.exists()
    session = services.head_count_change(user=cafe.host, session=cafe.sessions[0], delta=1)
    session = services.head_count_change(user=cafe.host, session=session, delta=1)
    assert session.head_count == 2
    session = services.head_count_change(user=cafe.host, session=session, delta=-5)
    assert session.head_count == 0


def test_a_host_checks_in_a_regular_who_came_with_someone(cafe: Cafe) -> None:
    attendance = services.attendance_record(
        user=cafe.host, session=cafe.sessions[0], person=cafe.regular, with_trusted_person=True
    )
    assert attendance.with_trusted_person
    # Tapping again changes nothing; "not here" undoes it.
    services.attendance_record(
        user=cafe.host, session=cafe.sessions[0], person=cafe.regular, with_trusted_person=True
    )
    assert Attendance.objects.count() == 1
    services.attendance_remove(user=cafe.host, session=cafe.sessions[0], person=cafe.regular)
    assert not Attendance.objects.exists()


def test_only_hosts_and_staff_check_in(cafe: Cafe, areas: Any, other_professional: Any) -> None:
    other_volunteer = make_user(Role.VOLUNTEER, areas.neighbourhood)
    for outsider in (other_volunteer, other_professional):
        with pytest.raises(PermissionDenied):
            services.attendance_record(user=outsider, session=cafe.sessions[0], person=cafe.regular)
        with pytest.raises(PermissionDenied):
            selectors.check_in_list(user=outsider, session=cafe.sessions[0])
    services.attendance_record(
        user=cafe.professional, session=cafe.sessions[0], person=cafe.regular
    )


def test_the_check_in_list_shows_only_consented_people_who_came_before(cafe: Cafe) -> None:
    services.attendance_record(user=cafe.host, session=cafe.sessions[0], person=cafe.regular)
    withdrawn = PersonFactory(neighbourhood=cafe.activity.neighbourhood, first_name="Wim")
    consent = consent_attendance(withdrawn)
    services.attendance_record(user=cafe.host, session=cafe.sessions[0], person=withdrawn)
    consent.delete()  # (as if it had expired)
    rows = selectors.check_in_list(user=cafe.host, session=cafe.sessions[1])
    assert [(r["person"].first_name, r["times"], r["here"]) for r in rows] == [("Ria", 1, False)]


def test_a_newcomer_is_written_down_with_only_a_first_name_and_consent(cafe: Cafe) -> None:
    person = person_register_newcomer(
        actor=cafe.host, neighbourhood=cafe.activity.neighbourhood, first_name="  Noor "
    )
    assert person.first_name == "Noor"
    assert (person.last_name, person.email, person.phone) == ("", "", "")
    assert Consent.objects.get(person=person).category == ConsentCategory.ATTENDANCE
    services.attendance_record(user=cafe.host, session=cafe.sessions[0], person=person)


def test_someone_who_hosts_nothing_cannot_register_newcomers(cafe: Cafe, areas: Any) -> None:
    volunteer = make_user(Role.VOLUNTEER, areas.neighbourhood)
    with pytest.raises(PermissionDenied):
        person_register_newcomer(
            actor=volunteer, neighbourhood=cafe.activity.neighbourhood, first_name="Noor"
        )
    # A host elsewhere cannot either.
    with pytest.raises(PermissionDenied):
        person_register_newcomer(actor=cafe.host, neighbourhood=areas.elsewhere, first_name="Noor")
