from __future__ import annotations

import base64
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.accounts import services
from omzien.accounts.forms import ApiTokenForm, EmailAuthenticationForm, TokenForm
from omzien.accounts.selectors import api_tokens_of, user_requires_two_factor


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("people:start")


def _qr_data_uri(device: TOTPDevice) -> str:
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#000", light="#fff")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Ask for the code of a set-up authenticator app, or set one up first."""
    user = request.user
    if user.is_verified():  # type: ignore[union-attr]
        return redirect(_safe_next(request))
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    setting_up = device is None
    if setting_up:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = services.totp_device_create(user=user)  # type: ignore[arg-type]
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _info = device.verify_is_allowed()
        if not allowed:
            # django-otp doubles the wait after every wrong code, against guessing.
            form.add_error("token", _("Too many wrong codes. Wait a moment and try again."))
        elif device.verify_token(form.cleaned_data["token"]):
            if setting_up:
                services.totp_device_confirm(device=device)
            otp_login(request, device)
            return redirect(_safe_next(request))
        else:
            form.add_error(
                "token", _("This code is not right, or it has expired. Try the new code.")
            )
    context: dict[str, Any] = {
        "form": form,
        "setting_up": setting_up,
        "next": _safe_next(request),
        "required": user_requires_two_factor(user),
    }
    if setting_up:
        context["secret"] = base64.b32encode(device.bin_key).decode()
        context["qr_data_uri"] = _qr_data_uri(device)
    return render(request, "accounts/two_factor.html", context)


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        _token, new_secret = services.api_token_create(
            user=request.user,  # type: ignore[arg-type]
            name=form.cleaned_data["name"],
        )
        form = ApiTokenForm()
    return render(
        request,
        "accounts/api_tokens.html",
        {"form": form, "tokens": api_tokens_of(request.user), "new_secret": new_secret},
    )


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(api_tokens_of(request.user), pk=pk)
    services.api_token_revoke(token=token)
    messages.success(request, _("The token no longer works."))
    return redirect("accounts:api_tokens")
