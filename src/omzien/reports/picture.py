"""The public picture (issue 5, point 9): where residents reported unsafe places.

Pure reads, no login. Only reports of the kinds in `PUBLIC_KINDS` are counted; a worry
about someone, nuisance and "something else" never are. Reports are grouped by
neighbourhood and by a coarse map square (about 280 × 270 m). A report's own map point,
postcode, house number, address, description, answers, photo, contact details and
reference number never leave this module: a group only carries counts, the name of the
neighbourhood, the centre of its square and the month of its latest report.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone

from omzien.directory.selectors import postcode_point
from omzien.reports.models import Category, CategoryKind, Report, ReportStatus

#: Only unsafe places are public. Nuisance is left out on purpose: a noise complaint or
#: "groups on the street" is usually about one household or a few people, and even a
#: count per square could point at them.
PUBLIC_KINDS = (CategoryKind.PLACE,)

#: The size of a map square in degrees: about 280 m north-south and 270 m east-west in the
#: Netherlands. A report is shown at the centre of its square, never at its own point.
CELL_LAT = 0.0025
CELL_LON = 0.004

PERIOD_MONTHS = (12, 3)


@dataclass
class Place:
    """One group of reports: a map square in a neighbourhood (or a place not known)."""

    municipality: str
    neighbourhood: str
    latitude: float | None
    longitude: float | None
    total: int = 0
    open: int = 0
    handled: int = 0
    last_month: datetime.date | None = None
    kinds: Counter[str] = field(default_factory=Counter)

    def add(self, *, status: str, kind: str, month: datetime.date) -> None:
        self.total += 1
        if status == ReportStatus.HANDLED:
            self.handled += 1
        else:
            self.open += 1
        self.kinds[kind] += 1
        if self.last_month is None or month > self.last_month:
            self.last_month = month

    @property
    def kind_counts(self) -> list[tuple[str, int]]:
        return sorted(self.kinds.items(), key=lambda item: (-item[1], item[0]))


@dataclass
class Picture:
    places: list[Place]
    neighbourhoods: list[Place]
    total: int
    open: int
    handled: int

    def geojson(self) -> dict[str, Any]:
        """The same squares as a GeoJSON FeatureCollection (points at the square's centre)."""
        features = [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p.longitude, p.latitude]},
                "properties": {
                    "municipality": p.municipality,
                    "neighbourhood": p.neighbourhood,
                    "reports": p.total,
                    "open": p.open,
                    "handled": p.handled,
                    "last_month": p.last_month.strftime("%Y-%m") if p.last_month else None,
                    "kinds": [{"name": name, "reports": n} for name, n in p.kind_counts],
                },
            }
            for p in self.places
            if p.latitude is not None
        ]
        return {"type": "FeatureCollection", "features": features}

    def map_points(self) -> list[dict[str, Any]]:
        return [
            {
                "lat": p.latitude,
                "lon": p.longitude,
                "name": p.neighbourhood,
                "total": p.total,
                "open": p.open,
                "handled": p.handled,
            }
            for p in self.places
            if p.latitude is not None
        ]


def months_back(now: datetime.datetime, months: int) -> datetime.datetime:
    """The same moment `months` calendar months earlier (the day clipped to the month)."""
    month_index = now.year * 12 + now.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = datetime.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return now.replace(year=year, month=month, day=min(now.day, last_day))


def public_subcategories(municipality: Any = None) -> list[tuple[str, str]]:
    """(slug, name) of the subcategories that can be shown, for the filter."""
    categories = Category.objects.filter(kind__in=PUBLIC_KINDS, parent__isnull=False)
    if municipality is not None:
        categories = categories.filter(municipality=municipality)
    seen: dict[str, str] = {}
    for slug, name in categories.order_by("order", "name").values_list("slug", "name"):
        seen.setdefault(slug, name)
    return list(seen.items())


def _cell_centre(latitude: float, longitude: float) -> tuple[float, float]:
    row = math.floor(latitude / CELL_LAT)
    column = math.floor(longitude / CELL_LON)
    return round((row + 0.5) * CELL_LAT, 5), round((column + 0.5) * CELL_LON, 5)


def public_picture(
    *,
    now: datetime.datetime,
    months: int = 12,
    municipality: Any = None,
    neighbourhood: Any = None,
    subcategory: str = "",
    status: str = "",
) -> Picture:
    """The aggregated picture of reported unsafe places in the last `months` months.

    `status` is "open", "handled" or empty (both). Cancelled reports are never counted.
    """
    reports = Report.objects.filter(
        category__kind__in=PUBLIC_KINDS, created_at__gte=months_back(now, months)
    ).exclude(status=ReportStatus.CANCELLED)
    if municipality is not None:
        reports = reports.filter(municipality=municipality)
    if neighbourhood is not None:
        reports = reports.filter(neighbourhood=neighbourhood)
    if subcategory:
        reports = reports.filter(subcategory__slug=subcategory)
    if status == "handled":
        reports = reports.filter(status=ReportStatus.HANDLED)
    elif status == "open":
        reports = reports.filter(~Q(status=ReportStatus.HANDLED))
    rows = reports.values_list(
        "municipality__name",
        "neighbourhood__name",
        "latitude",
        "longitude",
        "postcode",
        "status",
        "created_at",
        "category__name",
        "subcategory__name",
    )
    postcode_centres: dict[str, tuple[float, float] | None] = {}
    places: dict[tuple[Any, ...], Place] = {}
    hoods: dict[tuple[str, str], Place] = {}
    total = open_ = handled = 0
    for town, hood, lat, lon, postcode, state, created, main, sub in rows.iterator():
        if lat is None and postcode:
            # Only the four digits: the centre of a whole postcode area.
            area = postcode[:4]
            if area not in postcode_centres:
                postcode_centres[area] = postcode_point(area)
            point = postcode_centres[area]
            if point is not None:
                lat, lon = point
        centre = _cell_centre(lat, lon) if lat is not None and lon is not None else None
        hood_name = hood or ""
        key = (town, hood_name, centre)
        place = places.get(key)
        if place is None:
            place = places[key] = Place(
                town, hood_name, centre[0] if centre else None, centre[1] if centre else None
            )
        month = timezone.localtime(created).date().replace(day=1)
        place.add(status=state, kind=sub or main, month=month)
        summary = hoods.get((town, hood_name))
        if summary is None:
            summary = hoods[(town, hood_name)] = Place(town, hood_name, None, None)
        summary.add(status=state, kind=sub or main, month=month)
        total += 1
        handled += state == ReportStatus.HANDLED
        open_ += state != ReportStatus.HANDLED
    return Picture(
        places=sorted(
            places.values(), key=lambda p: (-p.total, p.municipality, p.neighbourhood or "~")
        ),
        neighbourhoods=sorted(
            hoods.values(), key=lambda p: (p.municipality, not p.neighbourhood, p.neighbourhood)
        ),
        total=total,
        open=open_,
        handled=handled,
    )
