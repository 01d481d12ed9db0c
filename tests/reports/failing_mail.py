"""A mail backend whose server is down (honours fail_silently, like Django's SMTP backend)."""

from __future__ import annotations

from typing import Any

from django.core.mail.backends.base import BaseEmailBackend


class Backend(BaseEmailBackend):
    def send_messages(self, email_messages: Any) -> int:
        if self.fail_silently:
            return 0
        raise ConnectionRefusedError("mail server down")
