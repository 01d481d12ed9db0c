"""Password rules with messages in plain Dutch (Django's Dutch catalogue lacks this one)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def validate(self, password: str, user: Any = None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(
                self.get_error_message(), code="password_too_short", params={"n": self.min_length}
            )

    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short. Use at least %(n)s character.",
            "This password is too short. Use at least %(n)s characters.",
            self.min_length,
        )

    def get_help_text(self) -> str:
        return ngettext(
            "Use at least %(n)s character.", "Use at least %(n)s characters.", self.min_length
        ) % {"n": self.min_length}
