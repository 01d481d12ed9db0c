from __future__ import annotations

import datetime
from typing import Any

import pytest
from tests.conftest import make_user

from omzien.accounts.models import Role, User
from omzien.scan import services
from omzien.scan.models import ParticipantKind, ScanSession

DAY = datetime.date(2026, 11, 2)


@pytest.fixture(autouse=True)
def _framework(request: Any) -> None:
    """Tests that flush the database (transactional ones elsewhere) remove the rows the
    data migration seeded; put them back for tests that use the database."""
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
        services.framework_sync()


@pytest.fixture
def builder(areas: Any) -> User:
    """The community builder: a professional with a role on the neighbourhood."""
    return make_user(Role.PROFESSIONAL, areas.neighbourhood, display_name="Kim Kwartiermaker")


@pytest.fixture
def scan(areas: Any, builder: User) -> ScanSession:
    return services.session_create(actor=builder, neighbourhood=areas.neighbourhood, held_on=DAY)


def add_guest(session: ScanSession, actor: User, name: str, kind: str = ParticipantKind.RESIDENT,
              agreed: bool = False) -> Any:  # fmt: skip
    return services.participant_add(
        actor=actor, session=session, kind=kind, guest_name=name, name_with_comments=agreed
    )
