"""Fixtures for the on-call rota: a fixed clock and a few shifts in district Oost."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from tests.conftest import make_user

from omzien.accounts.models import Role, User
from omzien.oncall.models import Shift, ShiftKind

AMS = ZoneInfo("Europe/Amsterdam")
#: Wednesday 2 December 2026, 12:00 in Amsterdam: office hours.
NOW = datetime.datetime(2026, 12, 2, 12, 0, tzinfo=AMS)


def at(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=AMS)


@pytest.fixture
def clock(time_machine: Any) -> datetime.datetime:
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def district_coordinator(areas: Any) -> User:
    return make_user(Role.COORDINATOR, areas.district, display_name="Dirk Districtcoördinator")


@pytest.fixture
def buurt_professional(areas: Any) -> User:
    """A professional with a role on one neighbourhood of the district."""
    return make_user(Role.PROFESSIONAL, areas.neighbourhood, display_name="Bo Buurtwerker")


def add_shift(
    district: Any,
    user: User,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    kind: str = ShiftKind.PRIMARY,
    mobile: str = "0612345678",
) -> Shift:
    """Test data straight into the table (the services are tested on their own)."""
    return Shift.objects.create(
        district=district, user=user, kind=kind, starts_at=starts_at, ends_at=ends_at, mobile=mobile
    )
