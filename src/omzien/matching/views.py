from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.accounts.models import Role
from omzien.accounts.selectors import neighbourhoods_for_roles
from omzien.activities.models import Activity
from omzien.core import permissions
from omzien.core.forms import add_errors
from omzien.directory.models import Organization
from omzien.matching import selectors, services, workflow
from omzien.matching.forms import (
    DeclineForm,
    EndForm,
    EvaluateForm,
    HideForm,
    KindTopicForm,
    ListingForm,
    ListingForPersonForm,
    ReciprocityForm,
    TaskForm,
)
from omzien.matching.models import Kind, Listing, MatchState, Topic
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.selectors import person_of

KIND_SLUGS = {"zoek": Kind.REQUEST, "bied": Kind.OFFER}


def _area(request: HttpRequest) -> Neighbourhood | None:
    """The resident's own neighbourhood, or the one staff chose (?buurt=code)."""
    code = request.GET.get("buurt", "")
    staff_areas = selectors.staff_neighbourhoods(request.user)
    if code:
        return get_object_or_404(staff_areas, code=code)
    person = person_of(request.user)
    if person is not None:
        return person.neighbourhood
    return staff_areas.first()


@login_required
def board(request: HttpRequest) -> HttpResponse:
    """Open requests and offers of the neighbourhood, and the person's own."""
    neighbourhood = _area(request)
    if neighbourhood is None:
        raise Http404(_("You do not have a resident profile."))
    filters = KindTopicForm(request.GET)
    filters.is_valid()
    kind = filters.cleaned_data.get("kind", "")
    topic = filters.cleaned_data.get("topic", "")
    person = person_of(request.user)
    return render(
        request,
        "matching/board.html",
        {
            "neighbourhood": neighbourhood,
            "listings": selectors.listings_board(
                viewer=request.user, neighbourhood=neighbourhood, topic=topic, kind=kind
            )[:100],
            "own": selectors.own_listings(person=person) if person else [],
            "matches": selectors.matches_for(viewer=request.user)[:50],
            "filters": filters,
            "kinds": Kind.choices,
            "topics": Topic.choices,
            "staff_areas": selectors.staff_neighbourhoods(request.user),
            "may_manage": permissions.can(request.user, "matching.manage", neighbourhood),
            "may_round": permissions.can(request.user, "matching.round", neighbourhood),
        },
    )


@login_required
def listing_create(request: HttpRequest, kind_slug: str) -> HttpResponse:
    kind = KIND_SLUGS.get(kind_slug)
    person = person_of(request.user)
    if kind is None or person is None:
        raise Http404
    return _listing_create_page(
        request, kind, person, ListingForm, _("Thank you! Your neighbours can see it now."), {}
    )


@login_required
def listing_create_for(request: HttpRequest, person_pk: int, kind_slug: str) -> HttpResponse:
    """Staff post a request or offer for someone without a login (registered with consent),
    with the same form and rules as a resident's own."""
    kind = KIND_SLUGS.get(kind_slug)
    if kind is None:
        raise Http404
    person = selectors.person_for_listing(viewer=request.user, pk=person_pk)
    return _listing_create_page(
        request,
        kind,
        person,
        ListingForPersonForm,
        _("Saved. The neighbours can see it now."),
        {"for_person": person},
    )


def _listing_create_page(
    request: HttpRequest,
    kind: str,
    person: Any,
    form_class: Any,
    saved_message: str,
    extra: dict[str, Any],
) -> HttpResponse:
    """The new-listing form and its save, the same for a resident's own and for staff."""
    topic = request.GET.get("onderwerp", Topic.HELP)
    if topic not in Topic.values:
        topic = Topic.HELP
    form = form_class(request.POST or None, kind=kind)
    if request.method == "POST" and form.is_valid():
        listing = form.apply(Listing(kind=kind, topic=topic, owner=person))
        try:
            services.listing_save(
                actor=request.user, listing=listing, terms=form.cleaned_data["terms"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, saved_message)
            return redirect(listing)
    return render(
        request,
        "matching/listing_form.html",
        {"form": form, "kind": kind, "topic": topic, "listing": None, **extra},
    )


@login_required
def listing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    listing = selectors.listing_for_viewer(viewer=request.user, pk=pk)
    if not permissions.can(request.user, "matching.edit_listing", listing):
        raise PermissionDenied
    form = ListingForm(
        request.POST or None, kind=listing.kind, initial=ListingForm.initial_from(listing)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.listing_save(
                actor=request.user, listing=form.apply(listing), terms=form.cleaned_data["terms"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(listing)
    return render(
        request,
        "matching/listing_form.html",
        {"form": form, "kind": listing.kind, "topic": listing.topic, "listing": listing},
    )


@login_required
def listing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    listing = selectors.listing_for_viewer(viewer=request.user, pk=pk)
    return render(
        request,
        "matching/listing.html",
        {
            "listing": listing,
            "may_edit": permissions.can(request.user, "matching.edit_listing", listing),
            "may_moderate": permissions.can(
                request.user, "matching.moderate", listing.neighbourhood
            ),
            "may_manage": permissions.can(request.user, "matching.manage", listing.neighbourhood),
            "hide_form": HideForm(),
        },
    )


@login_required
@require_POST
def listing_close(request: HttpRequest, pk: int) -> HttpResponse:
    listing = selectors.listing_for_viewer(viewer=request.user, pk=pk)
    services.listing_close(actor=request.user, listing=listing)
    messages.success(request, _("Closed. Nobody sees it any more."))
    return redirect(listing)


@login_required
@require_POST
def listing_hide(request: HttpRequest, pk: int) -> HttpResponse:
    listing = selectors.listing_for_viewer(viewer=request.user, pk=pk)
    permissions.require(request.user, "matching.moderate", listing.neighbourhood)
    form = HideForm(request.POST)
    if form.is_valid():
        services.listing_hide(
            actor=request.user, listing=listing, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Hidden. The author sees why."))
        return redirect(listing)
    return render(
        request,
        "matching/listing.html",
        {"listing": listing, "may_moderate": True, "may_manage": True, "hide_form": form},
    )


@login_required
@require_POST
def listing_unhide(request: HttpRequest, pk: int) -> HttpResponse:
    listing = selectors.listing_for_viewer(viewer=request.user, pk=pk)
    services.listing_unhide(actor=request.user, listing=listing)
    messages.success(request, _("Visible again."))
    return redirect(listing)


@login_required
def suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    """For professionals: the best 5 offers for one request, with the reasons."""
    from omzien.matching import adapters  # the engine loads numpy and SciPy: only here

    listing = selectors.listing_for_viewer(viewer=request.user, pk=pk)
    permissions.require(request.user, "matching.manage", listing.neighbourhood)
    if listing.kind != Kind.REQUEST:
        raise Http404
    if request.method == "POST":
        offer_pk = request.POST.get("offer", "")
        if not offer_pk.isdigit():
            raise Http404
        found = {o.pk: s for o, s in adapters.top_offers(listing, k=5)}
        offer = get_object_or_404(Listing, pk=int(offer_pk))
        # an offer outside the top 5 may still be introduced by hand, within the hard rules
        suggestion = found.get(offer.pk) or adapters.pair_suggestion(listing, offer)
        try:
            match = services.match_propose(
                actor=request.user,
                request=listing,
                offer=offer,
                score=suggestion.score if suggestion else 0,
                reason=suggestion.reason if suggestion else "",
                introduce=True,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("matching:suggestions", pk=listing.pk)
        messages.success(request, _("Introduced. Both can now say yes or no."))
        return redirect(match)
    return render(
        request,
        "matching/suggestions.html",
        {"listing": listing, "suggestions": adapters.top_offers(listing, k=5)},
    )


@login_required
def task_create(request: HttpRequest) -> HttpResponse:
    """Staff post a task for a place: an activity or an organisation of the social map."""
    areas = selectors.staff_neighbourhoods(request.user)
    if not areas.exists():
        raise PermissionDenied
    activities = Activity.objects.filter(neighbourhood__in=areas).order_by("name")
    organizations = Organization.objects.order_by("name")[:300]
    form = TaskForm(
        request.POST or None,
        neighbourhoods=areas,
        activities=list(activities),
        organizations=list(organizations),
    )
    if request.method == "POST" and form.is_valid():
        listing = form.apply(Listing())
        try:
            services.listing_save(
                actor=request.user, listing=listing, terms=form.cleaned_data["terms"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The task is posted."))
            return redirect(listing)
    return render(
        request,
        "matching/listing_form.html",
        {"form": form, "kind": Kind.REQUEST, "topic": Topic.TASK, "listing": None, "task": True},
    )


@login_required
def match_detail(request: HttpRequest, pk: int) -> HttpResponse:
    match = selectors.match_for_viewer(viewer=request.user, pk=pk)
    decline_form = DeclineForm()
    evaluate_form = EvaluateForm()
    end_form = EndForm()
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "accept":
                services.match_accept(actor=request.user, match=match)
                messages.success(request, _("You said yes."))
            elif action == "decline":
                decline_form = DeclineForm(request.POST)
                if decline_form.is_valid():
                    services.match_decline(
                        actor=request.user, match=match, reason=decline_form.cleaned_data["reason"]
                    )
                    messages.success(request, _("You said no, thank you. That is fine."))
            elif action == "introduce":
                services.match_transition(
                    actor=request.user, match=match, to_state=MatchState.INTRODUCED
                )
                messages.success(request, _("Introduced. Both can now say yes or no."))
            elif action == "met":
                services.match_transition(actor=request.user, match=match, to_state=MatchState.MET)
                messages.success(request, _("Good to hear you met."))
            elif action == "evaluate":
                evaluate_form = EvaluateForm(request.POST)
                if evaluate_form.is_valid():
                    services.match_transition(
                        actor=request.user,
                        match=match,
                        to_state=MatchState.EVALUATED,
                        success=evaluate_form.cleaned_data["success"],
                        text=evaluate_form.cleaned_data["text"],
                        minutes=evaluate_form.cleaned_data["minutes"],
                    )
                    messages.success(request, _("Thank you for telling."))
            elif action == "end":
                end_form = EndForm(request.POST)
                if end_form.is_valid():
                    services.match_transition(
                        actor=request.user,
                        match=match,
                        to_state=MatchState.ENDED,
                        text=end_form.cleaned_data["text"],
                    )
                    messages.success(request, _("The match is ended."))
            else:
                raise Http404
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if not any(f.errors for f in (decline_form, evaluate_form, end_form)):
                return redirect(match)
        match = selectors.match_for_viewer(viewer=request.user, pk=pk)
    sides = services.sides_of(request.user, match)
    open_sides = [
        s
        for s in sides
        if (match.request_accepted_at if s == "request" else match.offer_accepted_at) is None
    ]
    next_states = workflow.next_states(match.state)
    return render(
        request,
        "matching/match.html",
        {
            "match": match,
            "history": selectors.match_history(match),
            "contacts": selectors.match_contact(viewer=request.user, match=match),
            "may_accept": bool(open_sides)
            and match.state in (MatchState.INTRODUCED, MatchState.ONE_ACCEPTED),
            "may_introduce": MatchState.INTRODUCED in next_states
            and permissions.can(request.user, "matching.manage", match.request.neighbourhood),
            "may_decline": MatchState.DECLINED in next_states,
            "may_meet": MatchState.MET in next_states,
            "may_evaluate": MatchState.EVALUATED in next_states,
            "may_end": MatchState.ENDED in next_states,
            "decline_form": decline_form,
            "evaluate_form": evaluate_form,
            "end_form": end_form,
        },
    )


@login_required
def batch_round(request: HttpRequest) -> HttpResponse:
    """A coordinator runs a matching round for one neighbourhood: proposals, not decisions."""
    areas = neighbourhoods_for_roles(request.user, [Role.COORDINATOR]).order_by("name")
    if not areas.exists():
        raise PermissionDenied
    created = None
    if request.method == "POST":
        neighbourhood = get_object_or_404(areas, code=request.POST.get("buurt", ""))
        created = services.matching_round(actor=request.user, neighbourhood=neighbourhood)
        messages.success(
            request,
            _("%(n)s new proposals. A professional introduces them.") % {"n": len(created)},
        )
    return render(request, "matching/round.html", {"areas": areas, "created": created})


@login_required
def give_and_take(request: HttpRequest) -> HttpResponse:
    """ "Wat ik gaf / wat ik kreeg", shown together with "Wat ik bijdraag"."""
    from omzien.welcome.selectors import own_contributions

    person = person_of(request.user)
    if person is None:
        raise Http404(_("You do not have a resident profile."))
    form = ReciprocityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reciprocity_record(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved. Only you see this."))
            return redirect("matching:give_and_take")
    return render(
        request,
        "matching/give_and_take.html",
        {
            "summary": selectors.own_give_and_take(person=person),
            "contributions": own_contributions(person=person),
            "form": form,
        },
    )


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "people.view_aggregates")
    areas = neighbourhoods_for_roles(request.user, [Role.ANALYST, Role.COORDINATOR]).order_by(
        "name"
    )
    code = request.GET.get("buurt")
    neighbourhood = get_object_or_404(areas, code=code) if code else areas.first()
    if neighbourhood is None:
        raise PermissionDenied
    result = selectors.reciprocity_figures(viewer=request.user, neighbourhood=neighbourhood)
    return render(request, "matching/figures.html", {"figures": result, "areas": areas})
