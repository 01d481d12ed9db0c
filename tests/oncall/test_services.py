"""Shifts: who may be on the rota, no double primary, back-up overlaps, copying a week."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from tests.oncall.conftest import add_shift, at

from omzien.oncall import services
from omzien.oncall.models import Shift, ShiftKind


def create(actor: Any, district: Any, user: Any, start: Any, end: Any, **extra: Any) -> Shift:
    return services.shift_create(
        actor=actor,
        district=district,
        user=user,
        kind=extra.get("kind", ShiftKind.PRIMARY),
        starts_at=start,
        ends_at=end,
        mobile=extra.get("mobile", "0612345678"),
    )


def test_a_coordinator_puts_a_professional_on_call(
    areas: Any, coordinator: Any, professional: Any, clock: Any
) -> None:
    shift = create(coordinator, areas.district, professional, at(12, 2, 17), at(12, 3, 9))
    assert shift.created_by == coordinator
    assert list(Shift.objects.all()) == [shift]


def test_end_must_be_after_start(
    areas: Any, coordinator: Any, professional: Any, clock: Any
) -> None:
    with pytest.raises(ValidationError) as error:
        create(coordinator, areas.district, professional, at(12, 3, 9), at(12, 3, 9))
    assert "ends_at" in error.value.message_dict
    assert not Shift.objects.exists()


def test_no_two_primaries_at_once_but_a_backup_may_overlap(
    areas: Any, coordinator: Any, professional: Any, buurt_professional: Any, clock: Any
) -> None:
    create(coordinator, areas.district, professional, at(12, 2, 17), at(12, 3, 9))
    with pytest.raises(ValidationError, match="reserve"):
        create(coordinator, areas.district, buurt_professional, at(12, 3, 8), at(12, 3, 12))
    backup = create(
        coordinator,
        areas.district,
        buurt_professional,
        at(12, 2, 20),
        at(12, 3, 9),
        kind=ShiftKind.BACKUP,
    )
    assert backup.kind == ShiftKind.BACKUP
    # A second back-up at the same time is refused too.
    with pytest.raises(ValidationError, match="reserve"):
        create(
            coordinator,
            areas.district,
            coordinator,
            at(12, 2, 22),
            at(12, 2, 23),
            kind=ShiftKind.BACKUP,
        )
    # The next primary may start the moment the previous one ends.
    create(coordinator, areas.district, buurt_professional, at(12, 3, 9), at(12, 3, 17))
    assert Shift.objects.count() == 3


def test_nobody_is_primary_and_backup_at_once(
    areas: Any, coordinator: Any, professional: Any, clock: Any
) -> None:
    create(coordinator, areas.district, professional, at(12, 2, 17), at(12, 3, 9))
    with pytest.raises(ValidationError) as error:
        create(
            coordinator,
            areas.district,
            professional,
            at(12, 2, 18),
            at(12, 2, 20),
            kind=ShiftKind.BACKUP,
        )
    assert "user" in error.value.message_dict


def test_the_person_must_work_in_the_district(
    areas: Any,
    coordinator: Any,
    other_professional: Any,
    buurt_professional: Any,
    resident: Any,
    volunteer: Any,
    clock: Any,
) -> None:
    for outsider in (other_professional, resident.user, volunteer):
        with pytest.raises(ValidationError) as error:
            create(coordinator, areas.district, outsider, at(12, 2, 17), at(12, 3, 9))
        assert "user" in error.value.message_dict
    # A professional of one of the district's neighbourhoods works in the district.
    create(coordinator, areas.district, buurt_professional, at(12, 2, 17), at(12, 3, 9))


def test_only_coordinators_of_the_district_edit_the_rota(
    areas: Any,
    professional: Any,
    other_professional: Any,
    district_coordinator: Any,
    resident: Any,
    clock: Any,
) -> None:
    for refused in (professional, other_professional, resident.user):
        with pytest.raises(PermissionDenied):
            create(refused, areas.district, professional, at(12, 2, 17), at(12, 3, 9))
    shift = create(district_coordinator, areas.district, professional, at(12, 2, 17), at(12, 3, 9))
    with pytest.raises(PermissionDenied):
        services.shift_delete(actor=professional, shift=shift)
    assert Shift.objects.filter(pk=shift.pk).exists()
    with pytest.raises(PermissionDenied):
        create(
            district_coordinator,
            areas.other_district,
            professional,
            at(12, 2, 17),
            at(12, 3, 9),
        )


def test_an_update_that_clashes_changes_nothing(
    areas: Any, coordinator: Any, professional: Any, buurt_professional: Any, clock: Any
) -> None:
    create(coordinator, areas.district, professional, at(12, 2, 17), at(12, 3, 9))
    later = create(coordinator, areas.district, buurt_professional, at(12, 3, 17), at(12, 4, 9))
    with pytest.raises(ValidationError):
        services.shift_update(actor=coordinator, shift=later, starts_at=at(12, 3, 8))
    later.refresh_from_db()
    assert later.starts_at == at(12, 3, 17)
    services.shift_update(actor=coordinator, shift=later, mobile="0687654321")
    later.refresh_from_db()
    assert later.mobile == "0687654321"


def test_copy_the_last_week(
    areas: Any, coordinator: Any, professional: Any, buurt_professional: Any, clock: Any
) -> None:
    # This week (Monday 30 November to Sunday 6 December): two shifts.
    add_shift(areas.district, professional, at(11, 30, 17), at(12, 1, 9))
    add_shift(areas.district, buurt_professional, at(12, 4, 17), at(12, 7, 9))
    result = services.shifts_copy_week(actor=coordinator, district=areas.district)
    assert (result.copied, result.skipped) == (2, 0)
    assert result.source_week == at(11, 30).date()
    starts = sorted(Shift.objects.values_list("starts_at", flat=True))
    assert starts[2:] == [at(12, 7, 17), at(12, 11, 17)]
    # Again: the week just filled is copied to the one after.
    again = services.shifts_copy_week(actor=coordinator, district=areas.district)
    assert again.source_week == at(12, 7).date()
    assert Shift.objects.filter(starts_at=at(12, 18, 17)).exists()


def test_copy_skips_what_would_clash(
    areas: Any, coordinator: Any, professional: Any, buurt_professional: Any, clock: Any
) -> None:
    add_shift(areas.district, professional, at(11, 30, 17), at(12, 1, 9))
    add_shift(areas.district, buurt_professional, at(12, 7, 12), at(12, 8, 12))
    # The last week with shifts is now next week: its one shift goes to the week after.
    result = services.shifts_copy_week(actor=coordinator, district=areas.district)
    assert (result.copied, result.skipped) == (1, 0)
    # Copying into a week that already has a clashing primary skips it.
    add_shift(areas.district, professional, at(12, 21, 0), at(12, 22, 0))
    result = services.shifts_copy_week(actor=coordinator, district=areas.district)
    assert result.skipped == 1


def test_copy_refused_for_professionals(areas: Any, professional: Any, clock: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.shifts_copy_week(actor=professional, district=areas.district)
