from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from omzien.neighbourhoods import selectors
from omzien.neighbourhoods.models import Neighbourhood


def neighbourhood_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "neighbourhoods/list.html",
        {"neighbourhoods": selectors.neighbourhoods_list()},
    )


def neighbourhood_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        neighbourhood = selectors.neighbourhood_by_code(code)
    except Neighbourhood.DoesNotExist as exc:
        raise Http404 from exc
    count = selectors.neighbourhood_resident_count(neighbourhood)
    return render(
        request,
        "neighbourhoods/detail.html",
        {
            "neighbourhood": neighbourhood,
            # Public page: small numbers are not shown.
            "resident_count": count if count >= settings.OMZIEN_MIN_GROUP_SIZE else None,
        },
    )
