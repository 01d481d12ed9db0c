"""What the support app holds about a person, for export and erasure."""

from __future__ import annotations

from typing import Any

from omzien.core.subject_rights import register_eraser, register_exporter
from omzien.people.models import Person
from omzien.people.subject_data import model_to_json
from omzien.support.models import EarlyWarningPlan, NetworkMember


@register_exporter("support_network")
def export_network(person: Person) -> list[dict[str, Any]]:
    return [
        model_to_json(member, skip={"id", "person", "user"})
        for member in NetworkMember.objects.filter(person=person)
    ]


@register_exporter("early_warning_plan")
def export_plan(person: Person) -> list[dict[str, Any]]:
    plan = EarlyWarningPlan.objects.filter(person=person).first()
    if plan is None:
        return []
    versions = []
    for version in plan.versions.prefetch_related("contacts").order_by("number"):
        row = model_to_json(version, skip={"id", "plan", "created_by"})
        row["contacts"] = [model_to_json(c, skip={"id", "version"}) for c in version.contacts.all()]
        versions.append(row)
    return versions


@register_eraser("support", order=20)
def erase_support(person: Person) -> None:
    NetworkMember.objects.filter(person=person).delete()
    EarlyWarningPlan.objects.filter(person=person).delete()
    # Being in someone else's network is that person's data; only the account link goes.
    if person.user_id is not None:
        NetworkMember.objects.filter(user_id=person.user_id).update(user=None)
