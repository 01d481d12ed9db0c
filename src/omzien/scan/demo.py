"""Demo data for the scan: two scans a year apart in the demo neighbourhood, a buurt-DNA
profile and an anonymous questionnaire with enough answers to show group figures.

Safe to re-run: nothing is added when the first scan is already there."""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from omzien.accounts.models import Role, User
from omzien.neighbourhoods.models import Neighbourhood
from omzien.scan import services
from omzien.scan.framework import ACTION_POINT_CODES
from omzien.scan.models import Campaign, ParticipantKind, ScanSession

NEIGHBOURHOOD = "BU99010101"
GUESTS = [
    ("Ria (buurtkamer)", ParticipantKind.KEY_FIGURE, False),
    ("Johan", ParticipantKind.RESIDENT, False),
    ("Samira", ParticipantKind.RESIDENT, True),
    ("Wijkagent Bas", ParticipantKind.PROFESSIONAL, False),
    ("Fatima (moskee)", ParticipantKind.KEY_FIGURE, False),
]
COMMENTS = {
    "1.1": "Bij het buurtfeest zie je veel verschillende mensen.",
    "2.2": "Mensen willen graag iets terugdoen.",
    "4.3": "De wijkagent en het buurtteam kennen elkaar nog weinig.",
    "5.4": "Het plein is 's avonds donker.",
}


def _demo_user(role: str) -> User:
    user = User.objects.filter(roles__role=role, email__startswith="demo-").first()
    if user is None:
        raise RuntimeError("The demo accounts are missing: run omzien.people.demo.build_demo().")
    return user


@transaction.atomic
def build_scan_demo(*, stdout: Any = None, today: datetime.date | None = None) -> int:
    """Returns the number of scans created."""
    today = today or timezone.localdate()
    area = Neighbourhood.objects.get(code=NEIGHBOURHOOD)
    if ScanSession.objects.filter(neighbourhood=area).exists():
        return 0
    coordinator = _demo_user(Role.COORDINATOR)
    rng = random.Random(7)  # noqa: S311 - demo data, not security
    created = 0
    for years_ago, base in ((1, 2.4), (0, 3.3)):
        session = services.session_create(
            actor=coordinator,
            neighbourhood=area,
            held_on=today - datetime.timedelta(days=365 * years_ago + 7),
            title="Werksessie gebiedscoalitie",
        )
        created += 1
        for name, kind, agreed in GUESTS:
            guest = services.participant_add(
                actor=coordinator,
                session=session,
                kind=kind,
                guest_name=name,
                name_with_comments=agreed,
            )
            scores: dict[str, tuple[int | None, str]] = {}
            for code in ACTION_POINT_CODES:
                value = round(base + rng.uniform(-1.2, 1.2))
                unknown = rng.random() < 0.08
                scores[code] = (
                    None if unknown else min(5, max(1, value)),
                    COMMENTS.get(code, "") if name.startswith("Ria") else "",
                )
            services.scores_save(actor=coordinator, participant=guest, scores=scores)
    services.dna_profile_save(
        actor=coordinator,
        neighbourhood=area,
        answers={
            "sleutelfiguren.1": "Ria van de buurtkamer en Ahmed van de moskee.",
            "omgeving.1": "Ongeveer 2.000 mensen, vijf straten rond het Lindeplein.",
            "bewoners.1": "Veel nieuwe bewoners; de oude kern is hecht.",
        },
    )
    campaign = services.campaign_create(
        actor=coordinator, neighbourhood=area, title="Hoe gaat het met jou en de buurt?"
    )
    answers = ("yes", "more_or_less", "no")
    agree = ("agree_strong", "agree", "neutral", "disagree", "disagree_strong")
    for _ in range(8):
        services.response_submit(
            campaign=campaign,
            today=today,
            loneliness={n: rng.choice(answers) for n in (3, 4, 7, 8, 9, 10)},
            cohesion={n: rng.choice(agree) for n in range(1, 6)},
        )
    if stdout is not None:
        stdout.write(f"Buurtscan: {created} scans, 1 vragenlijst ({Campaign.objects.count()}).")
    return created
