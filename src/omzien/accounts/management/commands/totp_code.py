"""`totp_code EMAIL`: print the current two-factor code of a demo account (demo only)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def current_code(device: TOTPDevice) -> str:
    """The code the device accepts now, as the authenticator app would show it."""
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(value).zfill(device.digits)


class Command(BaseCommand):
    help = (
        "Toon de huidige code van de authenticator van een demo-account "
        "(print the current two-factor code of an account; only with OMZIEN_DEMO=true)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="e-mailadres van het account (the account's e-mail)")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO:
            raise CommandError(
                "totp_code werkt alleen in de demo (OMZIEN_DEMO=true); "
                "outside the demo, use the authenticator app."
            )
        email = options["email"].strip()
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"Geen account met e-mailadres {email} (no such account).")
        device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()
        if device is None:
            raise CommandError(
                f"{email} heeft geen ingestelde authenticator (no confirmed TOTP device)."
            )
        self.stdout.write(current_code(device))
