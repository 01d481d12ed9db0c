"""Sections of the neighbourhood dashboard, registered by the apps that own the data.

The dashboard (and its PDF report) is a list of sections: the scan registers its radar
and trend, the questionnaires their group figures, insights its indicator cards, the CBS
context its key figures, plans their progress. Each app registers a `Section` in its
`AppConfig.ready()`; the dashboard asks `sections_for()` which ones the viewer may see
and renders each one's template with the context its `build` returns.

Rules for a section (they keep the dashboard safe for the area coalition):
- `build` returns only group figures; anything under 5 people is already suppressed.
- Every chart in its template has a table alternative with the same numbers.
- The template is a fragment (headings from h3 down; the dashboard gives the h2) and
  renders both on the page and in the PDF (no JavaScript, no external resources).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class SectionRequest:
    """What a section is asked to show: a neighbourhood over a period, for a viewer."""

    user: Any
    neighbourhood: Any
    period_start: date
    period_end: date
    for_pdf: bool = False


def _always(user: Any, neighbourhood: Any) -> bool:
    return True


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    template: str
    #: Returns the template context, or None when there is nothing to show.
    build: Callable[[SectionRequest], dict[str, Any] | None]
    order: int = 100
    #: Extra check on top of "may see the dashboard" (e.g. coordinators only).
    visible: Callable[[Any, Any], bool] = field(default=_always)
    in_pdf: bool = True
    #: Optional JSON-ready figures for the dashboard API (same suppression as the page).
    api: Callable[[SectionRequest], dict[str, Any] | None] | None = None


@dataclass(frozen=True)
class RenderedSection:
    key: str
    title: str | Promise
    html: SafeString


_sections: dict[str, Section] = {}


def register(section: Section) -> None:
    """Register (or, for the same key, replace) a section."""
    _sections[section.key] = section


def sections_for(user: Any, neighbourhood: Any) -> list[Section]:
    return [
        section
        for section in sorted(_sections.values(), key=lambda s: (s.order, s.key))
        if section.visible(user, neighbourhood)
    ]


def render_sections(request: SectionRequest) -> list[RenderedSection]:
    """Build and render every section the viewer may see; empty ones are left out."""
    rendered = []
    for section in sections_for(request.user, request.neighbourhood):
        if request.for_pdf and not section.in_pdf:
            continue
        context = section.build(request)
        if context is None:
            continue
        html = render_to_string(
            section.template, {**context, "section_request": request, "for_pdf": request.for_pdf}
        )
        rendered.append(RenderedSection(section.key, section.title, SafeString(html)))
    return rendered


def api_sections(request: SectionRequest) -> dict[str, dict[str, Any]]:
    """The JSON figures of every visible section that offers them, keyed by section key."""
    data = {}
    for section in sections_for(request.user, request.neighbourhood):
        if section.api is None:
            continue
        figures = section.api(request)
        if figures is not None:
            data[section.key] = figures
    return data
