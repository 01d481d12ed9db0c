"""Dutch mobile numbers: stored as ten digits, 06 followed by eight."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_STORED = re.compile(r"06\d{8}")
_SEPARATORS = re.compile(r"[\s\-.()]")
MESSAGE = _("Enter a Dutch mobile number: 06 and eight digits, for example 06 12345678.")


def normalise_dutch_mobile(value: str) -> str:
    """'+31 6 1234 5678', '0031612345678' and '06-12345678' all become '0612345678'."""
    digits = _SEPARATORS.sub("", value or "")
    if digits.startswith("+31"):
        digits = "0" + digits[3:]
    elif digits.startswith("0031"):
        digits = "0" + digits[4:]
    if not _STORED.fullmatch(digits):
        raise ValidationError(MESSAGE, code="mobile")
    return digits


def validate_dutch_mobile(value: str) -> None:
    if not _STORED.fullmatch(value or ""):
        raise ValidationError(MESSAGE, code="mobile")


def format_dutch_mobile(value: str) -> str:
    """'0612345678' → '06 1234 5678', easy to read out over the phone."""
    if _STORED.fullmatch(value or ""):
        return f"{value[:2]} {value[2:6]} {value[6:]}"
    return value
