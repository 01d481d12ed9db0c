"""HSDS import: the shipped examples, idempotence, the round trip, and refusing bad files
without saving anything."""

from __future__ import annotations

import copy
import json
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from tests.directory.test_hsds_export import build_rich_map

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
from omzien.directory.selectors import SearchParams, search_services
from omzien.neighbourhoods.models import Municipality

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).parent / "hsds_examples"
MODELS = [
    Taxonomy,
    TaxonomyTerm,
    Organization,
    Location,
    Address,
    Service,
    ServiceAtLocation,
    Contact,
    Phone,
    ServiceLanguage,
    Schedule,
    CostOption,
    Attribute,
    ChangeRecord,
]
SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"
ORGANIZATION_ID = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
ABORTED = "Import afgebroken, niets opgeslagen (import aborted, nothing saved):"


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


def example(name: str) -> Any:
    return json.loads((EXAMPLES / name).read_text("utf-8"))


def write(tmp_path: Path, name: str, data: Any) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run(path: Path, **options: Any) -> hsds.ImportResult:
    return hsds.hsds_import(path=path, **options)


def problems(path: Path) -> list[str]:
    with pytest.raises(hsds.HsdsImportError) as caught:
        run(path)
    return caught.value.problems


# --- The shipped examples ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "service_full.json",
        "service_list.json",
        "organization_full.json",
        "organization_list.json",
        "service_at_location_full.json",
        "service_at_location_list.json",
        "location.json",
        "taxonomy.json",
        "taxonomy_list.json",
        "taxonomy_term.json",
        "taxonomy_term_list.json",
        "csv",
        "csv/datapackage.json",
    ],
)
def test_every_shipped_example_imports_and_imports_again_unchanged(name: str) -> None:
    before = counts()
    first = run(EXAMPLES / name)
    after = counts()
    assert sum(first.created.values()) > 0
    assert after != before
    second = run(EXAMPLES / name)
    assert counts() == after
    assert sum(second.created.values()) == 0
    assert sum(second.updated.values()) == 0


def test_service_full_example_lands_in_the_model() -> None:
    run(EXAMPLES / "service_full.json")
    service = Service.objects.select_related("organization").get(id=SERVICE_ID)
    assert service.name == "Community Counselling"
    assert service.publication == Publication.PUBLISHED
    assert service.kind == Kind.OTHER
    assert (service.minimum_age, service.maximum_age) == (12, 100)
    assert service.updated_at.isoformat() == "2023-03-15T10:30:45.123000+00:00"
    assert service.hsds_extra["wait_time"] == "wait_time"
    assert service.hsds_extra["program"]["name"] == "Community Mental Health Support"
    organization = service.organization
    assert organization is not None and str(organization.id) == ORGANIZATION_ID
    # a parent that is nowhere is kept for the export, not an error
    assert organization.parent_id is None
    assert str(organization.parent_external_id) == "cd09a387-91f4-4555-94ec-e799c35344cd"
    assert organization.hsds_extra["year_incorporated"] == 2011
    location = Location.objects.get()
    assert (location.latitude, location.longitude) == (100.0, 101.0)  # stored as given
    assert not location.has_point
    assert location.hsds_extra["accessibility"][0]["details"].startswith("Switch")
    # one phone, linked to every record it was nested in
    phone = Phone.objects.get()
    assert str(phone.service_id) == SERVICE_ID
    assert phone.location_id == location.id
    assert str(phone.organization_id) == ORGANIZATION_ID
    assert phone.contact_id is not None and phone.service_at_location_id is not None
    assert phone.number == '"+44 1234 234567"'
    schedule = Schedule.objects.get()
    assert str(schedule.for_service_id) == SERVICE_ID
    assert schedule.kind == ScheduleKind.REGULAR
    term = TaxonomyTerm.objects.get(code="code")
    assert str(term.parent_external_id) == "0bc248fa-dc27-4650-9ba4-8f1a24ef16a2"
    assert term.taxonomy is not None and term.taxonomy.name == "name"
    assert term.taxonomy_name == "taxonomy"
    attribute = Attribute.objects.get()
    assert (attribute.link_entity, str(attribute.link_id)) == (LinkEntity.SERVICE, SERVICE_ID)
    change = ChangeRecord.objects.get()
    assert (change.resource_type, str(change.resource_id)) == ("location", SERVICE_ID)
    assert change.last_action_date.isoformat() == "2011-01-01T00:00:00+00:00"


def test_imported_entries_are_findable() -> None:
    run(EXAMPLES / "service_full.json")
    found = search_services(None, SearchParams(q="counselling")).services
    assert [s.name for s in found] == ["Community Counselling"]


def test_location_schedule_without_a_service_has_no_for_service() -> None:
    run(EXAMPLES / "location.json")
    assert Schedule.objects.get().for_service_id is None


def test_service_at_location_list_links_service_and_location() -> None:
    run(EXAMPLES / "service_at_location_list.json")
    sal = ServiceAtLocation.objects.select_related("service", "location").get()
    assert sal.service.name == "Community Counselling"
    assert sal.location.name == "MyCity Civic Center"


def test_csv_references_to_nowhere_are_kept_verbatim() -> None:
    result = run(EXAMPLES / "csv")
    contact = Contact.objects.get()
    assert str(contact.service_id) == SERVICE_ID
    assert contact.organization_id is None
    assert contact.hsds_extra["organization_id"] == "ae67a707-5893-4225-b0b1-320ab9cb596b"
    assert contact.hsds_extra["service_at_location_id"] == "93eaf18d-1cd2-4ec7-bffb-3c9172ee5070"
    location = Location.objects.get()
    assert location.hsds_extra["organization_id"] == "985e4a42-bd9f-4edc-911d-0243a4640aca"
    term = TaxonomyTerm.objects.get(code="code")
    assert term.taxonomy_id is None
    assert term.hsds_extra["taxonomy_id"] == "07ff6aee-a219-438c-b694-d2fcb6c5373b"
    # tables omzien does not model end up with their parents
    organization = Organization.objects.get()
    assert organization.hsds_extra["funding"][0]["source"].startswith("This service")
    assert organization.hsds_extra["programs"][0]["name"] == "Community Mental Health Support"
    service = Service.objects.get()
    assert service.hsds_extra["program"]["id"] == "e7ec2e57-4540-43fa-b2c7-6be5a0ef7f42"
    assert service.hsds_extra["required_documents"][0]["uri"] == "http://example.com"
    assert Location.objects.get().hsds_extra["accessibility"][0]["url"] == "http://example.com"
    assert CostOption.objects.get().currency == "gbp"
    assert any("meta_table_descriptions" in w for w in result.warnings)


def test_tabular_json_example_imports_numbers_in_text_columns_as_text() -> None:
    # The shipped tabular.json writes two identifiers as numbers; a table cell has no type
    # of its own, so they are read as the text the schema asks for.
    run(EXAMPLES / "tabular.json")
    assert Location.objects.get().external_identifier == "10092008082"
    organization = Organization.objects.get(pk="d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610")
    assert organization.hsds_extra["organization_identifiers"][0]["identifier"] == "1234567"


def test_a_number_where_text_is_required_is_still_refused_in_hsds_json(tmp_path: Path) -> None:
    record = json.loads((EXAMPLES / "location.json").read_text("utf-8"))
    record["external_identifier"] = 10092008082
    path = tmp_path / "locations.json"
    path.write_text(json.dumps(record), "utf-8")
    found = problems(path)
    assert len(found) == 1
    assert "external_identifier: 10092008082 is not of type 'string'" in found[0]
    assert Location.objects.count() == 0


def test_base_json_is_noted_as_holding_no_records() -> None:
    before = counts()
    result = run(EXAMPLES / "base.json")
    assert counts() == before
    assert any("holds no records" in w for w in result.warnings)


# --- Options -------------------------------------------------------------------------------


def test_draft_option_imports_drafts() -> None:
    run(EXAMPLES / "service_full.json", draft=True)
    assert Service.objects.get().publication == Publication.DRAFT


def test_municipality_option(areas: Any) -> None:
    run(EXAMPLES / "service_full.json", municipality_code="gm0363")
    assert Service.objects.get().municipality == areas.municipality
    assert Organization.objects.get().municipality == areas.municipality


def test_unknown_municipality_is_refused(db: Any) -> None:
    with pytest.raises(hsds.HsdsImportError) as caught:
        run(EXAMPLES / "service_full.json", municipality_code="GM9999")
    assert "GM9999" in caught.value.problems[0]
    assert Service.objects.count() == 0


def test_nulls_count_as_missing(tmp_path: Path) -> None:
    record = example("service_full.json")
    record["alternate_name"] = None
    record["organization"]["email"] = None
    run(write(tmp_path, "services.json", record))
    service = Service.objects.select_related("organization").get()
    assert service.alternate_name == ""
    assert service.organization is not None and service.organization.email == ""


def test_null_where_a_value_is_required_is_still_refused(tmp_path: Path) -> None:
    record = example("service_full.json")
    record["name"] = None
    assert problems(write(tmp_path, "services.json", record)) == [
        "service 1 (id ac148810-d857-441c-9679-408f346de14b): name: 'name' is a required property"
    ]


# --- Kinds ---------------------------------------------------------------------------------


def kind_attribute(service_id: str, code: str, attribute_id: str | None = None) -> dict[str, Any]:
    term_id = str(stable_uuid("term", taxonomy.KIND, code))
    return {
        "id": attribute_id or str(hsds.kind_attribute_id(uuid.UUID(service_id))),
        "taxonomy_term_id": term_id,
    }


def test_kind_attribute_sets_the_kind_and_is_not_stored(tmp_path: Path) -> None:
    record = example("service_full.json")
    record["attributes"] = [kind_attribute(SERVICE_ID, "third_place")]
    run(write(tmp_path, "services.json", record))
    assert Service.objects.get().kind == Kind.THIRD_PLACE
    assert Attribute.objects.count() == 0


def test_kind_attribute_with_its_own_id_is_stored_as_well(tmp_path: Path) -> None:
    record = example("service_full.json")
    other_id = "11111111-2222-4333-8444-555555555555"
    record["attributes"] = [kind_attribute(SERVICE_ID, "faith", other_id)]
    run(write(tmp_path, "services.json", record))
    assert Service.objects.get().kind == Kind.FAITH
    assert str(Attribute.objects.get().id) == other_id


def test_closed_schedule_attribute_sets_the_schedule_kind(tmp_path: Path) -> None:
    record = example("service_full.json")
    schedule = record["schedules"][0]
    schedule["attributes"] = [
        {
            "id": str(hsds.schedule_attribute_id(uuid.UUID(schedule["id"]))),
            "taxonomy_term_id": str(stable_uuid("term", taxonomy.SCHEDULE, "closed")),
        }
    ]
    run(write(tmp_path, "services.json", record))
    assert Schedule.objects.get().kind == ScheduleKind.CLOSED
    assert not Attribute.objects.filter(link_entity=LinkEntity.SCHEDULE).exists()


# --- Round trip ----------------------------------------------------------------------------


def wipe_directory() -> None:
    """Back to what a new database holds: only omzien's seeded taxonomies."""
    seeded_terms = TaxonomyTerm.objects.filter(taxonomy__slug__isnull=False)
    for model in (Attribute, ChangeRecord, Service, Location, Organization):
        model.objects.all().delete()
    TaxonomyTerm.objects.exclude(id__in=seeded_terms.values("id")).delete()
    Taxonomy.objects.filter(slug__isnull=True).delete()


def test_round_trip_export_import_export_is_identical(areas: Any, tmp_path: Path) -> None:
    build_rich_map(areas)
    Service.objects.create(name="Zonder alles", publication=Publication.PUBLISHED)
    first, second = tmp_path / "first", tmp_path / "second"
    hsds.hsds_export(directory=first, include_drafts=True)
    wipe_directory()
    assert Service.objects.count() == Organization.objects.count() == 0
    seeded = counts()
    result = run(first)
    assert result.services == 3
    assert counts() != seeded
    hsds.hsds_export(directory=second, include_drafts=True)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_text("utf-8") == (second / name).read_text("utf-8"), name
    # and the model came back, not just the text
    service = Service.objects.get(name="Open inloop")
    assert service.kind == Kind.FACILITY
    assert service.all_schedules.filter(kind=ScheduleKind.CLOSED).count() == 1
    assert Service.objects.get(name="Nog geheim").publication == Publication.PUBLISHED


def test_reimporting_an_export_changes_nothing(areas: Any, tmp_path: Path) -> None:
    rich = build_rich_map(areas)
    hsds.hsds_export(directory=tmp_path)
    stamp = Service.objects.get(id=rich.service.id).updated_at
    before = counts()
    result = run(tmp_path)
    assert counts() == before
    assert sum(result.created.values()) == 0
    assert sum(result.updated.values()) == 0
    assert Service.objects.get(id=rich.service.id).updated_at == stamp


def test_reimporting_an_export_keeps_the_names_in_the_change_history(
    areas: Any, tmp_path: Path, django_user_model: Any
) -> None:
    """The export withholds the name of the staff member who made a change ("omzien");
    importing that export again must not put "omzien" in place of the name."""
    from omzien.directory.services import record_changes

    rich = build_rich_map(areas)
    editor = django_user_model.objects.create_user(
        email="ruben@omzien.invalid", display_name="Ruben Hoek"
    )
    [change] = record_changes(
        user=editor,
        resource_type="service",
        resource_id=rich.service.id,
        before={"description": "Oud"},
        after={"description": "Nieuw"},
    )
    hsds.hsds_export(directory=tmp_path)
    exported = json.loads((tmp_path / "services.json").read_text("utf-8"))
    named = [m for s in exported for m in s["metadata"] if m["id"] == str(change.id)]
    assert named[0]["updated_by"] == hsds.UPDATED_IN_OMZIEN
    result = run(tmp_path)
    assert sum(result.updated.values()) == 0
    kept = ChangeRecord.objects.get(id=change.id)
    assert kept.updated_by == "Ruben Hoek"
    assert kept.user_id == editor.id


def test_changed_record_is_updated_in_place(tmp_path: Path) -> None:
    record = example("service_full.json")
    run(write(tmp_path, "a.json", [record]))
    record = copy.deepcopy(record)
    record["name"] = "Buurtpraat"
    record["last_modified"] = "2024-06-01T08:00:00Z"
    result = run(write(tmp_path, "services.json", [record]))
    assert result.updated["service"] == 1
    service = Service.objects.get()
    assert service.name == "Buurtpraat"
    assert service.updated_at.isoformat() == "2024-06-01T08:00:00+00:00"
    assert "buurtpraat" in service.search_document


# --- Bad files -----------------------------------------------------------------------------


def good_services(number: int) -> list[dict[str, Any]]:
    """`number` valid services, each with its own ids."""
    template = example("service_full.json")
    services = []
    for i in range(number):
        text = json.dumps(template)
        for old in _ids(template):
            text = text.replace(old, str(uuid.uuid5(uuid.NAMESPACE_URL, f"{old}/{i}")))
        record = json.loads(text)
        record["name"] = f"Dienst {i + 1}"
        services.append(record)
    return services


def _ids(value: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "id" and isinstance(item, str):
                found.add(item)
            found |= _ids(item)
    elif isinstance(value, list):
        for item in value:
            found |= _ids(item)
    return found


def test_several_good_services_import(tmp_path: Path) -> None:
    run(write(tmp_path, "services.json", good_services(3)))
    assert Service.objects.count() == 3
    assert Phone.objects.count() == 3


@pytest.mark.parametrize(
    ("break_it", "expected"),
    [
        (
            lambda r: r["organization"].pop("name"),
            "organization.name: 'name' is a required property",
        ),
        (lambda r: r.pop("name"), "name: 'name' is a required property"),
        (
            lambda r: r.update(status="sometimes"),
            "status: 'sometimes' is not one of ['active', 'inactive', 'defunct', "
            "'temporarily closed']",
        ),
        (
            lambda r: r["schedules"][0].update(valid_from="01-01-2005"),
            "schedules[0].valid_from: '01-01-2005' is geen datum JJJJ-MM-DD "
            "(is not a date YYYY-MM-DD)",
        ),
        (
            lambda r: r["service_at_locations"][0]["location"]["addresses"][0].update(
                country="Nederland"
            ),
            "service_at_locations[0].location.addresses[0].country: te lang: 9 tekens, ten "
            "hoogste 2 (too long: 9 characters, at most 2)",
        ),
        (
            lambda r: r.update(minimum_age=-3),
            "minimum_age: -3 ligt niet tussen 0 en 32767 (is not between them)",
        ),
    ],
)
def test_bad_last_record_is_refused_and_nothing_is_saved(
    tmp_path: Path, break_it: Any, expected: str
) -> None:
    services = good_services(3)
    services[2]["name"] = "Buurthuis"
    break_it(services[2])
    before = counts()
    found = problems(write(tmp_path, "services.json", services))
    bad_id = services[2]["id"]
    label = (
        f'service 3 (id {bad_id}, "Buurthuis")'
        if "name" in services[2]
        else (f"service 3 (id {bad_id})")
    )
    assert found == [f"{label}: {expected}"]
    assert counts() == before


def test_organization_id_pointing_nowhere_is_refused(tmp_path: Path) -> None:
    services = good_services(2)
    del services[1]["organization"]
    services[1]["organization_id"] = "00000000-0000-4000-8000-000000000000"
    before = counts()
    found = problems(write(tmp_path, "services.json", services))
    assert found == [
        f'service 2 (id {services[1]["id"]}, "Dienst 2"): organization_id: organization '
        "00000000-0000-4000-8000-000000000000 staat niet in het bestand en niet in de "
        "database (is neither in the file nor in the database)"
    ]
    assert counts() == before


def test_organization_id_of_an_organisation_in_the_database_is_fine(tmp_path: Path) -> None:
    organization = Organization.objects.create(name="Er al", description="")
    record = example("service_list.json")["contents"][0]
    del record["organization"]
    record["organization_id"] = str(organization.id)
    run(write(tmp_path, "services.json", [record]))
    assert Service.objects.get().organization == organization


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    services = good_services(3)
    del services[0]["name"]
    services[2]["status"] = "open"
    found = problems(write(tmp_path, "services.json", services))
    assert len(found) == 2
    assert found[0].startswith("service 1 (id ")
    assert found[1].startswith("service 3 (id ")


def test_malformed_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "services.json"
    path.write_text('[{"id": "x",', encoding="utf-8")
    before = counts()
    (found,) = problems(path)
    assert found.startswith("services.json: geen geldige JSON (not valid JSON): ")
    assert counts() == before


def test_failure_while_writing_rolls_everything_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A database error after the rows are written (simulated in the last step).
    def fail(ids: Any) -> None:
        raise DatabaseError("disk full")

    monkeypatch.setattr(hsds, "refresh_services", fail)
    before = counts()
    assert problems(write(tmp_path, "services.json", good_services(2))) == ["database: disk full"]
    assert counts() == before


def test_value_the_database_refuses_while_copying_rolls_everything_back(tmp_path: Path) -> None:
    """On PostgreSQL the rows go in by COPY from a second thread: its error must still
    abort the import with a report, and leave nothing behind. (SQLite takes the value.)"""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL refuses a NUL character in text; SQLite stores it")
    services = good_services(3)
    services[2]["description"] = "met een \x00 erin"
    (tmp_path / "first").mkdir()
    run(write(tmp_path / "first", "services.json", good_services(1)))  # something there
    before = counts()
    reported = problems(write(tmp_path, "services.json", services))
    assert len(reported) == 1
    assert reported[0].startswith("database: ")
    assert "0x00" in reported[0]
    assert counts() == before


def test_failure_while_making_the_copy_text_stops_the_copy_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure in this thread half-way through a table (simulated) aborts the COPY the
    second thread is sending, ends that thread and leaves nothing behind."""
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the COPY thread is PostgreSQL's")
    real = hsds._copy_pieces

    def pieces(model: Any, rows: Any, now: Any) -> Any:
        for piece in real(model, rows, now):
            yield piece
            if model is Service:
                raise DatabaseError("disk full")

    monkeypatch.setattr(hsds, "_copy_pieces", pieces)
    monkeypatch.setattr(hsds, "WRITE_BATCH", 1)  # several pieces per table
    threads = threading.active_count()
    before = counts()
    assert problems(write(tmp_path, "services.json", good_services(3))) == ["database: disk full"]
    assert counts() == before
    assert threading.active_count() == threads


def test_unknown_kind_of_record_is_refused(tmp_path: Path) -> None:
    found = problems(write(tmp_path, "things.json", [{"id": str(uuid.uuid4()), "name": "x"}]))
    assert len(found) == 1 and "unknown kind of record" in found[0]


def test_missing_path_is_refused(tmp_path: Path) -> None:
    (found,) = problems(tmp_path / "nothing.json")
    assert "does not exist" in found


def test_csv_with_a_bad_row_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    shutil.copytree(EXAMPLES / "csv", folder)
    services = folder / "services.csv"
    services.write_text(services.read_text("utf-8").replace(",active,", ",open,"), "utf-8")
    before = counts()
    (found,) = problems(folder)
    assert found.startswith(
        'services.csv: service 1 (id ac148810-d857-441c-9679-408f346de14b, "Community '
        "Counselling\"): status: 'open' is not one of"
    )
    assert counts() == before


def test_datapackage_with_resources_reads_the_files_it_lists(tmp_path: Path) -> None:
    folder = tmp_path / "package"
    (folder / "data").mkdir(parents=True)
    shutil.copy(EXAMPLES / "csv" / "taxonomies.csv", folder / "data" / "taxonomies.csv")
    shutil.copy(EXAMPLES / "csv" / "organizations.csv", folder / "organizations.csv")
    (folder / "datapackage.json").write_text(
        json.dumps({"resources": [{"name": "taxonomies", "path": "data/taxonomies.csv"}]}),
        "utf-8",
    )
    run(folder / "datapackage.json")
    assert Taxonomy.objects.filter(name="name").count() == 1
    assert Organization.objects.count() == 0  # not listed in the package


# --- Several sources in one import --------------------------------------------------------


def _two_sources(tmp_path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], Path, Path]:
    """Two files; the second's service names the first file's organisation by its id."""
    first, second = good_services(2), good_services(3)[2:]
    organization_id = first[0]["organization"]["id"]
    del second[0]["organization"]
    second[0]["organization_id"] = organization_id
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    return (
        first,
        second,
        write(tmp_path / "a", "services.json", first),
        write(tmp_path / "b", "services.json", second),
    )


def test_several_sources_import_together_and_may_refer_to_each_other(tmp_path: Path) -> None:
    first, second, a, b = _two_sources(tmp_path)
    result = hsds.hsds_import_many([hsds.ImportSource(a), hsds.ImportSource(b)])
    assert result.services == 3
    assert result.created["service"] == 3
    assert Service.objects.count() == 3
    assert Service.objects.get(id=second[0]["id"]).organization_id == uuid.UUID(
        first[0]["organization"]["id"]
    )
    # The same again changes nothing.
    again = hsds.hsds_import_many([hsds.ImportSource(a), hsds.ImportSource(b)])
    assert sum(again.created.values()) == sum(again.updated.values()) == 0


def test_each_source_gets_its_own_municipality(areas: Any, tmp_path: Path) -> None:
    other = Municipality.objects.create(code="GM0344", name="Utrecht")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = good_services(2)
    a = write(tmp_path / "a", "services.json", [first])
    b = write(tmp_path / "b", "services.json", [second])
    hsds.hsds_import_many([hsds.ImportSource(a, "gm0363"), hsds.ImportSource(b, "GM0344")])
    assert Service.objects.get(id=first["id"]).municipality == areas.municipality
    assert Service.objects.get(id=second["id"]).municipality == other


def test_a_bad_later_source_leaves_nothing_of_any_source(tmp_path: Path) -> None:
    """One transaction: the first file was written before the second was found bad, and
    is rolled back with it. Every bad file is reported, named."""
    first, second, a, b = _two_sources(tmp_path)
    third = good_services(5)[4:]
    del third[0]["name"]
    (tmp_path / "c").mkdir()
    c = write(tmp_path / "c", "services.json", third)
    del second[0]["status"]
    write(tmp_path / "b", "services.json", second)
    before = counts()
    sources = [hsds.ImportSource(a), hsds.ImportSource(b), hsds.ImportSource(c)]
    with pytest.raises(hsds.HsdsImportError) as caught:
        hsds.hsds_import_many(sources)
    assert caught.value.problems[0].startswith(f"{b}: service 1 (id ")
    assert caught.value.problems[1].startswith(f"{c}: service 1 (id ")
    assert len(caught.value.problems) == 2
    assert "status: 'status' is a required property" in caught.value.problems[0]
    assert "name: 'name' is a required property" in caught.value.problems[1]
    assert counts() == before


@pytest.mark.parametrize("refused", [False, True])
def test_foreign_keys_are_deferred_again_after_an_import(tmp_path: Path, refused: bool) -> None:
    """The import checks foreign keys as each COPY ends; the rest of the caller's
    transaction gets Django's deferred checks back, after a success and after a refusal."""
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("SET CONSTRAINTS is PostgreSQL's")
    services = good_services(1)
    if refused:
        del services[0]["name"]
    path = write(tmp_path, "services.json", services)
    if refused:
        problems(path)
    else:
        run(path)
    organization_id = uuid.uuid4()
    with transaction.atomic():
        # A row pointing at one made later in the transaction: fine when deferred.
        Location.objects.create(name="Eerst de plek", organization_id=organization_id)
        Organization.objects.create(id=organization_id, name="Daarna de organisatie")
    assert Location.objects.filter(organization_id=organization_id).exists()


def test_a_database_error_in_a_later_source_rolls_back_the_earlier_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _first, _second, a, b = _two_sources(tmp_path)
    real = hsds.refresh_services
    calls = []

    def fail_second(ids: Any) -> None:
        calls.append(ids)
        if len(calls) == 2:
            raise DatabaseError("disk full")
        real(ids)

    monkeypatch.setattr(hsds, "refresh_services", fail_second)
    before = counts()
    with pytest.raises(hsds.HsdsImportError) as caught:
        hsds.hsds_import_many([hsds.ImportSource(a), hsds.ImportSource(b)])
    assert caught.value.problems == ["database: disk full"]
    assert len(calls) == 2
    assert counts() == before


def test_unknown_municipality_of_any_source_is_refused_before_reading(tmp_path: Path) -> None:
    _first, _second, a, b = _two_sources(tmp_path)
    with pytest.raises(hsds.HsdsImportError) as caught:
        hsds.hsds_import_many([hsds.ImportSource(a), hsds.ImportSource(b, "GM9999")])
    assert caught.value.problems == ["gemeente GM9999 bestaat niet (no such municipality)"]
    assert Service.objects.count() == 0


def test_command_imports_several_paths_in_one_go(tmp_path: Path, capsys: Any) -> None:
    _first, _second, a, b = _two_sources(tmp_path)
    call_command("hsds_import", str(a), str(b))
    assert "3 diensten (services)" in capsys.readouterr().out
    assert Service.objects.count() == 3


# --- The command ---------------------------------------------------------------------------


def test_command_reports_success(capsys: Any) -> None:
    call_command("hsds_import", str(EXAMPLES / "service_full.json"))
    out = capsys.readouterr().out
    assert "HSDS geïmporteerd (imported)" in out
    assert Service.objects.count() == 1


def test_command_fails_with_the_report(tmp_path: Path) -> None:
    services = good_services(2)
    services[1]["name"] = "Buurthuis"
    del services[1]["organization"]["name"]
    path = write(tmp_path, "services.json", services)
    before = counts()
    with pytest.raises(CommandError) as caught:
        call_command("hsds_import", str(path))
    assert str(caught.value) == (
        f'{ABORTED}\n  - service 2 (id {services[1]["id"]}, "Buurthuis"): '
        "organization.name: 'name' is a required property"
    )
    assert counts() == before


def test_command_options(areas: Any) -> None:
    call_command(
        "hsds_import", str(EXAMPLES / "service_full.json"), "--draft", "--municipality", "GM0363"
    )
    service = Service.objects.get()
    assert service.publication == Publication.DRAFT
    assert service.municipality == areas.municipality


# --- Neighbourhood of imported places ------------------------------------------------------


def _placed_service(number: int, *, point: tuple[float, float] | None, postcode: str) -> Any:
    """A service with one location: a point, or only an address with a postcode."""
    ids = [str(uuid.uuid5(uuid.NAMESPACE_URL, f"placed/{number}/{part}")) for part in range(4)]
    location: dict[str, Any] = {
        "id": ids[2],
        "location_type": "physical",
        "name": f"Plek {number}",
        "addresses": [
            {
                "id": ids[3],
                "address_1": "Dorpsstraat 1",
                "city": "Omzienstad",
                "state_province": "Utrecht",
                "postal_code": postcode,
                "country": "NL",
                "address_type": "physical",
            }
        ],
    }
    if point is not None:
        location["latitude"], location["longitude"] = point
    return {
        "id": ids[0],
        "name": f"Wandelgroep {number}",
        "status": "active",
        "service_at_locations": [{"id": ids[1], "location": location}],
    }


def test_import_puts_places_in_their_neighbourhood(tmp_path: Path) -> None:
    from omzien.directory.models import PostcodeArea
    from omzien.people.demo import NEIGHBOURHOODS, _build_areas

    _municipality, _districts, areas = _build_areas()  # the demo's, with their boundaries
    lindehof, kersenbuurt = areas[NEIGHBOURHOODS[0][0]], areas[NEIGHBOURHOODS[1][0]]
    PostcodeArea.objects.create(
        postcode="3592", latitude=kersenbuurt.latitude, longitude=kersenbuurt.longitude
    )
    inside = (float(lindehof.latitude) + 0.001, float(lindehof.longitude) - 0.002)
    records = [
        _placed_service(1, point=inside, postcode="9999 ZZ"),  # the point decides
        _placed_service(2, point=None, postcode="3592 AB"),  # only a postcode
        _placed_service(3, point=(52.5, 6.1), postcode="1234 AB"),  # outside everything
    ]
    run(write(tmp_path, "services.json", records))

    placed = {s.name: s for s in Service.objects.select_related("neighbourhood")}
    assert placed["Wandelgroep 1"].neighbourhood == lindehof
    assert placed["Wandelgroep 2"].neighbourhood == kersenbuurt
    assert placed["Wandelgroep 3"].neighbourhood is None
    locations = dict(Location.objects.values_list("name", "neighbourhood_id"))
    assert locations == {"Plek 1": lindehof.pk, "Plek 2": kersenbuurt.pk, "Plek 3": None}
    # The entry takes the municipality of its neighbourhood.
    assert placed["Wandelgroep 1"].municipality == lindehof.district.municipality

    # The neighbourhood filter of the search sees them.
    def names_in(area: Any) -> list[str]:
        found = search_services(None, SearchParams(q="wandelen", neighbourhood=area)).services
        return [s.name for s in found]

    assert names_in(lindehof) == ["Wandelgroep 1"]
    assert names_in(kersenbuurt) == ["Wandelgroep 2"]


def test_csv_places_are_put_in_the_neighbourhood_of_their_postcode(tmp_path: Path) -> None:
    """In CSV an address names its location by id (in JSON it is nested in it)."""
    import csv

    from omzien.directory.models import PostcodeArea
    from omzien.people.demo import NEIGHBOURHOODS, _build_areas

    _municipality, _districts, areas = _build_areas()
    kersenbuurt = areas[NEIGHBOURHOODS[1][0]]
    PostcodeArea.objects.create(
        postcode="3592", latitude=kersenbuurt.latitude, longitude=kersenbuurt.longitude
    )
    folder = tmp_path / "csv"
    shutil.copytree(EXAMPLES / "csv", folder)
    for name, changes in (
        ("locations.csv", {"latitude": "", "longitude": ""}),
        ("addresses.csv", {"postal_code": "3592 AB", "address_type": "physical"}),
    ):
        with (folder / name).open(encoding="utf-8", newline="") as file:
            rows = list(csv.DictReader(file))
        with (folder / name).open("w", encoding="utf-8", newline="") as file:
            writer = csv.DictWriter(file, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows({**row, **changes} for row in rows)
    run(folder)
    location = Location.objects.get(id="3a19ff88-4620-4d17-9830-ac1d859eb5d5")
    assert location.neighbourhood == kersenbuurt


def test_a_postcode_area_in_two_neighbourhoods_places_nothing(tmp_path: Path) -> None:
    from omzien.directory.models import PostcodeArea
    from omzien.people.demo import NEIGHBOURHOODS, _build_areas

    _municipality, _districts, areas = _build_areas()
    lindehof, kersenbuurt = areas[NEIGHBOURHOODS[0][0]], areas[NEIGHBOURHOODS[1][0]]
    # Kersenbuurt's boundary made to cover Lindehof's centre too: the area is ambiguous.
    kersenbuurt.geometry = {
        "type": "Polygon",
        "coordinates": [[[5.0, 52.0], [5.3, 52.0], [5.3, 52.2], [5.0, 52.2], [5.0, 52.0]]],
    }
    kersenbuurt.save()
    PostcodeArea.objects.create(
        postcode="3591", latitude=lindehof.latitude, longitude=lindehof.longitude
    )
    run(write(tmp_path, "services.json", [_placed_service(1, point=None, postcode="3591 AA")]))
    assert Service.objects.get().neighbourhood is None
    assert Location.objects.get().neighbourhood is None


DENORMALISED_FIELDS = [
    "latitude",
    "longitude",
    "neighbourhood_id",
    "municipality_id",
    "is_free",
    "search_document",
    "search_stems",
    "search_vector",
]


def _denormalised() -> dict[Any, tuple[Any, ...]]:
    return {
        row[0]: row[1:]
        for row in Service.objects.values_list("id", *DENORMALISED_FIELDS).order_by("id")
    }


def test_import_writes_the_search_fields_a_refresh_would_write(areas: Any, tmp_path: Path) -> None:
    """New entries get their denormalised fields from the rows read, in the same write;
    they must be exactly what a refresh from the database gives."""
    from omzien.directory.models import PostcodeArea
    from omzien.directory.services import refresh_services
    from omzien.people.demo import NEIGHBOURHOODS, _build_areas

    _municipality, _districts, demo = _build_areas()
    kersenbuurt = demo[NEIGHBOURHOODS[1][0]]
    PostcodeArea.objects.create(
        postcode="3592", latitude=kersenbuurt.latitude, longitude=kersenbuurt.longitude
    )
    rich = build_rich_map(areas)
    hsds.hsds_export(directory=tmp_path / "rich")
    wipe_directory()
    run(tmp_path / "rich", municipality_code="GM0363")
    services = good_services(2)
    services[0]["attributes"] = [
        {
            "id": str(uuid.uuid4()),
            "taxonomy_term_id": str(stable_uuid("term", taxonomy.INCLUSION, taxonomy.FREE)),
            "link_type": "classification",
            "link_entity": "service",
        }
    ]
    services.append(_placed_service(1, point=None, postcode="3592 AB"))
    run(write(tmp_path, "services.json", services))
    imported = _denormalised()
    assert len(imported) == 4
    assert "buurthuis" in imported[rich.service.id][5]  # the search document
    refresh_services(list(imported))
    assert _denormalised() == imported


def test_new_entries_get_the_text_and_lexicon_words_a_refresh_gives(tmp_path: Path) -> None:
    """The import folds and stems each distinct part of a search text once; accents, case,
    a compatibility letter and tabs must come out as when the whole text is folded."""
    from omzien.directory.models import SearchWord
    from omzien.directory.services import refresh_services
    from omzien.directory.text import words

    services = good_services(3)
    services[0]["name"] = "Café De Coöperatie"
    services[0]["description"] = "Wandelen\tmet ℌans;\r\nΟΔΟΣ naar de SPEELTUIN \\N \\ \\t"
    services[0]["x_note"] = {"tekst": "regel 1\nregel\t2 \\ \\N", "getal": 1.5}
    services[1]["alternate_name"] = "Ｗandelgroep"  # a full-width letter
    services[2]["organization"]["name"] = "Stichting Één"
    run(write(tmp_path, "services.json", services))
    imported = _denormalised()
    lexicon = set(SearchWord.objects.values_list("word", flat=True))
    for document in Service.objects.values_list("search_document", flat=True):
        assert set(words(document)) <= lexicon
    assert "hans" in lexicon
    assert "cooperatie" in imported[uuid.UUID(services[0]["id"])][5]
    first = Service.objects.get(id=services[0]["id"])  # written as COPY text on PostgreSQL
    assert first.description == services[0]["description"]
    assert first.hsds_extra["x_note"] == services[0]["x_note"]
    refresh_services(list(imported))
    assert _denormalised() == imported


def test_search_text_made_ahead_is_used_only_where_it_still_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search text of a file's entries is made while the server still writes the file
    before, assuming the entries are new. Where that does not hold (the entry, or its
    organisation, came in an earlier file) the import must still write what a refresh
    from the database gives."""
    from omzien.directory.services import refresh_services

    prepared: list[set[uuid.UUID]] = []
    original = hsds._Writer.prepare

    def prepare(writer: hsds._Writer) -> None:
        original(writer)
        prepared.append(set(writer.prepared))

    monkeypatch.setattr(hsds._Writer, "prepare", prepare)
    services = good_services(5)
    for number, record in enumerate(services):
        # Terms by id (a file with terms in it is written before its search texts).
        record["attributes"] = [
            {
                "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"free/{number}")),
                "taxonomy_term_id": str(stable_uuid("term", taxonomy.INCLUSION, taxonomy.FREE)),
                "link_type": "classification",
                "link_entity": "service",
            }
        ]
    first = services[:2]
    fresh = services[2:4]  # new, with their own organisation and place
    again = copy.deepcopy(first[0])  # in the first file too
    again["description"] = "Nu ook op zondag."
    shared = services[4]
    shared["organization"] = first[1]["organization"]  # written by the first file
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = write(tmp_path / "a", "services.json", first)
    b = write(tmp_path / "b", "services.json", [*fresh, again, shared])
    hsds.hsds_import_many([hsds.ImportSource(a), hsds.ImportSource(b)])

    ids = {
        name: uuid.UUID(record["id"])
        for name, record in zip("xyas", [*fresh, again, shared], strict=True)
    }
    assert prepared[1] == set(ids.values())  # all made ahead …
    imported = _denormalised()
    assert len(imported) == 5
    assert "zondag" in imported[ids["a"]][5]  # … and the entry seen before refreshed
    assert "dienst 5" in imported[ids["s"]][5]
    refresh_services(list(imported))
    assert _denormalised() == imported


def test_a_first_import_answers_from_what_it_wrote_and_asks_again_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the entries' tables were empty as the import began, which rows of a later
    source exist comes from what the import wrote, with no query; so do the entries a
    changed place touches and the classifications that are there already. The outcome
    must be what asking the database gives. A next import (the tables hold rows) asks."""
    from omzien.directory.services import refresh_services

    asked: list[str] = []
    original = hsds._existing_ids

    def existing_ids(model: Any, ids: Any) -> set[uuid.UUID]:
        asked.append(model.__name__)
        return original(model, ids)

    monkeypatch.setattr(hsds, "_existing_ids", existing_ids)
    free = str(stable_uuid("term", taxonomy.INCLUSION, taxonomy.FREE))
    first = good_services(2)
    first[1]["attributes"].append(
        {
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, "free/first")),
            "taxonomy_term_id": free,
            "link_type": "classification",
            "link_entity": "service",
        }
    )
    again = copy.deepcopy(first[1])
    again["description"] = "Nu ook op zondag."
    again["attributes"][-1]["id"] = str(uuid.uuid5(uuid.NAMESPACE_URL, "free/again"))
    moved = good_services(3)[2]  # a new entry at the first entry's place, renamed
    place = copy.deepcopy(first[0]["service_at_locations"][0]["location"])
    place["name"] = "Buurthuis De Linde"
    moved["service_at_locations"][0]["location"] = place
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    sources = [
        hsds.ImportSource(write(tmp_path / "a", "services.json", first)),
        hsds.ImportSource(write(tmp_path / "b", "services.json", [again, moved])),
    ]
    result = hsds.hsds_import_many(sources)

    assert {"Service", "Location", "Organization"}.isdisjoint(asked)
    assert result.created["service"] == 3
    assert result.updated["service"] == 1  # `again`
    assert any(
        "bestaat al als attribuut " + first[1]["attributes"][-1]["id"] in w for w in result.warnings
    )
    assert Attribute.objects.filter(link_id=again["id"], taxonomy_term_id=free).count() == 1
    imported = _denormalised()
    assert "buurthuis de linde" in imported[uuid.UUID(first[0]["id"])][5]
    assert "zondag" in imported[uuid.UUID(again["id"])][5]
    assert imported[uuid.UUID(again["id"])][4] is True  # free
    refresh_services(list(imported))
    assert _denormalised() == imported

    again_result = hsds.hsds_import_many(sources)
    assert "Service" in asked
    assert sum(again_result.created.values()) == 0
    assert Service.objects.count() == 3


def test_what_entries_are_made_from_is_read_again_only_after_a_dangling_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``prepare`` collects what each entry's text is made from before references are
    resolved; ``start`` uses that unless resolving left a reference without its row."""
    from omzien.directory.services import refresh_services

    calls: list[bool] = []
    original = hsds._Writer._inputs

    def inputs(writer: hsds._Writer, *, resolved: bool) -> Any:
        calls.append(resolved)
        return original(writer, resolved=resolved)

    monkeypatch.setattr(hsds._Writer, "_inputs", inputs)
    services = good_services(2)
    for record in services:
        record["attributes"] = []  # no terms in the file: the texts are made ahead
        del record["organization"]["parent_organization_id"]  # the example's points nowhere
    run(write(tmp_path, "plain.json", services))
    assert calls == [False]
    wipe_directory()
    calls.clear()
    services[0]["organization"]["parent_organization_id"] = str(uuid.uuid4())  # nowhere
    run(write(tmp_path, "dangling.json", services))
    assert calls == [False, True]
    organization = Organization.objects.get(id=services[0]["organization"]["id"])
    assert organization.parent_external_id == uuid.UUID(
        services[0]["organization"]["parent_organization_id"]
    )
    imported = _denormalised()
    refresh_services(list(imported))
    assert _denormalised() == imported


def test_a_query_of_a_later_source_sees_what_the_sources_before_it_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The organisations' table holds a row already, so whether the second source's
    reference exists is asked of the database: the question must wait until the first
    source's organisation is written (on PostgreSQL, it may still be queued for COPY)."""
    from django.db import connection

    waits: list[bool] = []
    original = hsds._CopyPipe.wait

    def wait(pipe: hsds._CopyPipe) -> None:
        waits.append(pipe.busy)
        original(pipe)

    monkeypatch.setattr(hsds._CopyPipe, "wait", wait)
    Organization.objects.create(name="Er al")
    first, second, a, b = _two_sources(tmp_path)
    for records, path in ((first, a), (second, b)):
        for record in records:
            record["attributes"] = []  # no terms: nothing else to ask after a COPY
        write(path.parent, path.name, records)
    result = hsds.hsds_import_many([hsds.ImportSource(a), hsds.ImportSource(b)])
    if connection.vendor == "postgresql":
        assert waits == [True, True]  # before the second source's question, and at the end
    assert result.created["service"] == 3
    assert Service.objects.get(id=second[0]["id"]).organization_id == uuid.UUID(
        first[0]["organization"]["id"]
    )


def test_sources_that_need_no_query_are_queued_one_after_the_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a first import the sources' tables queue up for COPY without waiting for the
    server in between; a query (here: the next import, into tables that hold rows) waits
    for everything queued before it."""
    from django.db import connection

    from omzien.directory.services import refresh_services

    if connection.vendor != "postgresql":
        pytest.skip("the COPY thread is PostgreSQL's")
    waits: list[int] = []
    original = hsds._CopyPipe.wait

    def wait(pipe: hsds._CopyPipe) -> None:
        waits.append(pipe.queue.qsize())
        original(pipe)

    monkeypatch.setattr(hsds._CopyPipe, "wait", wait)
    paths = []
    for number, record in enumerate(good_services(3)):
        record["attributes"] = []
        del record["organization"]["parent_organization_id"]
        (tmp_path / str(number)).mkdir()
        paths.append(write(tmp_path / str(number), "services.json", [record]))
    sources = [hsds.ImportSource(p) for p in paths]
    result = hsds.hsds_import_many(sources)
    assert len(waits) == 1  # once, at the end
    assert result.created["service"] == Service.objects.count() == 3
    imported = _denormalised()
    refresh_services(list(imported))
    assert _denormalised() == imported
    waits.clear()
    again = hsds.hsds_import_many(sources)
    assert len(waits) > 1
    assert sum(again.created.values()) == sum(again.updated.values()) == 0


def test_stems_are_stored_only_where_the_database_searches_them(tmp_path: Path) -> None:
    from django.db import connection

    from omzien.directory.services import refresh_services

    run(write(tmp_path, "services.json", good_services(1)))
    service = Service.objects.get()
    sqlite = connection.vendor == "sqlite"
    assert bool(service.search_stems) is sqlite  # PostgreSQL searches its own vector
    assert service.search_document
    refresh_services([service.id])
    service.refresh_from_db()
    assert bool(service.search_stems) is sqlite
    found = search_services(None, SearchParams(q="dienst")).services
    assert [s.id for s in found] == [service.id]


def test_an_import_pauses_the_cycle_collector_and_restores_it(tmp_path: Path) -> None:
    import gc

    seen: list[bool] = []
    original = hsds._read

    def read(path: Path, reader: Any) -> None:
        seen.append(gc.isenabled())
        original(path, reader)

    assert gc.isenabled()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(hsds, "_read", read)
        run(write(tmp_path, "services.json", good_services(1)))
        bad = good_services(1)
        bad[0]["status"] = "sometimes"
        with pytest.raises(hsds.HsdsImportError):
            run(write(tmp_path, "services.json", bad))
    assert seen == [False, False]
    assert gc.isenabled()  # also after a refused file


# --- The schema check in a second process ---------------------------------------------------


def test_the_schema_check_in_a_second_process_agrees_with_this_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(hsds, "CHECK_ELSEWHERE_FROM", 1)
    good = example("service_full.json")
    bad = copy.deepcopy(good)
    bad["status"] = 7
    wrong_type = copy.deepcopy(good)
    wrong_type["name"] = 5
    records = [good] * 700 + [bad] + [good] * 10 + [wrong_type]
    items = [("service.json", record) for record in records]
    verdicts = list(hsds._fast_checks_elsewhere(items))
    assert len(verdicts) == len(records)
    assert None not in verdicts  # a child process answered for every record
    assert verdicts == [hsds.fast_check("service.json")(r) for r in records]
    assert verdicts.count(False) == 2
    assert verdicts[700] is False


def test_a_small_file_is_checked_in_this_process() -> None:
    items = [("service.json", example("service_full.json"))] * 3
    assert list(hsds._fast_checks_elsewhere(items)) == [None, None, None]


def test_an_import_checked_in_a_second_process_reports_the_same_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = good_services(4)
    services[3]["schedules"][0]["valid_from"] = "01-01-2005"
    services[1]["email"] = None  # refused by the check, then read without the null
    path = write(tmp_path, "services.json", services)
    here = problems(path)
    monkeypatch.setattr(hsds, "CHECK_ELSEWHERE_FROM", 1)
    before = counts()
    assert problems(path) == here
    assert len(here) == 1
    assert here[0].startswith(f'service 4 (id {services[3]["id"]}, "Dienst 4"): schedules[0]')
    assert counts() == before
    del services[3]
    run(write(tmp_path, "services.json", services))
    assert set(Service.objects.values_list("name", flat=True)) == {
        "Dienst 1",
        "Dienst 2",
        "Dienst 3",
    }
