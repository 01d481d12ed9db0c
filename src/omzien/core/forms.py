"""Small helpers every app's views share."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest


def add_errors(form: Any, error: ValidationError) -> None:
    """Show a service's validation error on the form that caused it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def query_without_page(request: HttpRequest) -> str:
    """The current query string without `page`, for pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
