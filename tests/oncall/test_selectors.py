"""Who is on call, and where the rota has gaps."""

from __future__ import annotations

from typing import Any

import pytest
from tests.oncall.conftest import NOW, add_shift, at

from omzien.core.models import AuditEntry
from omzien.oncall import selectors
from omzien.oncall.models import ShiftKind
from omzien.oncall.selectors import Gap


def test_on_call_at_gives_primary_and_backup(
    areas: Any, professional: Any, buurt_professional: Any, clock: Any
) -> None:
    primary = add_shift(areas.district, professional, at(12, 2, 17), at(12, 3, 9))
    backup = add_shift(
        areas.district, buurt_professional, at(12, 2, 20), at(12, 3, 9), kind=ShiftKind.BACKUP
    )
    night = selectors.on_call_at(areas.district, at(12, 2, 22))
    assert (night.primary, night.backup) == (primary, backup)
    # A neighbourhood is served by its district's rota.
    assert selectors.on_call_at(areas.neighbourhood, at(12, 2, 18)).primary == primary
    assert selectors.on_call_at(areas.neighbourhood, at(12, 2, 18)).backup is None
    # The end is not part of the shift; another district has its own rota.
    assert selectors.on_call_at(areas.district, at(12, 3, 9)).primary is None
    assert selectors.on_call_at(areas.elsewhere, at(12, 2, 22)).primary is None


def test_gaps_are_the_evenings_nights_and_weekends_without_anyone(areas: Any, clock: Any) -> None:
    gaps = selectors.coverage_gaps(areas.district)
    # Wednesday 2 to Wednesday 16 December: ten working days, each followed by a gap.
    assert len(gaps) == 10
    assert gaps[0] == Gap(at(12, 2, 17), at(12, 3, 9))
    assert gaps[2] == Gap(at(12, 4, 17), at(12, 7, 9))  # the weekend
    assert gaps[-1] == Gap(at(12, 15, 17), at(12, 16, 9))


def test_a_primary_shift_fills_a_gap_and_a_backup_does_not(
    areas: Any, professional: Any, buurt_professional: Any, clock: Any
) -> None:
    add_shift(areas.district, professional, at(12, 2, 17), at(12, 2, 22))
    add_shift(
        areas.district, buurt_professional, at(12, 4, 17), at(12, 7, 9), kind=ShiftKind.BACKUP
    )
    gaps = selectors.coverage_gaps(areas.district)
    assert gaps[0] == Gap(at(12, 2, 22), at(12, 3, 9))
    assert Gap(at(12, 4, 17), at(12, 7, 9)) in gaps
    add_shift(areas.district, professional, at(12, 2, 22), at(12, 3, 9))
    assert selectors.coverage_gaps(areas.district)[0] == Gap(at(12, 3, 17), at(12, 4, 9))


def test_gaps_start_now_when_now_is_in_one(areas: Any, time_machine: Any) -> None:
    time_machine.move_to(at(12, 2, 20), tick=False)
    assert selectors.coverage_gaps(areas.district)[0] == Gap(at(12, 2, 20), at(12, 3, 9))


def test_gaps_know_the_holidays(areas: Any, time_machine: Any) -> None:
    time_machine.move_to(at(12, 23, 12), tick=False)
    gaps = selectors.coverage_gaps(areas.district, end=at(12, 30, 0))
    # Christmas (Friday 25 and Saturday 26 December): closed from Thursday 17:00 to Monday.
    assert Gap(at(12, 24, 17), at(12, 28, 9)) in gaps


def test_round_the_clock_cover_is_a_setting(
    areas: Any, professional: Any, clock: Any, settings: Any
) -> None:
    settings.OMZIEN_ONCALL_ALWAYS = True
    add_shift(areas.district, professional, at(12, 3, 0), at(12, 4, 0))
    assert selectors.coverage_gaps(areas.district, end=at(12, 5, 0)) == [
        Gap(NOW, at(12, 3, 0)),
        Gap(at(12, 4, 0), at(12, 5, 0)),
    ]


def test_reachable_now_in_office_hours_shows_the_team(
    areas: Any, professional: Any, buurt_professional: Any, other_professional: Any, clock: Any
) -> None:
    now = selectors.reachable_now(viewer=professional, district=areas.district)
    assert now.office_open
    assert set(now.team) == {professional, buurt_professional}
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.subject_type, entry.category) == (
        professional,
        "neighbourhoods.district",
        selectors.AUDIT_CATEGORY,
    )


def test_reachable_at_night_shows_who_is_on_call_and_logs_it(
    areas: Any, professional: Any, buurt_professional: Any, time_machine: Any
) -> None:
    shift = add_shift(areas.district, professional, at(12, 2, 17), at(12, 3, 9))
    time_machine.move_to(at(12, 2, 23), tick=False)
    now = selectors.reachable_now(viewer=buurt_professional, district=areas.district)
    assert not now.office_open
    assert now.on_call.primary == shift
    assert now.next_opening == at(12, 3, 9)
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.subject_type, entry.subject_id) == (
        buurt_professional,
        "oncall.shift",
        shift.pk,
    )


def test_reachable_now_refuses_outsiders(
    areas: Any, other_professional: Any, resident: Any, volunteer: Any, analyst: Any, clock: Any
) -> None:
    from django.core.exceptions import PermissionDenied

    for outsider in (other_professional, resident.user, volunteer, analyst):
        with pytest.raises(PermissionDenied):
            selectors.reachable_now(viewer=outsider, district=areas.district)
    assert not AuditEntry.objects.exists()


def test_districts_for(
    areas: Any, professional: Any, buurt_professional: Any, coordinator: Any, resident: Any
) -> None:
    assert list(selectors.districts_for(professional)) == [areas.district]
    assert list(selectors.districts_for(buurt_professional)) == [areas.district]
    assert set(selectors.districts_for(coordinator)) == {areas.district, areas.other_district}
    assert not selectors.districts_for(resident.user).exists()
