"""API authentication: the browser session (with CSRF) or a personal bearer token."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from omzien.accounts.selectors import user_requires_two_factor
from omzien.accounts.services import api_token_authenticate


class VerifiedSessionAuth(SessionAuth):
    """A logged-in session; staff must also have passed two-factor login."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user and user_requires_two_factor(user) and not user.is_verified():
            return None
        return user


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


# The token first: a request with a bearer token is not a browser session, so it needs no
# CSRF token (the session check would refuse it before looking at the token).
session_or_token = [TokenAuth(), VerifiedSessionAuth()]
