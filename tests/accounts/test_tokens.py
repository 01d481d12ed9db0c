from __future__ import annotations

import re

import pytest

from omzien.accounts.models import ApiToken


@pytest.mark.django_db
def test_token_is_shown_once_and_works_until_revoked(client, as_user, resident) -> None:
    as_user(resident.user)
    response = client.post("/account/tokens/", {"name": "agenda"})
    body = response.content.decode()
    token = ApiToken.objects.get(user=resident.user)
    secret = re.search(r"omz_[A-Za-z0-9_-]+", body).group(0)
    assert token.prefix == secret[:8]
    assert secret not in client.get("/account/tokens/").content.decode()

    api = client.__class__()
    response = api.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert response.json()["first_name"] == "Anna"

    client.post(f"/account/tokens/{token.pk}/intrekken/")
    assert api.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


@pytest.mark.django_db
def test_nobody_revokes_someone_elses_token(client, as_user, resident, other_resident) -> None:
    from omzien.accounts.services import api_token_create

    token, _secret = api_token_create(user=resident.user, name="mine")
    as_user(other_resident.user)
    assert client.post(f"/account/tokens/{token.pk}/intrekken/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.django_db
def test_bad_token_is_refused(client) -> None:
    assert client.get("/api/me", HTTP_AUTHORIZATION="Bearer omz_nonsense").status_code == 401


@pytest.mark.django_db
def test_token_can_write_without_csrf_but_a_session_cannot(resident) -> None:
    from django.test import Client

    from omzien.accounts.services import api_token_create

    _token, secret = api_token_create(user=resident.user, name="sync")
    strict = Client(enforce_csrf_checks=True)
    response = strict.patch(
        "/api/me",
        {"about_me": "Via de API."},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 200, response.content
    resident.refresh_from_db()
    assert resident.about_me == "Via de API."
    # A browser session without the CSRF token is refused.
    strict.force_login(resident.user)
    response = strict.patch("/api/me", {"about_me": "x"}, content_type="application/json")
    assert response.status_code == 403
    resident.refresh_from_db()
    assert resident.about_me == "Via de API."
