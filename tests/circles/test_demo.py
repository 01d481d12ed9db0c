"""The demo circles: one running with meetings and agreements, one ended with an
evaluation; running the demo again adds nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from tests.conftest import login

from omzien.accounts.models import User
from omzien.circles.demo import ENDED, RUNNING, build_circles_demo
from omzien.circles.models import (
    Agreement,
    Circle,
    CircleStatus,
    Meeting,
    MeetingAttendance,
    ParticipantAnswer,
)
from omzien.directory.demo import build_directory_demo
from omzien.people.demo import build_demo
from omzien.people.models import Consent, ConsentCategory


@pytest.fixture
def demo(db: Any) -> Any:
    build_demo()
    build_directory_demo()
    return build_circles_demo()


def test_the_demo_has_a_running_and_an_ended_circle(demo: Any) -> None:
    assert demo.circles == 2
    running = Circle.objects.get(name=RUNNING)
    assert running.status == CircleStatus.RUNNING
    assert running.memberships.active().count() == 9
    assert running.meetings.count() == 4
    assert Agreement.objects.filter(circle=running).count() == 3
    assert MeetingAttendance.objects.filter(meeting__circle=running).exists()
    assert Meeting.objects.filter(circle=running, location__isnull=False).exists()
    # Named attendance only for people who agreed to it; the others are counted.
    consented = set(
        Consent.objects.filter(category=ConsentCategory.ATTENDANCE).values_list(
            "person_id", flat=True
        )
    )
    assert set(MeetingAttendance.objects.values_list("person_id", flat=True)) <= consented
    ended = Circle.objects.get(name=ENDED)
    assert ended.status == CircleStatus.ENDED and ended.ended_on is not None
    assert ended.evaluation.coach_summary
    assert ParticipantAnswer.objects.filter(evaluation__circle=ended).count() == 3


def test_the_demo_resident_sees_her_circle(demo: Any, client: Client) -> None:
    login(client, User.objects.get(email="demo-resident@omzien.invalid"))
    page = client.get("/buurtcirkels/mijn/").content.decode()
    assert RUNNING in page
    assert "Je coach is Yara." in page


def test_running_the_demo_again_adds_nothing(demo: Any) -> None:
    counts = (Circle.objects.count(), MeetingAttendance.objects.count(), Agreement.objects.count())
    again = build_circles_demo()
    assert again.circles == 0
    after = (Circle.objects.count(), MeetingAttendance.objects.count(), Agreement.objects.count())
    assert after == counts
