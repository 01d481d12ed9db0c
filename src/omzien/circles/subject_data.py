"""What the circles app holds about a person, for export and erasure."""

from __future__ import annotations

from typing import Any

from omzien.circles.models import Agreement, MeetingAttendance, Membership, ParticipantAnswer
from omzien.core.subject_rights import register_eraser, register_exporter


@register_exporter("neighbourhood_circles")
def export_circles(person: Any) -> list[dict[str, Any]]:
    rows = []
    for membership in Membership.objects.filter(person=person).select_related("circle"):
        circle = membership.circle
        rows.append(
            {
                "circle": circle.name,
                "joined_on": membership.joined_on.isoformat(),
                "left_on": membership.left_on.isoformat() if membership.left_on else None,
                "agreed_how": membership.agreed_how,
                "meetings_attended": [
                    a.meeting.starts_at.isoformat()
                    for a in MeetingAttendance.objects.filter(
                        person=person, meeting__circle=circle
                    ).select_related("meeting")
                ],
                "agreements": [
                    {"text": a.text, "made_on": a.made_on.isoformat(), "status": a.status}
                    for a in Agreement.objects.filter(circle=circle, people=person)
                ],
                "evaluation": [
                    {"went_well": a.went_well, "brought": a.brought, "continues": a.continues}
                    for a in ParticipantAnswer.objects.filter(
                        person=person, evaluation__circle=circle
                    )
                ],
            }
        )
    return rows


@register_eraser("neighbourhood_circles")
def erase_circles(person: Any) -> None:
    """Remove the person from circles. Agreements stay for the others, without them."""
    ParticipantAnswer.objects.filter(person=person).delete()
    MeetingAttendance.objects.filter(person=person).delete()
    for agreement in Agreement.objects.filter(people=person):
        agreement.people.remove(person)
    Membership.objects.filter(person=person).delete()
