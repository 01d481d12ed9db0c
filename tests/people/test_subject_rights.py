"""Export contains all of a person's data; erasure removes it and keeps only counts."""

from __future__ import annotations

import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from omzien.accounts.models import User
from omzien.accounts.services import api_token_create
from omzien.core.models import AuditEntry
from omzien.people import selectors, services
from omzien.people.models import Consent, ConsentCategory, Note, Person, Term

pytestmark = pytest.mark.django_db

SECRETS = [
    "Anna",
    "de Vries",
    "anna@example.org",
    "0612345678",
    "Kastanjelaan 7",
    "1092AB",
    "Ik hou van mijn balkon",
    "Ik maak graag soep",
    "Ik wil leren fietsen",
    "Belde even",
]


@pytest.fixture
def full_resident(resident, professional):
    cooking, gardening = Term.objects.get(slug="cooking"), Term.objects.get(slug="gardening")
    services.person_update_profile(
        actor=resident.user,
        person=resident,
        about_me="Ik hou van mijn balkon",
        talents_text="Ik maak graag soep",
        wishes_text="Ik wil leren fietsen",
        talents=[cooking],
        interests=[gardening],
        wishes=[gardening],
    )
    services.person_update_contact(
        actor=resident.user,
        person=resident,
        phone="0612345678",
        street_address="Kastanjelaan 7",
        postcode="1092 ab",
    )
    for category in (ConsentCategory.CONTACT, ConsentCategory.NOTES):
        services.consent_grant(
            actor=resident.user,
            person=resident,
            category=category,
            purpose="support",
            grantee_user=professional,
        )
    services.note_add(actor=professional, person=resident, text="Belde even")
    selectors.person_contact_details(viewer=professional, person=resident)
    api_token_create(user=resident.user, name="agenda")
    return resident


def test_export_contains_all_of_a_persons_data(full_resident, professional) -> None:
    data = services.person_export(actor=full_resident.user, person=full_resident)
    text = json.dumps(data, ensure_ascii=False)
    for secret in SECRETS:
        assert secret in text or secret.upper().replace(" ", "") in text, secret
    # Every stored field of the profile is in the export, so a new field cannot be forgotten.
    for field in Person._meta.concrete_fields:
        if field.name not in {"id", "user"}:
            assert field.name in data["profile"], field.name
    for field in Consent._meta.concrete_fields:
        if field.name not in {"id", "person"}:
            assert field.name in data["consents"][0], field.name
    assert data["profile"]["talents"][0]["key"] == "cooking"
    assert data["account"]["email"] == "anna@example.org"
    assert data["account"]["api_tokens"][0]["name"] == "agenda"
    assert [n["text"] for n in data["notes"]] == ["Belde even"]
    assert any(e["who"] == "Pim Professional" for e in data["access_log"])
    assert (
        AuditEntry.objects.about("people.person", full_resident.pk).filter(action="export").exists()
    )


def test_staff_export_on_behalf_is_logged_and_others_refused(
    full_resident, professional, other_resident
) -> None:
    data = services.person_export(actor=professional, person=full_resident)
    assert data["person_id"] == full_resident.pk
    with pytest.raises(PermissionDenied):
        services.person_export(actor=other_resident.user, person=full_resident)


def test_erasure_removes_personal_data_everywhere(full_resident, professional) -> None:
    pk, user_pk = full_resident.pk, full_resident.user.pk
    services.person_erase(actor=full_resident.user, person=full_resident)

    out = io.StringIO()
    call_command("dumpdata", "--natural-foreign", stdout=out)
    dump = out.getvalue()
    for secret in SECRETS:
        assert secret not in dump, secret
    assert not User.objects.filter(pk=user_pk).exists()
    assert not Note.objects.filter(person_id=pk).exists()
    assert not Consent.objects.filter(person_id=pk).exists()
    # The anonymised row keeps what counts need: neighbourhood and vocabulary links.
    stub = Person.objects.get(pk=pk)
    assert stub.erased_at is not None and stub.first_name == ""
    assert list(stub.talents.values_list("slug", flat=True)) == ["cooking"]
    assert not Person.objects.active().filter(pk=pk).exists()
    # The log of who looked stays, without the person's name.
    assert AuditEntry.objects.about("people.person", pk).filter(action="erase").exists()


def test_only_the_person_or_a_coordinator_may_erase(
    full_resident, professional, coordinator
) -> None:
    with pytest.raises(PermissionDenied):
        services.person_erase(actor=professional, person=full_resident)
    services.person_erase(actor=coordinator, person=full_resident)
    assert Person.objects.get(pk=full_resident.pk).erased_at is not None


def test_erasing_a_grantee_keeps_the_givers_history(resident, other_resident) -> None:
    consent = services.consent_grant(
        actor=resident.user,
        person=resident,
        category=ConsentCategory.CONTACT,
        purpose="activities",
        grantee_user=other_resident.user,
    )
    services.person_erase(actor=other_resident.user, person=other_resident)
    consent.refresh_from_db()
    assert consent.revoked_at is not None and consent.grantee_user_id is None
    assert consent.grantee_label in {"(verwijderd account)", "(removed account)"}
    assert list(selectors.consents_of(resident)) == [consent]
    # The giver's log says why the consent ended.
    entry = AuditEntry.objects.about("people.person", resident.pk).first()
    assert entry.actor_label == "system" and "erased" in entry.detail


def test_erased_profiles_still_count_in_themes(areas, resident) -> None:
    from tests.conftest import make_user
    from tests.factories import PersonFactory

    cooking = Term.objects.get(slug="cooking")
    people = PersonFactory.create_batch(5, neighbourhood=areas.neighbourhood)
    for person in people:
        person.talents.add(cooking)
    coordinator = make_user("coordinator", areas.municipality)
    services.person_erase(actor=coordinator, person=people[0])
    figures = selectors.neighbourhood_figures(viewer=coordinator, neighbourhood=areas.neighbourhood)
    assert [(row.label, row.count) for row in figures.talents] == [("Koken", 5)]
