"""HSDS export: every record valid against the vendored schemas, and what it carries."""

from __future__ import annotations

import copy
import itertools
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from omzien.directory import hsds, taxonomy
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
)
from omzien.directory.services import record_changes, refresh_services

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).parent / "hsds_examples"


def term(slug: str, code: str) -> TaxonomyTerm:
    return TaxonomyTerm.objects.get(id=stable_uuid("term", slug, code))


@dataclass
class RichMap:
    organization: Organization
    location: Location
    service: Service
    sal: ServiceAtLocation
    closed: Schedule
    draft: Service
    foreign_term: TaxonomyTerm


def build_rich_map(areas: Any = None) -> RichMap:
    """One published entry that uses every part of the model, and one draft."""
    organization = Organization.objects.create(
        name="Stichting Buurtwerk",
        description="Welzijnswerk in de wijk.",
        email="info@buurtwerk.example",
        website="https://buurtwerk.example/",
        legal_status="stichting",
        parent_external_id="cd09a387-91f4-4555-94ec-e799c35344cd",
        municipality=areas.municipality if areas else None,
        hsds_extra={
            "tax_status": "ANBI",
            "year_incorporated": 1998,
            "funding": [{"id": "1f2df32c-bf08-4b8e-bd6f-e834014b19bc", "source": "Gemeente"}],
            "organization_identifiers": [
                {
                    "id": "d4dbcebc-0802-47cb-8651-b937ac4f2f3e",
                    "identifier_scheme": "NL-KVK",
                    "identifier_type": "KvK-nummer",
                    "identifier": "12345678",
                }
            ],
        },
    )
    org_contact = Contact.objects.create(organization=organization, name="Secretariaat")
    Phone.objects.create(organization=organization, contact=org_contact, number="020 555 0100")
    location = Location.objects.create(
        organization=organization,
        name="Buurthuis De Boog",
        description="Aan het plein.",
        transportation="Tram 3, halte Plein.",
        latitude=52.37,
        longitude=4.9,
        neighbourhood=areas.neighbourhood if areas else None,
        hsds_extra={
            "accessibility": [
                {"id": "afcf296e-1cb2-4139-9c88-33d587d1a50b", "description": "Drempelvrij."}
            ]
        },
    )
    Address.objects.create(
        location=location, address_1="Pleinweg 1", postal_code="1091 AB", city="Amsterdam"
    )
    ServiceLanguage.objects.create(location=location, name="Nederlands", code="nl")
    Phone.objects.create(location=location, number="020 555 0101", type="voice")
    service = Service.objects.create(
        organization=organization,
        kind=Kind.FACILITY,
        publication=Publication.PUBLISHED,
        name="Open inloop",
        alternate_name="Koffie-inloop",
        description="Koffie en een praatje.",
        url="https://buurtwerk.example/inloop",
        email="inloop@buurtwerk.example",
        application_process="Loop binnen.",
        fees_description="Koffie kost 50 cent.",
        eligibility_description="Iedereen.",
        minimum_age=16,
        maximum_age=99,
        alert="Gesloten in de kerstvakantie.",
        assured_date=date(2025, 1, 15),
        assurer_email="checker@buurtwerk.example",
        hsds_extra={
            "wait_time": "geen",
            "fees": "50 cent",
            "accreditations": "keurmerk",
            "licenses": "geen",
            "program": {
                "id": "e7ec2e57-4540-43fa-b2c7-6be5a0ef7f42",
                "name": "Ontmoeten",
                "description": "Programma ontmoeten.",
            },
            "required_documents": [
                {"id": "f6ad7e69-b9c8-42ce-92db-92cedb4c05c0", "document": "Geen."}
            ],
            "service_areas": [{"id": "381c64f1-a724-4884-9c21-ac96c21cca3e", "name": "Oost"}],
            "funding": [{"id": "2f2df32c-bf08-4b8e-bd6f-e834014b19bc", "source": "Fonds"}],
        },
    )
    phone = Phone.objects.create(service=service, number="020 555 0102", extension=12)
    ServiceLanguage.objects.create(phone=phone, name="Engels", code="en")
    ServiceLanguage.objects.create(service=service, name="Nederlands", code="nl", note="ook B1")
    contact = Contact.objects.create(service=service, name="Ans", title="Gastvrouw")
    Phone.objects.create(contact=contact, number="06 1234 5678")
    CostOption.objects.create(
        service=service, option="koffie", amount=Decimal("0.50"), amount_description="per kop"
    )
    Schedule.objects.create(
        service=service,
        for_service=service,
        freq="WEEKLY",
        byday="MO,WE",
        opens_at=time(9, 30),
        closes_at=time(12),
        description="Maandag en woensdag",
    )
    closed = Schedule.objects.create(
        service=service,
        for_service=service,
        kind=ScheduleKind.CLOSED,
        valid_from=date(2025, 12, 24),
        valid_to=date(2026, 1, 1),
        description="Kerstvakantie",
    )
    sal = ServiceAtLocation.objects.create(service=service, location=location, description="Hier")
    Schedule.objects.create(
        service_at_location=sal,
        for_service=service,
        freq="WEEKLY",
        byday="FR",
        opens_at=time(13),
        closes_at=time(16),
    )
    sal_contact = Contact.objects.create(service_at_location=sal, name="Balie")
    Phone.objects.create(contact=sal_contact, service_at_location=sal, number="020 555 0103")
    foreign_tax = Taxonomy.objects.create(name="Open Eligibility", description="Extern")
    foreign_term = TaxonomyTerm.objects.create(
        taxonomy=foreign_tax,
        code="food",
        name="Voedsel",
        name_en="Food",
        description="Eten",
        parent_external_id="0bc248fa-dc27-4650-9ba4-8f1a24ef16a2",
        term_uri="https://example.org/terms/food",
    )
    for item, entity in (
        (term(taxonomy.THEME, "coffee"), LinkEntity.SERVICE),
        (term(taxonomy.KIND, "community_centre"), LinkEntity.SERVICE),
        (foreign_term, LinkEntity.SERVICE),
    ):
        Attribute.objects.create(taxonomy_term=item, link_entity=entity, link_id=service.id)
    Attribute.objects.create(
        taxonomy_term=term(taxonomy.INCLUSION, taxonomy.WHEELCHAIR),
        link_entity=LinkEntity.LOCATION,
        link_id=location.id,
        value="ja",
    )
    Attribute.objects.create(
        taxonomy_term=term(taxonomy.TARGET_GROUP, "everyone"),
        link_entity=LinkEntity.ORGANIZATION,
        link_id=organization.id,
    )
    record_changes(
        user=None,
        resource_type="service",
        resource_id=service.id,
        before={"name": "Inloop"},
        after={"name": "Open inloop", "minimum_age": 16},
    )
    ChangeRecord.objects.create(
        resource_type="organization",
        resource_id=organization.id,
        last_action_date=datetime(2024, 3, 1, 12, tzinfo=UTC),
        last_action_type="create",
        field_name="name",
        replacement_value="Stichting Buurtwerk",
        updated_by="system",
    )
    draft = Service.objects.create(name="Nog geheim", publication=Publication.DRAFT)
    refresh_services([service.id, draft.id])
    service.refresh_from_db()
    return RichMap(organization, location, service, sal, closed, draft, foreign_term)


@pytest.fixture
def rich(areas: Any) -> RichMap:
    return build_rich_map(areas)


def export(tmp_path: Path, **options: Any) -> dict[str, Any]:
    hsds.hsds_export(directory=tmp_path, **options)
    return {p.name: json.loads(p.read_text("utf-8")) for p in tmp_path.glob("*.json")}


def walk(value: Any) -> Any:
    """Every (key, value) pair anywhere in a JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, item
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


def test_every_exported_record_is_valid_hsds(rich: RichMap, tmp_path: Path) -> None:
    files = export(tmp_path, include_drafts=True)
    schemas = {
        "services.json": "service.json",
        "organizations.json": "organization.json",
        "taxonomies.json": "taxonomy.json",
        "taxonomy_terms.json": "taxonomy_term.json",
    }
    for name, schema in schemas.items():
        assert files[name], name
        for record in files[name]:
            assert hsds.validate(schema, record) == [], (name, record["id"])
    assert files["base.json"]["version"] == "3.0"
    # The same records through jsonschema alone (not the compiled check).
    for record in files["services.json"]:
        assert list(hsds.validator("service.json").iter_errors(record)) == []


def test_export_leaves_out_empty_values_and_omzien_only_fields(
    rich: RichMap, tmp_path: Path
) -> None:
    files = export(tmp_path)
    pairs = list(walk(files))
    assert all(value is not None for _key, value in pairs)
    assert all(value != [] and value != {} for _key, value in pairs)
    assert "name_en" not in {key for key, _value in pairs}
    assert "kind" not in files["services.json"][0]
    assert "publication" not in files["services.json"][0]
    # Required string fields stay, as "" when empty (taxonomy_term.description).
    terms = {t["id"]: t for t in files["taxonomy_terms.json"]}
    assert terms[str(stable_uuid("term", taxonomy.THEME, "coffee"))]["description"] == ""


def test_service_record_carries_every_part(rich: RichMap, tmp_path: Path) -> None:
    files = export(tmp_path)
    (record,) = files["services.json"]
    assert record["id"] == str(rich.service.id)
    assert record["assured_date"] == "2025-01-15"
    assert record["last_modified"] == rich.service.updated_at.astimezone(UTC).isoformat().replace(
        "+00:00", "Z"
    )
    assert datetime.fromisoformat(record["last_modified"]) == rich.service.updated_at
    # hsds_extra merged back in
    assert record["wait_time"] == "geen"
    assert record["program"]["name"] == "Ontmoeten"
    assert record["funding"][0]["source"] == "Fonds"
    assert [c["amount"] for c in record["cost_options"]] == [0.5]
    assert record["phones"][0]["extension"] == 12
    assert record["phones"][0]["languages"][0]["code"] == "en"
    assert record["languages"][0]["note"] == "ook B1"
    assert record["contacts"][0]["phones"][0]["number"] == "06 1234 5678"
    organization = record["organization"]
    assert organization["parent_organization_id"] == "cd09a387-91f4-4555-94ec-e799c35344cd"
    assert organization["tax_status"] == "ANBI"
    assert organization["contacts"][0]["phones"][0]["number"] == "020 555 0100"
    assert organization["attributes"][0]["taxonomy_term"]["code"] == "everyone"
    assert organization["metadata"][0]["last_action_date"] == "2024-03-01T12:00:00Z"
    (sal,) = record["service_at_locations"]
    assert sal["schedules"][0]["byday"] == "FR"
    assert sal["contacts"][0]["phones"][0]["number"] == "020 555 0103"
    assert sal["phones"][0]["number"] == "020 555 0103"
    location = sal["location"]
    assert (location["latitude"], location["longitude"]) == (52.37, 4.9)
    assert location["addresses"][0]["postal_code"] == "1091 AB"
    assert location["addresses"][0]["state_province"] == ""  # required, kept as ""
    assert location["accessibility"][0]["description"] == "Drempelvrij."
    assert location["attributes"][0]["value"] == "ja"
    assert location["languages"][0]["code"] == "nl"
    # schedules as HSDS times and dates, sorted by id
    schedules = record["schedules"]
    assert [s["id"] for s in schedules] == sorted(s["id"] for s in schedules)
    weekly = next(s for s in schedules if s.get("byday") == "MO,WE")
    assert (weekly["opens_at"], weekly["closes_at"]) == ("09:30:00", "12:00:00")
    # history as HSDS metadata
    fields = {m["field_name"]: m for m in record["metadata"]}
    assert fields["name"]["previous_value"] == "Inloop"
    assert fields["name"]["resource_id"] == str(rich.service.id)
    datetime.fromisoformat(fields["name"]["last_action_date"])


def test_kind_and_exceptions_travel_as_attributes(rich: RichMap, tmp_path: Path) -> None:
    (record,) = export(tmp_path)["services.json"]
    terms = {a["taxonomy_term"]["id"]: a for a in record["attributes"]}
    kind = terms[str(stable_uuid("term", taxonomy.KIND, Kind.FACILITY))]
    assert kind["id"] == str(hsds.kind_attribute_id(rich.service.id))
    assert kind["taxonomy_term"]["taxonomy_detail"]["id"] == str(
        stable_uuid("taxonomy", taxonomy.KIND)
    )
    assert str(stable_uuid("term", taxonomy.KIND, "community_centre")) in terms
    foreign = terms[str(rich.foreign_term.id)]["taxonomy_term"]
    assert foreign["parent_id"] == "0bc248fa-dc27-4650-9ba4-8f1a24ef16a2"
    assert foreign["taxonomy_detail"]["name"] == "Open Eligibility"
    closed = next(s for s in record["schedules"] if s["id"] == str(rich.closed.id))
    assert closed["valid_from"] == "2025-12-24"
    assert [a["taxonomy_term"]["code"] for a in closed["attributes"]] == ["closed"]


def test_kind_other_gets_no_attribute(db: Any, tmp_path: Path) -> None:
    Service.objects.create(name="Iets", publication=Publication.PUBLISHED)
    (record,) = export(tmp_path)["services.json"]
    assert "attributes" not in record


def test_drafts_only_with_include_drafts(rich: RichMap, tmp_path: Path) -> None:
    published = export(tmp_path / "a")
    assert [s["name"] for s in published["services.json"]] == ["Open inloop"]
    everything = export(tmp_path / "b", include_drafts=True)
    assert sorted(s["name"] for s in everything["services.json"]) == ["Nog geheim", "Open inloop"]


def test_organizations_file_has_full_records_with_locations(rich: RichMap, tmp_path: Path) -> None:
    (organization,) = export(tmp_path)["organizations.json"]
    assert organization["organization_identifiers"][0]["identifier"] == "12345678"
    (location,) = organization["locations"]
    assert location["id"] == str(rich.location.id)
    assert location["phones"][0]["number"] == "020 555 0101"


def test_organisation_of_only_drafts_is_not_exported(db: Any, tmp_path: Path) -> None:
    hidden = Organization.objects.create(name="Verborgen", description="")
    Service.objects.create(name="Concept", organization=hidden, publication=Publication.DRAFT)
    Organization.objects.create(name="Zonder diensten", description="")
    names = [o["name"] for o in export(tmp_path)["organizations.json"]]
    assert names == ["Zonder diensten"]


def test_export_command_writes_the_files(rich: RichMap, tmp_path: Path) -> None:
    call_command("hsds_export", str(tmp_path / "out"))
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == [
        "base.json",
        "organizations.json",
        "services.json",
        "taxonomies.json",
        "taxonomy_terms.json",
    ]


def test_brief_service_record_has_no_nested_lists(rich: RichMap) -> None:
    brief = hsds.brief_service_record(rich.service)
    assert not [key for key, value in brief.items() if isinstance(value, list)]
    assert brief["organization"]["name"] == "Stichting Buurtwerk"
    assert "funding" not in brief["organization"]
    assert brief["program"]["id"] == "e7ec2e57-4540-43fa-b2c7-6be5a0ef7f42"
    assert hsds.validate("service.json", brief) == []


# --- The validator -------------------------------------------------------------------------


def mutations(record: Any, path: tuple[Any, ...] = ()) -> Any:
    """Records that differ from `record` in one place: a key dropped, a value of the wrong
    type, a bad enum, a broken id, an email or URL that is not one."""
    if isinstance(record, dict):
        for key, value in record.items():
            dropped = {k: v for k, v in record.items() if k != key}
            yield path + (key, "dropped"), dropped
            wrong = {
                str: 12,
                int: "twelve",
                float: "x",
                list: {"a": 1},
                dict: ["a"],
                bool: "yes",
            }[type(value)]
            yield path + (key, "wrong type"), {**record, key: wrong}
            if key in ("id", "organization_id", "link_id", "parent_id"):
                yield path + (key, "bad uuid"), {**record, key: "not-a-uuid"}
            if key in ("status", "location_type", "address_type", "freq", "wkst"):
                yield path + (key, "bad enum"), {**record, key: "sometimes"}
            if key in ("email", "assurer_email"):
                yield path + (key, "bad email"), {**record, key: "nobody"}
            if key in ("url", "website", "uri", "term_uri", "schedule_link"):
                yield path + (key, "bad uri"), {**record, key: "not a uri"}
            if key == "last_modified":
                yield path + (key, "bad date-time"), {**record, key: "2024-13-45"}
            for sub_path, changed in mutations(value, path + (key,)):
                yield sub_path, {**record, key: changed}
    elif isinstance(record, list):
        for i, item in enumerate(record):
            for sub_path, changed in mutations(item, path + (i,)):
                yield sub_path, [*record[:i], changed, *record[i + 1 :]]


@pytest.mark.parametrize(
    ("example", "schema", "every"),
    [
        # every n-th mutation of the big examples, to keep the test quick
        ("service_full.json", "service.json", 4),
        ("organization_full.json", "organization.json", 4),
        ("location.json", "location.json", 1),
        ("taxonomy_term.json", "taxonomy_term.json", 1),
    ],
)
def test_compiled_check_agrees_with_jsonschema(example: str, schema: str, every: int) -> None:
    """The compiled check decides validity; it must say exactly what jsonschema says."""
    check = hsds.fast_check(schema)
    full = hsds.validator(schema)
    record = json.loads((EXAMPLES / example).read_text("utf-8"))
    tried = rejected = 0
    for where, changed in itertools.islice(mutations(copy.deepcopy(record)), 0, None, every):
        expected = not list(full.iter_errors(changed))
        assert check(changed) is expected, where
        tried += 1
        rejected += not expected
    assert tried >= 30 and rejected >= tried // 5  # the mutations really do break things


def test_the_compiled_check_reads_referenced_schemas_inlined() -> None:
    def refs(schema: Any) -> list[str]:
        if isinstance(schema, dict):
            found = [schema["$ref"]] if "$ref" in schema else []
            return found + [r for value in schema.values() for r in refs(value)]
        if isinstance(schema, list):
            return [r for item in schema for r in refs(item)]
        return []

    assert "organization.json" in refs(hsds.schemas()["service.json"])
    inlined = hsds._inlined(hsds.schemas()["service.json"], ("service.json",))
    assert refs(inlined) == []
    organization = inlined["properties"]["organization"]
    assert organization["required"] == hsds.schemas()["organization.json"]["required"]
    # A schema that refers back to one it is inside keeps that reference.
    looping = {"properties": {"self": {"$ref": "service.json"}}}
    assert refs(hsds._inlined(looping, ("service.json",))) == ["service.json"]


def test_validate_names_the_path_of_each_problem() -> None:
    record = json.loads((EXAMPLES / "service_full.json").read_text("utf-8"))
    del record["organization"]["name"]
    record["service_at_locations"][0]["location"]["location_type"] = "floating"
    record["phones"][0]["id"] = "123"
    assert hsds.validate("service.json", record) == [
        ("organization.name", "'name' is a required property"),
        ("phones[0].id", "'123' is not a 'uuid'"),
        (
            "service_at_locations[0].location.location_type",
            "'floating' is not one of ['physical', 'postal', 'virtual']",
        ),
    ]
