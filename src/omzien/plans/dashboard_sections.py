"""The plan's section of the neighbourhood dashboard (key "plan", order 50)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.core import dashboard, permissions
from omzien.core.charts import line_chart_svg
from omzien.plans import selectors
from omzien.plans.models import ActionStatus


def _visible(user: Any, neighbourhood: Any) -> bool:
    return permissions.can(user, "plans.view_figures", neighbourhood)


def _figures(request: dashboard.SectionRequest) -> selectors.PlanFigures | None:
    if not _visible(request.user, request.neighbourhood):
        return None
    return selectors.plan_figures(
        viewer=request.user,
        neighbourhood=request.neighbourhood,
        period_start=request.period_start,
        period_end=request.period_end,
    )


def build(request: dashboard.SectionRequest) -> dict[str, Any] | None:
    figures = _figures(request)
    if figures is None:
        return None
    return {
        "figures": figures,
        "statuses": [(s.value, s.label) for s in ActionStatus],
        "chart": line_chart_svg(
            [month.counts[ActionStatus.DONE] for month in figures.months],
            title=_("Number of actions done per month; the table gives the numbers."),
            minimum=0,
        ),
    }


def api(request: dashboard.SectionRequest) -> dict[str, Any] | None:
    figures = _figures(request)
    if figures is None:
        return None
    return {
        "totals": figures.totals,
        "phases": {phase.phase.key: phase.counts for phase in figures.phases},
        "overdue": len(figures.overdue),
        "upcoming_evaluations": [
            {"date": item.held_on.isoformat(), "action": item.action_title}
            for item in figures.upcoming
        ],
        "months": [
            {"month": month.month.strftime("%Y-%m"), **month.counts} for month in figures.months
        ],
    }


dashboard.register(
    dashboard.Section(
        key="plan",
        title=gettext_lazy("Action plan"),
        template="plans/dashboard_section.html",
        build=build,
        order=50,
        visible=_visible,
        api=api,
    )
)
