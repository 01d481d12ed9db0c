"""Consent per purpose: who may see sensitive data, and that every access is logged."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from omzien.accounts.models import Role
from omzien.core.models import AuditEntry
from omzien.people import selectors, services
from omzien.people.models import ConsentCategory, ConsentMethod

pytestmark = pytest.mark.django_db


def grant_contact_to(person, grantee, **kwargs):
    return services.consent_grant(
        actor=person.user,
        person=person,
        category=ConsentCategory.CONTACT,
        purpose="support",
        grantee_user=grantee,
        **kwargs,
    )


def audit_count(person) -> int:
    return AuditEntry.objects.about("people.person", person.pk).count()


class TestSensitiveAccess:
    def test_resident_cannot_read_another_residents_contact(self, resident, other_resident) -> None:
        assert selectors.person_contact_details(viewer=other_resident.user, person=resident) is None
        assert not selectors.persons_visible_to(other_resident.user).filter(pk=resident.pk).exists()

    def test_resident_sees_own_contact_without_audit_noise(self, resident) -> None:
        details = selectors.person_contact_details(viewer=resident.user, person=resident)
        assert details is not None and details.email == "anna@example.org"
        assert audit_count(resident) == 0

    def test_professional_without_consent_is_refused(self, resident, professional) -> None:
        assert selectors.person_contact_details(viewer=professional, person=resident) is None
        assert selectors.person_notes(viewer=professional, person=resident) is None
        assert audit_count(resident) == 0

    def test_professional_with_consent_is_allowed_and_logged(self, resident, professional) -> None:
        grant_contact_to(resident, professional)
        before = audit_count(resident)
        details = selectors.person_contact_details(viewer=professional, person=resident)
        assert details is not None and details.email == "anna@example.org"
        entry = AuditEntry.objects.about("people.person", resident.pk).first()
        assert audit_count(resident) == before + 1
        assert entry.actor == professional
        assert entry.category == "contact" and entry.action == "read"
        assert entry.purpose == "support"

    def test_consent_for_one_category_does_not_open_another(self, resident, professional) -> None:
        grant_contact_to(resident, professional)
        assert selectors.person_notes(viewer=professional, person=resident) is None

    def test_consent_to_a_role_covers_only_that_role_in_the_area(
        self, resident, professional, other_professional, volunteer
    ) -> None:
        services.consent_grant(
            actor=resident.user,
            person=resident,
            category=ConsentCategory.CONTACT,
            purpose="support",
            grantee_role=Role.PROFESSIONAL,
        )
        assert selectors.person_contact_details(viewer=professional, person=resident) is not None
        # A professional in another district and a volunteer do not get in.
        assert selectors.person_contact_details(viewer=other_professional, person=resident) is None
        assert selectors.person_contact_details(viewer=volunteer, person=resident) is None

    def test_revoking_takes_effect_at_once(self, resident, professional) -> None:
        consent = grant_contact_to(resident, professional)
        assert selectors.person_contact_details(viewer=professional, person=resident) is not None
        services.consent_revoke(actor=resident.user, consent=consent)
        assert selectors.person_contact_details(viewer=professional, person=resident) is None
        consent.refresh_from_db()
        assert consent.revoked_by == resident.user and consent.revoked_at is not None
        with pytest.raises(ValidationError):
            services.consent_revoke(actor=resident.user, consent=consent)

    def test_history_is_kept_after_revoking(self, resident, professional) -> None:
        consent = grant_contact_to(resident, professional)
        services.consent_revoke(actor=resident.user, consent=consent)
        grant_contact_to(resident, professional)
        history = list(selectors.consents_of(resident))
        assert len(history) == 2
        assert [c.revoked_at is None for c in history] == [True, False]

    def test_consent_window_is_respected(self, resident, professional) -> None:
        today = timezone.localdate()
        grant_contact_to(
            resident,
            professional,
            valid_from=today + datetime.timedelta(days=2),
            valid_until=today + datetime.timedelta(days=5),
        )
        assert selectors.person_contact_details(viewer=professional, person=resident) is None
        with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
            assert (
                selectors.person_contact_details(viewer=professional, person=resident) is not None
            )
        with time_machine.travel(timezone.now() + datetime.timedelta(days=6)):
            assert selectors.person_contact_details(viewer=professional, person=resident) is None

    def test_end_before_start_is_refused(self, resident, professional) -> None:
        today = timezone.localdate()
        with pytest.raises(ValidationError):
            grant_contact_to(
                resident,
                professional,
                valid_from=today,
                valid_until=today - datetime.timedelta(days=1),
            )
        assert not resident.consents.exists()

    def test_analyst_reaches_no_individual(self, resident, analyst) -> None:
        services.consent_grant(
            actor=resident.user,
            person=resident,
            category=ConsentCategory.CONTACT,
            purpose="support",
            grantee_role=Role.PROFESSIONAL,
        )
        assert selectors.persons_visible_to(analyst).count() == 0
        assert selectors.person_contact_details(viewer=analyst, person=resident) is None
        with pytest.raises(PermissionDenied):
            selectors.person_for_viewer(viewer=analyst, pk=resident.pk)


class TestRecordedConsent:
    def test_professional_records_consent_with_date_and_method(
        self, registered_person, professional
    ) -> None:
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        consent = services.consent_grant(
            actor=professional,
            person=registered_person,
            category=ConsentCategory.NOTES,
            purpose="support",
            grantee_user=professional,
            method=ConsentMethod.WRITTEN,
            given_on=yesterday,
        )
        assert consent.recorded_by == professional
        assert consent.given_on == yesterday and consent.method == "written"

    def test_professional_must_say_how_consent_was_given(
        self, registered_person, professional
    ) -> None:
        with pytest.raises(ValidationError):
            services.consent_grant(
                actor=professional,
                person=registered_person,
                category=ConsentCategory.NOTES,
                purpose="support",
                grantee_user=professional,
                method=ConsentMethod.SELF_ONLINE,
            )

    def test_professional_outside_area_cannot_record(
        self, registered_person, other_professional
    ) -> None:
        with pytest.raises(PermissionDenied):
            services.consent_grant(
                actor=other_professional,
                person=registered_person,
                category=ConsentCategory.CONTACT,
                purpose="support",
                grantee_user=other_professional,
                method=ConsentMethod.SPOKEN,
            )

    def test_resident_cannot_record_consent_for_someone_else(
        self, resident, other_resident, professional
    ) -> None:
        with pytest.raises(PermissionDenied):
            services.consent_grant(
                actor=resident.user,
                person=other_resident,
                category=ConsentCategory.CONTACT,
                purpose="support",
                grantee_user=resident.user,
                method=ConsentMethod.SPOKEN,
            )

    def test_someone_else_cannot_revoke(self, resident, other_resident, professional) -> None:
        consent = grant_contact_to(resident, professional)
        with pytest.raises(PermissionDenied):
            services.consent_revoke(actor=other_resident.user, consent=consent)
        consent.refresh_from_db()
        assert consent.revoked_at is None


class TestNotes:
    def test_notes_need_consent_and_are_logged(self, registered_person, professional) -> None:
        with pytest.raises(PermissionDenied):
            services.note_add(actor=professional, person=registered_person, text="Gebeld.")
        services.consent_grant(
            actor=professional,
            person=registered_person,
            category=ConsentCategory.NOTES,
            purpose="support",
            grantee_user=professional,
            method=ConsentMethod.SPOKEN,
        )
        services.note_add(actor=professional, person=registered_person, text="Gebeld, gaat goed.")
        notes = selectors.person_notes(viewer=professional, person=registered_person)
        assert [n.text for n in notes] == ["Gebeld, gaat goed."]
        actions = list(
            AuditEntry.objects.about("people.person", registered_person.pk)
            .filter(category="notes")
            .values_list("action", flat=True)
        )
        assert sorted(actions) == ["read", "write"]


class TestRegistration:
    def test_registration_without_consent_is_refused(self, areas, professional) -> None:
        from omzien.people.models import Person

        with pytest.raises(ValidationError):
            Person(first_name="Dirk", neighbourhood=areas.neighbourhood).full_clean()
        with pytest.raises(ValidationError):
            services.person_register(
                actor=professional,
                neighbourhood=areas.neighbourhood,
                first_name="Dirk",
                consent_on=timezone.localdate() + datetime.timedelta(days=1),
                consent_method=ConsentMethod.SPOKEN,
            )
        assert not Person.objects.filter(first_name="Dirk").exists()

    def test_registration_outside_area_is_refused(self, areas, professional) -> None:
        with pytest.raises(PermissionDenied):
            services.person_register(
                actor=professional,
                neighbourhood=areas.elsewhere,
                first_name="Dirk",
                consent_on=timezone.localdate(),
                consent_method=ConsentMethod.SPOKEN,
            )

    def test_volunteer_cannot_register(self, areas, volunteer) -> None:
        with pytest.raises(PermissionDenied):
            services.person_register(
                actor=volunteer,
                neighbourhood=areas.neighbourhood,
                first_name="Dirk",
                consent_on=timezone.localdate(),
                consent_method=ConsentMethod.SPOKEN,
            )
