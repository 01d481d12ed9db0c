"""A server-side SVG radar chart of the five characteristics (means on a 1-5 scale).

The page always shows the same numbers in a table next to it; the SVG is decoration for
screen readers (it carries a short title and points to the table).
"""

from __future__ import annotations

import math
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

SIZE = 320
#: Drawn smaller than its coordinates, so it fits a 375 px wide phone screen.
DISPLAY_SIZE = 280
CENTRE = SIZE / 2
RADIUS = 110
MAX_SCORE = 5


def _point(index: int, count: int, value: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = RADIUS * value / MAX_SCORE
    return (
        round(CENTRE + distance * math.cos(angle), 1),
        round(CENTRE + distance * math.sin(angle), 1),
    )


def _polygon(values: list[float]) -> str:
    return " ".join(
        f"{x},{y}" for x, y in (_point(i, len(values), v) for i, v in enumerate(values))
    )


def radar_svg(results: list[Any]) -> SafeString:
    """`results` are selectors.CharacteristicResult; a characteristic without scores is 0."""
    count = len(results)
    if count < 3:
        return SafeString("")
    rings = format_html_join(
        "",
        '<polygon points="{}" fill="none" stroke="#c9c9c9" stroke-width="1"/>',
        ((_polygon([level] * count),) for level in range(1, MAX_SCORE + 1)),
    )
    axes = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#c9c9c9" stroke-width="1"/>',
        ((CENTRE, CENTRE, *_point(i, count, MAX_SCORE)) for i in range(count)),
    )
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" font-size="13" fill="#1d1d1d">{}</text>',
        (
            (*_point(i, count, MAX_SCORE + 0.9), result.characteristic.number)
            for i, result in enumerate(results)
        ),
    )
    values = [result.spread.mean or 0 for result in results]
    shape = format_html(
        '<polygon points="{}" fill="rgba(0, 92, 122, 0.25)" stroke="#005c7a" stroke-width="2"/>',
        _polygon(values),
    )
    return format_html(
        '<svg class="radar" role="img" aria-labelledby="radar-title" viewBox="0 0 {} {}" '
        'width="{}" height="{}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="radar-title">{}</title>{}{}{}{}</svg>',
        SIZE,
        SIZE,
        DISPLAY_SIZE,
        DISPLAY_SIZE,
        _("Radar chart of the mean score per characteristic; the table below gives the numbers."),
        rings,
        axes,
        shape,
        labels,
    )
