"""Permission rules for the support network and the early-warning plan.

The person decides: others see or change the network, or read the plan, only with the
person's consent in force for that category (``people.Consent``). See
omzien.core.permissions.
"""

from __future__ import annotations

from typing import Any

from omzien.accounts.models import STAFF_ROLES
from omzien.accounts.selectors import user_has_role_for
from omzien.core.permissions import rule
from omzien.people.models import ConsentCategory, Person
from omzien.people.selectors import consent_in_force, is_self


def _consented(user: Any, person: Person, category: str) -> bool:
    return consent_in_force(viewer=user, person=person, category=category) is not None


@rule("support.view_network")
def view_network(user: Any, person: Person) -> bool:
    if person.erased_at is not None:
        return False
    return is_self(user, person) or _consented(user, person, ConsentCategory.NETWORK)


@rule("support.edit_network")
def edit_network(user: Any, person: Person) -> bool:
    """The person, or a professional or buddy they gave consent for their network."""
    if person.erased_at is not None:
        return False
    return is_self(user, person) or _consented(user, person, ConsentCategory.NETWORK)


@rule("support.view_plan")
def view_plan(user: Any, person: Person) -> bool:
    """The person, and only the people they chose (consent for the plan)."""
    if person.erased_at is not None:
        return False
    return is_self(user, person) or _consented(user, person, ConsentCategory.EARLY_WARNING_PLAN)


@rule("support.edit_plan")
def edit_plan(user: Any, person: Person) -> bool:
    """The person writes their own plan. Someone without a login writes it together with
    a professional of their area whom they let read it."""
    if person.erased_at is not None:
        return False
    if is_self(user, person):
        return True
    return (
        person.user_id is None
        and user_has_role_for(user, STAFF_ROLES, person.neighbourhood)
        and _consented(user, person, ConsentCategory.EARLY_WARNING_PLAN)
    )


@rule("support.choose_plan_readers")
def choose_plan_readers(user: Any, person: Person) -> bool:
    return person.erased_at is None and is_self(user, person)
