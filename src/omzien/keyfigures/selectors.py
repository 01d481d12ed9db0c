"""Reads for CBS key figures: a neighbourhood beside its district and municipality."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from omzien.keyfigures.models import KeyFigureImport, KeyFigures
from omzien.neighbourhoods.models import Neighbourhood

LEVELS = ("neighbourhood", "district", "municipality")
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.nl"

OK = "ok"
UNKNOWN = "unknown"  # CBS gave no figure (suppressed or not available)
SMALL = "small"  # fewer than OMZIEN_MIN_GROUP_SIZE: we do not show it


@dataclass(frozen=True)
class Cell:
    """One area's value of one figure: a count, a share (percentage), or both."""

    count: int | None
    share: Decimal | None
    status: str

    @property
    def display(self) -> str:
        if self.status == UNKNOWN:
            return gettext("unknown")
        if self.status == SMALL:
            return "– (" + gettext("fewer than 5") + ")"
        share = f"{number_format(self.share, 1)} %" if self.share is not None else None
        if self.count is None:
            return share or gettext("unknown")
        count = number_format(self.count, 0, force_grouping=True)
        return f"{count} ({share})" if share else count

    def as_json(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "share": float(self.share) if self.share is not None else None,
            "status": self.status,
        }


@dataclass(frozen=True)
class Change:
    """The neighbourhood's change since the previous year (count, or percentage points)."""

    count: int | None = None
    points: Decimal | None = None

    @property
    def display(self) -> str:
        if self.points is not None:
            sign = "+" if self.points > 0 else ""
            return gettext("%(value)s percentage points") % {
                "value": sign + number_format(self.points, 1)
            }
        if self.count is not None:
            sign = "+" if self.count > 0 else ""
            return sign + number_format(self.count, 0, force_grouping=True)
        return gettext("unknown")

    def as_json(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "percentage_points": float(self.points) if self.points is not None else None,
        }


@dataclass(frozen=True)
class FigureRow:
    key: str
    label: str | Promise
    cells: dict[str, Cell]
    change: Change | None

    @property
    def ordered_cells(self) -> list[Cell]:
        return [self.cells[level] for level in LEVELS]


@dataclass
class AreaFigures:
    year: int
    previous_year: int | None
    table_id: str
    areas: dict[str, Any]
    rows: list[FigureRow] = field(default_factory=list)

    @property
    def source(self) -> str:
        return gettext("CBS, Kerncijfers wijken en buurten %(year)s") % {"year": self.year}


# (key, label, count field, share field, base count for the small-number rule)
ROWS: list[tuple[str, Promise, str | None, str | None, str | None]] = [
    ("population", _("Number of inhabitants"), "population", None, "population"),
    ("age_0_15", _("0 to 15 years"), "age_0_15", "age_0_15_share", "age_0_15"),
    ("age_15_25", _("15 to 25 years"), "age_15_25", "age_15_25_share", "age_15_25"),
    ("age_25_45", _("25 to 45 years"), "age_25_45", "age_25_45_share", "age_25_45"),
    ("age_45_65", _("45 to 65 years"), "age_45_65", "age_45_65_share", "age_45_65"),
    ("age_65_plus", _("65 years and older"), "age_65_plus", "age_65_plus_share", "age_65_plus"),
    (
        "single_person_households",
        _("Single-person households (share of households)"),
        None,
        "single_person_share",
        "single_person_households",
    ),
    (
        "social_rent",
        _("Homes owned by a housing corporation"),
        None,
        "social_rent_share",
        None,
    ),
]


def _cell(
    figures: KeyFigures | None,
    count_field: str | None,
    share_field: str | None,
    base_field: str | None,
) -> Cell:
    if figures is None:
        return Cell(None, None, UNKNOWN)
    count = getattr(figures, count_field) if count_field else None
    share = getattr(figures, share_field) if share_field else None
    base = getattr(figures, base_field) if base_field else None
    if base is not None and base < settings.OMZIEN_MIN_GROUP_SIZE:
        return Cell(None, None, SMALL)
    if count is None and share is None:
        return Cell(None, None, UNKNOWN)
    return Cell(count, share, OK)


def _change(now: Cell, before: Cell, share_field: str | None) -> Change | None:
    if now.status != OK or before.status != OK:
        return None
    if share_field and now.share is not None and before.share is not None:
        return Change(points=now.share - before.share)
    if not share_field and now.count is not None and before.count is not None:
        return Change(count=now.count - before.count)
    return None


def figures_of_areas(neighbourhood: Neighbourhood) -> QuerySet[KeyFigures]:
    return KeyFigures.objects.filter(
        Q(neighbourhood_id=neighbourhood.pk)
        | Q(district_id=neighbourhood.district_id)
        | Q(municipality_id=neighbourhood.district.municipality_id)
    )


def neighbourhood_key_figures(
    neighbourhood: Neighbourhood, *, up_to_year: int | None = None
) -> AreaFigures | None:
    """The latest key figures of the neighbourhood, its district and its municipality, and
    the neighbourhood's change since the year before. None when nothing was imported.

    CBS figures are public, but counts under the minimum group size are still not shown.
    """
    rows = figures_of_areas(neighbourhood)
    if up_to_year is not None:
        rows = rows.filter(year__lte=up_to_year)
    by_level_year: dict[tuple[str, int], KeyFigures] = {}
    for figures in rows:
        by_level_year[(figures.level, figures.year)] = figures
    if not by_level_year:
        return None
    years = sorted({year for _level, year in by_level_year}, reverse=True)
    year = years[0]
    previous = years[1] if len(years) > 1 else None
    latest = [by_level_year.get((level, year)) for level in LEVELS]
    table_id = next((f.table_id for f in latest if f is not None and f.table_id), "")
    result = AreaFigures(
        year=year,
        previous_year=previous,
        table_id=table_id,
        areas={
            "neighbourhood": neighbourhood,
            "district": neighbourhood.district,
            "municipality": neighbourhood.district.municipality,
        },
    )
    for key, label, count_field, share_field, base_field in ROWS:
        cells = {
            level: _cell(by_level_year.get((level, year)), count_field, share_field, base_field)
            for level in LEVELS
        }
        change = None
        if previous is not None:
            before = _cell(
                by_level_year.get(("neighbourhood", previous)), count_field, share_field, base_field
            )
            change = _change(cells["neighbourhood"], before, share_field)
        result.rows.append(FigureRow(key=key, label=label, cells=cells, change=change))
    return result


def area_figures_json(figures: AreaFigures) -> dict[str, Any]:
    return {
        "year": figures.year,
        "previous_year": figures.previous_year,
        "table_id": figures.table_id,
        "source": figures.source,
        "licence": LICENCE,
        "areas": {
            level: {"code": area.code, "name": area.name} for level, area in figures.areas.items()
        },
        "figures": {
            row.key: {
                **{level: row.cells[level].as_json() for level in LEVELS},
                "change": row.change.as_json() if row.change else None,
            }
            for row in figures.rows
        },
    }


def imports_per_year() -> list[dict[str, Any]]:
    """Every import grouped by the year of the figures (newest first), with how many areas
    have figures of that year now."""
    stored: dict[int, int] = {}
    for year in KeyFigures.objects.values_list("year", flat=True):
        stored[year] = stored.get(year, 0) + 1
    grouped: dict[int, list[KeyFigureImport]] = {}
    for item in KeyFigureImport.objects.select_related("imported_by").order_by(
        "-year", "-imported_at"
    ):
        grouped.setdefault(item.year, []).append(item)
    return [
        {"year": year, "stored": stored.get(year, 0), "imports": items}
        for year, items in grouped.items()
    ]
