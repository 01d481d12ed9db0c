"""Demo: the demo resident's support network and early-warning plan, which she lets the
demo professional read. Safe to run again: nothing is added twice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from omzien.people.models import Person
from omzien.support import services
from omzien.support.models import ContactFrequency, NetworkMember, PlanVersion, Relation

RESIDENT_EMAIL = "demo-resident@omzien.invalid"
PROFESSIONAL_EMAIL = "demo-professional@omzien.invalid"
VOLUNTEER_EMAIL = "demo-volunteer@omzien.invalid"

NETWORK = [
    # name, relation, own words, frequency, may call when less well, phone, account e-mail
    ("Els", Relation.FAMILY, "mijn zus", ContactFrequency.WEEKLY, True, "06 11111111", ""),
    (
        "Sem Okafor",
        Relation.VOLUNTEER,
        "mijn maatje",
        ContactFrequency.WEEKLY,
        True,
        "06 22222222",
        VOLUNTEER_EMAIL,
    ),
    (
        "Yara Lindeman",
        Relation.PROFESSIONAL,
        "buurtteam",
        ContactFrequency.MONTHLY,
        True,
        "030 1234567",
        PROFESSIONAL_EMAIL,
    ),
    (
        "Mevrouw Dijkstra",
        Relation.NEIGHBOUR,
        "buurvrouw van hiernaast",
        ContactFrequency.DAILY,
        False,
        "",
        "",
    ),
    ("Kees", Relation.FRIEND, "van de volkstuin", ContactFrequency.LESS, False, "", ""),
]

PLAN_TEXTS = {
    "well_signs": "Ik sta op tijd op en ga naar de koffieochtend.",
    "well_helps": "Werken op mijn balkon. Elke dag een rondje lopen.",
    "well_others_do": "Gewoon een praatje maken.",
    "well_dont_do": "",
    "less_well_signs": "Ik slaap slecht en neem de telefoon niet op.",
    "less_well_helps": "Samen een kop koffie drinken. Een wandeling.",
    "less_well_others_do": "Bel me even of kom langs.",
    "less_well_dont_do": "Niet boos worden als ik niet kom.",
    "crisis_signs": "Ik kom dagen niet buiten en eet niet meer.",
    "crisis_helps": "Rust, en iemand die ik ken.",
    "crisis_others_do": "Bel Els of Yara. Blijf rustig en praat zacht.",
    "crisis_dont_do": "Niet met veel mensen tegelijk komen.",
}


@dataclass
class SupportDemoResult:
    members: int = 0
    versions: int = 0


@transaction.atomic
def build_support_demo(*, stdout: Any = None) -> SupportDemoResult:
    result = SupportDemoResult()
    users = get_user_model().objects
    person = Person.objects.active().filter(user__email=RESIDENT_EMAIL).first()
    professional = users.filter(email=PROFESSIONAL_EMAIL).first()
    if person is None or professional is None:
        raise RuntimeError("The demo accounts are missing: run omzien.people.demo.build_demo().")
    actor = person.user
    if not NetworkMember.objects.filter(person=person).exists():
        for name, relation, words, frequency, call, phone, email in NETWORK:
            services.network_member_save(
                actor=actor,
                person=person,
                account_email=email if users.filter(email=email).exists() else "",
                name=name,
                relation=relation,
                description=words,
                frequency=frequency,
                call_when_less_well=call,
                phone=phone,
            )
            result.members += 1
    if not PlanVersion.objects.filter(plan__person=person).exists():
        services.plan_save(
            actor=actor,
            person=person,
            texts=PLAN_TEXTS,
            contacts=[
                ("less_well", "Sem Okafor", "06 22222222"),
                ("crisis", "Els", "06 11111111"),
                ("crisis", "Yara Lindeman", "030 1234567"),
            ],
        )
        result.versions += 1
    readers = person.consents.in_force().filter(category="plan", grantee_user=professional)
    if not readers.exists():
        current = [
            c.grantee_user
            for c in person.consents.in_force().filter(category="plan", grantee_user__isnull=False)
        ]
        services.plan_readers_set(actor=actor, person=person, readers=[*current, professional])
    if stdout is not None:
        stdout.write(
            f"Ondersteuning: {result.members} mensen in het netwerk, "
            f"{result.versions} signaleringsplan.\n"
        )
    return result
