from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from tests.factories import PASSWORD

from omzien.accounts.models import User

ROOT = Path(__file__).resolve().parents[2]


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.django_db
class TestPasswordLogin:
    def test_resident_logs_in_with_email_in_any_case(self, client, resident) -> None:
        response = client.post(
            "/account/inloggen/", {"username": "ANNA@example.org", "password": PASSWORD}
        )
        assert response.status_code == 302
        assert response["Location"] == "/start/"
        assert client.get("/start/").status_code == 200

    def test_wrong_password_shows_message(self, client, resident) -> None:
        response = client.post(
            "/account/inloggen/", {"username": "anna@example.org", "password": "nope"}
        )
        assert response.status_code == 200
        assert "wachtwoord" in response.content.decode().lower()
        assert "_auth_user_id" not in client.session

    def test_lockout_after_repeated_failures(self, client, resident) -> None:
        for _ in range(5):
            client.post("/account/inloggen/", {"username": "anna@example.org", "password": "wrong"})
        # Now even the right password is refused, with a clear message.
        response = client.post(
            "/account/inloggen/", {"username": "anna@example.org", "password": PASSWORD}
        )
        assert response.status_code == 429
        assert "15 minuten" in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_lockout_does_not_hit_other_accounts(self, client, resident, other_resident) -> None:
        for _ in range(5):
            client.post("/account/inloggen/", {"username": "anna@example.org", "password": "wrong"})
        response = client.post(
            "/account/inloggen/", {"username": "bram@example.org", "password": PASSWORD}
        )
        assert response.status_code == 302


@pytest.mark.django_db
class TestTwoFactor:
    def test_professional_must_pass_second_step(self, client, professional) -> None:
        client.post("/account/inloggen/", {"username": professional.email, "password": PASSWORD})
        response = client.get("/bewoners/")
        assert response.status_code == 302
        assert response["Location"].startswith("/account/tweestaps/")
        # The API refuses too, instead of redirecting.
        assert client.get("/api/me").status_code in (401, 403)
        device = TOTPDevice.objects.get(user=professional)
        response = client.post("/account/tweestaps/", {"token": "000000"})
        assert response.status_code == 200
        assert client.get("/bewoners/").status_code == 302
        # After a wrong code django-otp makes the next try wait a moment (throttling).
        with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5), tick=False):
            device.refresh_from_db()
            response = client.post(
                "/account/tweestaps/", {"token": _code(device), "next": "/bewoners/"}
            )
        assert response.status_code == 302
        assert response["Location"] == "/bewoners/"
        assert client.get("/bewoners/").status_code == 200

    def test_unverified_staff_cannot_make_api_token(self, client, professional) -> None:
        client.post("/account/inloggen/", {"username": professional.email, "password": PASSWORD})
        response = client.post("/account/tokens/", {"name": "omweg"})
        assert response.status_code == 302
        assert not professional.api_tokens.exists()

    def test_first_time_setup_confirms_a_new_device(self, client, areas) -> None:
        from tests.factories import UserFactory

        from omzien.accounts.models import Role
        from omzien.accounts.services import role_assign

        user = UserFactory()
        role_assign(user=user, role=Role.COORDINATOR, area=areas.municipality)
        client.post("/account/inloggen/", {"username": user.email, "password": PASSWORD})
        page = client.get("/account/tweestaps/")
        assert page.status_code == 200
        assert "data:image/svg+xml;base64," in page.content.decode()
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        response = client.post("/account/tweestaps/", {"token": _code(device)})
        assert response.status_code == 302
        device.refresh_from_db()
        assert device.confirmed
        assert client.get("/logboek/").status_code == 200

    def test_resident_needs_no_second_step(self, client, resident) -> None:
        client.post("/account/inloggen/", {"username": "anna@example.org", "password": PASSWORD})
        assert client.get("/mijn/profiel/").status_code == 200

    def test_admin_site_requires_second_step(self, client) -> None:
        User.objects.create_superuser("root@example.org", PASSWORD)
        client.post("/account/inloggen/", {"username": "root@example.org", "password": PASSWORD})
        response = client.get("/beheer/")
        assert response.status_code == 302
        assert "/account/tweestaps/" in response["Location"]


@pytest.mark.django_db
def test_password_reset_sends_dutch_mail(client, resident) -> None:
    response = client.post("/account/wachtwoord/vergeten/", {"email": "anna@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "wachtwoord" in mail.outbox[0].subject.lower()
    assert "/account/wachtwoord/nieuw/" in mail.outbox[0].body


@pytest.mark.django_db
def test_security_headers(client) -> None:
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def _manage(env_overrides: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    unset = {"DEBUG", "HTTPS", "OMZIEN_DEMO", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(env_overrides)
    return subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_under_production_settings() -> None:
    result = _manage(
        {
            "SECRET_KEY": "x7#kQ9!vL2@pR5$wZ8^nB3&mT6*yH1(cF4)jD0-sG7+aE2=uK9_oI5~lN8",
            "ALLOWED_HOSTS": "omzien.example.nl",
            "DATABASE_URL": "sqlite:////tmp/omzien-deploy-check.sqlite3",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_secret_key() -> None:
    env = {"SECRET_KEY": "", "DATABASE_URL": "sqlite:////tmp/omzien-deploy-check.sqlite3"}
    result = _manage(env, "check")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_password_change(client, as_user, resident) -> None:
    as_user(resident.user)
    response = client.post(
        "/account/wachtwoord/wijzigen/",
        {
            "old_password": PASSWORD,
            "new_password1": "een-nieuw-lang-wachtwoord-7",
            "new_password2": "een-nieuw-lang-wachtwoord-7",
        },
    )
    assert response.status_code == 302
    resident.user.refresh_from_db()
    assert resident.user.check_password("een-nieuw-lang-wachtwoord-7")


@pytest.mark.django_db
def test_password_change_needs_the_second_step_first(client, professional) -> None:
    client.post("/account/inloggen/", {"username": professional.email, "password": PASSWORD})
    response = client.post(
        "/account/wachtwoord/wijzigen/",
        {
            "old_password": PASSWORD,
            "new_password1": "overgenomen-wachtwoord-99",
            "new_password2": "overgenomen-wachtwoord-99",
        },
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/account/tweestaps/")
    professional.refresh_from_db()
    assert professional.check_password(PASSWORD)


@pytest.mark.django_db
def test_short_password_message_is_dutch(client, areas) -> None:
    response = client.post(
        "/aanmelden/",
        {
            "first_name": "Kees",
            "email": "kees@example.org",
            "neighbourhood": areas.neighbourhood.pk,
            "password1": "kort",
            "password2": "kort",
        },
    )
    assert "te kort" in response.content.decode()
