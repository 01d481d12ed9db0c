"""The early-warning plan: versions, the person's choice of readers, refusal and logging."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from tests.conftest import login
from tests.support.conftest import consent, write_plan

from omzien.core.models import AuditEntry
from omzien.people.models import Consent, ConsentCategory
from omzien.support import selectors, services
from omzien.support.models import ContactFrequency, PlanVersion, Relation

pytestmark = pytest.mark.django_db


def plan_url(person: Any, rest: str = "") -> str:
    return f"/ondersteuning/{person.pk}/plan/{rest}"


def form_data(**overrides: str) -> dict[str, str]:
    data = {
        "well_signs": "Ik fiets naar de markt.",
        "crisis_signs": "Ik blijf binnen.",
        "crisis_others_do": "Bel Els. Praat rustig.",
        "crisis_call1_name": "Els",
        "crisis_call1_phone": "06 12345678",
    }
    data.update(overrides)
    return data


def test_each_save_is_a_new_version_and_old_ones_stay_readable(
    client: Any, resident: Any, time_machine: Any
) -> None:
    time_machine.move_to("2026-10-01 10:00 +02:00", tick=False)
    login(client, resident.user)
    assert "Je hebt nog geen plan." in client.get(plan_url(resident)).content.decode()
    response = client.post(plan_url(resident, "schrijven/"), form_data())
    assert response.status_code == 302
    time_machine.move_to("2026-10-08 10:00 +02:00", tick=False)
    login(client, resident.user)  # a week later: a new session
    # The form starts from the newest version.
    page = client.get(plan_url(resident, "schrijven/")).content.decode()
    assert "Bel Els. Praat rustig." in page and 'value="06 12345678"' in page
    assert "Er klopt nog iets niet" not in page
    client.post(plan_url(resident, "schrijven/"), form_data(crisis_others_do="Bel Yara."))
    versions = list(PlanVersion.objects.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].crisis_others_do == "Bel Els. Praat rustig."  # unchanged
    assert versions[1].crisis_others_do == "Bel Yara."
    assert versions[1].created_by == resident.user
    page = client.get(plan_url(resident)).content.decode()
    assert "Bel Yara." in page and "Versie 2, opgeslagen op 8 oktober 2026" in page
    old = client.get(plan_url(resident) + "?versie=1").content.decode()
    assert "Bel Els. Praat rustig." in old and "Dit is een oudere versie." in old
    listing = client.get(plan_url(resident, "versies/")).content.decode()
    assert "1 oktober 2026" in listing and "8 oktober 2026" in listing
    assert client.get(plan_url(resident) + "?versie=7").status_code == 404
    assert client.get(plan_url(resident) + "?versie=abc").status_code == 404
    with pytest.raises(ValueError):
        versions[0].save()  # a version is never changed


def test_the_plan_form_shows_errors_and_saves_nothing(client: Any, resident: Any) -> None:
    login(client, resident.user)
    response = client.post(plan_url(resident, "schrijven/"), {})
    assert response.status_code == 200
    assert "Je plan is nog leeg." in response.content.decode()
    response = client.post(
        plan_url(resident, "schrijven/"),
        form_data(crisis_call2_name="Yara", crisis_call3_phone="bel maar"),
    )
    page = response.content.decode()
    assert "Vul het telefoonnummer van Yara in." in page
    assert "Vul een telefoonnummer in met cijfers" in page
    assert not PlanVersion.objects.exists()


def test_a_person_to_call_can_come_from_the_network(client: Any, resident: Any) -> None:
    els = services.network_member_save(
        actor=resident.user,
        person=resident,
        name="Els",
        relation=Relation.FAMILY,
        frequency=ContactFrequency.WEEKLY,
        phone="06 87654321",
    )
    login(client, resident.user)
    client.post(
        plan_url(resident, "schrijven/"),
        {"crisis_signs": "Binnen blijven.", "crisis_call1_member": str(els.pk)},
    )
    contact = PlanVersion.objects.get().contacts.get()
    assert (contact.phase, contact.name, contact.phone) == ("crisis", "Els", "06 87654321")


def test_only_the_chosen_readers_see_the_plan_and_every_view_is_logged(
    client: Any,
    resident: Any,
    professional: Any,
    other_professional: Any,
    coordinator: Any,
    other_resident: Any,
) -> None:
    write_plan(resident, resident.user)
    login(client, resident.user)
    page = client.get(plan_url(resident, "wie-mag-lezen/")).content.decode()
    assert "Pim Professional" in page  # staff of the area can be chosen
    assert "Olga Elders" not in page  # a professional elsewhere cannot
    response = client.post(plan_url(resident, "wie-mag-lezen/"), {"readers": [professional.pk]})
    assert response.status_code == 302
    consent_row = Consent.objects.get(category=ConsentCategory.EARLY_WARNING_PLAN)
    assert consent_row.grantee_user == professional and consent_row.revoked_at is None
    # Someone who was not offered cannot be slipped in with a crafted form.
    response = client.post(
        plan_url(resident, "wie-mag-lezen/"), {"readers": [other_professional.pk]}
    )
    assert response.status_code == 200
    assert Consent.objects.in_force().filter(grantee_user=other_professional).count() == 0

    # Chosen: reads it, and it is logged.
    login(client, professional)
    page = client.get(plan_url(resident)).content.decode()
    assert "Bel mijn zus Els en blijf rustig." in page
    entry = AuditEntry.objects.get(category="plan", action="read")
    assert (entry.actor, entry.subject_id, entry.detail) == (professional, resident.pk, "version 1")
    assert client.get(plan_url(resident, "versies/")).status_code == 200
    assert AuditEntry.objects.filter(category="plan", actor=professional).count() == 2
    # A reader cannot change the plan or choose readers.
    assert client.get(plan_url(resident, "schrijven/")).status_code == 403
    assert client.get(plan_url(resident, "wie-mag-lezen/")).status_code == 403

    # Not chosen — not even a coordinator, or staff of the area without consent: refused,
    # and nothing of the plan is logged as read by them.
    for user in (other_professional, coordinator, other_resident.user):
        login(client, user)
        for rest in ("", "versies/", "signaleringsplan.pdf", "crisiskaart.pdf"):
            assert client.get(plan_url(resident, rest)).status_code == 403
        assert not AuditEntry.objects.filter(category="plan", actor=user).exists()

    # The person takes it back: refused from now on.
    login(client, resident.user)
    client.post(plan_url(resident, "wie-mag-lezen/"), {})
    consent_row.refresh_from_db()
    assert consent_row.revoked_at is not None
    login(client, professional)
    assert client.get(plan_url(resident)).status_code == 403


def test_readers_can_be_chosen_from_the_network(resident: Any, other_resident: Any) -> None:
    with pytest.raises(ValidationError):
        services.plan_readers_set(
            actor=resident.user, person=resident, readers=[other_resident.user]
        )
    services.network_member_save(
        actor=resident.user,
        person=resident,
        name="Bram",
        relation=Relation.FRIEND,
        frequency=ContactFrequency.WEEKLY,
        account_email="bram@example.org",
    )
    assert other_resident.user in selectors.plan_reader_candidates(resident)
    services.plan_readers_set(actor=resident.user, person=resident, readers=[other_resident.user])
    write_plan(resident, resident.user)
    assert selectors.plan_version(viewer=other_resident.user, person=resident) is not None


def test_staff_write_a_plan_only_with_a_person_without_login_who_consented(
    resident: Any, registered_person: Any, professional: Any, other_professional: Any
) -> None:
    consent(resident, professional, ConsentCategory.EARLY_WARNING_PLAN)
    with pytest.raises(PermissionDenied):  # a resident with a login writes their own plan
        write_plan(resident, professional)
    with pytest.raises(PermissionDenied):  # no consent yet
        write_plan(registered_person, professional)
    consent(registered_person, professional, ConsentCategory.EARLY_WARNING_PLAN)
    consent(registered_person, other_professional, ConsentCategory.EARLY_WARNING_PLAN)
    with pytest.raises(PermissionDenied):  # consent, but not staff of the person's area
        write_plan(registered_person, other_professional)
    version = write_plan(registered_person, professional)
    assert version.created_by_label == "Pim Professional"
    assert AuditEntry.objects.filter(
        category="plan", action="write", actor=professional, subject_id=registered_person.pk
    ).exists()


def test_shared_with_me_lists_the_people_who_chose_me(
    client: Any, resident: Any, professional: Any
) -> None:
    login(client, professional)
    assert "Anna de Vries" not in client.get("/ondersteuning/gedeeld-met-mij/").content.decode()
    consent(resident, professional, ConsentCategory.EARLY_WARNING_PLAN)
    page = client.get("/ondersteuning/gedeeld-met-mij/").content.decode()
    assert "Anna de Vries" in page and plan_url(resident) in page
