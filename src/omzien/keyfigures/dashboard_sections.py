"""The dashboard section "De buurt in cijfers (CBS)": context beside the indicators."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from omzien.core import dashboard
from omzien.keyfigures import selectors


def _figures(request: dashboard.SectionRequest) -> selectors.AreaFigures | None:
    return selectors.neighbourhood_key_figures(
        request.neighbourhood, up_to_year=request.period_end.year
    )


def build(request: dashboard.SectionRequest) -> dict[str, Any] | None:
    figures = _figures(request)
    if figures is None:
        return None
    return {
        "figures": figures,
        "licence": selectors.LICENCE,
        "licence_url": selectors.LICENCE_URL,
    }


def api(request: dashboard.SectionRequest) -> dict[str, Any] | None:
    figures = _figures(request)
    return selectors.area_figures_json(figures) if figures is not None else None


dashboard.register(
    dashboard.Section(
        key="context",
        title=_("The neighbourhood in figures (CBS)"),
        template="keyfigures/section.html",
        build=build,
        order=40,
        api=api,
    )
)
