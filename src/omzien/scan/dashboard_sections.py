"""The scan's sections of the neighbourhood dashboard: the scan itself (radar, table and
trend) and the questionnaires' group figures.

Only figures leave this module: no participant's name, no comment and no single
response. A questionnaire figure about fewer than 5 people is None (shown as "–").
The scan's scores are judgements about the neighbourhood made in a work session; still,
a characteristic's mean is shown only when at least 5 participants scored it (otherwise
"–", "minder dan 5"), so nobody's own score can be read off the dashboard, the PDF or the
API. The scan's own page (staff of the area who ran it) shows every figure.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.core import dashboard
from omzien.core.charts import line_chart_svg
from omzien.scan import instruments, radar
from omzien.scan.models import Campaign, Characteristic, Response, ScanSession, Score
from omzien.scan.selectors import (
    MIN_GROUP,
    CharacteristicResult,
    Figure,
    Spread,
    _figure,
    _share,
)

# --- the scan -----------------------------------------------------------------------------


def _sessions_in(request: dashboard.SectionRequest) -> list[ScanSession]:
    return list(
        ScanSession.objects.filter(
            neighbourhood=request.neighbourhood,
            held_on__gte=request.period_start,
            held_on__lte=request.period_end,
        )
        .annotate(participant_count=Count("participants", distinct=True))
        .order_by("held_on")
    )


def _spreads(sessions: list[ScanSession]) -> dict[tuple[int, int], Spread]:
    """(session id, characteristic id) -> the scores 1-5 given (not "don't know").

    A characteristic scored by fewer than MIN_GROUP participants in a session is left out
    (its mean is then None, shown as "–").
    """
    spreads: dict[tuple[int, int], Spread] = defaultdict(Spread)
    scorers: dict[tuple[int, int], set[int]] = defaultdict(set)
    rows = Score.objects.filter(participant__session__in=sessions, value__isnull=False).values_list(
        "participant__session_id", "action_point__characteristic_id", "participant_id", "value"
    )
    for session_id, characteristic_id, participant_id, value in rows:
        if value is not None:
            spreads[(session_id, characteristic_id)].values.append(value)
            scorers[(session_id, characteristic_id)].add(participant_id)
    return {key: spread for key, spread in spreads.items() if len(scorers[key]) >= MIN_GROUP}


@dataclass
class TrendLine:
    characteristic: Characteristic
    means: list[float | None]
    chart: str


def _scan_figures(request: dashboard.SectionRequest) -> dict[str, Any] | None:
    sessions = _sessions_in(request)
    if not sessions:
        return None
    characteristics = list(Characteristic.objects.order_by("number"))
    spreads = _spreads(sessions)
    latest = sessions[-1]
    results = [
        CharacteristicResult(c, spreads.get((latest.pk, c.pk), Spread()), [])
        for c in characteristics
    ]
    trend = [
        TrendLine(c, [spreads.get((s.pk, c.pk), Spread()).mean for s in sessions], "")
        for c in characteristics
    ]
    return {
        "latest": latest,
        "results": results,
        "sessions": sessions,
        "trend": trend,
    }


def build_scan(request: dashboard.SectionRequest) -> dict[str, Any] | None:
    figures = _scan_figures(request)
    if figures is None:
        return None
    for line in figures["trend"]:
        line.chart = line_chart_svg(
            line.means,
            title=_("Trend of %(name)s; the table gives the numbers.")
            % {"name": line.characteristic.title},
            minimum=1,
            maximum=5,
        )
    return {**figures, "radar": radar.radar_svg(figures["results"])}


def api_scan(request: dashboard.SectionRequest) -> dict[str, Any] | None:
    figures = _scan_figures(request)
    if figures is None:
        return None
    latest: ScanSession = figures["latest"]
    results: list[CharacteristicResult] = figures["results"]
    return {
        "held_on": latest.held_on.isoformat(),
        "participants": latest.participant_count,  # type: ignore[attr-defined]
        "means": {str(r.characteristic.number): r.spread.mean for r in results},
        "labels": {
            "participants": _("participants in the latest scan"),
            **{
                f"means.{r.characteristic.number}": f"{r.characteristic.number}. "
                f"{r.characteristic.title}"
                for r in results
            },
        },
        "characteristics": [
            {
                "number": r.characteristic.number,
                "title": r.characteristic.title,
                "mean": r.spread.mean,
                "minimum": r.spread.minimum,
                "maximum": r.spread.maximum,
                "scores": r.spread.count,
            }
            for r in results
        ],
        "trend": [
            {
                "held_on": session.held_on.isoformat(),
                "means": {
                    str(line.characteristic.number): line.means[index] for line in figures["trend"]
                },
            }
            for index, session in enumerate(figures["sessions"])
        ],
    }


# --- the questionnaires -------------------------------------------------------------------

#: How many questionnaire rounds the dashboard shows (the newest first).
LATEST_CAMPAIGNS = 3


@dataclass
class CampaignFigures:
    campaign: Campaign
    respondents: int | None  # None: fewer than MIN_GROUP, not even the count is shown
    share_lonely: Figure | None = None
    share_severely_lonely: Figure | None = None
    loneliness_mean: Figure | None = None
    cohesion_mean: Figure | None = None


def _campaign_figures(campaign: Campaign, answers: list[dict[str, Any]]) -> CampaignFigures:
    if len(answers) < MIN_GROUP:
        return CampaignFigures(campaign, None)
    figures = CampaignFigures(campaign, len(answers))
    if campaign.loneliness_form:
        scores = [
            instruments.score_loneliness(
                campaign.loneliness_form,
                {int(k): v for k, v in (a.get("loneliness") or {}).items()},
            )
            for a in answers
        ]
        valid = [s for s in scores if s.total is not None]
        figures.loneliness_mean = _figure([s.total for s in valid if s.total is not None])
        figures.share_lonely = _share([bool(s.lonely) for s in valid])
        figures.share_severely_lonely = _share([bool(s.severely_lonely) for s in valid])
    if campaign.include_cohesion:
        cohesion = [
            instruments.score_cohesion({int(k): v for k, v in (a.get("cohesion") or {}).items()})
            for a in answers
        ]
        figures.cohesion_mean = _figure([c for c in cohesion if c is not None])
    return figures


def _questionnaire_figures(request: dashboard.SectionRequest) -> list[CampaignFigures]:
    """The newest rounds with answers in the period; figures over the period's answers."""
    rows = Response.objects.filter(
        campaign__neighbourhood=request.neighbourhood,
        submitted_on__gte=request.period_start,
        submitted_on__lte=request.period_end,
    ).values_list("campaign_id", "answers")
    by_campaign: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for campaign_id, answers in rows:
        by_campaign[campaign_id].append(answers)
    campaigns = Campaign.objects.filter(pk__in=by_campaign).order_by("-created_at", "-pk")
    return [_campaign_figures(c, by_campaign[c.pk]) for c in campaigns[:LATEST_CAMPAIGNS]]


def build_questionnaires(request: dashboard.SectionRequest) -> dict[str, Any] | None:
    figures = _questionnaire_figures(request)
    if not figures:
        return None
    return {"rounds": figures, "min_group": MIN_GROUP}


def _value(figure: Figure | None) -> float | None:
    return None if figure is None else figure.value


def api_questionnaires(request: dashboard.SectionRequest) -> dict[str, Any] | None:
    figures = _questionnaire_figures(request)
    if not figures:
        return None
    rounds = [
        {
            "title": f.campaign.title,
            "form": f.campaign.loneliness_form or None,
            "respondents": f.respondents,
            "share_lonely": _value(f.share_lonely),
            "share_severely_lonely": _value(f.share_severely_lonely),
            "loneliness_mean": _value(f.loneliness_mean),
            "cohesion_mean": _value(f.cohesion_mean),
        }
        for f in figures
    ]
    latest = {key: value for key, value in rounds[0].items() if key not in ("title", "form")}
    return {
        "min_group": MIN_GROUP,
        "latest": latest,
        "labels": {
            "latest.respondents": _("respondents (latest questionnaire)"),
            "latest.share_lonely": _("share lonely, % (latest questionnaire)"),
            "latest.share_severely_lonely": _("share severely lonely, % (latest questionnaire)"),
            "latest.loneliness_mean": _("loneliness, mean score (latest questionnaire)"),
            "latest.cohesion_mean": _("social cohesion 0-10 (latest questionnaire)"),
        },
        "rounds": rounds,
    }


dashboard.register(
    dashboard.Section(
        key="scan",
        title=gettext_lazy("The five characteristics (neighbourhood scan)"),
        template="scan/dashboard/scan.html",
        build=build_scan,
        order=10,
        api=api_scan,
    )
)
dashboard.register(
    dashboard.Section(
        key="questionnaires",
        title=gettext_lazy("What residents say (questionnaires)"),
        template="scan/dashboard/questionnaires.html",
        build=build_questionnaires,
        order=20,
        api=api_questionnaires,
    )
)
