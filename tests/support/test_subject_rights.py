"""Export and erasure include the network and the plan."""

from __future__ import annotations

from typing import Any

import pytest
from tests.support.conftest import write_plan

from omzien.people.services import person_erase, person_export
from omzien.support import services
from omzien.support.models import EarlyWarningPlan, NetworkMember, PlanVersion

pytestmark = pytest.mark.django_db


def test_export_and_erasure_cover_the_network_and_every_plan_version(
    resident: Any, other_resident: Any
) -> None:
    services.network_member_save(
        actor=resident.user, person=resident, name="Els", relation="family", frequency="weekly"
    )
    write_plan(resident, resident.user)
    write_plan(resident, resident.user, crisis_dont_do="Niet bellen na tienen.")
    # Anna is in Bram's network, linked to her account.
    theirs = services.network_member_save(
        actor=other_resident.user,
        person=other_resident,
        name="Anna",
        relation="friend",
        frequency="weekly",
        account_email="anna@example.org",
    )
    data = person_export(actor=resident.user, person=resident)
    assert [m["name"] for m in data["support_network"]] == ["Els"]
    plan = data["early_warning_plan"]
    assert [v["number"] for v in plan] == [1, 2]
    assert plan[1]["crisis_dont_do"] == "Niet bellen na tienen."
    assert plan[0]["contacts"][0]["phone"] == "06 12345678"

    person_erase(actor=resident.user, person=resident)
    assert not NetworkMember.objects.filter(person=resident).exists()
    assert not EarlyWarningPlan.objects.exists() and not PlanVersion.objects.exists()
    theirs.refresh_from_db()
    assert theirs.name == "Anna" and theirs.user is None  # Bram's entry stays, unlinked
