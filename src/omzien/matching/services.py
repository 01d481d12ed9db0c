"""Writes for matching: listings, moderation, the match workflow and reciprocity."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.core import permissions
from omzien.matching import workflow
from omzien.matching.models import (
    ACTIVE_STATES,
    DeclinedPair,
    Direction,
    Kind,
    Listing,
    Match,
    MatchEvent,
    MatchState,
    ReciprocityEntry,
)
from omzien.matching.rules import is_staff_for, speaks_for
from omzien.people.models import Person, Term


def _label(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return "system"
    return str(user.get_full_name() or user.get_username())


# --- listings ---------------------------------------------------------------------------


@transaction.atomic
def listing_save(*, actor: Any, listing: Listing, terms: Iterable[int] = ()) -> Listing:
    """Create or change a request, offer or task. A resident writes for themself; staff of
    the area may write for someone without a login (registered with consent, and with their
    yes to this listing) or for a place."""
    if listing.pk is None:
        if listing.owner_id is not None:
            owner = listing.owner
            if not (
                owner.user_id == actor.pk or permissions.can(actor, "matching.post_for", owner)
            ):
                raise PermissionDenied("matching.post")
            listing.neighbourhood = owner.neighbourhood
        elif not is_staff_for(actor, listing.neighbourhood):
            raise PermissionDenied("matching.manage")
        listing.author = actor
    else:
        permissions.require(actor, "matching.edit_listing", listing)
    if listing.kind == Kind.REQUEST and listing.owner_id is not None:
        listing.capacity = 1  # a person asks for themself
    listing.full_clean()
    listing.save()
    listing.terms.set(Term.objects.filter(pk__in=list(terms)))
    return listing


@transaction.atomic
def listing_close(*, actor: Any, listing: Listing) -> Listing:
    """The author no longer needs it (found, or changed their mind)."""
    permissions.require(actor, "matching.edit_listing", listing)
    if listing.closed_at is None:
        listing.closed_at = timezone.now()
        listing.save(update_fields=["closed_at", "updated_at"])
    return listing


@transaction.atomic
def listing_hide(*, actor: Any, listing: Listing, reason: str) -> Listing:
    """A coordinator hides a listing; the author sees why."""
    permissions.require(actor, "matching.moderate", listing.neighbourhood)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why you hide it. The author reads this.")})
    listing.hidden_at = timezone.now()
    listing.hidden_by = actor
    listing.hidden_reason = reason.strip()
    listing.full_clean()
    listing.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    return listing


@transaction.atomic
def listing_unhide(*, actor: Any, listing: Listing) -> Listing:
    permissions.require(actor, "matching.moderate", listing.neighbourhood)
    listing.hidden_at = None
    listing.hidden_by = None
    listing.hidden_reason = ""
    listing.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    return listing


# --- matches ----------------------------------------------------------------------------


def active_count(listing: Listing) -> int:
    if listing.kind == Kind.REQUEST:
        return listing.matches_in.filter(state__in=ACTIVE_STATES).count()
    return listing.matches_out.filter(state__in=ACTIVE_STATES).count()


def _check_pair(request: Listing, offer: Listing) -> None:
    if request.kind != Kind.REQUEST or offer.kind != Kind.OFFER:
        raise ValidationError(_("A match is between a request and an offer."))
    if request.topic != offer.topic:
        raise ValidationError(_("This request and this offer are about different things."))
    if request.owner_id is not None and request.owner_id == offer.owner_id:
        raise ValidationError(_("Someone cannot be matched with themself."))
    if not (request.is_open and offer.is_open):
        raise ValidationError(_("This request or offer is no longer open."))
    if DeclinedPair.objects.filter(request=request, offer=offer).exists():
        raise ValidationError(_("This pair said no before. They are not proposed again."))
    if Match.objects.filter(request=request, offer=offer, state__in=ACTIVE_STATES).exists():
        raise ValidationError(_("These two are already matched."))
    if active_count(offer) >= offer.capacity:
        raise ValidationError(_("This offer has no room for more people now."))
    if active_count(request) >= request.capacity:
        raise ValidationError(_("This request already has enough matches."))


def _hard_rule_messages() -> dict[str, str]:
    from omzien.matching import engine

    return {
        engine.SAME_OWNER: _("Someone cannot be matched with themself."),
        engine.CONDITIONS: _(
            "What one of them needs, the other cannot offer (for example wheelchair access, "
            "a quiet place or a language)."
        ),
        engine.DISTANCE: _("They live too far apart for the distance one of them chose."),
        engine.DISTANCE_UNKNOWN: _(
            "One of them chose a distance, but we do not know where the other one is. "
            "Add a postcode or a place first."
        ),
        engine.TIME: _("They have no moment in the week in common."),
    }


def _check_hard_rules(request: Listing, offer: Listing) -> None:
    """A pair put together by hand keeps the engine's hard rules: a person's limits and
    conditions hold whoever proposes the match."""
    from omzien.matching import adapters  # the engine loads numpy and SciPy: only here

    failures = adapters.pair_hard_rule_failures(request, offer)
    if failures:
        text = _hard_rule_messages()
        raise ValidationError(
            [_("This match is not possible.")] + [text[failure] for failure in failures]
        )


def _event(match: Match, *, by: Any, frm: str, to: str, side: str = "", text: str = "") -> None:
    MatchEvent.objects.create(
        match=match,
        by=by if getattr(by, "is_authenticated", False) else None,
        by_label=_label(by),
        from_state=frm,
        to_state=to,
        side=side,
        text=text,
    )


def _propose(
    *, by: Any, request: Listing, offer: Listing, score: int, reason: str, by_hand: bool = False
) -> Match:
    _check_pair(request, offer)
    if by_hand:  # the batch round only proposes pairs the engine allowed
        _check_hard_rules(request, offer)
    match = Match(
        request=request,
        offer=offer,
        score=score,
        reason=reason[:500],
        proposed_by=by if getattr(by, "is_authenticated", False) else None,
    )
    match.full_clean()
    match.save()
    _event(match, by=by, frm="", to=MatchState.PROPOSED, text=reason[:500])
    return match


@transaction.atomic
def match_propose(
    *,
    actor: Any,
    request: Listing,
    offer: Listing,
    score: int = 0,
    reason: str = "",
    introduce: bool = False,
) -> Match:
    """Staff propose a request and an offer to each other (`introduce`: and introduce them
    at once, the "Voorstellen" button on the suggestions page)."""
    permissions.require(actor, "matching.manage", request.neighbourhood)
    match = _propose(
        by=actor, request=request, offer=offer, score=score, reason=reason, by_hand=True
    )
    if introduce:
        match = match_transition(actor=actor, match=match, to_state=MatchState.INTRODUCED)
    return match


def sides_of(actor: Any, match: Match) -> list[str]:
    """The sides ("request", "offer") `actor` may answer for."""
    sides = []
    if speaks_for(actor, match.request):
        sides.append("request")
    if speaks_for(actor, match.offer):
        sides.append("offer")
    return sides


def _may_take(actor: Any, match: Match, by: str) -> bool:
    staff = is_staff_for(actor, match.request.neighbourhood) or is_staff_for(
        actor, match.offer.neighbourhood
    )
    if by == workflow.STAFF:
        return staff
    if by == workflow.PARTY:
        return bool(sides_of(actor, match))
    return staff or bool(sides_of(actor, match))


@transaction.atomic
def match_transition(
    *,
    actor: Any,
    match: Match,
    to_state: str,
    text: str = "",
    success: bool | None = None,
    minutes: int | None = None,
) -> Match:
    """Move a match one step along the table in workflow.py; append the step to its history.

    Saying yes goes through `match_accept`, saying no through `match_decline`.
    """
    match = (
        Match.objects.select_for_update(of=("self",))
        .select_related(
            "request__owner", "offer__owner", "request__neighbourhood", "offer__neighbourhood"
        )
        .get(pk=match.pk)
    )
    if actor is not None:
        permissions.require(actor, "matching.view_match", match)
    found = workflow.edge(match.state, to_state)
    if found is None:
        raise ValidationError(
            _("This step is not possible now (from “%(from)s” to “%(to)s”).")
            % {"from": MatchState(match.state).label, "to": MatchState(to_state).label}
        )
    if actor is not None and not _may_take(actor, match, found.by):
        raise PermissionDenied("matching.transition")
    if found.text_required and not text.strip():
        raise ValidationError({"text": _("Please explain in a few words.")})
    frm = match.state
    fields = ["state", "updated_at"]
    if to_state == MatchState.EVALUATED:
        if success is None:
            raise ValidationError({"success": _("Choose yes or no.")})
        match.success = success
        match.evaluation = text.strip()
        match.minutes = minutes
        fields += ["success", "evaluation", "minutes"]
    match.state = to_state
    match.full_clean()
    match.save(update_fields=fields)
    _event(match, by=actor, frm=frm, to=to_state, text=text.strip())
    if to_state == MatchState.DECLINED:
        DeclinedPair.objects.get_or_create(
            request=match.request, offer=match.offer, defaults={"reason": text.strip()[:1000]}
        )
    if to_state == MatchState.ENDED and match.success:
        _record_match_reciprocity(match)
    return match


@transaction.atomic
def match_accept(*, actor: Any, match: Match) -> Match:
    """One side says yes. Each side answers for itself; the second yes opens the contact."""
    match = Match.objects.select_for_update(of=("self",)).get(pk=match.pk)
    sides = sides_of(actor, match)
    if not sides:
        raise PermissionDenied("matching.accept")
    open_sides = [
        s
        for s in sides
        if (match.request_accepted_at if s == "request" else match.offer_accepted_at) is None
    ]
    if match.state not in (MatchState.INTRODUCED, MatchState.ONE_ACCEPTED) or not open_sides:
        raise ValidationError(_("You cannot say yes to this now."))
    side = open_sides[0]
    now = timezone.now()
    if side == "request":
        match.request_accepted_at = now
    else:
        match.offer_accepted_at = now
    both = match.request_accepted_at is not None and match.offer_accepted_at is not None
    to_state = MatchState.ACCEPTED if both else MatchState.ONE_ACCEPTED
    if workflow.edge(match.state, to_state) is None:
        raise ValidationError(_("You cannot say yes to this now."))
    frm = match.state
    match.state = to_state
    match.save(update_fields=["state", "request_accepted_at", "offer_accepted_at", "updated_at"])
    _event(match, by=actor, frm=frm, to=to_state, side=side)
    return match


def match_decline(*, actor: Any, match: Match, reason: str = "") -> Match:
    """No, thank you: the pair is never proposed again. A reason is optional."""
    return match_transition(actor=actor, match=match, to_state=MatchState.DECLINED, text=reason)


def _record_match_reciprocity(match: Match) -> None:
    what = match.offer.title
    on = timezone.localdate()
    rows = []
    if match.offer.owner_id is not None:
        rows.append((match.offer.owner_id, Direction.GAVE))
    if match.request.owner_id is not None:
        rows.append((match.request.owner_id, Direction.RECEIVED))
    for person_id, direction in rows:
        ReciprocityEntry.objects.get_or_create(
            person_id=person_id,
            match=match,
            direction=direction,
            defaults={"what": what[:200], "minutes": match.minutes, "on": on},
        )


# --- batch round ------------------------------------------------------------------------


@transaction.atomic
def matching_round(*, actor: Any, neighbourhood: Any) -> list[Match]:
    """Propose the set of matches with the highest total score for the open requests of a
    neighbourhood (offers from its district), respecting capacities and declined pairs."""
    from omzien.matching import adapters

    if actor is not None:
        permissions.require(actor, "matching.round", neighbourhood)
    created: list[Match] = []
    for request, offer, suggestion in adapters.round_plan(neighbourhood=neighbourhood):
        try:
            with transaction.atomic():
                created.append(
                    _propose(
                        by=actor,
                        request=request,
                        offer=offer,
                        score=suggestion.score,
                        reason=suggestion.reason,
                    )
                )
        except ValidationError:
            continue  # changed since the plan was made: skip this pair
    return created


# --- reciprocity ------------------------------------------------------------------------


@transaction.atomic
def reciprocity_record(
    *,
    actor: Any,
    person: Person,
    direction: str,
    what: str,
    minutes: int | None = None,
    thanks: str = "",
    on: Any = None,
) -> ReciprocityEntry:
    """A person notes by hand something they gave or received."""
    if person.user_id is None or person.user_id != actor.pk:
        raise PermissionDenied("matching.reciprocity")
    entry = ReciprocityEntry(
        person=person,
        direction=direction,
        what=what.strip(),
        minutes=minutes,
        thanks=thanks.strip(),
        on=on or timezone.localdate(),
    )
    entry.full_clean()
    if entry.on > timezone.localdate():
        raise ValidationError({"on": _("This date cannot be in the future.")})
    entry.save()
    return entry
