from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from omzien.accounts.selectors import user_requires_two_factor

# Paths a half-logged-in user (password yes, second factor not yet) may still reach.
_ALLOWED_PREFIXES = (
    "/account/inloggen/",
    "/account/uitloggen/",
    "/account/tweestaps/",
    # Only the forgotten-password pages: changing a password needs the second step first.
    "/account/wachtwoord/vergeten/",
    "/account/wachtwoord/verstuurd/",
    "/account/wachtwoord/nieuw/",
    "/account/wachtwoord/klaar/",
    "/static/",
    "/i18n/",
    "/favicon",
)


class TwoFactorRequiredMiddleware:
    """Professionals, coordinators and admins must pass two-factor login before anything else.

    django-otp's OTPMiddleware has already set `request.user.is_verified()`.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and user_requires_two_factor(user)
            and not user.is_verified()  # type: ignore[attr-defined]
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Two-factor login required / Tweestapsverificatie nodig."},
                    status=403,
                )
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:two_factor')}?{query}")
        return self.get_response(request)
