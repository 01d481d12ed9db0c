"""A neighbourhood with two scans a year apart and two questionnaire rounds: one with
enough answers (but too few on the cohesion statements) and one with too few answers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from statistics import mean
from typing import Any

import pytest
from tests.conftest import make_user

from omzien.accounts.models import Role, User
from omzien.neighbourhoods.models import Municipality, Neighbourhood
from omzien.scan import instruments, services
from omzien.scan.models import Campaign, ParticipantKind, ScanSession

FIRST_SCAN = datetime.date(2025, 6, 10)
SECOND_SCAN = datetime.date(2026, 6, 10)
ANSWERED_ON = datetime.date(2026, 9, 1)
#: Five hand-worked 6-item answer sets (totals 0, 1, 2, 6, 5): 3 of 5 lonely, 2 severely.
SIX = [
    {3: "no", 4: "yes", 7: "yes", 8: "yes", 9: "no", 10: "no"},
    {3: "yes", 4: "yes", 7: "yes", 8: "yes", 9: "no", 10: "no"},
    {3: "more_or_less", 4: "no", 7: "yes", 8: "yes", 9: "no", 10: "no"},
    {3: "yes", 4: "no", 7: "no", 8: "more_or_less", 9: "yes", 10: "yes"},
    {3: "yes", 4: "no", 7: "yes", 8: "more_or_less", 9: "yes", 10: "yes"},
]
STRONG = {1: "disagree_strong", 2: "agree_strong", 3: "agree_strong", 4: "agree_strong",
          5: "agree_strong"}  # fmt: skip
MOSTLY = {**STRONG, 5: "agree"}
#: Only four people answer the cohesion statements: their mean must never be shown.
COHESION = [STRONG, STRONG, STRONG, MOSTLY]
HIDDEN_COHESION = round(mean(instruments.score_cohesion(c) or 0 for c in COHESION), 1)


@dataclass
class Figures:
    neighbourhood: Neighbourhood
    first: ScanSession
    second: ScanSession
    campaign: Campaign  # 5 answers: loneliness shown, cohesion suppressed
    small: Campaign  # 4 answers: everything suppressed


@pytest.fixture(autouse=True)
def _framework(request: Any) -> None:
    """Transactional tests elsewhere flush the seeded characteristics; put them back."""
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
        services.framework_sync()


@pytest.fixture
def builder(areas: Any) -> User:
    return make_user(Role.PROFESSIONAL, areas.neighbourhood, display_name="Kim Kwartiermaker")


@pytest.fixture
def elsewhere_analyst(db: Any) -> User:
    other = Municipality.objects.create(code="GM0599", name="Rotterdam")
    return make_user(Role.ANALYST, other, display_name="Rob Rotterdam")


def _scan(builder: User, area: Neighbourhood, day: datetime.date, scores: list[dict]) -> Any:
    session = services.session_create(actor=builder, neighbourhood=area, held_on=day)
    for index, given in enumerate(scores):
        guest = services.participant_add(
            actor=builder,
            session=session,
            kind=ParticipantKind.RESIDENT,
            guest_name=f"Deelnemer Geheimnaam{index}",
            name_with_comments=True,
        )
        services.scores_save(actor=builder, participant=guest, scores=given)
    return session


@pytest.fixture
def figures(areas: Any, builder: User) -> Figures:
    return build_figures(areas.neighbourhood, builder)


def build_figures(area: Neighbourhood, builder: User) -> Figures:
    """Two scans a year apart and two questionnaire rounds in `area` (see the docstring)."""
    first = _scan(
        builder,
        area,
        FIRST_SCAN,
        # characteristic 1: five participants (2, 4, 3, 3, 3 -> 3,0); 5: only one (hidden)
        [
            {"1.1": (2, "Opmerking die geheim blijft"), "5.1": (2, "")},
            {"1.1": (4, "")},
            {"1.1": (3, "")},
            {"1.1": (3, "")},
            {"1.1": (3, "")},
        ],
    )
    second = _scan(
        builder,
        area,
        SECOND_SCAN,
        # characteristic 1: five participants, six scores 4, 3, 5, 4, 4, 4 -> 4,0 (3-5);
        # characteristic 5: two participants (4 and 5), so it is never shown
        [
            {"1.1": (4, ""), "1.2": (3, ""), "5.1": (4, "")},
            {"1.1": (5, ""), "5.2": (5, "")},
            {"1.1": (4, "")},
            {"1.1": (4, "")},
            {"1.1": (4, "")},
        ],
    )
    campaign = services.campaign_create(actor=builder, neighbourhood=area, title="Ronde najaar")
    for index, answers in enumerate(SIX):
        services.response_submit(
            campaign=campaign,
            today=ANSWERED_ON,
            loneliness=answers,
            cohesion=COHESION[index] if index < len(COHESION) else {},
        )
    small = services.campaign_create(actor=builder, neighbourhood=area, title="Kleine ronde")
    for answers in SIX[:4]:
        services.response_submit(
            campaign=small, today=ANSWERED_ON, loneliness=answers, cohesion=STRONG
        )
    return Figures(area, first, second, campaign, small)
