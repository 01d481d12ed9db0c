from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from omzien.oncall.validators import (
    format_dutch_mobile,
    normalise_dutch_mobile,
    validate_dutch_mobile,
)


@pytest.mark.parametrize(
    "raw",
    [
        "0612345678",
        "06 12345678",
        "06-1234 5678",
        "+31 6 1234 5678",
        "+31612345678",
        "0031612345678",
    ],
)
def test_dutch_mobile_numbers_are_stored_as_ten_digits(raw: str) -> None:
    assert normalise_dutch_mobile(raw) == "0612345678"


@pytest.mark.parametrize(
    "raw", ["", "0201234567", "061234567", "06123456789", "+32612345678", "06abcdefgh", "112"]
)
def test_other_numbers_are_refused(raw: str) -> None:
    with pytest.raises(ValidationError):
        normalise_dutch_mobile(raw)
    with pytest.raises(ValidationError):
        validate_dutch_mobile(raw)


def test_format_for_reading_out() -> None:
    assert format_dutch_mobile("0612345678") == "06 1234 5678"
