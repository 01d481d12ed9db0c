"""Every write to the social map: entries, their classification and hours, the change
history, verification, and the suggestion queue."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.core import permissions
from omzien.directory import taxonomy
from omzien.directory.models import (
    Address,
    Attribute,
    ChangeRecord,
    Kind,
    LinkEntity,
    Location,
    Organization,
    Publication,
    Schedule,
    ScheduleKind,
    SearchWord,
    Service,
    ServiceAtLocation,
    Suggestion,
    SuggestionKind,
    SuggestionStatus,
    TaxonomyTerm,
    stable_uuid,
    valid_point,
)
from omzien.directory.text import MAX_WORD, fold, stems_document, words
from omzien.neighbourhoods.models import Neighbourhood

# --- Denormalised fields and search text ---------------------------------------------------


def _service_prefetch() -> list[Any]:
    return [
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related(
                "location__neighbourhood__district"
            ).prefetch_related("location__addresses"),
        ),
        "cost_options",
    ]


def _terms_by_service(ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[TaxonomyTerm]]:
    # Pairs of ids, then the (few hundred) terms once: an object per attribute row with
    # its term, taxonomy and parent made this most of the refresh of a large import.
    # In term id order: the search document lists the terms in that order, whatever plan
    # the database chooses (the import builds the same document from the rows it read).
    pairs = list(
        Attribute.objects.filter(link_entity=LinkEntity.SERVICE, link_id__in=list(ids))
        .order_by("taxonomy_term_id")
        .values_list("link_id", "taxonomy_term_id")
    )
    terms = TaxonomyTerm.objects.select_related("taxonomy", "parent").in_bulk(
        {term_id for _link, term_id in pairs}
    )
    result: dict[uuid.UUID, list[TaxonomyTerm]] = {}
    for link_id, term_id in pairs:
        result.setdefault(link_id, []).append(terms[term_id])
    return result


def _document(service: Service, terms: Iterable[TaxonomyTerm]) -> str:
    parts = [
        service.name,
        service.alternate_name,
        service.description,
        str(Kind(service.kind).label),
    ]
    if service.organization is not None:
        parts.append(service.organization.name)
    for sal in service.service_at_locations.all():
        location = sal.location
        parts += [location.name, location.alternate_name]
        parts += [a.city for a in location.addresses.all()]
        if location.neighbourhood is not None:
            parts.append(location.neighbourhood.name)
    for term in terms:
        parts += [term.name, term.name_en]
        if term.parent is not None:
            parts += [term.parent.name, term.parent.name_en]
    return " ".join(p for p in parts if p)


def _fill_denormalised(service: Service, terms: Sequence[TaxonomyTerm]) -> None:
    locations = [sal.location for sal in service.service_at_locations.all()]
    with_point = [loc for loc in locations if valid_point(loc.latitude, loc.longitude)]
    service.latitude = with_point[0].latitude if with_point else None
    service.longitude = with_point[0].longitude if with_point else None
    placed = [loc for loc in locations if loc.neighbourhood_id]
    if placed:
        service.neighbourhood = placed[0].neighbourhood
    if service.neighbourhood_id and service.neighbourhood:
        service.municipality_id = service.neighbourhood.district.municipality_id
    elif service.organization is not None and service.organization.municipality_id:
        service.municipality_id = service.organization.municipality_id
    free_term = stable_uuid("term", taxonomy.INCLUSION, taxonomy.FREE)
    costs = list(service.cost_options.all())
    service.is_free = any(t.id == free_term for t in terms) or (
        bool(costs) and all(c.amount is not None and c.amount == 0 for c in costs)
    )
    document = _document(service, terms)
    service.search_document = fold(document)
    service.search_stems = stems_document(document) if searches_stems() else ""


def add_to_lexicon(texts: Iterable[str]) -> None:
    add_words_to_lexicon({w for text in texts for w in words(text)})


def add_words_to_lexicon(unique: set[str]) -> None:
    """Add these words (as ``words`` gives them) to the lexicon."""
    unique = {w for w in unique if len(w) <= MAX_WORD}
    # Most words are known already: look them up rather than build a row for each.
    ordered = sorted(unique)
    for start in range(0, len(ordered), 900):
        chunk = ordered[start : start + 900]
        unique.difference_update(
            SearchWord.objects.filter(word__in=chunk).values_list("word", flat=True)
        )
    SearchWord.objects.bulk_create(
        [SearchWord(word=w, first=w[0], length=len(w)) for w in unique],
        ignore_conflicts=True,
        batch_size=2000,
    )


DENORMALISED = [
    "latitude",
    "longitude",
    "neighbourhood",
    "municipality",
    "is_free",
    "search_document",
    "search_stems",
]


def searches_stems() -> bool:
    """Whether the database searches ``Service.search_stems``: SQLite does. PostgreSQL
    searches its own ``dutch`` vector, so there the column stays empty (stemmed, written
    and stored for nothing, it was a fifth of the entries' text)."""
    return connection.vendor != "postgresql"


def refresh_services(ids: Sequence[uuid.UUID], *, batch_size: int = 1000) -> None:
    """Recompute the denormalised fields and search text of these entries (bulk)."""
    ids = list(ids)
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        services = list(
            Service.objects.filter(id__in=chunk)
            .select_related("organization", "neighbourhood__district")
            .prefetch_related(*_service_prefetch())
        )
        terms = _terms_by_service(chunk)
        for service in services:
            _fill_denormalised(service, terms.get(service.id, []))
        _save_denormalised(services)
        add_to_lexicon(s.search_document for s in services)


def _save_denormalised(services: Sequence[Service]) -> None:
    """Write the denormalised fields with one UPDATE per entry, sent as one executemany.

    bulk_update builds a CASE expression per row and field, which made it most of the
    time of a large import. Values are prepared as Django prepares them for a save.
    """
    if not services:
        return
    quote = connection.ops.quote_name
    meta = Service._meta
    fields: list[Any] = [meta.get_field(name) for name in DENORMALISED]
    pk: Any = meta.pk
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    # Table and column names come from the model; every value is a parameter.
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {assignments} "  # noqa: S608
        f"WHERE {quote(pk.column)} = %s"
    )
    rows = [
        [f.get_db_prep_save(getattr(service, f.attname), connection) for f in fields]
        + [pk.get_db_prep_value(service.pk, connection)]
        for service in services
    ]
    # On PostgreSQL a trigger sets search_vector from the name and the search document
    # (migration 0004), in the same write.
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def refresh_service(service: Service) -> None:
    refresh_services([service.id])
    service.refresh_from_db(fields=DENORMALISED)


# --- Change history ------------------------------------------------------------------------


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return ", ".join(sorted(str(v) for v in value))
    return str(value)


def _updated_by(user: Any) -> str:
    if user is None:
        return "system"
    return user.get_full_name() or user.get_username()


def record_changes(
    *,
    user: Any,
    resource_type: str,
    resource_id: uuid.UUID,
    before: dict[str, Any],
    after: dict[str, Any],
    action: str = "update",
) -> list[ChangeRecord]:
    """One row per changed field (HSDS ``metadata``)."""
    now = timezone.now()
    records = [
        ChangeRecord(
            resource_type=resource_type,
            resource_id=resource_id,
            last_action_date=now,
            last_action_type=action,
            field_name=name,
            previous_value=_as_text(before.get(name)),
            replacement_value=_as_text(value),
            updated_by=_updated_by(user),
            user=user if getattr(user, "pk", None) else None,
        )
        for name, value in after.items()
        if _as_text(before.get(name)) != _as_text(value)
    ]
    ChangeRecord.objects.bulk_create(records)
    return records


# --- Entries -------------------------------------------------------------------------------

SERVICE_FIELDS = [
    "name",
    "alternate_name",
    "kind",
    "publication",
    "status",
    "description",
    "url",
    "email",
    "application_process",
    "fees_description",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "interpretation_services",
    "alert",
    "organization",
    "neighbourhood",
]
LOCATION_FIELDS = ["location_name", "address_1", "postal_code", "city", "latitude", "longitude"]


def service_terms(service: Service) -> list[TaxonomyTerm]:
    ids = Attribute.objects.filter(link_entity=LinkEntity.SERVICE, link_id=service.id).values_list(
        "taxonomy_term_id", flat=True
    )
    return list(TaxonomyTerm.objects.filter(id__in=ids).select_related("taxonomy"))


def _set_terms(service: Service, terms: Iterable[TaxonomyTerm]) -> None:
    wanted = {t.id for t in terms}
    existing = Attribute.objects.filter(link_entity=LinkEntity.SERVICE, link_id=service.id)
    existing.exclude(taxonomy_term_id__in=wanted).delete()
    have = set(existing.values_list("taxonomy_term_id", flat=True))
    Attribute.objects.bulk_create(
        [
            Attribute(
                taxonomy_term_id=term_id,
                link_entity=LinkEntity.SERVICE,
                link_id=service.id,
                link_type="classification",
            )
            for term_id in wanted - have
        ]
    )


def _primary_location(service: Service) -> Location | None:
    sal = service.service_at_locations.select_related("location").first()
    return sal.location if sal else None


def _location_snapshot(location: Location | None) -> dict[str, Any]:
    if location is None:
        return dict.fromkeys(LOCATION_FIELDS)
    address = location.address
    return {
        "location_name": location.name,
        "address_1": address.address_1 if address else "",
        "postal_code": address.postal_code if address else "",
        "city": address.city if address else "",
        "latitude": location.latitude,
        "longitude": location.longitude,
    }


def _save_location(service: Service, data: dict[str, Any]) -> None:
    """Create or update the entry's main location from flat form fields."""
    if not any(data.get(f) not in (None, "") for f in LOCATION_FIELDS):
        return
    location = _primary_location(service)
    if location is None:
        location = Location(organization=service.organization)
    location.name = data.get("location_name") or service.name
    location.latitude = data.get("latitude")
    location.longitude = data.get("longitude")
    location.neighbourhood = service.neighbourhood
    location.full_clean()
    location.save()
    if data.get("address_1"):
        address = location.address or Address(location=location)
        address.address_1 = data["address_1"]
        address.postal_code = data.get("postal_code") or ""
        address.city = data.get("city") or ""
        address.address_type = "physical"
        address.full_clean()
        address.save()
    if not service.service_at_locations.filter(location=location).exists():
        ServiceAtLocation.objects.create(service=service, location=location)


def _check_edit(user: Any, service: Service | None, neighbourhood: Neighbourhood | None) -> None:
    if service is not None:
        permissions.require(user, "directory.edit", service)
    if neighbourhood is not None or service is None:
        permissions.require(user, "directory.create_in", neighbourhood)


@transaction.atomic
def service_create(
    *, user: Any, data: dict[str, Any], terms: Iterable[TaxonomyTerm] = ()
) -> Service:
    _check_edit(user, None, data.get("neighbourhood"))
    service = Service(created_by=user if getattr(user, "pk", None) else None)
    for name in SERVICE_FIELDS:
        if name in data:
            setattr(service, name, data[name])
    service.full_clean()
    service.save()
    terms = list(terms)
    _set_terms(service, terms)
    _save_location(service, data)
    record_changes(
        user=user,
        resource_type="service",
        resource_id=service.id,
        before={},
        after={
            **{name: data.get(name) for name in SERVICE_FIELDS if name in data},
            "classification": [t.name for t in terms],
        },
        action="create",
    )
    refresh_service(service)
    return service


@transaction.atomic
def service_update(
    *,
    user: Any,
    service: Service,
    data: dict[str, Any],
    terms: Iterable[TaxonomyTerm] | None = None,
) -> Service:
    _check_edit(user, service, data.get("neighbourhood"))
    service = Service.objects.select_for_update().get(pk=service.pk)
    before: dict[str, Any] = {name: getattr(service, name) for name in SERVICE_FIELDS}
    before.update(_location_snapshot(_primary_location(service)))
    before["classification"] = [t.name for t in service_terms(service)]
    for name in SERVICE_FIELDS:
        if name in data:
            setattr(service, name, data[name])
    service.full_clean()
    service.save()
    after: dict[str, Any] = {name: getattr(service, name) for name in SERVICE_FIELDS}
    if any(f in data for f in LOCATION_FIELDS):
        _save_location(service, data)
        after.update(_location_snapshot(_primary_location(service)))
    if terms is not None:
        terms = list(terms)
        _set_terms(service, terms)
        after["classification"] = [t.name for t in terms]
    record_changes(
        user=user, resource_type="service", resource_id=service.id, before=before, after=after
    )
    refresh_service(service)
    return service


@transaction.atomic
def service_verify(*, user: Any, service: Service, on: date | None = None) -> Service:
    """Record that someone checked the entry is still right.

    Who did it is in the change history (for editors). The public ``assurer_email`` is the
    team address from settings, not the checker's own address."""
    permissions.require(user, "directory.edit", service)
    before = {"assured_date": service.assured_date, "assurer_email": service.assurer_email}
    service.assured_date = on or timezone.localdate()
    service.assurer_email = settings.OMZIEN_DIRECTORY_ASSURER_EMAIL
    service.save(update_fields=["assured_date", "assurer_email", "updated_at"])
    record_changes(
        user=user,
        resource_type="service",
        resource_id=service.id,
        before=before,
        after={"assured_date": service.assured_date, "assurer_email": service.assurer_email},
    )
    return service


SCHEDULE_FIELDS = [
    "kind",
    "byday",
    "opens_at",
    "closes_at",
    "valid_from",
    "valid_to",
    "description",
]


def _schedule_text(schedules: Iterable[Schedule]) -> list[str]:
    return [
        f"{s.kind} {s.byday} {s.opens_at or ''}-{s.closes_at or ''} "
        f"{s.valid_from or ''}..{s.valid_to or ''} {s.description}".strip()
        for s in schedules
    ]


@transaction.atomic
def schedules_replace(*, user: Any, service: Service, rows: Sequence[dict[str, Any]]) -> None:
    """Replace the entry's own hours (not those of its locations) with `rows`."""
    permissions.require(user, "directory.edit", service)
    old = list(service.schedules.all())
    new = []
    for row in rows:
        schedule = Schedule(service=service, for_service=service)
        for name in SCHEDULE_FIELDS:
            empty = "" if name in ("byday", "description") else None
            setattr(schedule, name, row.get(name) or empty)
        schedule.kind = row.get("kind") or ScheduleKind.REGULAR
        if schedule.kind == ScheduleKind.REGULAR:
            schedule.freq = "WEEKLY"
        elif schedule.valid_from is None:
            raise ValidationError(_("An exception needs a first date."))
        if schedule.kind != ScheduleKind.CLOSED and not (schedule.opens_at and schedule.closes_at):
            raise ValidationError(_("Fill in when it opens and when it closes."))
        if schedule.valid_from and schedule.valid_to and schedule.valid_to < schedule.valid_from:
            raise ValidationError(_("The last date cannot be before the first date."))
        schedule.full_clean(exclude=["for_service"])
        new.append(schedule)
    service.schedules.all().delete()
    Schedule.objects.bulk_create(new)
    record_changes(
        user=user,
        resource_type="service",
        resource_id=service.id,
        before={"schedules": _schedule_text(old)},
        after={"schedules": _schedule_text(new)},
    )
    service.save(update_fields=["updated_at"])


# --- Suggestions -----------------------------------------------------------------------


@transaction.atomic
def suggestion_submit(
    *,
    user: Any,
    neighbourhood: Neighbourhood,
    service: Service | None = None,
    **fields: Any,
) -> Suggestion:
    permissions.require(user, "directory.suggest", None)
    suggestion = Suggestion(
        suggestion_type=SuggestionKind.CORRECTION if service else SuggestionKind.NEW,
        service=service,
        neighbourhood=neighbourhood,
        submitted_by=user,
        **{k: v for k, v in fields.items() if k in Suggestion().as_dict()},
    )
    if suggestion.suggestion_type == SuggestionKind.NEW and not suggestion.name.strip():
        raise ValidationError({"name": _("Give the place or activity a name.")})
    if suggestion.suggestion_type == SuggestionKind.CORRECTION and not suggestion.message.strip():
        raise ValidationError({"message": _("Tell us what should change.")})
    suggestion.full_clean()
    suggestion.save()
    return suggestion


def _pending(suggestion: Suggestion) -> Suggestion:
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if locked.status != SuggestionStatus.PENDING:
        raise ValidationError(_("This suggestion has already been handled."))
    return locked


@transaction.atomic
def suggestion_accept(
    *,
    user: Any,
    suggestion: Suggestion,
    data: dict[str, Any],
    terms: Iterable[TaxonomyTerm] = (),
) -> Service:
    """Accept, with the reviewer's edits in `data`: a new entry, or the corrected entry."""
    permissions.require(user, "directory.review", suggestion)
    suggestion = _pending(suggestion)
    if suggestion.suggestion_type == SuggestionKind.NEW:
        data = {"publication": Publication.PUBLISHED, **data}
        service = service_create(user=user, data=data, terms=terms)
    else:
        if suggestion.service is None:  # excluded by a database constraint
            raise ValidationError(_("This correction is not about an entry."))
        service = service_update(
            user=user, service=suggestion.service, data=data, terms=list(terms) or None
        )
    suggestion.status = SuggestionStatus.ACCEPTED
    suggestion.reviewed_by = user
    suggestion.reviewed_at = timezone.now()
    suggestion.result = service
    suggestion.save()
    return service


@transaction.atomic
def suggestion_reject(*, user: Any, suggestion: Suggestion, reason: str) -> Suggestion:
    permissions.require(user, "directory.review", suggestion)
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason, so the person knows why.")})
    suggestion = _pending(suggestion)
    suggestion.status = SuggestionStatus.REJECTED
    suggestion.reason = reason.strip()
    suggestion.reviewed_by = user
    suggestion.reviewed_at = timezone.now()
    suggestion.save()
    return suggestion


def organization_for_name(name: str, *, municipality_id: int | None) -> Organization | None:
    name = name.strip()
    if not name:
        return None
    organization = Organization.objects.filter(name__iexact=name).first()
    return organization or Organization.objects.create(name=name, municipality_id=municipality_id)
