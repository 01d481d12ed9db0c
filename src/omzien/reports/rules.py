"""Permission rules of the report point. See omzien.core.permissions.

Coordinators see and handle the reports of their area. A team member sees the reports in
the categories the team is responsible for or may view, and the reports assigned to the
team; only a responsible (or assigned) team handles them. Team members need a staff role.
"""

from __future__ import annotations

from typing import Any

from omzien.core.permissions import rule
from omzien.reports.models import Report
from omzien.reports.selectors import staff_scope


def _categories(report: Report) -> set[int]:
    return {pk for pk in (report.category_id, report.subcategory_id) if pk is not None}


@rule("reports.view")
def view(user: Any, report: Report) -> bool:
    scope = staff_scope(user)
    if scope.covers_area(report):
        return True
    if report.team_id is not None and report.team_id in scope.team_ids:
        return True
    return bool(_categories(report) & (scope.view_category_ids | scope.handle_category_ids))


@rule("reports.handle")
def handle(user: Any, report: Report) -> bool:
    scope = staff_scope(user)
    if scope.covers_area(report):
        return True
    if report.team_id is not None and report.team_id in scope.team_ids:
        return True
    return bool(_categories(report) & scope.handle_category_ids)


@rule("reports.back_office")
def back_office(user: Any, obj: Any = None) -> bool:
    return staff_scope(user).any_access


@rule("reports.set_deadline")
def set_deadline(user: Any, report: Report) -> bool:
    """Only a coordinator of the report's area moves a deadline."""
    return staff_scope(user).covers_area(report)


@rule("reports.manage_routing")
def manage_routing(user: Any, municipality: Any) -> bool:
    """Coordinators of the whole municipality put its routing rules in order."""
    return municipality is not None and municipality.pk in staff_scope(user).municipality_ids


@rule("reports.outreach_task")
def outreach_task(user: Any, task: Any) -> bool:
    """Members of the task's team and coordinators of the report's area see and do the
    outreach task of a worry about someone; other teams do not, even if they see the report."""
    scope = staff_scope(user)
    if task.team_id is not None and task.team_id in scope.team_ids:
        return True
    return scope.covers_area(task.report)
