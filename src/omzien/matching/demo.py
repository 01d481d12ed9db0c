"""Demo data for matching in the demo neighbourhood (BU99010101): open requests and offers,
buddy wishes, tasks at places, and a few matches, two of them finished with what was given
and received.

Needs the people, directory and activities demos. Safe to run again: when the
neighbourhood already has listings, nothing is added.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from omzien.accounts.models import Role, User
from omzien.activities.models import Activity
from omzien.directory.models import Organization
from omzien.matching import adapters, services
from omzien.matching.models import Kind, Listing, MatchState, Topic
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.models import Person, Term

NEIGHBOURHOOD = "BU99010101"

#: (kind, topic, title, own words, term slugs, slots, capacity)
LISTINGS: list[tuple[str, str, str, str, list[str], list[int], int]] = [
    (
        "request",
        "help",
        "Hulp bij de boodschappen",
        "Mijn knie is slecht. Wie gaat mee naar de markt?",
        ["shopping-together"],
        [3, 4],
        1,
    ),
    (
        "request",
        "help",
        "Hulp met mijn telefoon",
        "Ik wil leren videobellen met mijn kleinkind.",
        ["computer-help-phone"],
        [7],
        1,
    ),
    (
        "request",
        "help",
        "Iemand voor mijn moestuin",
        "Ik kan niet meer goed bukken.",
        ["gardening-vegetables"],
        [],
        1,
    ),
    (
        "request",
        "buddy",
        "Iemand om mee te wandelen",
        "Ik woon hier net. Ik wil de buurt leren kennen.",
        ["walking-group"],
        [16, 17],
        1,
    ),
    (
        "request",
        "buddy",
        "Samen Nederlands praten",
        "Ik wil beter Nederlands leren, gewoon in gesprek.",
        ["dutch-practice-talk"],
        [],
        1,
    ),
    (
        "offer",
        "help",
        "Ik doe graag boodschappen voor iemand",
        "Ik ga toch elke dinsdag naar de markt.",
        ["shopping-for-someone", "shopping-together"],
        [3, 4],
        2,
    ),
    (
        "offer",
        "help",
        "Ik help met telefoon en tablet",
        "Ik werkte in de ICT. Geduld heb ik genoeg.",
        ["computer-help-phone", "computer-help-digid"],
        [6, 7, 8],
        3,
    ),
    (
        "offer",
        "help",
        "Ik help in de tuin",
        "Groente kweken is mijn hobby.",
        ["gardening-vegetables", "gardening-plants"],
        [],
        1,
    ),
    (
        "offer",
        "buddy",
        "Ik wil maatje zijn",
        "Ik wandel elke zaterdag. Kom gerust mee.",
        ["walking-group", "company-coffee"],
        [16, 17],
        2,
    ),
    (
        "offer",
        "buddy",
        "Koffie en een praatje in het Nederlands",
        "Ik heb tijd en ik praat graag.",
        ["dutch-practice-talk", "company-coffee"],
        [],
        2,
    ),
    (
        "offer",
        "task",
        "Ik wil helpen op een plek",
        "Ik ben graag bij dieren.",
        ["animals-care"],
        [],
        1,
    ),
]

#: Tasks at places: (activity or organisation name, title, what they can adapt, terms, slots)
TASKS: list[tuple[str, str, str, list[str], list[int]]] = [
    (
        "Eetcafé De Linde",
        "Dinsdag helpen achter de bar",
        "Je hoeft niet te koken. Rustig inwerken met de gastvrouw.",
        ["cooking-for-others", "company-coffee"],
        [4],
    ),
]


@dataclass
class MatchingDemoResult:
    listings: int = 0
    matches: int = 0


def _staff(neighbourhood: Neighbourhood) -> User | None:
    return (
        User.objects.filter(roles__role=Role.PROFESSIONAL, email__startswith="demo-").first()
        or User.objects.filter(roles__role=Role.COORDINATOR, email__startswith="demo-").first()
    )


@transaction.atomic
def build_matching_demo(*, stdout: Any = None) -> MatchingDemoResult:
    result = MatchingDemoResult()
    neighbourhood = Neighbourhood.objects.filter(code=NEIGHBOURHOOD).first()
    staff = _staff(neighbourhood) if neighbourhood else None
    if neighbourhood is None or staff is None:
        return result
    if Listing.objects.filter(neighbourhood=neighbourhood).exists():
        return result
    terms = {t.slug: t.pk for t in Term.objects.all()}
    resident_user = User.objects.filter(
        roles__role=Role.RESIDENT, email__startswith="demo-"
    ).first()
    own = Person.objects.filter(user=resident_user).first() if resident_user else None
    people = list(
        Person.objects.active()
        .filter(neighbourhood=neighbourhood, user__isnull=True)
        .order_by("pk")[: len(LISTINGS)]
    )
    if len(people) < len(LISTINGS):
        return result
    made: list[Listing] = []
    for n, (kind, topic, title, text, slugs, slots, capacity) in enumerate(LISTINGS):
        owner = people[n]
        actor: Any = staff
        # The demo resident offers the shopping help themself.
        if own is not None and own.neighbourhood_id == neighbourhood.pk and n == 5:
            owner, actor = own, resident_user
        listing = services.listing_save(
            actor=actor,
            listing=Listing(
                kind=kind,
                topic=topic,
                owner=owner,
                title=title,
                text=text,
                slots=slots,
                capacity=capacity,
                frequency="recurring" if kind == Kind.OFFER else "once",
                max_distance_m=None if n in (0, 5) else 2000,
            ),
            terms=[terms[s] for s in slugs if s in terms],
        )
        made.append(listing)
    for place_name, title, adaptations, slugs, slots in TASKS:
        activity = Activity.objects.filter(name=place_name).first()
        organization = None if activity else Organization.objects.filter(name=place_name).first()
        if activity is None and organization is None:
            continue
        made.append(
            services.listing_save(
                actor=staff,
                listing=Listing(
                    kind=Kind.REQUEST,
                    topic=Topic.TASK,
                    neighbourhood=neighbourhood,
                    activity=activity,
                    organization=organization,
                    location=activity.location if activity else None,
                    title=title,
                    adaptations=adaptations,
                    slots=slots,
                    capacity=2,
                    frequency="recurring",
                ),
                terms=[terms[s] for s in slugs if s in terms],
            )
        )
    result.listings = len(made)

    # Two finished matches (telephone help, the garden) and one waiting for a yes.
    for request_n, offer_n, finish in ((1, 6, True), (2, 7, True), (3, 8, False)):
        request, offer = made[request_n], made[offer_n]
        suggestion = adapters.pair_suggestion(request, offer)
        match = services.match_propose(
            actor=staff,
            request=request,
            offer=offer,
            score=suggestion.score if suggestion else 0,
            reason=suggestion.reason if suggestion else "",
            introduce=True,
        )
        result.matches += 1
        if not finish:
            continue
        for _side in (request, offer):
            match = services.match_accept(actor=staff, match=match)
        match = services.match_transition(actor=staff, match=match, to_state=MatchState.MET)
        match = services.match_transition(
            actor=staff,
            match=match,
            to_state=MatchState.EVALUATED,
            success=True,
            text="Het klikte meteen.",
            minutes=90,
        )
        services.match_transition(actor=staff, match=match, to_state=MatchState.ENDED)
    if stdout is not None:
        stdout.write(f"Matching: {result.listings} vragen/aanbod, {result.matches} matches.")
    return result
