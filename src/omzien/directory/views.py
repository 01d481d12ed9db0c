from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.accounts.selectors import neighbourhoods_for_roles
from omzien.core import permissions
from omzien.core.forms import add_errors, query_without_page
from omzien.directory import hours, selectors, services
from omzien.directory.forms import (
    CorrectionForm,
    RejectForm,
    ScheduleFormSet,
    SearchForm,
    ServiceForm,
    SuggestionForm,
)
from omzien.directory.models import (
    AssetCategory,
    Kind,
    ScheduleKind,
    Service,
    Suggestion,
    SuggestionKind,
    valid_point,
)
from omzien.directory.rules import EDITOR_ROLES
from omzien.neighbourhoods.models import Neighbourhood

PAGE_SIZE = 20


def _map_points(services_page: Any) -> list[dict[str, Any]]:
    return [
        {
            "name": s.name,
            "url": s.get_absolute_url(),
            "lat": s.latitude,
            "lon": s.longitude,
            "kind": str(Kind(s.kind).label),
        }
        for s in services_page
        if valid_point(s.latitude, s.longitude)
    ]


def search(request: HttpRequest) -> HttpResponse:
    show_drafts = permissions.can(request.user, "directory.view_drafts", None)
    form = SearchForm(request.GET or None, show_drafts=show_drafts)
    if form.is_bound and not form.is_valid():
        # Show what is wrong, and search with the valid parts.
        params = selectors.SearchParams()
        for name in ("q", "neighbourhood", "open_now"):
            if name in form.cleaned_data:
                setattr(params, name, form.cleaned_data[name] or getattr(params, name))
    else:
        params = form.params()
    with selectors.search_session():
        outcome = selectors.search_services(request.user, params)
        page = selectors.SearchPaginator(outcome, PAGE_SIZE).get_page(request.GET.get("page"))
        items = list(page.object_list)
        terms = selectors.terms_by_service(items)
    rows = [
        {
            "service": s,
            "terms": terms.get(s.id, []),
            "distance": selectors.distance_km(s),
            "needs_verification": selectors.needs_verification(s),
        }
        for s in items
    ]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "outcome": outcome,
        "query": query_without_page(request),
        "map_points": _map_points(items),
        "map_centre": outcome.centre,
        "can_edit": permissions.can(request.user, "directory.edit", None),
    }
    template = (
        "directory/_results.html" if getattr(request, "htmx", False) else "directory/search.html"
    )
    return render(request, template, context)


def _visible_service(request: HttpRequest, pk: uuid.UUID) -> Service:
    service = selectors.service_detail(pk)
    if service is None or not selectors.can_view_service(request.user, service):
        raise Http404(_("This entry does not exist or is not published."))
    return service


def detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    service = _visible_service(request, pk)
    schedules = list(service.all_schedules.all())
    can_edit = permissions.can(request.user, "directory.edit", service)
    locations = [sal.location for sal in service.service_at_locations.all()]
    context = {
        "service": service,
        "terms": selectors.terms_of(service),
        "status": hours.opening_status(schedules),
        "week": hours.week_table(schedules) if any(s.opens_at for s in schedules) else [],
        "exceptions": hours.upcoming_exceptions(schedules),
        "closed_kind": ScheduleKind.CLOSED,
        "locations": locations,
        "sals": list(service.service_at_locations.all()),
        "map_points": [
            {"name": loc.name or service.name, "lat": loc.latitude, "lon": loc.longitude}
            for loc in locations
            if loc.has_point
        ],
        "needs_verification": selectors.needs_verification(service),
        "can_edit": can_edit,
        "history": selectors.change_history(service) if can_edit else [],
    }
    return render(request, "directory/detail.html", context)


def _editor_neighbourhoods(user: Any) -> Any:
    return neighbourhoods_for_roles(user, EDITOR_ROLES).order_by("name")


@login_required
def create(request: HttpRequest) -> HttpResponse:
    if not permissions.can(request.user, "directory.edit", None):
        raise PermissionDenied
    form = ServiceForm(request.POST or None, neighbourhoods=_editor_neighbourhoods(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            service = services.service_create(
                user=request.user, data=form.service_data(), terms=form.terms()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The entry is saved."))
            return redirect(service)
    return render(request, "directory/service_form.html", {"form": form, "service": None})


@login_required
def edit(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    service = get_object_or_404(Service, pk=pk)
    permissions.require(request.user, "directory.edit", service)
    form = ServiceForm(
        request.POST or None,
        initial=ServiceForm.initial_for(service),
        neighbourhoods=_editor_neighbourhoods(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.service_update(
                user=request.user, service=service, data=form.service_data(), terms=form.terms()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(service)
    return render(request, "directory/service_form.html", {"form": form, "service": service})


@login_required
def edit_hours(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    service = get_object_or_404(Service, pk=pk)
    permissions.require(request.user, "directory.edit", service)
    initial = [
        {
            "kind": s.kind,
            "byday": [d for d in s.byday.split(",") if d],
            "opens_at": s.opens_at,
            "closes_at": s.closes_at,
            "valid_from": s.valid_from,
            "valid_to": s.valid_to,
            "description": s.description,
        }
        for s in service.schedules.all()
    ]
    formset = ScheduleFormSet(request.POST or None, initial=initial, prefix="hours")
    if request.method == "POST" and formset.is_valid():
        rows = [
            f.cleaned_data
            for f in formset.forms
            if f.cleaned_data
            and not f.cleaned_data.get("DELETE")
            and (f.cleaned_data.get("opens_at") or f.cleaned_data.get("valid_from"))
        ]
        try:
            services.schedules_replace(user=request.user, service=service, rows=rows)
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)  # type: ignore[attr-defined]
        else:
            messages.success(request, _("The opening hours are saved."))
            return redirect(service)
    return render(request, "directory/hours_form.html", {"formset": formset, "service": service})


@login_required
@require_POST
def verify(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    service = get_object_or_404(Service, pk=pk)
    services.service_verify(user=request.user, service=service)
    messages.success(request, _("Marked as checked today."))
    return redirect(service)


@login_required
def suggest(request: HttpRequest) -> HttpResponse:
    form = SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.suggestion_submit(
                user=request.user, neighbourhood=data.pop("neighbourhood"), **data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Thank you! A coordinator will look at your suggestion."))
            return redirect("directory:my_suggestions")
    return render(request, "directory/suggest.html", {"form": form})


@login_required
def suggest_correction(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    service = _visible_service(request, pk)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        neighbourhood = service.neighbourhood
        if neighbourhood is None and service.municipality_id is not None:
            neighbourhood = Neighbourhood.objects.filter(
                district__municipality_id=service.municipality_id
            ).first()
        if neighbourhood is None:
            form.add_error(None, _("This entry has no neighbourhood; we cannot route it."))
        else:
            services.suggestion_submit(
                user=request.user,
                neighbourhood=neighbourhood,
                service=service,
                message=form.cleaned_data["message"],
            )
            messages.success(request, _("Thank you! A coordinator will check your correction."))
            return redirect(service)
    return render(request, "directory/correction.html", {"form": form, "service": service})


@login_required
def my_suggestions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "directory/my_suggestions.html",
        {"suggestions": selectors.suggestions_of(request.user)},
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    if not permissions.can(request.user, "directory.review", None):
        raise PermissionDenied
    return render(
        request,
        "directory/review_queue.html",
        {"suggestions": selectors.review_queue(request.user)},
    )


def _initial_from_suggestion(suggestion: Suggestion) -> dict[str, Any]:
    if suggestion.suggestion_type == SuggestionKind.CORRECTION and suggestion.service:
        return ServiceForm.initial_for(suggestion.service)
    return {
        "name": suggestion.name,
        "kind": suggestion.kind or Kind.OTHER,
        "description": suggestion.description,
        "neighbourhood": suggestion.neighbourhood_id,
        "location_name": suggestion.name,
        "address_1": suggestion.address,
        "application_process": suggestion.how_to_reach,
        "publication": "published",
        "status": "active",
    }


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = get_object_or_404(
        Suggestion.objects.select_related("service", "neighbourhood", "submitted_by"), pk=pk
    )
    permissions.require(request.user, "directory.review", suggestion)
    decision = request.POST.get("decision")
    form = ServiceForm(
        request.POST if decision == "accept" else None,
        initial=_initial_from_suggestion(suggestion),
        neighbourhoods=_editor_neighbourhoods(request.user),
    )
    reject_form = RejectForm(request.POST if decision == "reject" else None)
    if request.method == "POST":
        try:
            if decision == "accept" and form.is_valid():
                service = services.suggestion_accept(
                    user=request.user,
                    suggestion=suggestion,
                    data=form.service_data(),
                    terms=form.terms(),
                )
                messages.success(request, _("Accepted. The entry is saved."))
                return redirect(service)
            if decision == "reject" and reject_form.is_valid():
                services.suggestion_reject(
                    user=request.user,
                    suggestion=suggestion,
                    reason=reject_form.cleaned_data["reason"],
                )
                messages.success(request, _("Rejected. The person can see your reason."))
                return redirect("directory:review_queue")
        except ValidationError as error:
            add_errors(reject_form if decision == "reject" else form, error)
    return render(
        request,
        "directory/review.html",
        {"suggestion": suggestion, "form": form, "reject_form": reject_form},
    )


@login_required
def asset_map(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_object_or_404(
        Neighbourhood.objects.select_related("district__municipality"), code=code
    )
    result = selectors.asset_map(neighbourhood)
    drilldown = permissions.can(request.user, "directory.asset_drilldown", neighbourhood)
    category = request.GET.get("categorie", "")
    entries = None
    if category and category != AssetCategory.GIFTS:
        if not drilldown:
            raise PermissionDenied
        if category not in AssetCategory.values:
            raise Http404
        entries = selectors.assets_in_category(neighbourhood, category)
    gift_details: list[tuple[Any, int, list[tuple[Any, int]]]] = []
    if category == AssetCategory.GIFTS:
        if not drilldown:
            raise PermissionDenied
        gift_details = [
            (term, count, selectors.gift_subterms(neighbourhood, term))
            for term, count in result.gifts
        ]
    categories = [
        (value, label, result.counts.get(value, 0)) for value, label in AssetCategory.choices
    ]
    return render(
        request,
        "directory/asset_map.html",
        {
            "neighbourhood": neighbourhood,
            "map": result,
            "categories": categories,
            "drilldown": drilldown,
            "category": category,
            "category_label": dict(AssetCategory.choices).get(category, ""),
            "entries": entries,
            "gift_details": gift_details,
        },
    )
