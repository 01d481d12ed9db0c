"""A new user's path: every demo account logs in (with its documented second step) and
reaches its home page, which shows what its role is for."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client

from omzien.people.demo import build_demo

pytestmark = pytest.mark.django_db

EXPECTED_ON_HOME = {
    "resident": "Jouw buurt",
    "volunteer": "Als vrijwilliger",
    "professional": "Bewoner inschrijven",
    "coordinator": "Logboek",
    "analyst": "Cijfers over de buurt",
    "admin": "beheersite",
}


def test_every_demo_account_reaches_its_home_page(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEMO = True
    result = build_demo()
    assert {account.role for account in result.accounts} == set(EXPECTED_ON_HOME)
    for account in result.accounts:
        client = Client()
        response = client.post(
            "/account/inloggen/", {"username": account.email, "password": account.password}
        )
        assert response.status_code == 302, account.email
        if account.totp_secret:
            # What a new user does: ask the demo command for the current code.
            out = io.StringIO()
            call_command("totp_code", account.email, stdout=out)
            code = out.getvalue().strip().split()[-1]
            response = client.post("/account/tweestaps/", {"token": code})
            assert response.status_code == 302, account.email
        home = client.get("/start/")
        assert home.status_code == 200, account.email
        assert EXPECTED_ON_HOME[account.role] in home.content.decode(), account.role
