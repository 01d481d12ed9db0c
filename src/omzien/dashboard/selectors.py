"""Reads of the neighbourhood dashboard: which neighbourhoods a viewer may see, the
rendered sections, their JSON figures and the comparison table.

The sections themselves are registered by the apps that own the data (see
omzien.core.dashboard); every function here checks `dashboard.view` first."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from omzien.accounts.selectors import neighbourhoods_for_roles
from omzien.core import dashboard, permissions
from omzien.core.audit import audit_record
from omzien.core.models import AuditAction
from omzien.dashboard.rules import VIEWER_ROLES
from omzien.neighbourhoods.models import Neighbourhood

#: A figure about fewer people than this is never shown (DESIGN.md: aggregates only).
MIN_GROUP = 5
#: Without a chosen period the dashboard covers this many calendar years up to today.
DEFAULT_YEARS = 5


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date


def default_period(today: datetime.date | None = None) -> Period:
    today = today or timezone.localdate()
    return Period(datetime.date(today.year - DEFAULT_YEARS + 1, 1, 1), today)


def neighbourhoods_visible_to(user: Any) -> QuerySet[Neighbourhood]:
    """The neighbourhoods whose dashboard `user` may see, by name."""
    return neighbourhoods_for_roles(user, VIEWER_ROLES).order_by("name", "code")


def _request(
    viewer: Any, neighbourhood: Neighbourhood, period: Period, *, for_pdf: bool = False
) -> dashboard.SectionRequest:
    permissions.require(viewer, "dashboard.view", neighbourhood)
    return dashboard.SectionRequest(
        user=viewer,
        neighbourhood=neighbourhood,
        period_start=period.start,
        period_end=period.end,
        for_pdf=for_pdf,
    )


def dashboard_sections(
    *, viewer: Any, neighbourhood: Neighbourhood, period: Period
) -> list[dashboard.RenderedSection]:
    return dashboard.render_sections(_request(viewer, neighbourhood, period))


def dashboard_figures(
    *, viewer: Any, neighbourhood: Neighbourhood, period: Period
) -> dict[str, dict[str, Any]]:
    """The JSON figures of every section (suppressed values are None)."""
    return dashboard.api_sections(_request(viewer, neighbourhood, period))


def report_sections(
    *, viewer: Any, neighbourhood: Neighbourhood, period: Period
) -> list[dashboard.RenderedSection]:
    """The sections for the PDF report; making the report is written to the audit log."""
    request = _request(viewer, neighbourhood, period, for_pdf=True)
    audit_record(
        actor=viewer,
        subject=neighbourhood,
        category="dashboard",
        action=AuditAction.EXPORT,
        detail=f"PDF report {period.start.isoformat()} - {period.end.isoformat()}",
    )
    return dashboard.render_sections(request)


# --- comparison ---------------------------------------------------------------------------


def plain_numbers(figures: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, label) of the plain numbers in a section's JSON figures.

    Numbers (and None, a suppressed number) at the top level and in nested objects count,
    keyed by their dotted path; lists are left out. When the figures carry a `labels`
    object, only the labelled keys count, in the order of the labels."""
    labels = figures.get("labels")
    if isinstance(labels, dict):
        return [(str(key), str(label)) for key, label in labels.items()]
    keys: list[tuple[str, str]] = []

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, bool):
            return
        if value is None or isinstance(value, int | float):
            keys.append((prefix, prefix))
        elif isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}", inner)

    for key, value in figures.items():
        walk(str(key), value)
    return keys


def _lookup(figures: dict[str, Any] | None, path: str) -> float | int | None:
    value: Any = figures
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


@dataclass
class ComparisonRow:
    label: str
    values: list[float | int | None]


@dataclass
class ComparisonGroup:
    key: str
    title: Any
    rows: list[ComparisonRow]


def comparison(
    *, viewer: Any, neighbourhoods: list[Neighbourhood], period: Period
) -> list[ComparisonGroup]:
    """Side by side: for every section, each plain number per neighbourhood (None = "–")."""
    per_area = [
        dashboard_figures(viewer=viewer, neighbourhood=area, period=period)
        for area in neighbourhoods
    ]
    sections: dict[str, dashboard.Section] = {}
    for area in neighbourhoods:
        for section in dashboard.sections_for(viewer, area):
            sections.setdefault(section.key, section)
    groups = []
    for section in sorted(sections.values(), key=lambda s: (s.order, s.key)):
        if section.api is None:
            continue
        keys: dict[str, str] = {}
        for figures in per_area:
            if section.key in figures:
                for key, label in plain_numbers(figures[section.key]):
                    keys.setdefault(key, label)
        if not keys:
            continue
        rows = [
            ComparisonRow(label, [_lookup(figures.get(section.key), key) for figures in per_area])
            for key, label in keys.items()
        ]
        groups.append(ComparisonGroup(section.key, section.title, rows))
    return groups
