"""The demo rota: two weeks covered with one deliberate gap; running it again adds nothing."""

from __future__ import annotations

from typing import Any

from omzien.neighbourhoods.models import District
from omzien.oncall import selectors
from omzien.oncall.demo import build_oncall_demo
from omzien.oncall.models import Shift, ShiftKind
from omzien.people.demo import build_demo


def test_the_demo_rota_has_one_gap_and_reruns_safely(db: Any, time_machine: Any) -> None:
    from tests.oncall.conftest import NOW

    time_machine.move_to(NOW, tick=False)
    build_demo()
    result = build_oncall_demo()
    district = District.objects.get(code="WK990101")
    gaps = selectors.coverage_gaps(district)
    assert len(gaps) == 1
    assert gaps[0].starts_at == result.gap_starts_at
    assert gaps[0].starts_at.weekday() == 2  # Wednesday of next week
    assert Shift.objects.filter(kind=ShiftKind.BACKUP).exists()
    count = Shift.objects.count()
    again = build_oncall_demo()
    assert again.shifts == 0
    assert Shift.objects.count() == count
