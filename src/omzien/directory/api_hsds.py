"""The social map as a public, read-only HSDS 3.0 API under /api/hsds/.

Lists use the HSDS Page envelope and hold brief records (as ``service_list.json``); a
single service or organisation is the full record. Only published entries are shown. Query
parameters are read as text and checked here, so a bad value gets a 400 with a Dutch and
English explanation instead of a validation error in English only.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema

from omzien.directory import hsds, selectors
from omzien.directory.models import (
    Attribute,
    LinkEntity,
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

router = Router(tags=["HSDS"])

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500
NOT_FOUND = "Niet gevonden (not found)"
INVALID = "Ongeldige invoer (invalid input)"
NOT_A_UUID = "is geen geldige UUID (is not a valid UUID)"


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class PageOut(Schema):
    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[dict[str, Any]]


class _BadRequest(Exception):
    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


class _NotFound(Exception):
    pass


def _answer(build: Callable[[], Any]) -> HttpResponse:
    try:
        body = build()
    except _BadRequest as exc:
        return JsonResponse({"detail": INVALID, "errors": exc.errors}, status=400)
    except _NotFound:
        return JsonResponse({"detail": NOT_FOUND, "errors": {}}, status=404)
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


class _Params:
    """Query parameters read as text, each problem collected under its name."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def check(self) -> None:
        if self.errors:
            raise _BadRequest(self.errors)

    def number(self, name: str, value: str | None, default: int, highest: int) -> int:
        if value is None or value == "":
            return default
        try:
            number = int(value)
        except ValueError:
            number = 0
        if not 1 <= number <= highest:
            self.fail(
                name,
                f"moet een geheel getal van 1 tot en met {highest} zijn "
                f"(must be a whole number from 1 to {highest})",
            )
        return number

    def required_uuid(self, name: str, value: str) -> uuid.UUID:
        """A UUID from the path; the 400 at once when it is not one."""
        try:
            return uuid.UUID(value)
        except ValueError:
            raise _BadRequest({name: [NOT_A_UUID]}) from None

    def uuid(self, name: str, value: str | None) -> uuid.UUID | None:
        if not value:
            return None
        try:
            return uuid.UUID(value)
        except ValueError:
            self.fail(name, NOT_A_UUID)
            return None

    def moment(self, name: str, value: str | None) -> datetime | None:
        if not value:
            return None
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            self.fail(
                name,
                "is geen datum-tijd volgens ISO 8601, bijvoorbeeld 2025-01-31T09:00:00Z "
                "(is not an ISO 8601 date-time)",
            )
            return None
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _page(
    queryset: QuerySet[Any],
    params: _Params,
    page: str | None,
    per_page: str | None,
    record: Callable[[Any], dict[str, Any]],
) -> dict[str, Any]:
    """The HSDS Page envelope around one page of `queryset` (a count and one query)."""
    number = params.number("page", page, 1, 10**9)
    size = params.number("per_page", per_page, DEFAULT_PER_PAGE, MAX_PER_PAGE)
    params.check()
    total = queryset.count()
    pages = math.ceil(total / size)
    start = (number - 1) * size
    contents = [record(item) for item in queryset[start : start + size]] if start < total else []
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": number,
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number >= pages,
        "empty": not contents,
        "contents": contents,
    }


def search_entries(text: str) -> QuerySet[Service]:
    """Published entries matching `text` the way the site's own search finds them. The API
    is public: it searches as an anonymous visitor, also when staff are logged in."""
    outcome = selectors.search_services(AnonymousUser(), selectors.SearchParams(q=text))
    return outcome.services


def _services(
    request: HttpRequest,
    params: _Params,
    *,
    search: str | None,
    taxonomy_term_id: str | None,
    organization_id: str | None,
    modified_after: str | None,
) -> QuerySet[Service]:
    term = params.uuid("taxonomy_term_id", taxonomy_term_id)
    organization = params.uuid("organization_id", organization_id)
    after = params.moment("modified_after", modified_after)
    # No params.check() here: _page checks page and per_page too, then reports all at once.
    if search:
        services = search_entries(search)
    else:
        services = Service.objects.published().order_by("name", "id")
    if term is not None:
        classified = Attribute.objects.filter(
            link_entity=LinkEntity.SERVICE, taxonomy_term_id=term
        ).values("link_id")
        condition = Q(id__in=classified)
        if term in hsds.KIND_TERMS:  # the kind is a field, exported as an attribute
            condition |= Q(kind=hsds.KIND_TERMS[term])
        services = services.filter(condition)
    if organization is not None:
        services = services.filter(organization_id=organization)
    if after is not None:
        services = services.filter(updated_at__gt=after)
    return services


@router.get("/", response={200: dict[str, str]}, auth=None, summary="HSDS API details")
def hsds_root(request: HttpRequest) -> HttpResponse:
    openapi_url = request.build_absolute_uri(reverse("api:openapi-json"))
    return _answer(lambda: hsds.base_record(openapi_url))


@router.get("/services", response={200: PageOut, 400: ErrorOut}, auth=None, summary="List services")
def hsds_services(
    request: HttpRequest,
    search: str | None = None,
    taxonomy_term_id: str | None = None,
    organization_id: str | None = None,
    modified_after: str | None = None,
    page: str | None = None,
    per_page: str | None = None,
) -> HttpResponse:
    def build() -> dict[str, Any]:
        params = _Params()
        services = _services(
            request,
            params,
            search=search,
            taxonomy_term_id=taxonomy_term_id,
            organization_id=organization_id,
            modified_after=modified_after,
        ).select_related("organization")
        return _page(services, params, page, per_page, hsds.brief_service_record)

    return _answer(build)


@router.get(
    "/services/{service_id}",
    response={200: dict[str, Any], 400: ErrorOut, 404: ErrorOut},
    auth=None,
    summary="One service (full record)",
)
def hsds_service(request: HttpRequest, service_id: str) -> HttpResponse:
    def build() -> dict[str, Any]:
        pk = _Params().required_uuid("id", service_id)
        records = hsds.full_services(Service.objects.published().filter(id=pk))
        if not records:
            raise _NotFound
        return records[0]

    return _answer(build)


def _organizations() -> QuerySet[Organization]:
    return hsds.exported_organizations().order_by("name", "id")


@router.get(
    "/organizations",
    response={200: PageOut, 400: ErrorOut},
    auth=None,
    summary="List organizations",
)
def hsds_organizations(
    request: HttpRequest,
    search: str | None = None,
    modified_after: str | None = None,
    page: str | None = None,
    per_page: str | None = None,
) -> HttpResponse:
    def build() -> dict[str, Any]:
        params = _Params()
        after = params.moment("modified_after", modified_after)
        organizations = _organizations()
        if search:
            organizations = organizations.filter(name__icontains=search)
        if after is not None:
            organizations = organizations.filter(updated_at__gt=after)
        return _page(organizations, params, page, per_page, hsds.organization_record)

    return _answer(build)


@router.get(
    "/organizations/{organization_id}",
    response={200: dict[str, Any], 400: ErrorOut, 404: ErrorOut},
    auth=None,
    summary="One organization (full record, with its services in brief)",
)
def hsds_organization(request: HttpRequest, organization_id: str) -> HttpResponse:
    def build() -> dict[str, Any]:
        pk = _Params().required_uuid("id", organization_id)
        briefs = hsds.brief_services(Service.objects.published().filter(organization_id=pk))
        records = hsds.full_organizations(_organizations().filter(id=pk), services={pk: briefs})
        if not records:
            raise _NotFound
        return records[0]

    return _answer(build)


@router.get(
    "/service_at_locations",
    response={200: PageOut, 400: ErrorOut},
    auth=None,
    summary="List services at locations",
)
def hsds_service_at_locations(
    request: HttpRequest,
    search: str | None = None,
    taxonomy_term_id: str | None = None,
    organization_id: str | None = None,
    modified_after: str | None = None,
    page: str | None = None,
    per_page: str | None = None,
) -> HttpResponse:
    def build() -> dict[str, Any]:
        params = _Params()
        sals = ServiceAtLocation.objects.filter(service__publication="published")
        if search or taxonomy_term_id or organization_id or modified_after:
            services = _services(
                request,
                params,
                search=search,
                taxonomy_term_id=taxonomy_term_id,
                organization_id=organization_id,
                modified_after=modified_after,
            )
            sals = sals.filter(service__in=services.values("id"))
        sals = sals.select_related("location", "service__organization").order_by("id")
        return _page(sals, params, page, per_page, hsds.brief_service_at_location_record)

    return _answer(build)


@router.get(
    "/taxonomies", response={200: PageOut, 400: ErrorOut}, auth=None, summary="List taxonomies"
)
def hsds_taxonomies(
    request: HttpRequest, page: str | None = None, per_page: str | None = None
) -> HttpResponse:
    def build() -> dict[str, Any]:
        taxonomies = Taxonomy.objects.order_by("name", "id")
        return _page(taxonomies, _Params(), page, per_page, hsds.taxonomy_record)

    return _answer(build)


@router.get(
    "/taxonomy_terms",
    response={200: PageOut, 400: ErrorOut},
    auth=None,
    summary="List taxonomy terms",
)
def hsds_taxonomy_terms(
    request: HttpRequest,
    taxonomy_id: str | None = None,
    page: str | None = None,
    per_page: str | None = None,
) -> HttpResponse:
    def build() -> dict[str, Any]:
        params = _Params()
        taxonomy = params.uuid("taxonomy_id", taxonomy_id)
        terms = TaxonomyTerm.objects.select_related("taxonomy").order_by("taxonomy", "order", "id")
        if taxonomy is not None:
            terms = terms.filter(taxonomy_id=taxonomy)
        return _page(terms, params, page, per_page, hsds.term_record)

    return _answer(build)
