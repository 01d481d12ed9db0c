from __future__ import annotations

import pytest

from omzien.core.models import AuditEntry
from omzien.people.models import Consent, Person

pytestmark = pytest.mark.django_db


def test_me_requires_login(client) -> None:
    assert client.get("/api/me").status_code == 401


def test_get_and_patch_own_profile(client, as_user, resident) -> None:
    as_user(resident.user)
    data = client.get("/api/me").json()
    assert data["first_name"] == "Anna" and data["neighbourhood"] == "BU03630101"
    response = client.patch(
        "/api/me",
        {
            "about_me": "Ik fiets graag.",
            "talents": ["cooking", "odd-jobs-bikes"],
            "languages": ["nl", "ar"],
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["about_me"] == "Ik fiets graag."
    assert [t["key"] for t in body["talents"]] == ["cooking", "odd-jobs-bikes"]
    assert sorted(body["languages"]) == ["ar", "nl"]


def test_malformed_body_is_a_structured_4xx_and_saves_nothing(client, as_user, resident) -> None:
    as_user(resident.user)
    response = client.patch("/api/me", "{not json", content_type="application/json")
    assert 400 <= response.status_code < 500
    assert "detail" in response.json()
    response = client.patch("/api/me", {"first_name": ""}, content_type="application/json")
    assert response.status_code == 422
    response = client.patch(
        "/api/me",
        {"about_me": "Nieuw", "talents": ["no-such-term"]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "talents" in response.json()["errors"]
    resident.refresh_from_db()
    assert resident.about_me == ""


def test_consents_via_api(client, as_user, resident, professional) -> None:
    as_user(resident.user)
    response = client.post(
        "/api/me/consents",
        {"category": "contact", "purpose": "support", "grantee_email": professional.email},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    consent_id = response.json()["id"]
    assert response.json()["in_force"] is True
    response = client.post(f"/api/me/consents/{consent_id}/revoke")
    assert response.status_code == 200
    assert response.json()["in_force"] is False
    response = client.post(f"/api/me/consents/{consent_id}/revoke")
    assert response.status_code == 400
    listing = client.get("/api/me/consents").json()
    assert len(listing) == 1


def test_consent_api_rejects_bad_input(client, as_user, resident) -> None:
    as_user(resident.user)
    bad = [
        {"category": "diagnosis", "purpose": "support", "grantee_role": "professional"},
        {"category": "contact", "purpose": "support"},
        {"category": "contact", "purpose": "support", "grantee_role": "analyst"},
        {"category": "contact", "purpose": "support", "grantee_email": "nobody@example.org"},
    ]
    for payload in bad:
        response = client.post("/api/me/consents", payload, content_type="application/json")
        assert response.status_code in (400, 422), payload
    assert not Consent.objects.exists()


def test_cannot_revoke_someone_elses_consent(
    client, as_user, resident, other_resident, professional
) -> None:
    from omzien.people import services

    consent = services.consent_grant(
        actor=resident.user,
        person=resident,
        category="contact",
        purpose="support",
        grantee_user=professional,
    )
    as_user(other_resident.user)
    assert client.post(f"/api/me/consents/{consent.pk}/revoke").status_code == 404
    consent.refresh_from_db()
    assert consent.revoked_at is None


def test_export_via_api(client, as_user, resident) -> None:
    as_user(resident.user)
    data = client.get("/api/me/export").json()
    assert data["profile"]["first_name"] == "Anna"
    assert AuditEntry.objects.filter(action="export").count() == 1


def test_staff_without_profile_gets_404(client, as_user, analyst) -> None:
    as_user(analyst)
    assert client.get("/api/me").status_code == 404
    assert Person.objects.count() == 0


def test_contact_via_api_validates_like_the_form(client, as_user, resident) -> None:
    as_user(resident.user)
    response = client.patch("/api/me/contact", {"postcode": "12"}, content_type="application/json")
    assert response.status_code == 400
    assert "postcode" in response.json()["errors"]
    response = client.patch(
        "/api/me/contact",
        {"postcode": "1092 ab", "phone": "06 1234 5678"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["postcode"] == "1092AB"


def test_vocabulary_and_languages_are_public(client) -> None:
    vocabulary = client.get("/api/vocabulary").json()
    cooking = next(term for term in vocabulary if term["key"] == "cooking")
    assert cooking["label_nl"] == "Koken"
    assert "cooking-baking" in [t["key"] for t in cooking["narrower"]]
    assert {"code": "nl", "name_nl": "Nederlands", "name_en": "Dutch"} in client.get(
        "/api/languages"
    ).json()


def test_me_404_message(client, as_user, analyst) -> None:
    as_user(analyst)
    assert "bewonersprofiel" in client.get("/api/me").json()["detail"]
