"""The welcome demo: a host, a welcomer, tasks, contributions and two referrals."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from tests.conftest import login

from omzien.accounts.models import User
from omzien.activities.demo import build_activities_demo
from omzien.directory.demo import build_directory_demo
from omzien.people.demo import build_demo
from omzien.welcome.demo import build_welcome_demo
from omzien.welcome.models import (
    ActivityTask,
    Contribution,
    FirstVisit,
    FollowUp,
    Referral,
    TaskClaim,
)


@pytest.fixture
def demo(db: Any) -> Any:
    build_demo()
    build_directory_demo()
    build_activities_demo()
    return build_welcome_demo()


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (ActivityTask, TaskClaim, Contribution, Referral, FollowUp)
    )


def test_the_demo_has_a_referral_with_a_welcomer_tasks_and_contributions(demo: Any) -> None:
    assert demo.tasks == 3 and demo.referrals == 2
    coming, came = sorted(Referral.objects.all(), key=lambda r: r.session.starts_at, reverse=True)
    assert coming.first_visit == FirstVisit.WAITING and coming.welcomer is not None
    assert came.first_visit == FirstVisit.CAME
    assert FollowUp.objects.get().referral == came
    resident = User.objects.get(email="demo-resident@omzien.invalid")
    assert Contribution.objects.filter(person__user=resident).count() == 2


def test_running_the_welcome_demo_again_adds_nothing(demo: Any) -> None:
    before = _counts()
    again = build_welcome_demo()
    assert (again.tasks, again.referrals, again.contributions) == (0, 0, 0)
    assert _counts() == before


def test_the_demo_professional_sees_the_follow_up(demo: Any, client: Client) -> None:
    login(client, User.objects.get(email="demo-professional@omzien.invalid"))
    page = client.get("/welkom/verwijzingen/").content.decode()
    assert "Hoe was het eerste bezoek van" in page
