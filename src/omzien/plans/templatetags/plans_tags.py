"""Template helpers of the plans app."""

from __future__ import annotations

import re

from django import template

register = template.Library()

SOFT_HYPHEN = "\u00ad"
LONG_WORD = re.compile(r"\w{16,}")


def _soften(match: re.Match[str]) -> str:
    word = match.group(0)
    return SOFT_HYPHEN.join(word[i : i + 8] for i in range(0, len(word), 8))


@register.filter
def breakable(value: object) -> str:
    """Let very long words (Dutch compounds such as "Straatvertegenwoordigers") break with a
    hyphen on a narrow phone screen instead of making the page wider than the screen. The
    result is still escaped by the template."""
    return LONG_WORD.sub(_soften, str(value))
