"""The JSON API under /api/, documented at /api/openapi.json."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as SchemaError

from omzien.accounts.api_auth import session_or_token
from omzien.dashboard.api import router as dashboard_router
from omzien.directory.api_hsds import router as hsds_router
from omzien.neighbourhoods.api import router as areas_router
from omzien.people.api import router as me_router
from omzien.reports.api import router as reports_router
from omzien.reports.api import schema_error_body

api = NinjaAPI(
    title="omzien API",
    version="1",
    description="Areas, and the signed-in person's own profile, consents and data.",
    auth=session_or_token,
    urls_namespace="api",
    # The interactive page would load scripts from a CDN, which the CSP (rightly) blocks.
    docs_url=None,
)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = (
        {field: [str(m) for m in msgs] for field, msgs in exc.message_dict.items()}
        if hasattr(exc, "error_dict")
        else {"__all__": [str(m) for m in exc.messages]}
    )
    return api.create_response(
        request, {"detail": "Invalid input / ongeldige invoer", "errors": errors}, status=400
    )


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Not allowed / dit mag u niet", "errors": {}}, status=403
    )


@api.exception_handler(AuthenticationError)
def on_not_logged_in(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Not logged in / niet ingelogd", "errors": {}}, status=401
    )


@api.exception_handler(SchemaError)
def on_schema_error(request: HttpRequest, exc: SchemaError) -> HttpResponse:
    # The report point answers every bad input alike: 400 with a bilingual message.
    if request.path_info.startswith("/api/reports/"):
        return api.create_response(request, schema_error_body(exc.errors), status=400)
    return api.create_response(request, {"detail": exc.errors}, status=422)


api.add_router("/areas", areas_router)
api.add_router("/dashboard", dashboard_router)
api.add_router("/hsds", hsds_router)
api.add_router("/reports", reports_router)
api.add_router("", me_router)
