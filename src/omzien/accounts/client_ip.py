"""The client's IP address for login throttling, also behind reverse proxies."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind PROXY_COUNT trusted proxies the address they saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so the
    client is the PROXY_COUNT-th entry from the right; anything further left was written by
    the client itself and cannot be trusted.
    """
    proxies = settings.OMZIEN_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]
