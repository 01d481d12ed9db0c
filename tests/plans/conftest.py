from __future__ import annotations

import datetime
from typing import Any

import pytest
from tests.conftest import make_user

from omzien.accounts.models import Role, User
from omzien.plans import services
from omzien.scan import services as scan_services
from omzien.scan.models import ParticipantKind, ScanSession

DAY = datetime.date(2026, 11, 2)

#: Characteristic 3 is weak (mean 2.5; points 3.1 = 2.0 and 3.3 = 2.5), characteristic 5
#: is not (mean 3.5) but its point 5.4 is (2.0); characteristic 1 is strong (4.3).
SCORES = {
    "Anna": {"1.1": 4, "1.2": 4, "1.3": 5, "3.1": 2, "3.2": 3, "3.3": 2,
             "5.1": 4, "5.2": 4, "5.3": 4, "5.4": 2},
    "Bert": {"1.1": 4, "1.2": 5, "1.3": 4, "3.1": 2, "3.2": 3, "3.3": 3,
             "5.1": 4, "5.2": 4, "5.3": 4, "5.4": 2},
}  # fmt: skip


@pytest.fixture(autouse=True)
def _seed_rows(request: Any) -> None:
    """Transactional tests elsewhere flush the rows the data migrations seeded; put the
    scan framework and the built-in knowledge base back for tests that use the database."""
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
        scan_services.framework_sync()
        services.knowledge_sync()


@pytest.fixture
def builder(areas: Any) -> User:
    """The community builder: a professional with a role on the neighbourhood."""
    return make_user(Role.PROFESSIONAL, areas.neighbourhood, display_name="Kim Kwartiermaker")


def score_scan(session: ScanSession, actor: User) -> None:
    for name, scores in SCORES.items():
        guest = scan_services.participant_add(
            actor=actor, session=session, kind=ParticipantKind.RESIDENT, guest_name=name
        )
        scan_services.scores_save(
            actor=actor,
            participant=guest,
            scores={code: (value, "") for code, value in scores.items()},
        )


@pytest.fixture
def weak_scan(areas: Any, builder: User) -> ScanSession:
    session = scan_services.session_create(
        actor=builder, neighbourhood=areas.neighbourhood, held_on=DAY
    )
    score_scan(session, builder)
    return session
