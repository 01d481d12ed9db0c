"""Small server-side SVG charts. Each one is decoration next to a table with the numbers.

The SVG carries a short title for screen readers that points to the table; no JavaScript
and no external resources, so the same markup works on the page and in the PDF report.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH = 300
HEIGHT = 120
PAD = 12


def line_chart_svg(
    values: Sequence[float | None],
    *,
    title: str,
    minimum: float | None = None,
    maximum: float | None = None,
) -> SafeString:
    """A trend line through `values` (None = no figure, e.g. suppressed: a gap).

    `minimum`/`maximum` fix the vertical scale (e.g. 1-5 for a scan, 0-100 for a share);
    by default it spans the values. Returns "" when fewer than two values are known.
    """
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return SafeString("")
    low = min(known) if minimum is None else minimum
    high = max(known) if maximum is None else maximum
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)

    def y(value: float) -> float:
        return round(HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD), 1)

    segments: list[list[tuple[float, float]]] = [[]]
    for index, value in enumerate(values):
        if value is None:
            if segments[-1]:
                segments.append([])
            continue
        segments[-1].append((round(PAD + index * step, 1), y(value)))
    lines = format_html_join(
        "",
        '<polyline points="{}" fill="none" stroke="#005c7a" stroke-width="2"/>',
        ((" ".join(f"{x},{yy}" for x, yy in segment),) for segment in segments if segment),
    )
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="3" fill="#005c7a"/>',
        ((x, yy) for segment in segments for x, yy in segment),
    )
    return format_html(
        '<svg class="chart chart-line" role="img" viewBox="0 0 {} {}" width="{}" height="{}" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title>'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#c9c9c9" stroke-width="1"/>{}{}</svg>',
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        title,
        PAD,
        HEIGHT - PAD,
        WIDTH - PAD,
        HEIGHT - PAD,
        lines,
        dots,
    )
