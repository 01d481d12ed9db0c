"""What the welcome app holds about a person, for export and erasure."""

from __future__ import annotations

from typing import Any

from omzien.core.subject_rights import register_eraser, register_exporter
from omzien.people.models import Person
from omzien.welcome.models import Contribution, Referral, TaskClaim


@register_exporter("contributions")
def export_contributions(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "what": c.kind,
            "task": c.title,
            "activity": c.activity.name,
            "date": c.session.starts_at.isoformat(),
        }
        for c in Contribution.objects.filter(person=person).select_related("activity", "session")
    ]


@register_exporter("referrals")
def export_referrals(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "activity": r.activity.name,
            "first_visit": r.session.starts_at.isoformat(),
            "own_words": r.own_words,
            "agreed_on": r.agreed_on.isoformat(),
            "agreed_method": r.agreed_method,
            "first_visit_result": r.first_visit,
        }
        for r in Referral.objects.filter(person=person).select_related("activity", "session")
    ]


@register_eraser("welcome", order=40)
def erase_welcome(person: Person) -> None:
    """The person's own words, tasks and contributions go; as a welcomer they are unset."""
    Referral.objects.filter(person=person).delete()
    Referral.objects.filter(welcomer=person).update(welcomer=None)
    TaskClaim.objects.filter(person=person).delete()
    Contribution.objects.filter(person=person).delete()
