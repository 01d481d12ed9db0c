"""Turn listings (database rows) into the engine's plain `Profile`s, and back.

The engine (engine.py) knows nothing of Django. Here a listing becomes a profile:

* terms: the listing's chosen terms; an offer to help at a place also counts the person's
  talents and interests, and a buddy wish their interests ("start from what people like");
* point: the centre of the person's four-digit postcode area, or the place's location;
* needs/meets: the listing's conditions, plus "lang:<code>" for a language asked for and
  for every language the person speaks;
* capacity: what is left after the matches the listing already holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet

from omzien.directory.models import PostcodeArea
from omzien.matching import engine
from omzien.matching.models import ACTIVE_STATES, DeclinedPair, Kind, Listing, Match, Topic
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.models import Term


def vocabulary() -> engine.Vocabulary:
    rows = list(Term.objects.values_list("pk", "parent_id", "label_nl"))
    return engine.Vocabulary(
        parents={pk: parent for pk, parent, _ in rows}, labels={pk: label for pk, _, label in rows}
    )


def with_profile_data(listings: QuerySet[Listing]) -> QuerySet[Listing]:
    """Everything `profiles` reads, in a fixed number of queries."""
    return (
        listings.select_related("owner", "location", "activity__location", "language")
        .prefetch_related("terms", "owner__talents", "owner__interests", "owner__languages")
        .annotate(
            taken=Count("matches_in", filter=Q(matches_in__state__in=ACTIVE_STATES), distinct=True)
            + Count("matches_out", filter=Q(matches_out__state__in=ACTIVE_STATES), distinct=True)
        )
    )


def _point(listing: Listing, postcodes: dict[str, tuple[float, float]]) -> Any:
    location = listing.location or (listing.activity.location if listing.activity else None)
    if location is not None and location.latitude is not None and location.longitude is not None:
        return (location.latitude, location.longitude)
    if listing.owner is not None:
        return postcodes.get(listing.owner.postcode[:4])
    return None


def profiles(listings: Iterable[Listing]) -> list[engine.Profile]:
    rows = list(listings)
    codes = {r.owner.postcode[:4] for r in rows if r.owner is not None and r.owner.postcode}
    postcodes = {
        p.postcode: (p.latitude, p.longitude) for p in PostcodeArea.objects.filter(pk__in=codes)
    }
    result = []
    for listing in rows:
        terms = {t.pk for t in listing.terms.all()}
        meets = set(listing.meets)
        needs = set(listing.needs)
        text = [listing.title, listing.text]
        owner = listing.owner
        if owner is not None:
            meets |= {f"lang:{lang.code}" for lang in owner.languages.all()}
            if listing.kind == Kind.OFFER and listing.topic == Topic.TASK:
                terms |= {t.pk for t in owner.talents.all()}
                terms |= {t.pk for t in owner.interests.all()}
                text += [owner.talents_text]
            if listing.topic == Topic.BUDDY:
                terms |= {t.pk for t in owner.interests.all()}
                text += [owner.interests_text]
        if listing.language_id:
            needs.add(f"lang:{listing.language_id}")
        taken = getattr(listing, "taken", 0) or 0
        result.append(
            engine.Profile(
                key=listing.pk,
                owner=listing.owner_id,
                terms=frozenset(terms),
                text=" ".join(t for t in text if t),
                point=_point(listing, postcodes),
                max_distance_m=listing.max_distance_m,
                slots=frozenset(listing.slots),
                needs=frozenset(needs),
                meets=frozenset(meets),
                capacity=max(0, listing.capacity - taken),
            )
        )
    return result


def candidate_offers(request: Listing) -> QuerySet[Listing]:
    """Open offers on the same topic in the request's district."""
    return with_profile_data(
        Listing.objects.open().filter(
            kind=Kind.OFFER,
            topic=request.topic,
            neighbourhood__district_id=request.neighbourhood.district_id,
        )
    )


def excluded_offers(request: Listing) -> set[int]:
    """Offers never to suggest for this request: declined before, or matched already."""
    declined = set(DeclinedPair.objects.filter(request=request).values_list("offer_id", flat=True))
    matched = set(
        Match.objects.filter(request=request, state__in=ACTIVE_STATES).values_list(
            "offer_id", flat=True
        )
    )
    return declined | matched


def top_offers(request: Listing, k: int = 5) -> list[tuple[Listing, engine.Suggestion]]:
    """The best `k` open offers for one request, with the engine's reason."""
    request_row = with_profile_data(Listing.objects.filter(pk=request.pk)).get()
    offers = list(candidate_offers(request))
    by_key = {o.pk: o for o in offers}
    offer_profiles = [p for p in profiles(offers) if p.capacity > 0]
    index = engine.OfferIndex(offer_profiles, vocabulary())
    (request_profile,) = profiles([request_row])
    found = index.top(request_profile, k=k, exclude=excluded_offers(request))
    return [(by_key[s.offer], s) for s in found]


def round_plan(*, neighbourhood: Neighbourhood) -> list[tuple[Listing, Listing, engine.Suggestion]]:
    """The batch round for one neighbourhood: per topic, the assignment of open requests to
    open offers (of the district) with the highest total score."""
    vocab = vocabulary()
    plan: list[tuple[Listing, Listing, engine.Suggestion]] = []
    for topic in Topic.values:
        requests = list(
            with_profile_data(
                Listing.objects.open().filter(
                    kind=Kind.REQUEST, topic=topic, neighbourhood=neighbourhood
                )
            )
        )
        if not requests:
            continue
        offers = list(
            with_profile_data(
                Listing.objects.open().filter(
                    kind=Kind.OFFER,
                    topic=topic,
                    neighbourhood__district_id=neighbourhood.district_id,
                )
            )
        )
        request_profiles = [p for p in profiles(requests) if p.capacity > 0]
        offer_profiles = [p for p in profiles(offers) if p.capacity > 0]
        if not request_profiles or not offer_profiles:
            continue
        request_ids = [p.key for p in request_profiles]
        declined = set(
            DeclinedPair.objects.filter(request_id__in=request_ids).values_list(
                "request_id", "offer_id"
            )
        )
        declined |= set(
            Match.objects.filter(request_id__in=request_ids, state__in=ACTIVE_STATES).values_list(
                "request_id", "offer_id"
            )
        )
        edges = engine.candidate_edges(request_profiles, offer_profiles, vocab, declined=declined)
        assignment = engine.batch_assign(request_profiles, offer_profiles, edges)
        requests_by_key = {r.pk: r for r in requests}
        offers_by_key = {o.pk: o for o in offers}
        req_profile = {p.key: p for p in request_profiles}
        off_profile = {p.key: p for p in offer_profiles}
        for request_key, offer_key in sorted(assignment.pairs):
            suggestion = engine.score_pair(req_profile[request_key], off_profile[offer_key], vocab)
            if suggestion is None:  # cannot happen for an edge; never propose without a reason
                continue
            plan.append((requests_by_key[request_key], offers_by_key[offer_key], suggestion))
    return plan


def pair_suggestion(request: Listing, offer: Listing) -> engine.Suggestion | None:
    """The engine's score and reason for one request and one offer."""
    rows = {
        r.pk: r for r in with_profile_data(Listing.objects.filter(pk__in=[request.pk, offer.pk]))
    }
    request_profile, offer_profile = profiles([rows[request.pk], rows[offer.pk]])
    return engine.score_pair(request_profile, offer_profile, vocabulary())


def pair_hard_rule_failures(request: Listing, offer: Listing) -> list[str]:
    """The engine's hard rules that this request and this offer break (see
    `engine.hard_rule_failures`)."""
    rows = {
        r.pk: r for r in with_profile_data(Listing.objects.filter(pk__in=[request.pk, offer.pk]))
    }
    request_profile, offer_profile = profiles([rows[request.pk], rows[offer.pk]])
    return engine.hard_rule_failures(request_profile, offer_profile)
