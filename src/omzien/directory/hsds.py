"""HSDS 3.0 for the social map: records out (export and API), validation, and import.

*Records out* turn models into HSDS dicts as in the shipped examples (``service_full.json``
and friends): keys with an empty value are left out (the schemas type most fields as plain
strings, so null would be invalid) except required ones, lists are sorted by id, and what
omzien keeps verbatim in ``hsds_extra`` is merged back in. ``Service.kind`` and the kind of
an exceptional schedule travel as attributes with omzien's seeded terms.

*Validation* uses the vendored schemas with ``jsonschema`` (Draft 2020-12, ``$ref`` by file
name through a ``referencing.Registry``). A full record takes milliseconds in jsonschema,
too slow for 50,000 records, so a check that fastjsonschema compiles from the same schemas
decides whether a record is valid, and jsonschema explains the invalid ones (``validate``).

*Import* reads a JSON record, list or Page envelope, a directory written by the export, or
HSDS CSV tables; validates every record; and upserts everything by HSDS id in one
transaction with bulk writes. It changes nothing when the same file comes in again.
"""

from __future__ import annotations

import csv
import gc
import json
import math
import os
import queue
import re
import sys
import threading
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from functools import cache, partial
from pathlib import Path
from typing import Any

import fastjsonschema
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, models, transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from omzien.directory import taxonomy
from omzien.directory.models import (
    Address,
    Attribute,
    ChangeRecord,
    Contact,
    CostOption,
    Kind,
    LinkEntity,
    Location,
    Organization,
    Phone,
    Publication,
    Schedule,
    ScheduleKind,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    Taxonomy,
    TaxonomyTerm,
    stable_uuid,
    valid_point,
)
from omzien.directory.places import NeighbourhoodFinder
from omzien.directory.services import add_words_to_lexicon, refresh_services, searches_stems
from omzien.directory.text import Part, PartCache, stems_of
from omzien.neighbourhoods.models import Municipality, Neighbourhood

SCHEMA_DIR = Path(__file__).resolve().parent / "hsds" / "schema"
HSDS_VERSION = "3.0"
PROFILE_URL = "https://docs.openreferral.org/en/latest/hsds/"
HSDS_OPENAPI_URL = (
    "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
)
# Ids per query: below SQLite's 999 bound parameters, far below PostgreSQL's limit.
CHUNK = 900
WRITE_BATCH = 500
# Pieces of COPY text (of WRITE_BATCH rows) made ahead of the server: enough for a
# municipality's file, so that the next file can be read while the server takes them in.
COPY_QUEUE = 256

Record = dict[str, Any]


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- omzien's own terms as attributes ------------------------------------------------------

KIND_TERMS: dict[uuid.UUID, str] = {
    stable_uuid("term", taxonomy.KIND, kind): kind for kind in Kind.values if kind != Kind.OTHER
}
SCHEDULE_TERMS: dict[uuid.UUID, str] = {
    stable_uuid("term", taxonomy.SCHEDULE, kind): kind
    for kind in (ScheduleKind.CLOSED, ScheduleKind.SPECIAL)
}


def kind_attribute_id(service_id: uuid.UUID) -> uuid.UUID:
    """The id of the attribute that carries ``Service.kind`` (stable, never stored)."""
    return stable_uuid("attribute", taxonomy.KIND, str(service_id))


def schedule_attribute_id(schedule_id: uuid.UUID) -> uuid.UUID:
    return stable_uuid("attribute", taxonomy.SCHEDULE, str(schedule_id))


# --- Schemas and validation ----------------------------------------------------------------


@cache
def schemas() -> dict[str, Record]:
    """The vendored HSDS schemas by file name ("service.json")."""
    return {p.name: json.loads(p.read_text("utf-8")) for p in sorted(SCHEMA_DIR.glob("*.json"))}


@cache
def _registry() -> Registry:
    return Registry().with_resources(
        (name, DRAFT202012.create_resource(schema)) for name, schema in schemas().items()
    )


_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+")


def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or bool(_URI.fullmatch(value))


def _is_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return False
    return "T" in value.upper() and parsed.tzinfo is not None


@cache
def format_checker() -> FormatChecker:
    """uuid and email as jsonschema checks them; uri and date-time without the optional
    packages jsonschema would need (rfc3987, rfc3339-validator)."""
    checker = FormatChecker(formats=("email", "uuid"))
    checker.checks("uri")(_is_uri)
    checker.checks("date-time")(_is_datetime)
    return checker


@cache
def validator(schema_name: str) -> Draft202012Validator:
    """A jsonschema validator for one schema, built once and reused for every record."""
    return Draft202012Validator(
        schemas()[schema_name], registry=_registry(), format_checker=format_checker()
    )


Check = Callable[[Any], bool]

_UUID = re.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _format_test(name: str) -> Callable[[str], bool]:
    """The FormatChecker's test for one format, so both validators agree on formats."""
    conforms = format_checker().conforms
    if name == "uuid":
        # The canonical form first: a regex is much cheaper than the checker, and whatever
        # it accepts the checker accepts too.
        return lambda value: _UUID.fullmatch(value) is not None or conforms(value, "uuid")
    return partial(conforms, format=name)


def _schema_by_file_name(uri: str) -> Record:
    return schemas()[uri.rsplit("/", 1)[-1]]


def _inlined(schema: Any, within: tuple[str, ...] = ()) -> Any:
    """The schema with each ``$ref`` to another schema file replaced by that file's schema
    (the HSDS schemas refer to each other by file name; the keywords next to a ``$ref``
    are only annotations: title, name, description). A reference back to a schema it is
    already inside stays a reference.

    fastjsonschema compiles each referenced file to a function, and each call formats the
    record's path for an error message that the check never shows: inlined, a nested
    service record is checked about a third faster."""
    if isinstance(schema, list):
        return [_inlined(item, within) for item in schema]
    if not isinstance(schema, dict):
        return schema
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref in schemas() and ref not in within:
        target = schemas()[ref]
        return _inlined(
            {k: v for k, v in target.items() if k not in ("$id", "$schema")}, (*within, ref)
        )
    return {key: _inlined(value, within) for key, value in schema.items()}


@cache
def fast_check(schema_name: str) -> Check:
    """A check compiled by fastjsonschema from the same schema (with the files it refers to
    inlined): whether a record is valid, about fifty times faster than jsonschema. It never
    fills in defaults."""
    compiled = fastjsonschema.compile(
        _inlined(schemas()[schema_name], (schema_name,)),
        handlers={"": _schema_by_file_name},
        formats={name: _format_test(name) for name in format_checker().checkers},
        use_default=False,
        detailed_exceptions=False,
    )

    def check(record: Any) -> bool:
        try:
            compiled(record)
        except fastjsonschema.JsonSchemaValueException:
            return False
        return True

    return check


def _json_path(segments: Iterable[Any]) -> str:
    path = ""
    for segment in segments:
        path += f"[{segment}]" if isinstance(segment, int) else f".{segment}" if path else segment
    return path


def _error_path(error: ValidationError) -> str:
    segments = list(error.absolute_path)
    if error.validator == "required" and isinstance(error.validator_value, list):
        for name in error.validator_value:
            if error.message == f"{name!r} is a required property":
                segments.append(name)
                break
    return _json_path(segments)


def validate(schema_name: str, record: Any) -> list[tuple[str, str]]:
    """(JSON path, message) for each way the record breaks the schema; [] when valid."""
    if fast_check(schema_name)(record):
        return []
    errors = sorted(validator(schema_name).iter_errors(record), key=lambda e: _error_path(e))
    return [(_error_path(e), e.message) for e in errors]


# --- Records out ---------------------------------------------------------------------------


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


@cache
def _key_order(schema_name: str) -> dict[str, int]:
    return {key: i for i, key in enumerate(schemas()[schema_name].get("properties", {}))}


@cache
def _required(schema_name: str) -> frozenset[str]:
    return frozenset(schemas()[schema_name].get("required", ()))


@cache
def _property_schema(schema_name: str, key: str) -> str | None:
    prop = schemas()[schema_name].get("properties", {}).get(key, {})
    ref = prop.get("$ref") or prop.get("items", {}).get("$ref")
    return ref if ref in schemas() else None


def _ordered(schema_name: str | None, record: Record) -> Record:
    """Keys in the schema's order, unknown ones after them A-Z: the same output whatever
    order the database kept a JSON object in (PostgreSQL's jsonb sorts keys)."""
    order = _key_order(schema_name) if schema_name else {}

    def key(name: str) -> tuple[int, int, str]:
        return (0, order[name], "") if name in order else (1, 0, name)

    return {k: record[k] for k in sorted(record, key=key)}


def _verbatim(schema_name: str | None, value: Any) -> Any:
    """A value kept in ``hsds_extra``, with its objects' keys in a stable order."""
    if isinstance(value, dict):
        return _ordered(
            schema_name,
            {
                k: _verbatim(_property_schema(schema_name, k) if schema_name else None, v)
                for k, v in value.items()
            },
        )
    if isinstance(value, list):
        return [_verbatim(schema_name, v) for v in value]
    return value


def _record(schema_name: str, values: Record, extra: Record | None = None) -> Record:
    """An HSDS record: empty values left out (required ones as ""), `extra` merged in."""
    required = _required(schema_name)
    out: Record = {}
    for key, value in values.items():
        if not _empty(value):
            out[key] = value
        elif key in required and not isinstance(value, list):
            out[key] = ""
    for key, value in (extra or {}).items():
        if key not in values and not _empty(value):
            out[key] = _verbatim(_property_schema(schema_name, key), value)
    return _ordered(schema_name, out)


def _id(value: uuid.UUID | None) -> str | None:
    return str(value) if value else None


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _time(value: time | None) -> str | None:
    return value.strftime("%H:%M:%S") if value else None


def _datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _amount(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _by_id(records: Iterable[Record]) -> list[Record]:
    return sorted(records, key=lambda r: r["id"])


def _scalars(extra: Record) -> Record:
    return {k: v for k, v in extra.items() if not isinstance(v, list | dict)}


def taxonomy_record(item: Taxonomy) -> Record:
    return _record(
        "taxonomy.json",
        {
            "id": str(item.id),
            "name": item.name,
            "description": item.description,
            "uri": item.uri,
            "version": item.version,
        },
        item.hsds_extra,
    )


def term_record(term: TaxonomyTerm) -> Record:
    """A term with its taxonomy as ``taxonomy_detail`` (select_related("taxonomy"))."""
    tax = term.taxonomy
    return _record(
        "taxonomy_term.json",
        {
            "id": str(term.id),
            "code": term.code,
            "name": term.name,
            "description": term.description,
            "parent_id": _id(term.parent_id or term.parent_external_id),
            "taxonomy": term.taxonomy_name or (tax.name if tax else ""),
            "taxonomy_detail": taxonomy_record(tax) if tax else None,
            "language": term.language,
            "taxonomy_id": _id(term.taxonomy_id),
            "term_uri": term.term_uri,
        },
        term.hsds_extra,
    )


BASE_KEYS = frozenset({"version", "profile", "openapi_url"})


def base_record(openapi_url: str = HSDS_OPENAPI_URL) -> Record:
    return {"version": HSDS_VERSION, "profile": PROFILE_URL, "openapi_url": openapi_url}


class Lookups:
    """What the records of one batch share, each loaded in one query: attributes, change
    history, and omzien's kind and schedule terms."""

    def __init__(self) -> None:
        self.attributes: dict[tuple[str, uuid.UUID], list[Attribute]] = defaultdict(list)
        self.changes: dict[uuid.UUID, list[ChangeRecord]] = defaultdict(list)
        self._special: dict[uuid.UUID, TaxonomyTerm] | None = None

    @property
    def special(self) -> dict[uuid.UUID, TaxonomyTerm]:
        if self._special is None:
            ids = [*KIND_TERMS, *SCHEDULE_TERMS]
            terms = TaxonomyTerm.objects.filter(id__in=ids).select_related("taxonomy")
            self._special = {t.id: t for t in terms}
        return self._special

    def load(self, link_ids: Iterable[uuid.UUID], resource_ids: Iterable[uuid.UUID]) -> None:
        self.attributes.clear()
        self.changes.clear()
        links = sorted(set(link_ids), key=str)
        for chunk in _chunks(links):
            rows = Attribute.objects.filter(link_id__in=chunk).select_related(
                "taxonomy_term__taxonomy"
            )
            for attribute in rows:
                self.attributes[(attribute.link_entity, attribute.link_id)].append(attribute)
        resources = sorted(set(resource_ids), key=str)
        for chunk in _chunks(resources):
            for change in ChangeRecord.objects.filter(resource_id__in=chunk):
                self.changes[change.resource_id].append(change)

    def attributes_of(
        self, entity: str, link_id: uuid.UUID, synthetic: tuple[uuid.UUID, uuid.UUID] | None
    ) -> list[Record]:
        rows = self.attributes.get((entity, link_id), [])
        out = [attribute_record(a) for a in rows]
        if synthetic is not None:
            attribute_id, term_id = synthetic
            term = self.special.get(term_id)
            if term is not None and not any(a.taxonomy_term_id == term_id for a in rows):
                out.append(
                    _record(
                        "attribute.json",
                        {
                            "id": str(attribute_id),
                            "link_id": str(link_id),
                            "taxonomy_term_id": str(term_id),
                            "link_type": "classification",
                            "link_entity": entity,
                            "taxonomy_term": term_record(term),
                        },
                    )
                )
        return _by_id(out)

    def metadata_of(self, resource_id: uuid.UUID) -> list[Record]:
        return _by_id(metadata_record(c) for c in self.changes.get(resource_id, []))


def attribute_record(item: Attribute) -> Record:
    return _record(
        "attribute.json",
        {
            "id": str(item.id),
            "link_id": str(item.link_id),
            "taxonomy_term_id": str(item.taxonomy_term_id),
            "link_type": item.link_type,
            "link_entity": item.link_entity,
            "value": item.value,
            "taxonomy_term": term_record(item.taxonomy_term),
        },
        item.hsds_extra,
    )


# What HSDS ``updated_by`` says for a change made by someone in omzien: their name is for
# the editors (the entry's history page), not for everyone who reads the export or the API.
UPDATED_IN_OMZIEN = "omzien"


def metadata_record(change: ChangeRecord) -> Record:
    return _record(
        "metadata.json",
        {
            "id": str(change.id),
            "resource_id": str(change.resource_id),
            "resource_type": change.resource_type,
            "last_action_date": _datetime(change.last_action_date),
            "last_action_type": change.last_action_type,
            "field_name": change.field_name,
            "previous_value": change.previous_value,
            "replacement_value": change.replacement_value,
            "updated_by": UPDATED_IN_OMZIEN if change.user_id else change.updated_by,
        },
    )


def _language(item: ServiceLanguage) -> Record:
    return _record(
        "language.json",
        {"id": str(item.id), "name": item.name, "code": item.code, "note": item.note},
        item.hsds_extra,
    )


def _phone(item: Phone) -> Record:
    return _record(
        "phone.json",
        {
            "id": str(item.id),
            "number": item.number,
            "extension": item.extension,
            "type": item.type,
            "description": item.description,
            "languages": _by_id(_language(x) for x in item.languages.all()),
        },
        item.hsds_extra,
    )


def _phones(items: Iterable[Phone]) -> list[Record]:
    return _by_id(_phone(x) for x in items)


def _contact(item: Contact) -> Record:
    return _record(
        "contact.json",
        {
            "id": str(item.id),
            "name": item.name,
            "title": item.title,
            "department": item.department,
            "email": item.email,
            "phones": _phones(item.phones.all()),
        },
        item.hsds_extra,
    )


def _contacts(items: Iterable[Contact]) -> list[Record]:
    return _by_id(_contact(x) for x in items)


def _schedule(item: Schedule, lookups: Lookups) -> Record:
    synthetic = None
    if item.kind in (ScheduleKind.CLOSED, ScheduleKind.SPECIAL):
        synthetic = (
            schedule_attribute_id(item.id),
            stable_uuid("term", taxonomy.SCHEDULE, item.kind),
        )
    return _record(
        "schedule.json",
        {
            "id": str(item.id),
            "valid_from": _date(item.valid_from),
            "valid_to": _date(item.valid_to),
            "dtstart": _date(item.dtstart),
            "timezone": item.timezone,
            "until": _date(item.until),
            "count": item.count,
            "wkst": item.wkst,
            "freq": item.freq,
            "interval": item.interval,
            "byday": item.byday,
            "byweekno": item.byweekno,
            "bymonthday": item.bymonthday,
            "byyearday": item.byyearday,
            "description": item.description,
            "opens_at": _time(item.opens_at),
            "closes_at": _time(item.closes_at),
            "schedule_link": item.schedule_link,
            "attending_type": item.attending_type,
            "notes": item.notes,
            "attributes": lookups.attributes_of(LinkEntity.SCHEDULE, item.id, synthetic),
        },
        item.hsds_extra,
    )


def _schedules(items: Iterable[Schedule], lookups: Lookups) -> list[Record]:
    return _by_id(_schedule(x, lookups) for x in items)


def _address(item: Address) -> Record:
    return _record(
        "address.json",
        {
            "id": str(item.id),
            "attention": item.attention,
            "address_1": item.address_1,
            "address_2": item.address_2,
            "city": item.city,
            "region": item.region,
            "state_province": item.state_province,
            "postal_code": item.postal_code,
            "country": item.country,
            "address_type": item.address_type,
        },
        item.hsds_extra,
    )


def _location_values(item: Location) -> Record:
    return {
        "id": str(item.id),
        "location_type": item.location_type,
        "url": item.url,
        "organization_id": _id(item.organization_id),
        "name": item.name,
        "alternate_name": item.alternate_name,
        "description": item.description,
        "transportation": item.transportation,
        "latitude": item.latitude,
        "longitude": item.longitude,
        "external_identifier": item.external_identifier,
        "external_identifier_type": item.external_identifier_type,
    }


def location_record(item: Location, lookups: Lookups | None = None) -> Record:
    """The full location; without `lookups` the brief one (no nested lists)."""
    if lookups is None:
        return _record("location.json", _location_values(item), _scalars(item.hsds_extra))
    return _record(
        "location.json",
        {
            **_location_values(item),
            "languages": _by_id(_language(x) for x in item.languages.all()),
            "addresses": _by_id(_address(x) for x in item.addresses.all()),
            "contacts": _contacts(item.contacts.all()),
            "phones": _phones(item.phones.all()),
            "schedules": _schedules(item.schedules.all(), lookups),
            "attributes": lookups.attributes_of(LinkEntity.LOCATION, item.id, None),
            "metadata": lookups.metadata_of(item.id),
        },
        item.hsds_extra,
    )


def _organization_values(item: Organization) -> Record:
    return {
        "id": str(item.id),
        "name": item.name,
        "alternate_name": item.alternate_name,
        "description": item.description,
        "email": item.email,
        "website": item.website,
        "legal_status": item.legal_status,
        "parent_organization_id": _id(item.parent_id or item.parent_external_id),
    }


def organization_record(
    item: Organization,
    lookups: Lookups | None = None,
    *,
    locations: bool = False,
    services: list[Record] | None = None,
) -> Record:
    """Brief without `lookups`; with them, nested contacts, phones, attributes and history,
    and with `locations` its locations (as in ``organization_full.json``)."""
    if lookups is None:
        return _record("organization.json", _organization_values(item), _scalars(item.hsds_extra))
    values = {
        **_organization_values(item),
        "contacts": _contacts(item.contacts.all()),
        "phones": _phones(item.phones.all()),
        "locations": (
            _by_id(location_record(x, lookups) for x in item.locations.all()) if locations else []
        ),
        "attributes": lookups.attributes_of(LinkEntity.ORGANIZATION, item.id, None),
        "metadata": lookups.metadata_of(item.id),
    }
    if services is not None:
        values["services"] = services
    return _record("organization.json", values, item.hsds_extra)


def _service_values(item: Service) -> Record:
    return {
        "id": str(item.id),
        "organization_id": _id(item.organization_id),
        "name": item.name,
        "alternate_name": item.alternate_name,
        "description": item.description,
        "url": item.url,
        "email": item.email,
        "status": item.status,
        "interpretation_services": item.interpretation_services,
        "application_process": item.application_process,
        "fees_description": item.fees_description,
        "eligibility_description": item.eligibility_description,
        "minimum_age": item.minimum_age,
        "maximum_age": item.maximum_age,
        "assured_date": _date(item.assured_date),
        "assurer_email": item.assurer_email,
        "alert": item.alert,
        "last_modified": _datetime(item.updated_at),
    }


def brief_service_record(item: Service) -> Record:
    """As in ``service_list.json``: the service's own fields and its brief organisation."""
    values = _service_values(item)
    values["organization"] = organization_record(item.organization) if item.organization else None
    extra = {k: v for k, v in item.hsds_extra.items() if not isinstance(v, list)}
    return _record("service.json", values, extra)


def brief_services(queryset: QuerySet[Service]) -> list[Record]:
    """Brief records of these services, sorted by id, in one query."""
    return _by_id(brief_service_record(s) for s in queryset.select_related("organization"))


def _service_at_location(item: ServiceAtLocation, lookups: Lookups) -> Record:
    return _record(
        "service_at_location.json",
        {
            "id": str(item.id),
            "description": item.description,
            "contacts": _contacts(item.contacts.all()),
            "phones": _phones(item.phones.all()),
            "schedules": _schedules(item.schedules.all(), lookups),
            "location": location_record(item.location, lookups),
            "attributes": lookups.attributes_of(LinkEntity.SERVICE_AT_LOCATION, item.id, None),
            "metadata": lookups.metadata_of(item.id),
        },
        item.hsds_extra,
    )


def brief_service_at_location_record(item: ServiceAtLocation) -> Record:
    """As in ``service_at_location_list.json`` (select_related service__organization and
    location)."""
    return _record(
        "service_at_location.json",
        {
            "id": str(item.id),
            "description": item.description,
            "location": location_record(item.location),
            "service": brief_service_record(item.service),
        },
        _scalars(item.hsds_extra),
    )


def service_record(item: Service, lookups: Lookups) -> Record:
    """The full service, as in ``service_full.json`` (load it with ``SERVICE_PREFETCH``)."""
    synthetic = None
    if item.kind != Kind.OTHER:
        synthetic = (kind_attribute_id(item.id), stable_uuid("term", taxonomy.KIND, item.kind))
    organization = item.organization
    return _record(
        "service.json",
        {
            **_service_values(item),
            "phones": _phones(item.phones.all()),
            "schedules": _schedules(item.schedules.all(), lookups),
            "service_at_locations": _by_id(
                _service_at_location(x, lookups) for x in item.service_at_locations.all()
            ),
            "languages": _by_id(_language(x) for x in item.languages.all()),
            "organization": (
                organization_record(organization, lookups) if organization is not None else None
            ),
            "cost_options": _by_id(_cost_option(x) for x in item.cost_options.all()),
            "contacts": _contacts(item.contacts.all()),
            "attributes": lookups.attributes_of(LinkEntity.SERVICE, item.id, synthetic),
            "metadata": lookups.metadata_of(item.id),
        },
        item.hsds_extra,
    )


def _cost_option(item: CostOption) -> Record:
    return _record(
        "cost_option.json",
        {
            "id": str(item.id),
            "valid_from": _date(item.valid_from),
            "valid_to": _date(item.valid_to),
            "option": item.option,
            "currency": item.currency,
            "amount": _amount(item.amount),
            "amount_description": item.amount_description,
        },
        item.hsds_extra,
    )


# --- Loading what the records need, in a fixed number of queries ---------------------------


def _phones_prefetch(lookup: str) -> Prefetch:
    return Prefetch(lookup, queryset=Phone.objects.prefetch_related("languages"))


def _contacts_prefetch(lookup: str) -> Prefetch:
    phones = Phone.objects.prefetch_related("languages")
    contacts = Contact.objects.prefetch_related(Prefetch("phones", queryset=phones))
    return Prefetch(lookup, queryset=contacts)


def _location_prefetch(prefix: str) -> list[Any]:
    return [
        f"{prefix}addresses",
        f"{prefix}languages",
        _contacts_prefetch(f"{prefix}contacts"),
        _phones_prefetch(f"{prefix}phones"),
        f"{prefix}schedules",
    ]


def service_prefetch() -> list[Any]:
    """What ``service_record`` reads, for ``prefetch_related`` (with the organisation
    select_related)."""
    return [
        _phones_prefetch("phones"),
        "schedules",
        "languages",
        _contacts_prefetch("contacts"),
        "cost_options",
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location"),
        ),
        _contacts_prefetch("service_at_locations__contacts"),
        _phones_prefetch("service_at_locations__phones"),
        "service_at_locations__schedules",
        *_location_prefetch("service_at_locations__location__"),
        _contacts_prefetch("organization__contacts"),
        _phones_prefetch("organization__phones"),
    ]


def _location_ids(location: Location) -> tuple[list[uuid.UUID], list[uuid.UUID]]:
    """(ids that can carry attributes, ids that can carry history) of a loaded location."""
    return [location.id, *(s.id for s in location.schedules.all())], [location.id]


def _load_for_services(services: Sequence[Service], lookups: Lookups) -> None:
    links: list[uuid.UUID] = []
    resources: list[uuid.UUID] = []
    for service in services:
        links.append(service.id)
        resources.append(service.id)
        links += [s.id for s in service.schedules.all()]
        for sal in service.service_at_locations.all():
            links.append(sal.id)
            resources.append(sal.id)
            links += [s.id for s in sal.schedules.all()]
            more_links, more_resources = _location_ids(sal.location)
            links += more_links
            resources += more_resources
        if service.organization_id:
            links.append(service.organization_id)
            resources.append(service.organization_id)
    lookups.load(links, resources)


def full_services(queryset: QuerySet[Service], lookups: Lookups | None = None) -> list[Record]:
    """Full records of these services, sorted by id, in a fixed number of queries."""
    lookups = lookups or Lookups()
    services = list(queryset.select_related("organization").prefetch_related(*service_prefetch()))
    _load_for_services(services, lookups)
    return _by_id(service_record(s, lookups) for s in services)


def organization_prefetch(*, include_drafts: bool) -> list[Any]:
    locations = Location.objects.all()
    if not include_drafts:
        # Not the address of a draft entry: only locations without entries or with a
        # published one.
        locations = locations.filter(
            Q(service_at_locations__isnull=True)
            | Q(service_at_locations__service__publication=Publication.PUBLISHED)
        ).distinct()
    return [
        _contacts_prefetch("contacts"),
        _phones_prefetch("phones"),
        Prefetch("locations", queryset=locations),
        *_location_prefetch("locations__"),
    ]


def full_organizations(
    queryset: QuerySet[Organization],
    *,
    include_drafts: bool = False,
    services: dict[uuid.UUID, list[Record]] | None = None,
    lookups: Lookups | None = None,
) -> list[Record]:
    """Full organisation records with their locations (as in ``organization_full.json``);
    `services` adds each one's (brief) services."""
    lookups = lookups or Lookups()
    organizations = list(
        queryset.prefetch_related(*organization_prefetch(include_drafts=include_drafts))
    )
    links: list[uuid.UUID] = []
    resources: list[uuid.UUID] = []
    for organization in organizations:
        links.append(organization.id)
        resources.append(organization.id)
        for location in organization.locations.all():
            more_links, more_resources = _location_ids(location)
            links += more_links
            resources += more_resources
    lookups.load(links, resources)
    return _by_id(
        organization_record(
            o,
            lookups,
            locations=True,
            services=None if services is None else services.get(o.id, []),
        )
        for o in organizations
    )


def exported_services(*, include_drafts: bool = False) -> QuerySet[Service]:
    return Service.objects.all() if include_drafts else Service.objects.published()


def exported_organizations(*, include_drafts: bool = False) -> QuerySet[Organization]:
    """Organisations with an exported entry, or without entries at all."""
    if include_drafts:
        return Organization.objects.all()
    return Organization.objects.filter(
        Q(services__publication=Publication.PUBLISHED) | Q(services__isnull=True)
    ).distinct()


def _write_list(path: Path, records: Iterable[Record]) -> int:
    """A JSON list written record by record, so a big export never sits in memory whole."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("[")
        for record in records:
            text = json.dumps(record, ensure_ascii=False, indent=2)
            out.write(
                ("\n" if count == 0 else ",\n") + "\n".join("  " + x for x in text.split("\n"))
            )
            count += 1
        out.write("\n]\n" if count else "]\n")
    return count


def _service_batches(ids: Sequence[uuid.UUID], batch: int) -> Iterator[Record]:
    lookups = Lookups()
    for chunk in _chunks(ids, batch):
        yield from full_services(Service.objects.filter(id__in=chunk), lookups)


def hsds_export(
    *, directory: Path, include_drafts: bool = False, batch: int = 500
) -> dict[str, int]:
    """Write the social map as HSDS JSON into `directory`; returns the number of records
    per file. Published entries only unless `include_drafts`."""
    directory.mkdir(parents=True, exist_ok=True)
    service_ids = sorted(
        exported_services(include_drafts=include_drafts).values_list("id", flat=True), key=str
    )
    organization_ids = sorted(
        exported_organizations(include_drafts=include_drafts).values_list("id", flat=True),
        key=str,
    )

    def organizations() -> Iterator[Record]:
        lookups = Lookups()
        for chunk in _chunks(organization_ids, batch):
            yield from full_organizations(
                Organization.objects.filter(id__in=chunk),
                include_drafts=include_drafts,
                lookups=lookups,
            )

    counts = {
        "services.json": _write_list(
            directory / "services.json", _service_batches(service_ids, batch)
        ),
        "organizations.json": _write_list(directory / "organizations.json", organizations()),
        "taxonomies.json": _write_list(
            directory / "taxonomies.json",
            _by_id(taxonomy_record(t) for t in Taxonomy.objects.all()),
        ),
        "taxonomy_terms.json": _write_list(
            directory / "taxonomy_terms.json",
            _by_id(term_record(t) for t in TaxonomyTerm.objects.select_related("taxonomy")),
        ),
    }
    (directory / "base.json").write_text(
        json.dumps(base_record(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return counts


# --- Import: tables ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Table:
    name: str
    model: type[models.Model]
    schema: str
    fields: tuple[str, ...]
    # HSDS key of a reference → (model attname, table it points at)
    links: dict[str, tuple[str, str]] = field(default_factory=dict)
    # keys the reader handles itself (nested records); never kept in hsds_extra
    nested: frozenset[str] = frozenset()
    # HSDS key → model attname, for the few fields named differently
    renamed: dict[str, str] = field(default_factory=dict)


def _links(*names: str) -> dict[str, tuple[str, str]]:
    return {f"{name}_id": (f"{name}_id", name) for name in names}


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


TABLES: dict[str, _Table] = {
    t.name: t
    for t in (
        _Table("taxonomy", Taxonomy, "taxonomy.json", _names("name description uri version")),
        _Table(
            "taxonomy_term",
            TaxonomyTerm,
            "taxonomy_term.json",
            _names("code name description language term_uri"),
            {"parent_id": ("parent_id", "taxonomy_term"), **_links("taxonomy")},
            frozenset({"taxonomy_detail"}),
            {"taxonomy": "taxonomy_name"},
        ),
        _Table(
            "organization",
            Organization,
            "organization.json",
            _names("name alternate_name description email website legal_status"),
            {"parent_organization_id": ("parent_id", "organization")},
            frozenset(_names("contacts phones locations services attributes metadata")),
        ),
        _Table(
            "location",
            Location,
            "location.json",
            _names(
                "location_type url name alternate_name description transportation latitude "
                "longitude external_identifier external_identifier_type"
            ),
            _links("organization"),
            frozenset(_names("languages addresses contacts phones schedules attributes metadata")),
        ),
        _Table(
            "address",
            Address,
            "address.json",
            _names(
                "attention address_1 address_2 city region state_province postal_code country "
                "address_type"
            ),
            _links("location"),
        ),
        _Table(
            "service",
            Service,
            "service.json",
            _names(
                "name alternate_name description url email status interpretation_services "
                "application_process fees_description eligibility_description minimum_age "
                "maximum_age assured_date assurer_email alert"
            ),
            _links("organization"),
            frozenset(
                _names(
                    "phones schedules service_at_locations languages organization cost_options "
                    "contacts attributes metadata"
                )
            ),
            {"last_modified": "updated_at"},
        ),
        _Table(
            "service_at_location",
            ServiceAtLocation,
            "service_at_location.json",
            ("description",),
            _links("service", "location"),
            frozenset(_names("contacts phones schedules location service attributes metadata")),
        ),
        _Table(
            "contact",
            Contact,
            "contact.json",
            _names("name title department email"),
            _links("organization", "service", "service_at_location", "location"),
            frozenset({"phones"}),
        ),
        _Table(
            "phone",
            Phone,
            "phone.json",
            _names("number extension type description"),
            _links("location", "service", "organization", "contact", "service_at_location"),
            frozenset({"languages"}),
        ),
        _Table(
            "language",
            ServiceLanguage,
            "language.json",
            _names("name code note"),
            _links("service", "location", "phone"),
        ),
        _Table(
            "schedule",
            Schedule,
            "schedule.json",
            _names(
                "valid_from valid_to dtstart timezone until count wkst freq interval byday "
                "byweekno bymonthday byyearday description opens_at closes_at schedule_link "
                "attending_type notes"
            ),
            _links("service", "location", "service_at_location"),
            frozenset({"attributes"}),
        ),
        _Table(
            "cost_option",
            CostOption,
            "cost_option.json",
            _names("valid_from valid_to option currency amount amount_description"),
            _links("service"),
        ),
        _Table(
            "attribute",
            Attribute,
            "attribute.json",
            _names("link_type link_entity value"),
            _links("taxonomy_term"),
            frozenset({"taxonomy_term", "link_id"}),
        ),
        _Table(
            "metadata",
            ChangeRecord,
            "metadata.json",
            _names(
                "resource_type last_action_type field_name previous_value replacement_value "
                "updated_by"
            ),
            nested=frozenset({"resource_id"}),
            renamed={"last_action_date": "last_action_date"},
        ),
    )
}
WRITE_ORDER = tuple(TABLES)
# References that must point at a record: a dangling one is an error. A dangling parent is
# kept in ``parent_external_id``; any other dangling reference is kept in ``hsds_extra``.
REQUIRED_LINKS = {
    ("service", "organization_id"),
    ("service_at_location", "service_id"),
    ("service_at_location", "location_id"),
    ("address", "location_id"),
    ("cost_option", "service_id"),
    ("attribute", "taxonomy_term_id"),
}
# References a record cannot do without (a service without an organisation is fine).
MANDATORY_LINKS = REQUIRED_LINKS - {("service", "organization_id")}
EXTERNAL_PARENTS = {("organization", "parent_organization_id"), ("taxonomy_term", "parent_id")}

# The kinds of top-level record a file can hold, with their schemas.
KINDS = {
    "taxonomy": "taxonomy.json",
    "taxonomy_term": "taxonomy_term.json",
    "organization": "organization.json",
    "location": "location.json",
    "service": "service.json",
    "service_at_location": "service_at_location.json",
}


# --- Import: values ------------------------------------------------------------------------

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d+)?)?")


def _to_text(max_length: int | None, value: Any) -> str:
    text = value if isinstance(value, str) else str(value)
    if max_length is not None and len(text) > max_length:
        raise ValueError(
            f"te lang: {len(text)} tekens, ten hoogste {max_length} "
            f"(too long: {len(text)} characters, at most {max_length})"
        )
    return text


def _to_date(value: Any) -> date:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{value!r} is geen datum JJJJ-MM-DD (is not a date YYYY-MM-DD)")


def _to_time(value: Any) -> time:
    if isinstance(value, str) and _TIME.fullmatch(value):
        try:
            return time.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{value!r} is geen tijd UU:MM:SS (is not a time HH:MM:SS)")


def _to_datetime(value: Any) -> datetime:
    if isinstance(value, str):
        if _DATE.fullmatch(value):
            return datetime.combine(_to_date(value), time(0), tzinfo=UTC)
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    raise ValueError(f"{value!r} is geen datum-tijd (is not a date-time)")


def _to_float(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    raise ValueError(f"{value!r} is geen eindig getal (is not a finite number)")


def _to_int(low: int, high: int, value: Any) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{value!r} is geen geheel getal (is not a whole number)")
    if not low <= value <= high:
        raise ValueError(f"{value} ligt niet tussen {low} en {high} (is not between them)")
    return value


def _to_decimal(digits: int, places: int, value: Any) -> Decimal:
    try:
        number = Decimal(str(value))
        rounded = number.quantize(Decimal(1).scaleb(-places))
    except (InvalidOperation, ValueError):
        raise ValueError(f"{value!r} is geen bedrag (is not an amount)") from None
    if rounded != number or abs(rounded) >= 10 ** (digits - places):
        raise ValueError(
            f"{value!r}: ten hoogste {digits - places} cijfers voor en {places} na de komma "
            f"(at most {digits - places} digits before and {places} after the point)"
        )
    return rounded


def _converter(model: type[models.Model], attname: str) -> tuple[Callable[[Any], Any], Any]:
    """(convert an HSDS value, the value when the key is missing) for a model field."""
    model_field: Any = model._meta.get_field(attname)
    kind = model_field.get_internal_type()
    if kind == "DateTimeField":
        return _to_datetime, None
    if kind == "DateField":
        return _to_date, None
    if kind == "TimeField":
        return _to_time, None
    if kind == "FloatField":
        return _to_float, None
    if kind == "DecimalField":
        return partial(_to_decimal, model_field.max_digits, model_field.decimal_places), None
    if kind == "PositiveSmallIntegerField":
        return partial(_to_int, 0, 32767), None
    if kind == "PositiveIntegerField":
        return partial(_to_int, 0, 2147483647), None
    if kind in ("CharField", "TextField"):
        return partial(_to_text, model_field.max_length), ""
    raise TypeError(f"{model.__name__}.{attname}: {kind}")


@dataclass(frozen=True)
class _Reading:
    """How the records of one table are read into a row's values."""

    # HSDS key → (model attname, longest text or 0 if not text, convert)
    fields: dict[str, tuple[str, int, Callable[[Any], Any]]]
    # attname → its value when the record leaves the key out (or null); updated_at is
    # left out, so that the database's own "now" applies
    missing: dict[str, Any]
    links: frozenset[str]
    handled: frozenset[str]


@cache
def _reading(name: str) -> _Reading:
    table = TABLES[name]
    pairs = [(key, key) for key in table.fields] + list(table.renamed.items())
    fields = {}
    missing = {}
    for key, attname in pairs:
        model_field: Any = table.model._meta.get_field(attname)
        limit = 0
        if model_field.get_internal_type() in ("CharField", "TextField"):
            limit = model_field.max_length or sys.maxsize
        convert, absent = _converter(table.model, attname)
        fields[key] = (attname, limit, convert)
        if attname != "updated_at":
            missing[attname] = absent
    handled = frozenset({"id", *table.fields, *table.renamed, *table.links, *table.nested})
    return _Reading(fields, missing, frozenset(table.links), handled)


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


# --- Import: reading -----------------------------------------------------------------------


class HsdsImportError(Exception):
    """The import was refused; `problems` says why, one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ImportResult:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    services: int = 0


class _Row:
    """One record for one table, collected from wherever it appeared in the file."""

    __slots__ = ("table", "id", "raw", "values", "links", "explicit", "extra", "where", "path")

    def __init__(
        self, table: str, row_id: uuid.UUID, where: str, path: str, values: dict[str, Any]
    ) -> None:
        self.table = table
        self.raw: Any = None
        self.id = row_id
        self.values = values
        self.links: dict[str, uuid.UUID] = {}
        self.explicit: dict[str, uuid.UUID] = {}
        self.extra: dict[str, Any] = {}
        self.where = where
        self.path = path

    def merge(self, other: _Row) -> None:
        # (links come from where a record is nested, and are set after merging)
        self.values.update(other.values)
        self.explicit.update(other.explicit)
        self.extra.update(other.extra)


def _label(kind: str, number: int, record: Any) -> str:
    parts = []
    if isinstance(record, dict):
        if isinstance(record.get("id"), str):
            parts.append(f"id {record['id']}")
        if isinstance(record.get("name"), str) and record["name"]:
            parts.append(f'"{record["name"]}"')
    return f"{kind} {number} ({', '.join(parts)})" if parts else f"{kind} {number}"


class _Reader:
    """Turns HSDS records (nested JSON or flat CSV rows) into rows per table."""

    def __init__(self, *, publication: str, municipality_id: int | None) -> None:
        self.rows: dict[str, dict[uuid.UUID, _Row]] = {name: {} for name in WRITE_ORDER}
        self.problems: list[str] = []
        self.warnings: list[str] = []
        self.publication = publication
        self.municipality_id = municipality_id
        self.ids: dict[str, uuid.UUID] = {}
        # whether ``resolve`` left a reference given by id without its row
        self.unresolved = False

    def id_of(self, text: str) -> uuid.UUID:
        """``uuid.UUID(text)``, once per distinct text: the same ids (terms, organisations,
        shared places) come back in thousands of records."""
        found = self.ids.get(text)
        if found is None:
            found = self.ids[text] = uuid.UUID(text)
        return found

    def problem(self, where: str, path: str, message: str) -> None:
        self.problems.append(": ".join(p for p in (where, path, message) if p))

    def checked(self, schema_name: str, record: Any, where: str, path: str) -> Any:
        """The record if it is valid (nulls dropped if that is what it takes), else None
        with the problems reported."""
        errors = validate(schema_name, record)
        if errors:
            # HSDS producers often write null for "no value"; the schemas have no null type.
            record = _without_nulls(record)
            errors = validate(schema_name, record)
        for error_path, message in errors:
            self.problem(where, _join(path, error_path) if error_path else path, message)
        return None if errors else record

    # -- one record --------------------------------------------------------------------

    def row(self, name: str, record: Record, where: str, path: str) -> tuple[_Row, bool]:
        """The row for this record, and whether it is new information: the same record
        repeated (a term in every attribute, an organisation in every service) is read
        once, and then neither it nor what is nested in it needs reading again."""
        row_id = self.id_of(record["id"])
        have = self.rows[name].get(row_id)
        if have is not None and have.raw == record:
            return have, False
        reading = _reading(name)
        row = _Row(name, row_id, where, path, dict(reading.missing))
        row.raw = record
        values, fields, extra = row.values, reading.fields, row.extra
        for key, raw in record.items():
            spec = fields.get(key)
            if spec is not None:
                if raw is None:
                    continue  # as if left out
                attname, limit, convert = spec
                if limit and raw.__class__ is str and len(raw) <= limit:
                    values[attname] = raw  # the common case, without a call
                    continue
                try:
                    values[attname] = convert(raw)
                except ValueError as exc:
                    self.problem(where, _join(path, key), str(exc))
            elif key in reading.links:
                if isinstance(raw, str):
                    row.explicit[key] = self.id_of(raw)
            elif raw is not None and key not in reading.handled:
                extra[key] = raw
        if have is None:
            self.rows[name][row_id] = row
            return row, True
        have.merge(row)
        have.raw = record
        return have, True

    def top(self, kind: str, record: Any, where: str, *, known_valid: bool = False) -> None:
        """Read a top-level record; `known_valid` when its schema check passed already."""
        checked = record if known_valid else self.checked(KINDS[kind], record, where, "")
        if checked is not None:
            getattr(self, kind)(checked, where, "")

    def _each(self, record: Record, key: str, path: str) -> Iterator[tuple[Record, str]]:
        items = record.get(key)
        if items:
            at = _join(path, key)
            for i, item in enumerate(items):
                yield item, f"{at}[{i}]"

    # -- nested JSON -------------------------------------------------------------------

    def taxonomy(self, record: Record, where: str, path: str) -> uuid.UUID:
        return self.row("taxonomy", record, where, path)[0].id

    def taxonomy_term(self, record: Record, where: str, path: str) -> uuid.UUID:
        row, fresh = self.row("taxonomy_term", record, where, path)
        detail = record.get("taxonomy_detail")
        if not fresh:
            return row.id
        if isinstance(detail, dict):
            row.links["taxonomy_id"] = self.taxonomy(detail, where, _join(path, "taxonomy_detail"))
        return row.id

    def organization(self, record: Record, where: str, path: str) -> uuid.UUID:
        row, fresh = self.row("organization", record, where, path)
        oid = row.id
        if not fresh:
            return oid
        if self.municipality_id is not None:
            row.values["municipality_id"] = self.municipality_id
        for item, p in self._each(record, "contacts", path):
            self.contact(item, where, p, organization_id=oid)
        for item, p in self._each(record, "phones", path):
            self.phone(item, where, p, organization_id=oid)
        for item, p in self._each(record, "locations", path):
            self.location(item, where, p, organization_id=oid)
        for item, p in self._each(record, "services", path):
            # Not part of organization.json, so checked here.
            checked = self.checked("service.json", item, where, p)
            if checked is not None:
                self.service(checked, where, p, organization_id=oid)
        self.attributes(record, LinkEntity.ORGANIZATION, oid, where, path)
        self.metadata(record, LinkEntity.ORGANIZATION, oid, where, path)
        return oid

    def location(
        self, record: Record, where: str, path: str, organization_id: uuid.UUID | None = None
    ) -> uuid.UUID:
        row, fresh = self.row("location", record, where, path)
        lid = row.id
        if organization_id is not None:
            row.links["organization_id"] = organization_id
        if not fresh:
            return lid
        for item, p in self._each(record, "languages", path):
            self.language(item, where, p, location_id=lid)
        for item, p in self._each(record, "addresses", path):
            self.row("address", item, where, p)[0].links["location_id"] = lid
        for item, p in self._each(record, "contacts", path):
            self.contact(item, where, p, location_id=lid)
        for item, p in self._each(record, "phones", path):
            self.phone(item, where, p, location_id=lid)
        for item, p in self._each(record, "schedules", path):
            self.schedule(item, where, p, location_id=lid)
        self.attributes(record, LinkEntity.LOCATION, lid, where, path)
        self.metadata(record, LinkEntity.LOCATION, lid, where, path)
        return lid

    def service(
        self, record: Record, where: str, path: str, organization_id: uuid.UUID | None = None
    ) -> uuid.UUID:
        row, fresh = self.row("service", record, where, path)
        sid = row.id
        if organization_id is not None:
            row.links["organization_id"] = organization_id
        if not fresh:
            return sid
        row.values["publication"] = self.publication
        if self.municipality_id is not None:
            row.values["municipality_id"] = self.municipality_id
        minimum, maximum = row.values.get("minimum_age"), row.values.get("maximum_age")
        if minimum is not None and maximum is not None and minimum > maximum:
            self.problem(
                where,
                _join(path, "minimum_age"),
                "de minimumleeftijd is hoger dan de maximumleeftijd "
                "(the minimum age is above the maximum age)",
            )
        if isinstance(record.get("organization"), dict):
            row.links["organization_id"] = self.organization(
                record["organization"], where, _join(path, "organization")
            )
        for item, p in self._each(record, "phones", path):
            self.phone(item, where, p, service_id=sid)
        for item, p in self._each(record, "schedules", path):
            self.schedule(item, where, p, service_id=sid)
        for item, p in self._each(record, "service_at_locations", path):
            self.service_at_location(item, where, p, service_id=sid)
        for item, p in self._each(record, "languages", path):
            self.language(item, where, p, service_id=sid)
        for item, p in self._each(record, "cost_options", path):
            self.row("cost_option", item, where, p)[0].links["service_id"] = sid
        for item, p in self._each(record, "contacts", path):
            self.contact(item, where, p, service_id=sid)
        if "attributes" in record:
            kind = self.attributes(
                record, LinkEntity.SERVICE, sid, where, path, KIND_TERMS, kind_attribute_id
            )
            row.values["kind"] = kind or Kind.OTHER
        self.metadata(record, LinkEntity.SERVICE, sid, where, path)
        return sid

    def service_at_location(
        self, record: Record, where: str, path: str, service_id: uuid.UUID | None = None
    ) -> uuid.UUID:
        row, fresh = self.row("service_at_location", record, where, path)
        said = row.id
        if service_id is not None:
            row.links["service_id"] = service_id
        if not fresh:
            return said
        if service_id is None and isinstance(record.get("service"), dict):
            # Not part of service_at_location.json, so checked here.
            p = _join(path, "service")
            checked = self.checked("service.json", record["service"], where, p)
            if checked is not None:
                row.links["service_id"] = self.service(checked, where, p)
        if isinstance(record.get("location"), dict):
            row.links["location_id"] = self.location(
                record["location"], where, _join(path, "location")
            )
        for item, p in self._each(record, "contacts", path):
            self.contact(item, where, p, service_at_location_id=said)
        for item, p in self._each(record, "phones", path):
            self.phone(item, where, p, service_at_location_id=said)
        for item, p in self._each(record, "schedules", path):
            self.schedule(item, where, p, service_at_location_id=said)
        self.attributes(record, LinkEntity.SERVICE_AT_LOCATION, said, where, path)
        self.metadata(record, LinkEntity.SERVICE_AT_LOCATION, said, where, path)
        return said

    def contact(self, record: Record, where: str, path: str, **links: uuid.UUID) -> None:
        row, fresh = self.row("contact", record, where, path)
        row.links.update(links)
        if not fresh:
            return
        for item, p in self._each(record, "phones", path):
            self.phone(item, where, p, contact_id=row.id)

    def phone(self, record: Record, where: str, path: str, **links: uuid.UUID) -> None:
        row, fresh = self.row("phone", record, where, path)
        row.links.update(links)
        if not fresh:
            return
        for item, p in self._each(record, "languages", path):
            self.language(item, where, p, phone_id=row.id)

    def language(self, record: Record, where: str, path: str, **links: uuid.UUID) -> None:
        self.row("language", record, where, path)[0].links.update(links)

    def schedule(self, record: Record, where: str, path: str, **links: uuid.UUID) -> None:
        row, fresh = self.row("schedule", record, where, path)
        row.links.update(links)
        if not fresh:
            return
        kind = self.attributes(
            record,
            LinkEntity.SCHEDULE,
            row.id,
            where,
            path,
            SCHEDULE_TERMS,
            schedule_attribute_id,
        )
        # The same schedule can be nested in several places, not always with its
        # attributes: a kind they give wins, "regular" is only the default.
        if kind:
            row.values["kind"] = kind
        else:
            row.values.setdefault("kind", ScheduleKind.REGULAR)

    def attributes(
        self,
        record: Record,
        entity: str,
        link_id: uuid.UUID,
        where: str,
        path: str,
        special: dict[uuid.UUID, str] | None = None,
        synthetic: Callable[[uuid.UUID], uuid.UUID] | None = None,
    ) -> str | None:
        """Store the record's attributes; return the kind their special terms give (an
        attribute with the synthetic id, ``synthetic(link_id)``, says it, and is not
        stored)."""
        chosen: str | None = None
        from_synthetic = False
        synthetic_id: uuid.UUID | None = None
        for item, p in self._each(record, "attributes", path):
            term = item.get("taxonomy_term")
            nested = isinstance(term, dict)
            if isinstance(term, dict):
                term_id = self.taxonomy_term(term, where, _join(p, "taxonomy_term"))
            elif isinstance(item.get("taxonomy_term_id"), str):
                term_id = self.id_of(item["taxonomy_term_id"])  # checked by resolve()
            else:
                self.problem(
                    where,
                    _join(p, "taxonomy_term_id"),
                    "een attribuut heeft een taxonomy_term of taxonomy_term_id nodig "
                    "(an attribute needs a taxonomy_term or taxonomy_term_id)",
                )
                continue
            attribute_id = self.id_of(item["id"])
            if special and term_id in special:
                if synthetic_id is None and synthetic is not None:
                    synthetic_id = synthetic(link_id)  # a hash: only when needed
                if attribute_id == synthetic_id:
                    chosen, from_synthetic = special[term_id], True
                    continue
                if not from_synthetic and chosen is None:
                    chosen = special[term_id]
            row = self.row("attribute", item, where, p)[0]
            row.values["link_entity"] = entity
            row.values["link_id"] = link_id
            if nested:
                row.links["taxonomy_term_id"] = term_id
        return chosen

    def metadata(
        self, record: Record, entity: str, resource_id: uuid.UUID, where: str, path: str
    ) -> None:
        for item, p in self._each(record, "metadata", path):
            row = self.row("metadata", item, where, p)[0]
            row.values["resource_id"] = (
                self.id_of(item["resource_id"]) if "resource_id" in item else resource_id
            )
            if not row.values.get("resource_type"):
                row.values["resource_type"] = entity

    # -- flat rows (CSV) ---------------------------------------------------------------

    def flat(self, name: str, record: Record, where: str) -> None:
        row = self.row(name, record, where, "")[0]
        if name in ("service", "organization") and self.municipality_id is not None:
            row.values["municipality_id"] = self.municipality_id
        if name == "service":
            row.values["publication"] = self.publication
        elif name == "schedule":
            row.values.setdefault("kind", ScheduleKind.REGULAR)
        elif name == "metadata":
            if "resource_id" in record:
                row.values["resource_id"] = self.id_of(record["resource_id"])
            else:
                self.problem(where, "resource_id", "ontbreekt (is missing)")
        elif name == "attribute":
            self._flat_attribute(row, record, where)

    def _flat_attribute(self, row: _Row, record: Record, where: str) -> None:
        if "link_id" not in record:
            self.problem(where, "link_id", "ontbreekt (is missing)")
            return
        link_id = row.values["link_id"] = self.id_of(record["link_id"])
        term_id = row.explicit.get("taxonomy_term_id")
        entity = row.values.get("link_entity")
        for table, special, synthetic in (
            ("service", KIND_TERMS, kind_attribute_id),
            ("schedule", SCHEDULE_TERMS, schedule_attribute_id),
        ):
            target = self.rows[table].get(link_id)
            if entity == table and term_id in special and target is not None:
                target.values["kind"] = special[term_id]
                if row.id == synthetic(link_id):
                    del self.rows["attribute"][row.id]

    # -- references --------------------------------------------------------------------

    def resolve(self, existing_ids: Callable[[str, Iterable[uuid.UUID]], set[uuid.UUID]]) -> None:
        """Point every reference at a row in the file or the database, or report it.
        ``existing_ids`` says which ids of a table the database holds."""
        outside: dict[str, set[uuid.UUID]] = defaultdict(set)
        for name in WRITE_ORDER:
            links = TABLES[name].links
            for row in self.rows[name].values():
                for key, target_id in row.explicit.items():
                    target = links[key][1]
                    if target_id not in self.rows[target]:
                        outside[target].add(target_id)
        in_db = {target: existing_ids(target, ids) for target, ids in outside.items()}
        for name in WRITE_ORDER:
            links = TABLES[name].links
            for row in self.rows[name].values():
                for key, target_id in row.explicit.items():
                    attname, target = links[key]
                    if attname in row.links:
                        continue  # where the record was nested says it
                    if target_id in self.rows[target] or target_id in in_db.get(target, ()):
                        row.links[attname] = target_id
                        if (name, key) in EXTERNAL_PARENTS:
                            row.values["parent_external_id"] = None
                        continue
                    self.unresolved = True
                    if (name, key) in REQUIRED_LINKS:
                        self.problem(
                            row.where,
                            _join(row.path, key),
                            f"{target} {target_id} staat niet in het bestand en niet in de "
                            f"database (is neither in the file nor in the database)",
                        )
                    elif (name, key) in EXTERNAL_PARENTS:
                        row.values["parent_id"] = None
                        row.values["parent_external_id"] = target_id
                    else:
                        row.extra[key] = str(target_id)
        self._required_links()
        self._taxonomy_names()
        self._schedule_services()

    def _required_links(self) -> None:
        for name, key in sorted(MANDATORY_LINKS):
            attname = TABLES[name].links[key][0]
            for row in self.rows[name].values():
                if attname not in row.links and key not in row.explicit:
                    self.problem(row.where, _join(row.path, key), "ontbreekt (is missing)")

    def _taxonomy_names(self) -> None:
        """A term's ``taxonomy`` text is kept only when it differs from its taxonomy's name."""
        terms = [r for r in self.rows["taxonomy_term"].values() if r.values.get("taxonomy_name")]
        ids = {r.links["taxonomy_id"] for r in terms if "taxonomy_id" in r.links}
        names = {i: r.values.get("name") for i, r in self.rows["taxonomy"].items() if i in ids}
        missing = sorted(ids - names.keys(), key=str)
        for chunk in _chunks(missing):
            names.update(Taxonomy.objects.filter(id__in=chunk).values_list("id", "name"))
        for row in terms:
            if names.get(row.links.get("taxonomy_id")) == row.values["taxonomy_name"]:  # type: ignore[arg-type]
                row.values["taxonomy_name"] = ""

    def _schedule_services(self) -> None:
        """``Schedule.for_service``: the service, or the service of the service-at-location."""
        sals = self.rows["service_at_location"]
        needed = {
            r.links["service_at_location_id"]
            for r in self.rows["schedule"].values()
            if "service_id" not in r.links and "service_at_location_id" in r.links
        }
        services = {i: sals[i].links.get("service_id") for i in needed if i in sals}
        missing = sorted(needed - services.keys(), key=str)
        for chunk in _chunks(missing):
            services.update(
                ServiceAtLocation.objects.filter(id__in=chunk).values_list("id", "service_id")
            )
        for row in self.rows["schedule"].values():
            service_id = row.links.get("service_id") or services.get(
                row.links.get("service_at_location_id")  # type: ignore[arg-type]
            )
            if service_id is not None:
                row.links["for_service_id"] = service_id


def _where_in(
    model: type[models.Model],
    name: str,
    ids: Iterable[uuid.UUID],
    columns: Sequence[str],
    **equal: Any,
) -> list[tuple[Any, ...]]:
    """``columns`` of the rows whose UUID field ``name`` is one of ``ids`` (and whose
    fields in ``equal`` have those values).

    On PostgreSQL one query with the ids as one array literal: a chunk of ids as separate
    parameters costs the driver a few milliseconds to parse and adapt, and a large import
    asks this of every table.
    """
    ids = list(ids)
    if not ids:
        return []
    if connection.vendor != "postgresql":
        found: list[tuple[Any, ...]] = []
        for chunk in _chunks(sorted(ids, key=str)):
            queryset = model._default_manager.filter(**{f"{name}__in": chunk}, **equal)
            found.extend(queryset.values_list(*columns))
        return found
    meta = model._meta
    quote = connection.ops.quote_name

    def column(field_name: str) -> str:
        model_field: Any = meta.get_field(field_name)
        return quote(model_field.column)

    where = [f"{column(name)} = ANY(%s::uuid[])"]
    params: list[Any] = ["{" + ",".join(map(_copy_uuid, ids)) + "}"]
    for field_name, value in equal.items():
        where.append(f"{column(field_name)} = %s")
        params.append(value)
    # Table and column names come from the model; the values are parameters.
    sql = (
        f"SELECT {', '.join(column(c) for c in columns)} "  # noqa: S608
        f"FROM {quote(meta.db_table)} WHERE {' AND '.join(where)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _existing_ids(model: type[models.Model], ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    return {found for (found,) in _where_in(model, "id", ids, ["id"])}


# --- Import: files -------------------------------------------------------------------------


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def _kind_from_name(name: str) -> str | None:
    stem = name.lower()
    for prefix, kind in (
        ("service_at_location", "service_at_location"),
        ("taxonomy_term", "taxonomy_term"),
        ("taxonom", "taxonomy"),
        ("organi", "organization"),
        ("location", "location"),
        ("service", "service"),
    ):
        if stem.startswith(prefix):
            return kind
    return None


def _kind_from_content(record: Any) -> str | None:
    if not isinstance(record, dict):
        return None
    keys = record.keys()
    if keys & {"status", "service_at_locations"}:
        return "service"
    if "location_type" in keys:
        return "location"
    if keys & {"location", "location_id"} and keys & {"service", "service_id"}:
        return "service_at_location"
    if keys & {"taxonomy", "taxonomy_detail", "taxonomy_id", "parent_id", "term_uri", "code"}:
        return "taxonomy_term"
    organization_keys = {"website", "legal_status", "services", "locations", "tax_status"}
    organization_keys |= {"tax_id", "year_incorporated", "parent_organization_id", "programs"}
    if keys & (organization_keys | {"organization_identifiers", "funding", "logo"}):
        return "organization"
    if keys & {"version", "uri"}:
        return "taxonomy"
    return None


KIND_ORDER = list(KINDS)


@dataclass
class _JsonFile:
    label: str
    kind: str | None
    records: list[Any]


def _read_json(path: Path, reader: _Reader) -> _JsonFile | None:
    try:
        data = json.loads(path.read_text("utf-8-sig"))
    except json.JSONDecodeError as exc:
        reader.problem(
            path.name,
            "",
            f"geen geldige JSON (not valid JSON): {exc.msg}, regel (line) {exc.lineno}, "
            f"kolom (column) {exc.colno}",
        )
        return None
    except (OSError, UnicodeDecodeError) as exc:
        reader.problem(path.name, "", f"niet te lezen (cannot be read): {exc}")
        return None
    if isinstance(data, dict) and data and all(str(k).endswith(".csv") for k in data):
        _read_tabular_json(path.name, data, reader)
        return None
    if isinstance(data, dict) and data and data.keys() <= BASE_KEYS:
        reader.warnings.append(
            f"{path.name}: beschrijft een HSDS-API en bevat geen records "
            f"(describes an HSDS API, holds no records)"
        )
        return None
    if isinstance(data, dict) and isinstance(data.get("contents"), list) and "total_items" in data:
        records = data["contents"]  # a Page envelope
    elif isinstance(data, list):
        records = data
    else:
        records = [data]
    return _JsonFile(path.name, _kind_from_name(path.stem), records)


def _read_json_files(paths: Sequence[Path], reader: _Reader) -> None:
    files = [f for f in (_read_json(p, reader) for p in paths) if f is not None]
    several = len(files) > 1

    def order(file: _JsonFile) -> tuple[int, str]:
        return (KIND_ORDER.index(file.kind) if file.kind else len(KIND_ORDER), file.label)

    records: list[tuple[str, Any, str]] = []
    for file in sorted(files, key=order):
        for number, record in enumerate(file.records, 1):
            kind = file.kind or _kind_from_content(record)
            where = _label(kind or "record", number, record)
            if several:
                where = f"{file.label}: {where}"
            if kind is None:
                reader.problem(
                    where,
                    "",
                    "onbekend soort record; noem het bestand services.json, organizations.json, "
                    "… (unknown kind of record; name the file services.json, …)",
                )
                continue
            records.append((kind, record, where))
    verdicts = _fast_checks_elsewhere([(KINDS[kind], record) for kind, record, _w in records])
    for (kind, record, where), valid in zip(records, verdicts, strict=True):
        reader.top(kind, record, where, known_valid=valid is True)


# Below this many records the schema check stays in this process: a fork costs more.
CHECK_ELSEWHERE_FROM = 2000
_CHECK_CHUNK = 256
# The checking child yields the processor to this process and the database server, which
# share the machine with it (this process waits for its answers only when it has nothing
# else to do).
_CHECK_NICENESS = 10


def _fast_checks_elsewhere(items: Sequence[tuple[str, Any]]) -> Iterator[bool | None]:
    """Whether each record passes its schema's fast check, worked out by a forked child
    process while this one builds rows from the records already checked: on a large file
    the check is about a third of the reading, and this process (with its GIL) is what an
    import waits for. The child sees the parsed records by copy-on-write and sends back one
    byte per record, in chunks, through a pipe. None for a record means: not known, check
    it here (small files, no fork on this platform, or the child stopped early)."""
    if len(items) < CHECK_ELSEWHERE_FROM or not hasattr(os, "fork"):
        yield from (None for _item in items)
        return
    checks = {name: fast_check(name) for name in {name for name, _record in items}}
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        status = 1
        try:
            os.close(read_end)
            if _CHECK_NICENESS:
                os.nice(_CHECK_NICENESS)
            chunk = bytearray()
            for name, record in items:
                chunk.append(1 if checks[name](record) else 0)
                if len(chunk) == _CHECK_CHUNK:
                    os.write(write_end, chunk)
                    chunk.clear()
            if chunk:
                os.write(write_end, chunk)
            status = 0
        finally:
            # Nothing of the parent's (connections, buffers, atexit) may run here.
            os._exit(status)
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as answers:
            for _item in items:
                answer = answers.read(1)
                yield answer == b"\x01" if answer else None
    finally:
        os.waitpid(pid, 0)


# CSV tables by file name, from the schemas' own "path" (plus the plural some tools write).
@cache
def _csv_names() -> dict[str, str]:
    names = {s["path"]: n.removesuffix(".json") for n, s in schemas().items() if "path" in s}
    names["service_at_locations.csv"] = "service_at_location"
    return names


# Tables omzien keeps verbatim in a parent's hsds_extra: (reference, parent table, key).
_KEPT_TABLES: dict[str, list[tuple[str, str, str]]] = {
    "funding": [
        ("organization_id", "organization", "funding"),
        ("service_id", "service", "funding"),
    ],
    "program": [("organization_id", "organization", "programs")],
    "service_area": [("service_id", "service", "service_areas")],
    "required_document": [("service_id", "service", "required_documents")],
    "organization_identifier": [("organization_id", "organization", "organization_identifiers")],
    "accessibility": [("location_id", "location", "accessibility")],
}


def _csv_value(schema: Record, key: str, text: str) -> Any:
    prop = schema.get("properties", {}).get(key, {})
    if prop.get("type") == "number":
        try:
            number = float(text)
        except ValueError:
            return text  # the schema check reports it
        return int(number) if number.is_integer() and "." not in text else number
    return text


def _csv_files(path: Path) -> list[Path]:
    """The CSV files of a folder, or those a datapackage.json lists. A datapackage.json
    without resources (the shipped example only points elsewhere) means: the folder."""
    folder = path if path.is_dir() else path.parent
    if path.is_file():
        try:
            package = json.loads(path.read_text("utf-8-sig"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            package = None
        if isinstance(package, dict) and isinstance(package.get("resources"), list):
            files = []
            for resource in package["resources"]:
                paths = resource.get("path") if isinstance(resource, dict) else None
                for item in [paths] if isinstance(paths, str) else paths or []:
                    if isinstance(item, str) and not item.startswith(("http:", "https:")):
                        files.append(folder / item)
            return files
    return sorted(p for p in folder.glob("*.csv") if p.name in _csv_names())


Tables = dict[str, list[tuple[str, Record]]]


def _table_row(
    name: str, label: str, number: int, record: Any, reader: _Reader, tables: Tables
) -> None:
    where = f"{label}: {_label(name, number, record)}"
    checked = reader.checked(f"{name}.json", record, where, "")
    if checked is not None:
        tables[name].append((where, checked))


def _read_csv_folder(path: Path, reader: _Reader) -> None:
    tables: Tables = defaultdict(list)
    for file in _csv_files(path):
        name = _csv_names().get(file.name)
        if name is None:
            reader.warnings.append(f"{file.name}: onbekende tabel overgeslagen (unknown table)")
            continue
        schema = schemas()[f"{name}.json"]
        try:
            with file.open(newline="", encoding="utf-8-sig") as handle:
                rows = list(csv.DictReader(handle))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            reader.problem(file.name, "", f"niet te lezen (cannot be read): {exc}")
            continue
        for number, raw in enumerate(rows, 1):
            record = {
                k: _csv_value(schema, k, v) for k, v in raw.items() if k and v not in ("", None)
            }
            if None in raw:
                where = f"{file.name}: {_label(name, number, record)}"
                reader.problem(where, "", "meer velden dan kolommen (more fields than columns)")
                continue
            _table_row(name, file.name, number, record, reader, tables)
    _read_tables(tables, reader)


def _read_tabular_json(label: str, data: Record, reader: _Reader) -> None:
    """HSDS tables as one JSON object ({"services.csv": [rows], …}, as ``tabular.json``)."""
    tables: Tables = defaultdict(list)
    for file_name, rows in data.items():
        name = _csv_names().get(file_name)
        if name is None or not isinstance(rows, list):
            reader.warnings.append(
                f"{label}: {file_name}: onbekende tabel overgeslagen (unknown table)"
            )
            continue
        schema = schemas()[f"{name}.json"]
        for number, record in enumerate(rows, 1):
            if isinstance(record, dict):
                record = {k: _tabular_value(schema, k, v) for k, v in record.items()}
            _table_row(name, f"{label}: {file_name}", number, record, reader, tables)
    _read_tables(tables, reader)


def _tabular_value(schema: Record, key: str, value: Any) -> Any:
    """A table cell has no type of its own: a number where the schema wants text (an
    identifier such as 10092008082 in ``tabular.json``) is that text."""
    wanted = schema.get("properties", {}).get(key, {}).get("type")
    if wanted == "string" and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _read_tables(tables: Tables, reader: _Reader) -> None:
    for name in WRITE_ORDER:
        for where, record in tables.get(name, ()):
            reader.flat(name, record, where)
    _attach_kept_tables(tables, reader)


def _attach_kept_tables(tables: Tables, reader: _Reader) -> None:
    for name, targets in _KEPT_TABLES.items():
        for where, record in tables.get(name, ()):
            attached = False
            for key, table, extra_key in targets:
                parent = reader.rows[table].get(uuid.UUID(record[key])) if key in record else None
                if parent is not None:
                    parent.extra.setdefault(extra_key, []).append(record)
                    attached = True
            if not attached:
                reader.warnings.append(
                    f"{where}: hoort bij geen record in het bestand, overgeslagen "
                    f"(belongs to no record in the file, skipped)"
                )
    for table in ("organization", "service", "location"):
        for row in reader.rows[table].values():
            for value in row.extra.values():
                if isinstance(value, list) and all(isinstance(v, dict) for v in value):
                    value.sort(key=lambda v: str(v.get("id", "")))
    programs = {r["id"]: r for _w, r in tables.get("program", ())}
    for row in reader.rows["service"].values():
        program = programs.get(str(row.extra.get("program_id")))
        if program is not None:
            row.extra["program"] = program
    if tables.get("meta_table_description"):
        reader.warnings.append("meta_table_descriptions.csv: niet bewaard (not kept by omzien)")


def _read(path: Path, reader: _Reader) -> None:
    if not path.exists():
        reader.problem(str(path), "", "bestaat niet (does not exist)")
        return
    if path.is_dir():
        if (path / "datapackage.json").exists() or any(path.glob("*.csv")):
            _read_csv_folder(
                path / "datapackage.json" if (path / "datapackage.json").exists() else path, reader
            )
            return
        files = sorted(
            p
            for p in path.glob("*.json")
            if p.name not in ("base.json", "datapackage.json") and _kind_from_name(p.stem)
        )
        if not files:
            reader.problem(str(path), "", "geen HSDS-bestanden gevonden (no HSDS files found)")
        _read_json_files(files, reader)
    elif path.name == "datapackage.json" or path.suffix.lower() == ".csv":
        _read_csv_folder(path if path.name == "datapackage.json" else path.parent, reader)
    else:
        _read_json_files([path], reader)


# --- Import: writing -----------------------------------------------------------------------


def _has_field(model: type[models.Model], name: str) -> bool:
    return any(f.name == name for f in model._meta.concrete_fields)


def _written_fields(model: type[models.Model]) -> list[Any]:
    """The columns an import writes: all but those the database computes itself."""
    return [f for f in model._meta.concrete_fields if not getattr(f, "generated", False)]


# Field types whose Python value the database driver takes as it is.
_PLAIN_FIELDS = {
    "CharField",
    "TextField",
    "SlugField",
    "FloatField",
    "BooleanField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
}


def _preparer(model_field: Any) -> Callable[[Any], Any] | None:
    if model_field.is_relation:
        model_field = model_field.target_field  # what ForeignKey.get_db_prep_save does
    kind = model_field.get_internal_type()
    if kind in _PLAIN_FIELDS:
        return None
    db = connections[DEFAULT_DB_ALIAS]
    if kind == "UUIDField":
        # What UUIDField.get_db_prep_value does with a UUID, without the calls around it.
        return None if db.features.has_native_uuid_field else _uuid_hex
    # The connection itself, not the thread-local proxy: this runs for every value.
    return partial(model_field.get_db_prep_save, connection=db)


def _uuid_hex(value: uuid.UUID | None) -> str | None:
    return None if value is None else value.hex


# bulk_create and bulk_update spend about 0.1 ms a row in per-field Python calls (and
# bulk_update builds a CASE expression per row and field), most of the time of a
# 50,000-service import. These write the same values, prepared the same way
# (get_db_prep_save, for the field types that need it), with one executemany.


def _insert(
    model: type[models.Model], rows: list[Record], now: datetime, pipe: _CopyPipe | None = None
) -> None:
    if not rows:
        return
    if pipe is not None:  # PostgreSQL
        pipe.copy(model, rows, now)
        return
    quote = connection.ops.quote_name
    fields = _written_fields(model)
    plan = []
    for model_field in fields:
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
            default = now
        else:
            default = model_field.get_default()  # "" for text, None for nullable fields
        plan.append((model_field.attname, default, _preparer(model_field)))
    # Table and column names come from the model; every value is a parameter.
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} "  # noqa: S608
        f"({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    params = [
        [
            value if prepare is None else prepare(value)
            for attname, default, prepare in plan
            for value in (data.get(attname, default),)
        ]
        for data in rows
    ]
    with connection.cursor() as cursor:
        for chunk in _chunks(params, WRITE_BATCH):
            cursor.executemany(sql, chunk)


# COPY's text format (PostgreSQL): a row is its values joined by tabs, \N for NULL, and
# backslash, tab, newline and carriage return escaped with a backslash.
_NEEDS_ESCAPE = re.compile(r"[\\\t\n\r]")
_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _copy_text(value: str) -> str:
    if _NEEDS_ESCAPE.search(value) is None:
        return value
    return _NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group()], value)


def _copy_json(value: Any) -> str:
    return "{}" if value == {} else _copy_text(json.dumps(value))


def _copy_bool(value: bool) -> str:
    return "t" if value else "f"


def _copy_uuid(value: Any) -> str:
    # 32 hex digits, which PostgreSQL reads as a uuid too: five times faster than str().
    return value.hex if value.__class__ is uuid.UUID else str(value)


def _copy_isoformat(value: date | time | datetime) -> str:
    return value.isoformat()


# How each field type's Python value is written in COPY text: what PostgreSQL reads back
# as the value Django would have written (a UUID as its 32 hex digits, str of an int or a
# Decimal; repr of a float, which round-trips; ISO 8601 dates and times, with the offset
# of an aware datetime; JSON as json.dumps writes it, as JSONField does).
_COPY_FORMATS: dict[str, Callable[[Any], str]] = {
    "CharField": _copy_text,
    "TextField": _copy_text,
    "SlugField": _copy_text,
    "UUIDField": _copy_uuid,
    "BigAutoField": str,
    "AutoField": str,
    "PositiveIntegerField": str,
    "PositiveSmallIntegerField": str,
    "DecimalField": str,
    "FloatField": repr,
    "BooleanField": _copy_bool,
    "DateField": _copy_isoformat,
    "TimeField": _copy_isoformat,
    "DateTimeField": _copy_isoformat,
    "JSONField": _copy_json,
    "SearchVectorField": _copy_text,  # never set here: NULL, and the trigger fills it
}


def _copy_sql(model: type[models.Model]) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in _written_fields(model))
    # Table and column names come from the model.
    return f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"


def _copy_pieces(model: type[models.Model], rows: list[Record], now: datetime) -> Iterator[str]:
    """The rows as COPY text, in pieces of WRITE_BATCH rows. The values are written
    directly: psycopg's per-value adaptation (in Python for UUIDs and JSON) was most of
    the time of the writing."""
    plan = []
    model_field: Any
    for model_field in _written_fields(model):
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
            default = now
        else:
            default = model_field.get_default()
        target = model_field.target_field if model_field.is_relation else model_field
        plan.append((model_field.attname, default, _COPY_FORMATS[target.get_internal_type()]))
    for chunk in _chunks(rows, WRITE_BATCH):
        lines = []
        for data in chunk:
            values = []
            for attname, default, write in plan:
                value = data.get(attname, default)
                values.append("\\N" if value is None else write(value))
            lines.append("\t".join(values))
        lines.append("")
        yield "\n".join(lines)


_END = object()


class _Stopped(Exception):
    pass


class _CopyPipe:
    """COPY on PostgreSQL from a second thread, so that the server works on one table
    while this process makes the text of the next: making it is Python (one core), taking
    it in is the server (the other core; the entries' search vectors and indexes).

    The thread uses the same psycopg connection, in the same transaction, and takes the
    tables in the order they are handed over (foreign keys are checked as each COPY ends:
    a table comes after those it refers to). The caller makes no other query until
    ``wait`` (all COPYs handed over are done) or ``close`` (the same, and the thread
    ends); both raise an error of the COPY as Django's ``DatabaseError``.
    """

    def __init__(self) -> None:
        self.raw = connection.connection
        self.queue: queue.Queue[Any] = queue.Queue(maxsize=COPY_QUEUE)
        self.error: BaseException | None = None
        self.busy = False  # handed a COPY since the last wait
        self.thread = threading.Thread(target=self._run, name="hsds-copy", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            with self.raw.cursor() as cursor:
                while (sql := self.queue.get()) is not None:
                    if isinstance(sql, threading.Event):
                        sql.set()  # everything before it is done
                        continue
                    with cursor.copy(sql) as copy:
                        while (piece := self.queue.get()) is not _END:
                            if piece is None:
                                raise _Stopped  # the caller failed half-way: abort the COPY
                            copy.write(piece)
        except _Stopped:
            return
        except BaseException as exc:  # noqa: BLE001 - handed to the caller by wait/close
            self.error = exc
            # so that the caller never waits on a full queue, or for a COPY
            while (item := self.queue.get()) is not None:
                if isinstance(item, threading.Event):
                    item.set()

    def copy(self, model: type[models.Model], rows: list[Record], now: datetime) -> None:
        self.busy = True
        self.queue.put(_copy_sql(model))
        for piece in _copy_pieces(model, rows, now):
            self.queue.put(piece)
        self.queue.put(_END)

    def _raise(self) -> None:
        if self.error is not None:
            with connection.wrap_database_errors:
                raise self.error

    def wait(self) -> None:
        done = threading.Event()
        self.queue.put(done)
        done.wait()
        self.busy = False
        self._raise()

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()
        self._raise()


def _update(model: type[models.Model], rows: list[Record], names: list[str]) -> None:
    if not rows:
        return
    quote = connection.ops.quote_name
    fields: list[Any] = [model._meta.get_field(name) for name in names]
    pk: Any = model._meta.pk
    plan = [(f.attname, _preparer(f)) for f in [*fields, pk]]
    sql = (
        f"UPDATE {quote(model._meta.db_table)} "  # noqa: S608
        f"SET {', '.join(f'{quote(f.column)} = %s' for f in fields)} "
        f"WHERE {quote(pk.column)} = %s"
    )
    params = [
        [data[attname] if prepare is None else prepare(data[attname]) for attname, prepare in plan]
        for data in rows
    ]
    with connection.cursor() as cursor:
        for chunk in _chunks(params, WRITE_BATCH):
            cursor.executemany(sql, chunk)


@dataclass
class _Place:
    """A new location as the search text of an entry needs it."""

    latitude: float | None
    longitude: float | None
    neighbourhood: Neighbourhood | None
    parts: list[Part]


FREE_TERM = stable_uuid("term", taxonomy.INCLUSION, taxonomy.FREE)


class _Denormaliser:
    """``services._fill_denormalised`` for new entries, from the rows read instead of model
    instances (which cost more than the rest of the work): the same values, and the same
    search text, built from parts that are folded and stemmed once each (``PartCache``).
    tests/directory/test_hsds_import.py checks it against ``refresh_services``."""

    def __init__(
        self, terms: dict[Any, TaxonomyTerm], neighbourhoods: dict[Any, Neighbourhood]
    ) -> None:
        self.terms = terms
        self.neighbourhoods = neighbourhoods
        self.stems = searches_stems()
        self.cache = PartCache(stems=self.stems)
        self.term_parts: dict[uuid.UUID, list[Part]] = {}
        self.kind_parts: dict[str, list[Part]] = {}
        self.lexicon: set[str] = set()

    def _parts(self, *texts: str) -> list[Part]:
        return [self.cache.part(text) for text in texts if text]

    def place(self, row: _Row, cities: list[str]) -> _Place:
        values = row.values
        neighbourhood = self.neighbourhoods.get(values.get("neighbourhood_id"))
        texts = [values.get("name", ""), values.get("alternate_name", ""), *cities]
        if neighbourhood is not None:
            texts.append(neighbourhood.name)
        return _Place(
            values.get("latitude"), values.get("longitude"), neighbourhood, self._parts(*texts)
        )

    def _term(self, term_id: uuid.UUID) -> list[Part]:
        if term_id not in self.term_parts:
            term = self.terms[term_id]
            texts = [term.name, term.name_en]
            if term.parent is not None:
                texts += [term.parent.name, term.parent.name_en]
            self.term_parts[term_id] = self._parts(*texts)
        return self.term_parts[term_id]

    def fill(
        self,
        values: Record,
        out: Record,
        organization: Record | None,
        places: list[_Place],
        term_ids: list[uuid.UUID],
        amounts: list[Any],
    ) -> None:
        """The denormalised fields of the entry with these `values`, set in `out` (which
        may be `values` itself)."""
        with_point = [p for p in places if valid_point(p.latitude, p.longitude)]
        out["latitude"] = with_point[0].latitude if with_point else None
        out["longitude"] = with_point[0].longitude if with_point else None
        placed = [p.neighbourhood for p in places if p.neighbourhood is not None]
        out["neighbourhood_id"] = placed[0].pk if placed else None
        if placed:
            out["municipality_id"] = placed[0].district.municipality_id
        elif organization is not None and organization.get("municipality_id"):
            out["municipality_id"] = organization["municipality_id"]
        else:
            out["municipality_id"] = values.get("municipality_id")
        out["is_free"] = FREE_TERM in term_ids or (
            bool(amounts) and all(a is not None and a == 0 for a in amounts)
        )
        kind = values.get("kind", Kind.OTHER)
        if kind not in self.kind_parts:
            self.kind_parts[kind] = self._parts(str(Kind(kind).label))
        parts = self._parts(
            values.get("name", ""), values.get("alternate_name", ""), values.get("description", "")
        )
        parts += self.kind_parts[kind]
        if organization is not None:
            parts += self._parts(organization.get("name", ""))
        for place in places:
            parts += place.parts
        for term_id in term_ids:
            parts += self._term(term_id)
        out["search_document"] = " ".join(p.folded for p in parts)
        out["search_stems"] = (
            stems_of(stem for p in parts for stem in p.stems) if self.stems else ""
        )
        self.lexicon.update(word for p in parts for word in p.lexicon)


class _Lookups:
    """What the writing of every source reads from the database about places and terms,
    read at the start of an import (before any COPY), so that the work of the next source
    that needs no query can be done while the server still takes in the one before."""

    def __init__(self) -> None:
        self.finder = NeighbourhoodFinder()
        self.finder.load_postcodes()
        self.neighbourhoods: dict[Any, Neighbourhood] = (
            Neighbourhood.objects.select_related("district").defer("geometry").in_bulk()
        )
        self.terms: dict[Any, TaxonomyTerm] = TaxonomyTerm.objects.select_related(
            "parent"
        ).in_bulk()
        # Which tables held rows when the import began. Of a table that held none, the
        # database holds just the rows the import wrote to it (``wrote``), so which of a
        # source's rows exist needs no query: in a first, large import, none does.
        # (Another process that writes the same ids meanwhile makes the COPY fail, and
        # the import is refused as a whole.)
        self.had_rows = {name: TABLES[name].model._default_manager.exists() for name in WRITE_ORDER}
        self.written: dict[str, set[uuid.UUID]] = {name: set() for name in WRITE_ORDER}
        # the records that attributes this import wrote are linked to
        self.classified: set[uuid.UUID] = set()

    def wrote(self, name: str, creates: list[Record], updates: list[Record]) -> None:
        """Note the rows written to table ``name``."""
        self.written[name].update(data["id"] for data in creates)
        if name == "attribute":
            self.classified.update(data["link_id"] for data in creates)
            self.classified.update(data["link_id"] for data in updates)

    def existing_ids(self, name: str, ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
        """Which of these ids table ``name`` holds. The terms are all known (read at the
        start, and what the import wrote), as are the rows of a table that was empty."""
        if name == "taxonomy_term":
            written = self.written[name]
            return {i for i in ids if i in self.terms or i in written}
        if self.had_rows[name]:
            return _existing_ids(TABLES[name].model, ids)
        return self.written[name].intersection(ids)

    def may_classify(self, link_ids: Iterable[uuid.UUID]) -> bool:
        """Whether an attribute in the database may be linked to one of these records
        (when not, asking is not needed: it is not)."""
        return self.had_rows["attribute"] or not self.classified.isdisjoint(link_ids)

    def load_terms(self, ids: Iterable[uuid.UUID]) -> None:
        """Read these terms (again): new or changed by the source being written."""
        wanted = set(ids)
        if wanted:
            self.terms.update(TaxonomyTerm.objects.select_related("parent").in_bulk(wanted))


@dataclass
class _ServiceInputs:
    """What the search text and place of each entry are made from, by entry id."""

    locations: dict[uuid.UUID, list[uuid.UUID]]
    cities: dict[uuid.UUID, list[str]]
    amounts: dict[uuid.UUID, list[Any]]
    term_ids: dict[uuid.UUID, list[uuid.UUID]]

    def key(self, row: _Row, organization_id: uuid.UUID | None) -> tuple[Any, ...]:
        return (
            organization_id,
            tuple(self.locations[row.id]),
            tuple(self.term_ids[row.id]),
            tuple(self.amounts[row.id]),
        )


def _link(row: _Row, attname: str, resolved: bool) -> Any:
    """A row's reference; before ``resolve``, also one given by id (not yet checked)."""
    found = row.links.get(attname)
    return found if found is not None or resolved else row.explicit.get(attname)


class _Writer:
    def __init__(self, reader: _Reader, result: ImportResult, lookups: _Lookups) -> None:
        self.reader = reader
        self.result = result
        self.lookups = lookups
        self.now = timezone.now()
        self.plans: list[tuple[str, list[Record], list[Record], list[str]]] = []
        self.done: set[uuid.UUID] = set()
        self.touched: set[uuid.UUID] = set()
        self.denormaliser = _Denormaliser(lookups.terms, lookups.neighbourhoods)
        self.places: dict[tuple[Any, ...], _Place] = {}  # by location id and towns
        # entry id → (what its fields were made from, the fields), made by ``prepare``
        self.prepared: dict[uuid.UUID, tuple[tuple[Any, ...], Record]] = {}
        # what the entries' texts are made from, as ``prepare`` found it (before resolve)
        self.early_inputs: _ServiceInputs | None = None

    def prepare(self) -> None:
        """The part of the writing that needs no query, done while the server may still be
        taking in the source before: the neighbourhoods of the locations, and the search
        text of each entry whose parts are all in this source, on the assumption that it
        is new. ``start`` checks that assumption and uses what still holds."""
        self._place_locations()
        rows_of = self.reader.rows
        if rows_of["taxonomy"] or rows_of["taxonomy_term"]:
            return  # terms change: the search texts wait until they are written
        inputs = self.early_inputs = self._inputs(resolved=False)
        for row in rows_of["service"].values():
            organization_id = _link(row, "organization_id", False)
            organization = None
            if organization_id is not None:
                organization = rows_of["organization"].get(organization_id)
                if organization is None:
                    continue
            location_ids = inputs.locations[row.id]
            if any(i not in rows_of["location"] for i in location_ids):
                continue
            if any(i not in self.lookups.terms for i in inputs.term_ids[row.id]):
                continue
            fields: Record = {}
            self.denormaliser.fill(
                row.values,
                fields,
                organization.values if organization is not None else None,
                [self._place(i, inputs) for i in location_ids],
                inputs.term_ids[row.id],
                inputs.amounts[row.id],
            )
            self.prepared[row.id] = (inputs.key(row, organization_id), fields)

    def start(self, pipe: _CopyPipe | None) -> None:
        """Write every table: make every query the writing needs and hand the new rows
        to the COPY thread (on PostgreSQL: ``pipe``). When this returns, the server may
        still be taking them in; ``finish`` comes after ``pipe.wait()``. ``prepare``
        comes first."""
        rows_of = self.reader.rows
        lookups = self.lookups
        # What was there before this source (the writing below adds to it).
        old_locations = lookups.existing_ids("location", rows_of["location"])
        old_organizations = lookups.existing_ids("organization", rows_of["organization"])
        # The taxonomies first: the search text of new entries reads their terms.
        first = WRITE_ORDER.index("taxonomy_term") + 1
        for name in WRITE_ORDER[:first]:
            rows = self._rows(name)
            creates, updates, fields = self._upsert(
                TABLES[name], rows, self._existing(TABLES[name], rows)
            )
            _insert(TABLES[name].model, creates, self.now, pipe)
            _update(TABLES[name].model, updates, fields)  # (a query: after the COPY)
        lookups.load_terms(rows_of["taxonomy_term"])
        # Every query the rest of the writing needs, then the writing itself: on
        # PostgreSQL through a _CopyPipe, no query in between, so the server takes in
        # one table while the next is planned.
        later = WRITE_ORDER[first:]
        rows_by_name = {name: self._rows(name) for name in later}
        existing = {name: self._existing(TABLES[name], rows_by_name[name]) for name in later}
        new = [r for r in rows_by_name["service"] if r.id not in existing["service"][1]]
        classified = self._classified(new)
        inputs = self.early_inputs
        if inputs is None or self.reader.unresolved:
            inputs = self._inputs(resolved=True)  # else resolve changed no link it reads
        lookups.load_terms(
            {t for ids in inputs.term_ids.values() for t in ids} - lookups.terms.keys()
        )
        self.touched = self._touched_services(old_locations, old_organizations)
        self.plans = []
        for name in later:
            rows = rows_by_name[name]
            if name == "service":
                self.done = self._denormalise_new(
                    new, classified, inputs, old_locations | old_organizations
                )
            plan = self._upsert(TABLES[name], rows, existing[name])
            self.plans.append((name, *plan))
            _insert(TABLES[name].model, plan[0], self.now, pipe)

    def finish(self) -> set[uuid.UUID]:
        """Once the server took in the rows: update the rows that changed, and add the
        words of the new search texts to the lexicon; returns the entries whose
        denormalised fields still need computing."""
        for name, _creates, updates, fields in self.plans:
            _update(TABLES[name].model, updates, fields)
        add_words_to_lexicon(self.denormaliser.lexicon)
        return self.touched - self.done

    def _rows(self, name: str) -> list[_Row]:
        rows = list(self.reader.rows[name].values())
        return self._one_per_classification(rows) if name == "attribute" else rows

    def _inputs(self, *, resolved: bool) -> _ServiceInputs:
        rows_of = self.reader.rows
        inputs = _ServiceInputs(defaultdict(list), defaultdict(list), defaultdict(list), {})
        for sal in rows_of["service_at_location"].values():
            service_id = _link(sal, "service_id", resolved)
            location_id = _link(sal, "location_id", resolved)
            if service_id is not None and location_id is not None:
                inputs.locations[service_id].append(location_id)
        for address in rows_of["address"].values():
            location_id = _link(address, "location_id", resolved)
            if location_id is not None:
                inputs.cities[location_id].append(address.values.get("city", ""))
        for cost in rows_of["cost_option"].values():
            service_id = _link(cost, "service_id", resolved)
            if service_id is not None:
                inputs.amounts[service_id].append(cost.values.get("amount"))
        term_ids: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
        for attribute in rows_of["attribute"].values():
            if attribute.values.get("link_entity") == LinkEntity.SERVICE:
                term_id = _link(attribute, "taxonomy_term_id", resolved)
                if term_id is not None:
                    term_ids[attribute.values["link_id"]].add(term_id)
        # in term id order, as refresh_services reads them
        inputs.term_ids = defaultdict(list, {k: sorted(v) for k, v in term_ids.items()})
        return inputs

    def _place(self, location_id: uuid.UUID, inputs: _ServiceInputs) -> _Place:
        cities = inputs.cities[location_id]
        key = (location_id, *cities)
        place = self.places.get(key)
        if place is None:
            row = self.reader.rows["location"][location_id]
            place = self.places[key] = self.denormaliser.place(row, cities)
        return place

    def _classified(self, new: list[_Row]) -> set[uuid.UUID]:
        """Which of these new entries an attribute in the database is linked to already:
        attributes are not tied to their record by a foreign key, so one could name an
        entry before it is there."""
        new_ids = [r.id for r in new]
        if not new_ids or not self.lookups.may_classify(new_ids):
            return set()
        return {
            link_id
            for (link_id,) in _where_in(
                Attribute, "link_id", new_ids, ["link_id"], link_entity=LinkEntity.SERVICE
            )
        }

    def _denormalise_new(
        self,
        new: list[_Row],
        classified: set[uuid.UUID],
        inputs: _ServiceInputs,
        old: set[uuid.UUID],
    ) -> set[uuid.UUID]:
        """The denormalised fields and search text of new entries, computed from the rows
        read (no write and read back, no query): the same ``_fill_denormalised`` as
        ``refresh_services``, on unsaved objects with what the database would return.

        Only for an entry whose every part is new in this source (its organisation,
        locations and their addresses: none is in ``old``) and that no attribute in the
        database names (``classified``), so nothing in the database can add to it; the
        others are refreshed from the database after writing. Returns the entries done.
        What ``prepare`` made from the same parts is used as it is.
        """
        rows_of = self.reader.rows
        done: set[uuid.UUID] = set()
        for row in new:
            if row.id in classified:
                continue
            organization = None
            organization_id = row.links.get("organization_id")
            if organization_id is not None:
                organization = rows_of["organization"].get(organization_id)
                if organization is None or organization_id in old:
                    continue
            location_ids = inputs.locations[row.id]
            if any(i not in rows_of["location"] or i in old for i in location_ids):
                continue
            prepared = self.prepared.get(row.id)
            if prepared is not None and prepared[0] == inputs.key(row, organization_id):
                row.values.update(prepared[1])
            else:
                self.denormaliser.fill(
                    row.values,
                    row.values,
                    organization.values if organization is not None else None,
                    [self._place(i, inputs) for i in location_ids],
                    inputs.term_ids[row.id],
                    inputs.amounts[row.id],
                )
            done.add(row.id)
        return done

    def _place_locations(self) -> None:
        """HSDS has no neighbourhood: each location gets the one its point lies in, or
        else the one its postcode area maps to (see ``places``). A location that maps to
        none keeps what it had (nothing, when it is new)."""
        locations = self.reader.rows["location"]
        if not locations:
            return
        finder = self.lookups.finder
        # Postcodes per location, physical addresses first: they say where the place is.
        postcodes: dict[uuid.UUID, list[tuple[bool, str]]] = {}
        for address in self.reader.rows["address"].values():
            location_id = _link(address, "location_id", resolved=False)  # before resolve()
            code = address.values.get("postal_code")
            if location_id is not None and code:
                postal = address.values.get("address_type") not in ("physical", None)
                postcodes.setdefault(location_id, []).append((postal, code))
        for row in locations.values():
            ordered = sorted(postcodes.get(row.id, []), key=lambda pair: pair[0])
            codes = [code for _postal, code in ordered]
            found = finder.place(row.values.get("latitude"), row.values.get("longitude"), codes)
            if found is not None:
                row.values["neighbourhood_id"] = found

    def _one_per_classification(self, rows: list[_Row]) -> list[_Row]:
        """A term is applied to a record once (a unique constraint): keep the first."""
        links = {r.values["link_id"] for r in rows}
        owner: dict[tuple[Any, ...], uuid.UUID] = {}
        existing = []
        if self.lookups.may_classify(links):
            existing = _where_in(
                Attribute, "link_id", links, ["id", "taxonomy_term_id", "link_entity", "link_id"]
            )
        for attribute_id, term_id, entity, link_id in existing:
            owner[(term_id, entity, link_id)] = attribute_id
        kept = []
        for row in rows:
            triple: tuple[Any, ...] = (
                row.links["taxonomy_term_id"],
                row.values["link_entity"],
                row.values["link_id"],
            )
            if owner.setdefault(triple, row.id) != row.id:
                self.result.warnings.append(
                    f"{row.where}: {_join(row.path, 'id')}: deze classificatie bestaat al als "
                    f"attribuut {owner[triple]}, overgeslagen (already there, skipped)"
                )
                continue
            kept.append(row)
        return kept

    def _existing(
        self, table: _Table, rows: list[_Row]
    ) -> tuple[list[str], dict[uuid.UUID, Record]]:
        """The fields these rows set, and the values of those fields in the rows of the
        database with their ids (in a large import, mostly none)."""
        model = table.model
        columns: set[str] = set()
        for row in rows:
            columns.update(row.values)
            columns.update(row.links)
        if _has_field(model, "hsds_extra"):
            columns.add("hsds_extra")
        if table.name == "metadata":
            columns.add("user_id")  # see _kept_name
        names = sorted(columns)
        existing: dict[uuid.UUID, Record] = {}
        present = sorted(self.lookups.existing_ids(table.name, [r.id for r in rows]), key=str)
        for chunk in _chunks(present):
            for values in model._default_manager.filter(pk__in=chunk).values("pk", *names):
                existing[values.pop("pk")] = values
        return names, existing

    def _upsert(
        self,
        table: _Table,
        rows: list[_Row],
        existing: tuple[list[str], dict[uuid.UUID, Record]],
    ) -> tuple[list[Record], list[Record], list[str]]:
        """What to insert and what to update (with which fields) to have these rows, given
        what ``_existing`` found (no query)."""
        model = table.model
        has_extra = _has_field(model, "hsds_extra")
        auto_now = _has_field(model, "updated_at")
        names, old_values = existing
        creates: list[Record] = []
        updates: list[Record] = []
        for row in rows:
            data = {**row.values, **row.links}
            old = old_values.get(row.id)
            if old is None:
                if has_extra:
                    data["hsds_extra"] = row.extra
                data["id"] = row.id
                creates.append(data)
                continue
            if table.name == "metadata":
                _kept_name(data, old)
            new = {**old, **data}
            if has_extra:
                new["hsds_extra"] = {**(old["hsds_extra"] or {}), **row.extra}
            if new == old:
                continue
            if auto_now and "updated_at" not in data:
                new["updated_at"] = self.now
            new["id"] = row.id
            updates.append(new)
        fields = names + (["updated_at"] if auto_now and "updated_at" not in names else [])
        counts = self.result
        counts.created[table.name] = counts.created.get(table.name, 0) + len(creates)
        counts.updated[table.name] = counts.updated.get(table.name, 0) + len(updates)
        counts.unchanged[table.name] = (
            counts.unchanged.get(table.name, 0) + len(rows) - len(creates) - len(updates)
        )
        self.lookups.wrote(table.name, creates, updates)
        return creates, updates, fields

    def _touched_services(
        self, old_locations: set[uuid.UUID], old_organizations: set[uuid.UUID]
    ) -> set[uuid.UUID]:
        """Entries whose search text may have changed: imported ones, and those of imported
        organisations, locations and service-at-locations. Only a location or organisation
        that was there before can have entries in the database (a foreign key)."""
        rows = self.reader.rows
        ids = set(rows["service"])
        ids |= {
            r.links["service_id"]
            for r in rows["service_at_location"].values()
            if "service_id" in r.links
        }
        ids.update(
            found
            for (found,) in _where_in(
                ServiceAtLocation, "location_id", old_locations, ["service_id"]
            )
        )
        ids.update(
            found for (found,) in _where_in(Service, "organization_id", old_organizations, ["id"])
        )
        return ids


def _kept_name(data: Record, old: Record) -> None:
    """A change made here by a staff member is exported with ``updated_by`` "omzien",
    their name withheld; importing that export again keeps the name it has here."""
    if old.get("user_id") is not None and data.get("updated_by") == UPDATED_IN_OMZIEN:
        data["updated_by"] = old["updated_by"]


@dataclass(frozen=True)
class ImportSource:
    """One thing to import: a JSON file, an export folder or HSDS CSV, with the code of
    the municipality its records belong to when they cannot be placed in a neighbourhood."""

    path: Path
    municipality_code: str | None = None


def hsds_import(
    *, path: Path, municipality_code: str | None = None, draft: bool = False
) -> ImportResult:
    """Import HSDS JSON or CSV at `path`: all of it, or (on any problem) nothing.

    Raises ``HsdsImportError`` with one line per problem. Records are upserted by their
    HSDS id, so importing the same file again changes nothing.
    """
    return hsds_import_many([ImportSource(path, municipality_code)], draft=draft)


def _municipalities(sources: Sequence[ImportSource]) -> dict[str, int]:
    codes = {s.municipality_code.upper() for s in sources if s.municipality_code}
    found = dict(Municipality.objects.filter(code__in=codes).values_list("code", "pk"))
    missing = sorted(codes - found.keys())
    if missing:
        raise HsdsImportError(
            [f"gemeente {code} bestaat niet (no such municipality)" for code in missing]
        )
    return found


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for the duration. An import makes millions
    of dicts, lists and rows that form no cycles; with the collector on, it scans them over
    and over as they pile up (about a third of the time of reading a large file, measured),
    and in the forked schema-check process every scan also copies pages it would not
    otherwise touch. Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def hsds_import_many(sources: Sequence[ImportSource], *, draft: bool = False) -> ImportResult:
    """Import several sources (say, one file per municipality) in one transaction: all of
    them, or (on any problem in any of them) nothing. See ``_import_many``."""
    with _cycle_collection_paused():
        return _import_many(sources, draft=draft)


def _import_many(sources: Sequence[ImportSource], *, draft: bool) -> ImportResult:
    """Each source is read, checked and written in turn, so a source may refer to records of
    the sources before it. On PostgreSQL the rows go to the server by COPY from a second
    thread (one ``_CopyPipe`` for the whole import), and the next source is read (Python
    only, no query) while the server takes in the ones before: the two cores work at the
    same time. When writing a source needs no query (the common case of a first import,
    see ``_Lookups``), its tables simply queue up behind those of the source before; any
    query first waits until the server took in everything handed over and finishes those
    sources (``settle``), so that it sees them. After a refused source the rest are still
    read and checked against the schemas, so that their problems are reported too (their
    references are not looked up: nothing more is written).
    """
    municipalities = _municipalities(sources)
    publication = Publication.DRAFT if draft else Publication.PUBLISHED
    several = len(sources) > 1
    problems: list[str] = []
    result = ImportResult()
    postgresql = connection.vendor == "postgresql"
    try:
        with transaction.atomic():
            if postgresql:
                # Foreign keys checked as each COPY ends (in the COPY thread, while this
                # one reads on) rather than all at the commit.
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            lookups = _Lookups()  # before any COPY
            pipe = _CopyPipe() if postgresql else None
            handed: list[_Writer] = []  # written (on PostgreSQL, queued), not yet finished
            settling = False

            def settle() -> None:
                """Wait until the server took in every COPY handed over, then finish the
                sources written."""
                nonlocal settling
                settling = True
                try:
                    if pipe is not None:
                        pipe.wait()
                    services: set[uuid.UUID] = set()
                    for writer in handed:
                        services |= writer.finish()
                    handed.clear()
                    refresh_services(sorted(services, key=str))
                finally:
                    settling = False

            def before_query(execute: Any, sql: Any, params: Any, many: Any, context: Any) -> Any:
                if not settling and (handed or (pipe is not None and pipe.busy)):
                    settle()
                return execute(sql, params, many, context)

            try:
                with connection.execute_wrapper(before_query):
                    for source in sources:
                        code = (source.municipality_code or "").upper()
                        reader = _Reader(
                            publication=publication, municipality_id=municipalities.get(code)
                        )
                        _read(source.path, reader)  # no query
                        writer = None
                        if not reader.problems and not problems:
                            writer = _Writer(reader, result, lookups)
                            writer.prepare()  # no query
                            reader.resolve(lookups.existing_ids)
                        if reader.problems:
                            prefix = f"{source.path}: " if several else ""
                            problems.extend(prefix + problem for problem in reader.problems)
                        if problems or writer is None:
                            continue  # read on, only to report every problem
                        result.warnings.extend(reader.warnings)
                        result.services += len(reader.rows["service"])
                        writer.start(pipe)
                        handed.append(writer)
                    if handed:
                        settle()
            finally:
                if pipe is not None:
                    pipe.close()  # after a failure: ends the COPY thread
            if postgresql:
                # Back to Django's default for the rest of an outer transaction (rolling
                # back to a savepoint after a database error restores it as well).
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            if problems:
                raise HsdsImportError(problems)
    except DatabaseError as exc:
        raise HsdsImportError([f"database: {exc}"]) from exc
    return result
