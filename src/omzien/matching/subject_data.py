"""What the matching app holds about a person, for export and erasure."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from omzien.core.subject_rights import register_eraser, register_exporter
from omzien.matching.models import Listing, Match, ReciprocityEntry
from omzien.people.models import Person


@register_exporter("requests_and_offers")
def export_listings(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "kind": listing.kind,
            "topic": listing.topic,
            "title": listing.title,
            "own_words": listing.text,
            "terms": [t.label for t in listing.terms.all()],
            "slots": listing.slots,
            "created_at": listing.created_at.isoformat(),
            "matches": [
                {"state": m.state, "created_at": m.created_at.isoformat()}
                for m in Match.objects.filter(Q(request=listing) | Q(offer=listing))
            ],
        }
        for listing in Listing.objects.filter(owner=person).prefetch_related("terms")
    ]


@register_exporter("given_and_received")
def export_reciprocity(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "direction": e.direction,
            "what": e.what,
            "minutes": e.minutes,
            "thanks": e.thanks,
            "date": e.on.isoformat(),
        }
        for e in ReciprocityEntry.objects.filter(person=person)
    ]


@register_eraser("matching", order=40)
def erase_matching(person: Person) -> None:
    """The person's requests, offers (with their matches and history) and what they gave
    and received go. Declined pairs go with the listings."""
    ReciprocityEntry.objects.filter(person=person).delete()
    Listing.objects.filter(owner=person).delete()
