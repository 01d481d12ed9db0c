"""The "insights" section of the neighbourhood dashboard: indicator cards with a trend."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.core import dashboard, permissions
from omzien.core.charts import line_chart_svg
from omzien.core.dashboard import SectionRequest
from omzien.insights import selectors

#: Fixed vertical scales, so a small change does not look like a big one.
SCALES: dict[str, tuple[float | None, float | None]] = {
    "percent": (0, 100),
    "index": (-1, 1),
}


def _visible(user: Any, neighbourhood: Any) -> bool:
    return permissions.can(user, "insights.view", neighbourhood)


def _figures(request: SectionRequest) -> tuple[list[selectors.Indicator], selectors.Trend] | None:
    if not permissions.can(request.user, "insights.view", request.neighbourhood):
        return None
    indicators = selectors.neighbourhood_indicators(
        viewer=request.user,
        neighbourhood=request.neighbourhood,
        start=request.period_start,
        end=request.period_end,
    )
    trend = selectors.neighbourhood_trend(
        viewer=request.user, neighbourhood=request.neighbourhood, end=request.period_end
    )
    return indicators, trend


def build(request: SectionRequest) -> dict[str, Any] | None:
    figures = _figures(request)
    if figures is None:
        return None
    indicators, trend = figures
    cards = []
    for indicator in indicators:
        values = trend.values.get(indicator.key)
        low, high = SCALES.get(indicator.unit, (None, None))
        cards.append(
            {
                "indicator": indicator,
                "chart": line_chart_svg(
                    values or [],
                    title=_("%(label)s per quarter; the numbers are in the table below.")
                    % {"label": indicator.label},
                    minimum=low,
                    maximum=high,
                )
                if values
                else "",
                "trend": [
                    {"label": label, "value": value}
                    for label, value in zip(trend.labels, values or [], strict=False)
                ],
            }
        )
    connectors_url = None
    if not request.for_pdf and permissions.can(
        request.user, "insights.view_connectors", request.neighbourhood
    ):
        connectors_url = reverse("insights:connectors", kwargs={"pk": request.neighbourhood.pk})
    return {
        "cards": cards,
        "quarters": trend.labels,
        "connectors_url": connectors_url,
    }


def api(request: SectionRequest) -> dict[str, Any] | None:
    figures = _figures(request)
    if figures is None:
        return None
    indicators, trend = figures
    return {
        "period": {
            "start": request.period_start.isoformat(),
            "end": request.period_end.isoformat(),
        },
        "quarters": trend.labels,
        "indicators": [
            {**indicator.as_json(), "trend": trend.values.get(indicator.key)}
            for indicator in indicators
        ],
    }


dashboard.register(
    dashboard.Section(
        key="insights",
        title=gettext_lazy("What the platform shows"),
        template="insights/section.html",
        build=build,
        order=30,
        visible=_visible,
        api=api,
    )
)
