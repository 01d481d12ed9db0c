"""The demo activities: months of attendance, a regular who stopped coming, and a signal."""

from __future__ import annotations

from typing import Any

import pytest

from omzien.activities.demo import build_activities_demo
from omzien.activities.models import AbsenceSignal, Activity, Attendance, SignalStatus
from omzien.directory.demo import build_directory_demo
from omzien.people.demo import build_demo
from omzien.people.models import Consent, ConsentCategory


@pytest.fixture
def demo(db: Any) -> Any:
    build_demo()
    build_directory_demo()
    return build_activities_demo()


def test_the_demo_has_activities_with_history_and_one_missed_regular(demo: Any) -> None:
    assert demo.activities == 3
    assert Activity.objects.filter(service__isnull=False).count() == 3
    assert Attendance.objects.count() > 100
    # Named attendance only for people who agreed to it.
    consented = set(
        Consent.objects.filter(category=ConsentCategory.ATTENDANCE).values_list(
            "person_id", flat=True
        )
    )
    assert set(Attendance.objects.values_list("person_id", flat=True)) <= consented
    signal = AbsenceSignal.objects.get()
    assert signal.status == SignalStatus.OPEN
    assert signal.activity.name == "Eetcafé De Linde"
    assert signal.steps.get().user.email == "demo-volunteer@omzien.invalid"


def test_the_demo_computer_cafe_is_full_with_one_person_waiting(demo: Any) -> None:
    from omzien.activities.models import Admission, SignUp

    cafe = Activity.objects.get(name="Computercafé Kersenbuurt")
    assert cafe.admission == Admission.SIGN_UP and cafe.capacity == 6
    signups = SignUp.objects.filter(session__activity=cafe)
    assert demo.signups == signups.count() == 7
    assert signups.filter(place__isnull=False).count() == 6
    assert signups.filter(place__isnull=True).count() == 1


def test_running_the_demo_again_adds_nothing(demo: Any) -> None:
    attendance = Attendance.objects.count()
    again = build_activities_demo()
    assert (again.activities, again.signals) == (0, 0)
    assert Attendance.objects.count() == attendance
    assert AbsenceSignal.objects.count() == 1


def test_the_demo_resident_comes_to_the_eating_cafe_and_sees_it_on_her_page(
    demo: Any, client: Any
) -> None:
    noor = Attendance.objects.filter(person__user__email="demo-resident@omzien.invalid")
    assert noor.count() == 6
    assert {a.session.activity.name for a in noor} == {"Eetcafé De Linde"}
    client.force_login(noor.first().person.user)
    page = client.get("/activiteiten/mijn/").content.decode()
    assert "Eetcafé De Linde" in page
    assert "Ik kom niet" in page
