"""`load_demo`: build the fictional demo municipality and print how to log in."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from omzien.accounts.models import Role
from omzien.activities.demo import build_activities_demo
from omzien.circles.demo import build_circles_demo
from omzien.directory.demo import build_directory_demo
from omzien.insights.demo import build_insights_demo
from omzien.keyfigures.demo import build_keyfigures_demo
from omzien.matching.demo import build_matching_demo
from omzien.oncall.demo import build_oncall_demo
from omzien.people.demo import build_demo
from omzien.plans.demo import build_plans_demo
from omzien.reports.demo import build_reports_demo
from omzien.scan.demo import build_scan_demo
from omzien.support.demo import build_support_demo
from omzien.welcome.demo import build_welcome_demo

ROLE_NAMES_NL: dict[str, str] = {
    Role.RESIDENT: "bewoner",
    Role.VOLUNTEER: "vrijwilliger",
    Role.PROFESSIONAL: "professional",
    Role.COORDINATOR: "coördinator",
    Role.ANALYST: "analist",
    Role.ADMIN: "beheerder",
}


def _grouped(secret: str) -> str:
    """ABCD EFGH …: easier to type into an authenticator app."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


class Command(BaseCommand):
    help = (
        "Maak de fictieve demogemeente Omzienstad met bewoners en een demo-account per rol "
        "(build the fictional demo municipality). Veilig om opnieuw te draaien (safe to re-run)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO:
            raise CommandError(
                "load_demo werkt alleen in de demo: zet OMZIEN_DEMO=true "
                "(only in the demo: the accounts have known passwords)."
            )
        started = time.monotonic()
        result = build_demo(stdout=self.stdout if options["verbosity"] > 1 else None)
        directory = build_directory_demo(stdout=self.stdout if options["verbosity"] > 1 else None)
        activities = build_activities_demo(stdout=self.stdout if options["verbosity"] > 1 else None)
        build_welcome_demo(stdout=self.stdout if options["verbosity"] > 1 else None)
        build_support_demo(stdout=self.stdout if options["verbosity"] > 1 else None)
        circles = build_circles_demo(stdout=self.stdout if options["verbosity"] > 1 else None)
        build_reports_demo(stdout=self.stdout if options["verbosity"] > 1 else None)
        build_oncall_demo(stdout=self.stdout if options["verbosity"] > 1 else None)
        build_matching_demo(stdout=self.stdout if options["verbosity"] > 1 else None)
        build_scan_demo(stdout=self.stdout if options["verbosity"] > 1 else None)
        build_plans_demo(stdout=self.stdout if options["verbosity"] > 1 else None)
        build_keyfigures_demo(stdout=self.stdout if options["verbosity"] > 1 else None)
        build_insights_demo(stdout=self.stdout if options["verbosity"] > 1 else None)
        seconds = time.monotonic() - started

        out = self.stdout.write
        if result.residents_created or result.accounts_created:
            out(
                self.style.SUCCESS(
                    f"Demo klaar (demo ready) in {seconds:.1f} s: "
                    f"{result.residents_created} bewoners, {result.accounts_created} accounts "
                    f"en {result.consents_created} toestemmingen aangemaakt (created)."
                )
            )
        else:
            out(
                self.style.SUCCESS(
                    "Demo was er al; niets dubbel aangemaakt (already there, nothing duplicated)."
                )
            )
        out(
            f"Gemeente Omzienstad ({result.municipality}): 2 wijken, 4 buurten, "
            f"{result.residents} bewoners (residents). Alle namen zijn verzonnen (all fictional)."
        )
        out(f"Sociale kaart: {directory.entries} plekken en activiteiten (entries).")
        if activities.activities:
            out(
                f"Activiteiten: {activities.activities} met drie maanden aanwezigheid "
                f"(activities with three months of attendance); {activities.signals} bewoner "
                "wordt gemist (a regular is missed): zie /activiteiten/signalen/."
            )
        if circles.circles:
            out(
                f"Buurtcirkels (neighbourhood circles): {circles.circles} nieuw (new), "
                f"{circles.participants} deelnemers: zie /buurtcirkels/."
            )
        out("")
        out(f"Open {result.url} en log in met (and log in with):")
        out("")
        width = max(len(account.email) for account in result.accounts)
        out(f"  {'Rol (role)':<28} {'E-mail':<{width}}  Wachtwoord (password)")
        for account in result.accounts:
            role = f"{ROLE_NAMES_NL.get(account.role, account.role)} ({account.role})"
            out(f"  {role:<28} {account.email:<{width}}  {account.password}")
        out("")
        out("Tweestapsverificatie (two-factor login) voor professional, coördinator en beheerder.")
        out("Voeg het geheim toe aan een authenticator-app, of vraag de huidige code op")
        out("(add the secret to an authenticator app, or print the current code):")
        for account in result.accounts:
            if not account.totp_secret:
                continue
            out("")
            out(f"  {account.email}")
            out(f"    TOTP-geheim (secret): {_grouped(account.totp_secret)}")
            out(f"    Code: OMZIEN_DEMO=true .venv/bin/python manage.py totp_code {account.email}")
            out(f"      of (or): OMZIEN_DEMO=true omzien totp_code {account.email}")
        out("")
        out("De opdracht totp_code werkt alleen met OMZIEN_DEMO=true (demo only).")
