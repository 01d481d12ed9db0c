"""The demo resident has a network and a plan that the demo professional may read."""

from __future__ import annotations

from typing import Any

import pytest

from omzien.people.demo import build_demo
from omzien.people.models import Person
from omzien.support import selectors
from omzien.support.demo import build_support_demo
from omzien.support.models import NetworkMember, PlanVersion


@pytest.fixture
def demo(db: Any) -> Any:
    build_demo()
    return build_support_demo()


def test_the_demo_resident_shares_her_plan_with_the_demo_professional(demo: Any) -> None:
    assert (demo.members, demo.versions) == (5, 1)
    noor = Person.objects.get(user__email="demo-resident@omzien.invalid")
    professional = NetworkMember.objects.get(person=noor, name="Yara Lindeman").user
    assert professional is not None and professional.email == "demo-professional@omzien.invalid"
    version = selectors.plan_version(viewer=professional, person=noor)
    assert version is not None and "Bel Els of Yara" in version.crisis_others_do
    volunteer = NetworkMember.objects.get(person=noor, name="Sem Okafor").user
    assert not selectors.plan_reader_consents(noor).filter(grantee_user=volunteer).exists()


def test_running_the_demo_again_adds_nothing(demo: Any) -> None:
    again = build_support_demo()
    assert (again.members, again.versions) == (0, 0)
    assert NetworkMember.objects.count() == 5
    assert PlanVersion.objects.count() == 1
    noor = Person.objects.get(user__email="demo-resident@omzien.invalid")
    assert selectors.plan_reader_consents(noor).count() == 1
