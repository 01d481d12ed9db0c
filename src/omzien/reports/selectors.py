"""Reads of the report point that depend on who is asking."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from omzien.accounts.models import STAFF_ROLES, Role
from omzien.accounts.selectors import user_grants, user_has_role
from omzien.core import permissions
from omzien.core.audit import audit_record
from omzien.neighbourhoods.models import Municipality
from omzien.reports.models import (
    Category,
    OutreachTask,
    Report,
    ReportQuerySet,
    RoutingRule,
    Team,
)

_CACHE_ATTR = "_omzien_report_scope"


@dataclass(frozen=True)
class StaffScope:
    """What one staff member may see of the report point."""

    municipality_ids: frozenset[int] = frozenset()
    district_ids: frozenset[int] = frozenset()
    neighbourhood_ids: frozenset[int] = frozenset()
    team_ids: frozenset[int] = frozenset()
    handle_category_ids: frozenset[int] = field(default_factory=frozenset)
    view_category_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def any_access(self) -> bool:
        return bool(
            self.municipality_ids or self.district_ids or self.neighbourhood_ids or self.team_ids
        )

    def covers_area(self, report: Report) -> bool:
        """Coordinators of the report's area see every report there."""
        if report.municipality_id in self.municipality_ids:
            return True
        hood = report.neighbourhood
        if hood is None:
            return False
        return hood.pk in self.neighbourhood_ids or hood.district_id in self.district_ids

    def as_q(self) -> Q:
        condition = Q(municipality_id__in=self.municipality_ids)
        condition |= Q(neighbourhood_id__in=self.neighbourhood_ids)
        condition |= Q(neighbourhood__district_id__in=self.district_ids)
        condition |= Q(team_id__in=self.team_ids)
        categories = self.handle_category_ids | self.view_category_ids
        condition |= Q(category_id__in=categories) | Q(subcategory_id__in=categories)
        return condition


def staff_scope(user: Any) -> StaffScope:
    """Cached on the user object for one request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return StaffScope()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    municipality_ids, district_ids, neighbourhood_ids = set(), set(), set()
    for grant in user_grants(user):
        if grant.role != Role.COORDINATOR:
            continue
        if grant.municipality_id is not None:
            municipality_ids.add(grant.municipality_id)
        elif grant.district_id is not None:
            district_ids.add(grant.district_id)
        elif grant.neighbourhood_id is not None:
            neighbourhood_ids.add(grant.neighbourhood_id)
    team_ids: set[int] = set()
    handle: set[int] = set()
    view: set[int] = set()
    if user_has_role(user, STAFF_ROLES):
        teams = Team.objects.filter(members=user, is_active=True)
        team_ids = set(teams.values_list("pk", flat=True))
        if team_ids:
            through_r = Team.responsible_for.through.objects.filter(team_id__in=team_ids)
            through_v = Team.may_view.through.objects.filter(team_id__in=team_ids)
            handle = set(through_r.values_list("category_id", flat=True))
            view = set(through_v.values_list("category_id", flat=True))
    scope = StaffScope(
        frozenset(municipality_ids),
        frozenset(district_ids),
        frozenset(neighbourhood_ids),
        frozenset(team_ids),
        frozenset(handle),
        frozenset(view),
    )
    setattr(user, _CACHE_ATTR, scope)
    return scope


def reports_visible_to(user: Any) -> ReportQuerySet:
    scope = staff_scope(user)
    if not scope.any_access:
        return Report.objects.none()
    return Report.objects.filter(scope.as_q()).select_related(
        "category", "subcategory", "neighbourhood", "team", "assignee"
    )


def reports_filtered(reports: ReportQuerySet, data: dict[str, Any], now: Any) -> ReportQuerySet:
    """Apply the back office filters (a valid `FilterForm`'s cleaned data); the list page
    and the API use the same filters."""
    if data.get("status"):
        reports = reports.filter(status=data["status"])
    if data.get("category"):
        reports = reports.filter(category=data["category"])
    if data.get("neighbourhood"):
        reports = reports.filter(neighbourhood=data["neighbourhood"])
    if data.get("team"):
        reports = reports.filter(team=data["team"])
    satisfied = data.get("satisfied")
    if satisfied in ("yes", "no"):
        reports = reports.filter(satisfied=satisfied == "yes")
    elif satisfied == "open":
        reports = reports.filter(satisfied__isnull=True)
    if data.get("overdue"):
        reports = reports.overdue(now)
    return reports


def report_for_staff(*, viewer: Any, reference: str) -> Report | None:
    """One report with its history, or None when the viewer may not see it.

    Every view of a worry about someone is written to the audit log.
    """
    report = (
        Report.objects.select_related(
            "category", "subcategory", "neighbourhood__district", "team", "assignee", "photo"
        )
        .filter(reference=reference)
        .first()
    )
    if report is None or not permissions.can(viewer, "reports.view", report):
        return None
    if report.is_about_a_person:
        audit_record(
            actor=viewer,
            subject=report,
            category="report_person",
            purpose="reports",
            detail=report.reference,
        )
    return report


def report_by_token(token: str) -> Report | None:
    if not token or len(token) > 64:
        return None
    return (
        Report.objects.select_related("category", "subcategory")
        .filter(tracking_token=token)
        .first()
    )


def public_categories(municipality: Municipality) -> QuerySet[Category]:
    return (
        Category.objects.filter(municipality=municipality, parent=None, is_active=True)
        .prefetch_related("children")
        .order_by("order", "name")
    )


def teams_visible_to(user: Any) -> QuerySet[Team]:
    scope = staff_scope(user)
    return Team.objects.filter(
        Q(municipality_id__in=scope.municipality_ids)
        | Q(pk__in=scope.team_ids)
        | Q(municipality__districts__in=scope.district_ids)
        | Q(municipality__districts__neighbourhoods__in=scope.neighbourhood_ids)
    ).distinct()


def overdue_reports_visible_to(user: Any, now: Any) -> ReportQuerySet:
    """Open reports past their deadline that this user may see, oldest deadline first."""
    return reports_visible_to(user).overdue(now).order_by("deadline_at", "pk")


def routing_rules_for(user: Any) -> QuerySet[RoutingRule]:
    """The routing rules of the municipalities this user coordinates, in order."""
    return (
        RoutingRule.objects.filter(municipality_id__in=staff_scope(user).municipality_ids)
        .select_related("municipality", "category__parent", "district", "neighbourhood", "team")
        .order_by("municipality__name", "order", "pk")
    )


def outreach_tasks_visible_to(user: Any, *, status: str = "") -> QuerySet[OutreachTask]:
    """The outreach tasks of the user's teams, and of the areas they coordinate.

    The list shows no details of the worry (only reference, neighbourhood, team, dates);
    those are on the report's page, where every view is audit-logged."""
    scope = staff_scope(user)
    if not scope.any_access:
        return OutreachTask.objects.none()
    condition = Q(team_id__in=scope.team_ids)
    condition |= Q(report__municipality_id__in=scope.municipality_ids)
    condition |= Q(report__neighbourhood_id__in=scope.neighbourhood_ids)
    condition |= Q(report__neighbourhood__district_id__in=scope.district_ids)
    tasks = OutreachTask.objects.filter(condition)
    if status:
        tasks = tasks.filter(status=status)
    return tasks.select_related(
        "report__category", "report__neighbourhood", "team", "taken_by"
    ).order_by("-status", "-created_at", "-pk")  # open before done


def outreach_task_for(*, viewer: Any, report: Report) -> OutreachTask | None:
    """The outreach task of a report, when the viewer may see it."""
    task = OutreachTask.objects.select_related("team", "taken_by").filter(report=report).first()
    if task is None:
        return None
    task.report = report
    return task if permissions.can(viewer, "reports.outreach_task", task) else None
