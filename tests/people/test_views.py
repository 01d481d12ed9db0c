from __future__ import annotations

import json

import pytest
from tests.factories import PASSWORD, PersonFactory

from omzien.accounts.models import User
from omzien.core.models import AuditEntry
from omzien.people import services
from omzien.people.models import Consent, ConsentCategory, Person

pytestmark = pytest.mark.django_db


class TestSignup:
    def test_signup_creates_account_profile_and_role(self, client, areas) -> None:
        response = client.post(
            "/aanmelden/",
            {
                "first_name": "Fatima",
                "email": "Fatima@Example.org",
                "neighbourhood": areas.neighbourhood.pk,
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        assert response.status_code == 302
        person = Person.objects.get(first_name="Fatima")
        assert person.user.email == "fatima@example.org"
        assert person.user.roles.get().role == "resident"

    def test_duplicate_email_is_refused_and_nothing_saved(self, client, areas, resident) -> None:
        response = client.post(
            "/aanmelden/",
            {
                "first_name": "Dubbel",
                "email": "ANNA@example.org",
                "neighbourhood": areas.neighbourhood.pk,
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        assert response.status_code == 200
        assert "bestaat al" in response.content.decode()
        assert User.objects.filter(email__iexact="anna@example.org").count() == 1
        assert not Person.objects.filter(first_name="Dubbel").exists()

    def test_weak_or_mismatched_password_is_refused(self, client, areas) -> None:
        response = client.post(
            "/aanmelden/",
            {
                "first_name": "Kees",
                "email": "kees@example.org",
                "neighbourhood": areas.neighbourhood.pk,
                "password1": "12345",
                "password2": "12345",
            },
        )
        assert response.status_code == 200
        assert not User.objects.filter(email="kees@example.org").exists()


class TestPersonPages:
    def test_resident_cannot_open_another_residents_page(
        self, client, as_user, resident, other_resident
    ) -> None:
        as_user(other_resident.user)
        assert client.get(f"/bewoners/{resident.pk}/").status_code == 403
        assert client.get("/bewoners/").status_code == 403
        assert client.post(f"/bewoners/{resident.pk}/gegevens/").status_code == 403

    def test_professional_page_shows_contact_only_with_consent(
        self, client, as_user, resident, professional
    ) -> None:
        as_user(professional)
        body = client.get(f"/bewoners/{resident.pk}/").content.decode()
        assert "anna@example.org" not in body
        assert AuditEntry.objects.count() == 0
        services.consent_grant(
            actor=resident.user,
            person=resident,
            category=ConsentCategory.CONTACT,
            purpose="support",
            grantee_user=professional,
        )
        body = client.get(f"/bewoners/{resident.pk}/").content.decode()
        assert "anna@example.org" in body
        assert AuditEntry.objects.filter(action="read", actor=professional).count() == 1

    def test_professional_outside_area_is_refused(
        self, client, as_user, resident, other_professional
    ) -> None:
        as_user(other_professional)
        assert client.get(f"/bewoners/{resident.pk}/").status_code == 403

    def test_analyst_reaches_no_person_page(self, client, as_user, resident, analyst) -> None:
        as_user(analyst)
        assert client.get(f"/bewoners/{resident.pk}/").status_code == 403
        assert client.get("/bewoners/").status_code == 403
        assert client.get("/logboek/").status_code == 403
        assert client.get("/cijfers/").status_code == 200

    def test_people_list_query_count(
        self, client, as_user, areas, professional, django_assert_max_num_queries
    ) -> None:
        PersonFactory.create_batch(30, neighbourhood=areas.neighbourhood)
        as_user(professional)
        with django_assert_max_num_queries(12):
            response = client.get("/bewoners/")
        assert response.status_code == 200
        assert response.content.decode().count("/bewoners/") >= 25

    def test_register_person_form_shows_errors_and_saves_nothing(
        self, client, as_user, areas, professional
    ) -> None:
        as_user(professional)
        response = client.post(
            "/bewoners/nieuw/",
            {"first_name": "Dirk", "neighbourhood": areas.neighbourhood.pk, "postcode": "12"},
        )
        assert response.status_code == 200
        assert "error-summary" in response.content.decode()
        assert not Person.objects.filter(first_name="Dirk").exists()
        response = client.post(
            "/bewoners/nieuw/",
            {
                "first_name": "Dirk",
                "neighbourhood": areas.neighbourhood.pk,
                "phone": "06 11112222",
                "consent_method": "spoken",
                "consent_on": "2026-01-05",
            },
        )
        assert response.status_code == 302
        assert Person.objects.get(first_name="Dirk").registered_by == professional

    def test_consent_revoke_via_page(self, client, as_user, resident, professional) -> None:
        consent = services.consent_grant(
            actor=resident.user,
            person=resident,
            category=ConsentCategory.CONTACT,
            purpose="support",
            grantee_user=professional,
        )
        as_user(resident.user)
        response = client.post(f"/toestemmingen/{consent.pk}/intrekken/")
        assert response.status_code == 302
        consent.refresh_from_db()
        assert consent.revoked_at is not None

    def test_grant_consent_form_rejects_unknown_email(self, client, as_user, resident) -> None:
        as_user(resident.user)
        response = client.post(
            "/mijn/toestemmingen/",
            {"category": "contact", "purpose": "support", "grantee_email": "niemand@example.org"},
        )
        assert response.status_code == 200
        assert not Consent.objects.exists()


class TestOwnPages:
    def test_own_pages_render(self, client, as_user, resident) -> None:
        as_user(resident.user)
        for url in [
            "/start/",
            "/mijn/profiel/",
            "/mijn/profiel/wijzigen/",
            "/mijn/contact/",
            "/mijn/toestemmingen/",
            "/mijn/inzage/",
            "/mijn/gegevens/",
        ]:
            assert client.get(url).status_code == 200, url

    def test_profile_edit_saves_terms(self, client, as_user, resident) -> None:
        from omzien.people.models import Term

        as_user(resident.user)
        cooking = Term.objects.get(slug="cooking")
        response = client.post(
            "/mijn/profiel/wijzigen/",
            {"first_name": "Anna", "about_me": "Ik woon hier al lang.", "talents": [cooking.pk]},
        )
        assert response.status_code == 302
        resident.refresh_from_db()
        assert resident.about_me == "Ik woon hier al lang."
        assert list(resident.talents.all()) == [cooking]

    def test_access_log_shows_who_looked(self, client, as_user, resident, professional) -> None:
        services.consent_grant(
            actor=resident.user,
            person=resident,
            category=ConsentCategory.CONTACT,
            purpose="support",
            grantee_user=professional,
        )
        from omzien.people.selectors import person_contact_details

        person_contact_details(viewer=professional, person=resident)
        as_user(resident.user)
        assert "Pim Professional" in client.get("/mijn/inzage/").content.decode()

    def test_download_and_erase(self, client, as_user, resident) -> None:
        as_user(resident.user)
        response = client.post("/mijn/gegevens/download/")
        assert response["Content-Type"].startswith("application/json")
        assert json.loads(response.content)["profile"]["first_name"] == "Anna"
        response = client.post("/mijn/gegevens/", {})
        assert response.status_code == 200
        assert Person.objects.get(pk=resident.pk).erased_at is None
        client.post("/mijn/gegevens/", {"confirm": "on"})
        assert Person.objects.get(pk=resident.pk).erased_at is not None
        # The account is gone and the browser is logged out.
        assert client.get("/start/").status_code == 302


class TestAuditLog:
    def test_coordinator_filters_and_exports(
        self, client, as_user, resident, professional, coordinator
    ) -> None:
        services.consent_grant(
            actor=resident.user,
            person=resident,
            category=ConsentCategory.CONTACT,
            purpose="support",
            grantee_user=professional,
        )
        from omzien.people.selectors import person_contact_details

        person_contact_details(viewer=professional, person=resident)
        as_user(coordinator)
        body = client.get("/logboek/", {"action": "read"}).content.decode()
        assert "Pim Professional" in body
        body = client.get("/logboek/", {"action": "erase"}).content.decode()
        assert "Pim Professional" not in body
        csv_body = b"".join(client.get("/logboek/export.csv").streaming_content).decode()
        assert csv_body.startswith("when,who")
        assert "Pim Professional" in csv_body

    def test_professional_cannot_see_audit_log(self, client, as_user, professional) -> None:
        as_user(professional)
        assert client.get("/logboek/").status_code == 403
        assert client.get("/logboek/export.csv").status_code == 403


def test_htmx_search_returns_only_the_table(
    client, as_user, areas, professional, resident, other_resident
) -> None:
    as_user(professional)
    response = client.get("/bewoners/", {"q": "Anna"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body
    assert "Anna de Vries" in body
    assert "Bram" not in body


def test_professional_records_consent_on_behalf(client, as_user, registered_person, professional):
    as_user(professional)
    url = f"/bewoners/{registered_person.pk}/toestemming/"
    data = {
        "category": "notes",
        "purpose": "support",
        "grantee_email": professional.email,
        "method": "written",
        "given_on": "2099-01-01",
    }
    response = client.post(url, data)
    assert response.status_code == 200  # a date in the future is refused
    assert not Consent.objects.filter(person=registered_person, category="notes").exists()
    response = client.post(url, {**data, "given_on": "2026-01-02"})
    assert response.status_code == 302
    consent = Consent.objects.get(person=registered_person, category="notes")
    assert consent.method == "written" and consent.recorded_by == professional


def test_volunteer_cannot_record_consent_on_behalf(client, as_user, registered_person, volunteer):
    as_user(volunteer)
    response = client.get(f"/bewoners/{registered_person.pk}/toestemming/")
    assert response.status_code == 403
