"""Reads of the scan app: results per scan, the trend, the buurt-DNA history and the
questionnaire figures (group figures only, groups under 5 suppressed)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import mean
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from omzien.accounts.models import STAFF_ROLES, Role
from omzien.accounts.selectors import neighbourhoods_for_roles
from omzien.core import permissions
from omzien.core.audit import audit_record
from omzien.neighbourhoods.models import Neighbourhood
from omzien.scan import instruments
from omzien.scan.framework import DNA_SECTIONS, DnaSection, dna_questions
from omzien.scan.models import (
    ActionPoint,
    Campaign,
    Characteristic,
    DnaProfileVersion,
    Participant,
    ParticipantKind,
    Response,
    ScanSession,
    Score,
)

#: Any figure about fewer respondents than this is not shown (DESIGN.md: k-anonymity).
MIN_GROUP = 5


def neighbourhoods_managed_by(user: Any) -> QuerySet[Neighbourhood]:
    return neighbourhoods_for_roles(user, STAFF_ROLES)


def neighbourhoods_with_figures_for(user: Any) -> QuerySet[Neighbourhood]:
    return neighbourhoods_for_roles(user, [*STAFF_ROLES, Role.ANALYST])


def sessions_of(neighbourhood: Neighbourhood) -> QuerySet[ScanSession]:
    return (
        ScanSession.objects.filter(neighbourhood=neighbourhood)
        .annotate(participant_count=Count("participants"))
        .order_by("-held_on")
    )


def participations_of(user: Any) -> QuerySet[Participant]:
    """Scans this person was asked to fill in."""
    return (
        Participant.objects.filter(user=user)
        .select_related("session__neighbourhood")
        .annotate(score_count=Count("scores"))
        .order_by("-session__held_on")
    )


def session_participants(session: ScanSession) -> QuerySet[Participant]:
    return (
        Participant.objects.filter(session=session)
        .select_related("user")
        .annotate(score_count=Count("scores"))
    )


def framework() -> list[Characteristic]:
    return list(
        Characteristic.objects.prefetch_related(
            Prefetch("action_points", queryset=ActionPoint.objects.order_by("order"))
        )
    )


@dataclass
class Spread:
    """Scores 1-5 of one action point or characteristic."""

    values: list[int] = field(default_factory=list)
    unknown: int = 0  # "weet ik niet"

    @property
    def count(self) -> int:
        return len(self.values)

    @property
    def mean(self) -> float | None:
        return round(mean(self.values), 1) if self.values else None

    @property
    def minimum(self) -> int | None:
        return min(self.values) if self.values else None

    @property
    def maximum(self) -> int | None:
        return max(self.values) if self.values else None

    @property
    def distribution(self) -> list[tuple[int, int]]:
        """(score, how many gave it) for 1 … 5."""
        return [(score, self.values.count(score)) for score in range(1, 6)]


@dataclass
class Comment:
    author: str
    text: str


@dataclass
class PointResult:
    point: ActionPoint
    spread: Spread
    comments: list[Comment]


@dataclass
class CharacteristicResult:
    characteristic: Characteristic
    spread: Spread
    points: list[PointResult]


def _author_label(participant: Participant) -> str:
    from django.utils.translation import gettext as _

    if participant.kind == ParticipantKind.RESIDENT and not participant.name_with_comments:
        return str(_("a resident"))
    return f"{participant.name} ({participant.get_kind_display()})"


def session_results(*, viewer: Any, session: ScanSession) -> list[CharacteristicResult]:
    """Per characteristic and per action point: mean, min-max, distribution, count of
    scores, "don't know" answers and the comments."""
    permissions.require(viewer, "scan.view_session", session)
    scores = Score.objects.filter(participant__session=session).select_related("participant__user")
    by_point: dict[int, list[Score]] = defaultdict(list)
    for score in scores:
        by_point[score.action_point_id].append(score)
    results = []
    for characteristic in framework():
        overall = Spread()
        points = []
        for point in characteristic.action_points.all():
            spread = Spread()
            comments = []
            for score in by_point.get(point.pk, []):
                if score.value is None:
                    spread.unknown += 1
                else:
                    spread.values.append(score.value)
                if score.comment:
                    comments.append(Comment(_author_label(score.participant), score.comment))
            overall.values.extend(spread.values)
            overall.unknown += spread.unknown
            points.append(PointResult(point, spread, comments))
        results.append(CharacteristicResult(characteristic, overall, points))
    return results


@dataclass
class TrendRow:
    characteristic: Characteristic
    cells: list[Spread]


def neighbourhood_trend(
    *, viewer: Any, neighbourhood: Neighbourhood
) -> tuple[list[ScanSession], list[TrendRow]]:
    """Every scan of the neighbourhood, oldest first, and the mean per characteristic."""
    permissions.require(viewer, "scan.manage", neighbourhood)
    sessions = list(ScanSession.objects.filter(neighbourhood=neighbourhood).order_by("held_on"))
    values: dict[tuple[int, int], Spread] = defaultdict(Spread)
    rows = Score.objects.filter(
        participant__session__neighbourhood=neighbourhood, value__isnull=False
    ).values_list("participant__session_id", "action_point__characteristic_id", "value")
    for session_id, characteristic_id, value in rows:
        if value is not None:
            values[(session_id, characteristic_id)].values.append(value)
    trend = [
        TrendRow(characteristic, [values[(s.pk, characteristic.pk)] for s in sessions])
        for characteristic in Characteristic.objects.all()
    ]
    return sessions, trend


# --- buurt-DNA ----------------------------------------------------------------------------


def dna_latest(*, viewer: Any, neighbourhood: Neighbourhood) -> DnaProfileVersion | None:
    permissions.require(viewer, "scan.manage", neighbourhood)
    return DnaProfileVersion.objects.filter(neighbourhood=neighbourhood).order_by("-number").first()


@dataclass
class DnaAnswer:
    key: str
    question: str
    answer: str


@dataclass
class DnaSectionView:
    section: DnaSection
    answers: list[DnaAnswer]


def dna_profile_view(version: DnaProfileVersion | None) -> list[DnaSectionView]:
    answers = version.answers if version is not None else {}
    grouped: dict[str, list[DnaAnswer]] = defaultdict(list)
    for key, section, text in dna_questions():
        grouped[section.key].append(DnaAnswer(key, text, answers.get(key, "")))
    return [DnaSectionView(section, grouped[section.key]) for section in DNA_SECTIONS]


@dataclass
class DnaChange:
    question: str
    before: str
    after: str


@dataclass
class DnaHistoryEntry:
    version: DnaProfileVersion
    changes: list[DnaChange]


def dna_history(*, viewer: Any, neighbourhood: Neighbourhood) -> list[DnaHistoryEntry]:
    """Every version, newest first, with what changed compared with the one before."""
    permissions.require(viewer, "scan.manage", neighbourhood)
    versions = list(
        DnaProfileVersion.objects.filter(neighbourhood=neighbourhood).order_by("number")
    )
    audit_record(actor=viewer, subject=neighbourhood, category="buurt_dna", detail="history")
    questions = dna_questions()
    entries = []
    previous: dict[str, str] = {}
    for version in versions:
        changes = [
            DnaChange(
                f"{section.title}: {text}", previous.get(key, ""), version.answers.get(key, "")
            )
            for key, section, text in questions
            if previous.get(key, "") != version.answers.get(key, "")
        ]
        entries.append(DnaHistoryEntry(version, changes))
        previous = version.answers
    return list(reversed(entries))


# --- questionnaires -----------------------------------------------------------------------


def campaigns_of(neighbourhood: Neighbourhood) -> QuerySet[Campaign]:
    return Campaign.objects.filter(neighbourhood=neighbourhood).order_by("-created_at")


def open_campaign_by_code(code: str) -> Campaign | None:
    return (
        Campaign.objects.filter(code=code.strip().lower(), is_open=True)
        .select_related("neighbourhood")
        .first()
    )


@dataclass
class Figure:
    """One group figure. `value` is None when fewer than MIN_GROUP people are behind it."""

    value: float | None
    respondents: int

    @property
    def suppressed(self) -> bool:
        return self.value is None


def _figure(values: list[float]) -> Figure:
    if len(values) < MIN_GROUP:
        return Figure(None, len(values))
    return Figure(round(mean(values), 1), len(values))


def _share(flags: list[bool]) -> Figure:
    if len(flags) < MIN_GROUP:
        return Figure(None, len(flags))
    return Figure(round(100 * sum(flags) / len(flags)), len(flags))


@dataclass
class CampaignResults:
    campaign: Campaign
    respondents_suppressed: bool
    respondents: int | None  # None when under MIN_GROUP: not even the count is shown
    loneliness_mean: Figure | None = None
    emotional_mean: Figure | None = None
    social_mean: Figure | None = None
    share_lonely: Figure | None = None
    share_severely_lonely: Figure | None = None
    cohesion_mean: Figure | None = None


def campaign_results(*, viewer: Any, campaign: Campaign) -> CampaignResults:
    """Group figures of one questionnaire round. No figure rests on fewer than 5 people,
    and nothing about a single response leaves this function."""
    permissions.require(viewer, "scan.view_questionnaire_results", campaign)
    answers = list(Response.objects.filter(campaign=campaign).values_list("answers", flat=True))
    total = len(answers)
    if total < MIN_GROUP:
        return CampaignResults(campaign, respondents_suppressed=True, respondents=None)
    results = CampaignResults(campaign, respondents_suppressed=False, respondents=total)
    if campaign.loneliness_form:
        scores = [
            instruments.score_loneliness(
                campaign.loneliness_form,
                {int(k): v for k, v in (a.get("loneliness") or {}).items()},
            )
            for a in answers
        ]
        results.loneliness_mean = _figure([s.total for s in scores if s.total is not None])
        results.emotional_mean = _figure([s.emotional for s in scores if s.emotional is not None])
        results.social_mean = _figure([s.social for s in scores if s.social is not None])
        results.share_lonely = _share([bool(s.lonely) for s in scores if s.total is not None])
        results.share_severely_lonely = _share(
            [bool(s.severely_lonely) for s in scores if s.total is not None]
        )
    if campaign.include_cohesion:
        cohesion = [
            instruments.score_cohesion({int(k): v for k, v in (a.get("cohesion") or {}).items()})
            for a in answers
        ]
        results.cohesion_mean = _figure([c for c in cohesion if c is not None])
    return results
