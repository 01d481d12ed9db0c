"""The dashboard's figures as JSON: `/api/dashboard/neighbourhoods[/{code}]`.

The same figures as the page, with the same rules: only staff and analysts of the area,
group figures only, and a suppressed figure (under 5 people) is null."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema, Status

from omzien.core import permissions
from omzien.dashboard import selectors
from omzien.neighbourhoods.models import Neighbourhood

router = Router(tags=["dashboard"])


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]]


class DashboardAreaOut(Schema):
    code: str
    name: str
    district: str
    municipality: str


class DashboardOut(DashboardAreaOut):
    start: datetime.date
    end: datetime.date
    min_group: int
    sections: dict[str, dict[str, Any]]


def _area_out(area: Neighbourhood) -> dict[str, str]:
    return {
        "code": area.code,
        "name": area.name,
        "district": area.district.name,
        "municipality": area.district.municipality.name,
    }


def _date(value: str | None, name: str, errors: dict[str, list[str]]) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        errors[name] = [f"Not a date (YYYY-MM-DD) / geen datum (JJJJ-MM-DD): {value[:20]}"]
        return None


@router.get(
    "/neighbourhoods",
    response={200: list[DashboardAreaOut], 403: ErrorOut},
    url_name="dashboard_neighbourhoods",
)
def list_neighbourhoods(request: HttpRequest) -> Any:
    if not permissions.can(request.user, "dashboard.use"):
        raise PermissionDenied("dashboard.use")
    return [_area_out(area) for area in selectors.neighbourhoods_visible_to(request.user)]


@router.get(
    "/neighbourhoods/{code}",
    response={200: DashboardOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="dashboard_neighbourhood",
)
def get_neighbourhood(
    request: HttpRequest, code: str, start: str | None = None, end: str | None = None
) -> Any:
    area = (
        Neighbourhood.objects.select_related("district__municipality")
        .filter(code=code.upper())
        .first()
    )
    if area is None:
        return Status(404, {"detail": "Unknown neighbourhood / onbekende buurt", "errors": {}})
    if not permissions.can(request.user, "dashboard.view", area):
        raise PermissionDenied("dashboard.view")
    errors: dict[str, list[str]] = {}
    default = selectors.default_period()
    period = selectors.Period(
        _date(start, "start", errors) or default.start, _date(end, "end", errors) or default.end
    )
    if not errors and period.start > period.end:
        errors["end"] = ["Before the start / ligt voor het begin"]
    if errors:
        return Status(400, {"detail": "Invalid input / ongeldige invoer", "errors": errors})
    figures = selectors.dashboard_figures(viewer=request.user, neighbourhood=area, period=period)
    return {
        **_area_out(area),
        "start": period.start,
        "end": period.end,
        "min_group": selectors.MIN_GROUP,
        "sections": figures,
    }
