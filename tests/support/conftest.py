"""Helpers for the support tests: consent for a network or a plan, and a filled-in plan."""

from __future__ import annotations

import datetime
from typing import Any

from omzien.people.models import Consent, ConsentCategory, ConsentMethod, Person
from omzien.support import services
from omzien.support.models import PlanVersion


def consent(person: Person, user: Any, category: str, **extra: Any) -> Consent:
    return Consent.objects.create(
        person=person,
        category=category,
        purpose="support",
        grantee_user=user,
        method=ConsentMethod.SPOKEN,
        valid_from=datetime.date(2020, 1, 1),
        given_on=datetime.date(2020, 1, 1),
        **extra,
    )


def network_consent(person: Person, user: Any) -> Consent:
    return consent(person, user, ConsentCategory.NETWORK)


PLAN_TEXTS = {
    "well_signs": "Ik fiets naar de markt.",
    "less_well_signs": "Ik slaap slecht.",
    "crisis_signs": "Ik eet niet meer en blijf binnen.",
    "crisis_others_do": "Bel mijn zus Els en blijf rustig.",
    "crisis_dont_do": "Niet schreeuwen.",
}


def write_plan(person: Person, actor: Any, **texts: str) -> PlanVersion:
    return services.plan_save(
        actor=actor,
        person=person,
        texts={**PLAN_TEXTS, **texts},
        contacts=[("crisis", "Els de Vries", "06 12345678")],
    )
