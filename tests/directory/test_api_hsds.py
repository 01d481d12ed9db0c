"""The public HSDS API under /api/hsds/: envelope, filters, pages, 404s, 400s."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from tests.conftest import login
from tests.directory.test_hsds_export import RichMap, build_rich_map

from omzien.directory import hsds, taxonomy
from omzien.directory.models import (
    Kind,
    Organization,
    Publication,
    Service,
    ServiceAtLocation,
    stable_uuid,
)

pytestmark = pytest.mark.django_db

BASE = "/api/hsds"
ENVELOPE = [
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
]


@pytest.fixture
def rich(areas: Any) -> RichMap:
    return build_rich_map(areas)


def get(client: Client, path: str, status: int = 200, **params: Any) -> Any:
    response = client.get(BASE + path, params)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def names(page: dict[str, Any]) -> list[str]:
    return [item["name"] for item in page["contents"]]


def make_services(count: int, **fields: Any) -> list[Service]:
    organization = Organization.objects.create(name="Org", description="")
    return [
        Service.objects.create(
            name=f"Dienst {i:02d}",
            organization=organization,
            publication=Publication.PUBLISHED,
            **fields,
        )
        for i in range(count)
    ]


def test_root_describes_the_api(client: Client) -> None:
    body = get(client, "/")
    assert body["version"] == "3.0"
    assert body["openapi_url"] == "http://testserver/api/openapi.json"
    assert body["profile"].startswith("https://")


def test_public_without_login(client: Client, rich: RichMap) -> None:
    assert names(get(client, "/services")) == ["Open inloop"]


def test_logged_in_user_sees_the_same_public_list(
    client: Client, rich: RichMap, coordinator: Any
) -> None:
    # Drafts stay out of the HSDS API, also for staff who may see them on the site.
    login(client, coordinator)
    assert names(get(client, "/services")) == ["Open inloop"]


def test_services_list_uses_the_page_envelope(client: Client, rich: RichMap) -> None:
    page = get(client, "/services")
    assert list(page) == ENVELOPE
    assert page == {
        "total_items": 1,
        "total_pages": 1,
        "page_number": 1,
        "size": 1,
        "first_page": True,
        "last_page": True,
        "empty": False,
        "contents": page["contents"],
    }
    (item,) = page["contents"]
    assert hsds.validate("service.json", item) == []
    assert item["organization"]["name"] == "Stichting Buurtwerk"
    assert not [key for key, value in item.items() if isinstance(value, list)]


def test_pagination(client: Client, db: Any) -> None:
    make_services(5)
    first = get(client, "/services", per_page=2)
    assert names(first) == ["Dienst 00", "Dienst 01"]
    assert (first["total_items"], first["total_pages"], first["size"]) == (5, 3, 2)
    assert (first["first_page"], first["last_page"]) == (True, False)
    last = get(client, "/services", per_page=2, page=3)
    assert names(last) == ["Dienst 04"]
    assert (last["page_number"], last["size"], last["last_page"]) == (3, 1, True)
    beyond = get(client, "/services", per_page=2, page=4)
    assert (beyond["contents"], beyond["empty"], beyond["size"]) == ([], True, 0)
    assert get(client, "/services")["size"] == 5  # default 50 a page


def test_empty_list(client: Client, db: Any) -> None:
    page = get(client, "/services")
    assert (page["total_items"], page["total_pages"], page["empty"]) == (0, 0, True)


def test_search(client: Client, rich: RichMap) -> None:
    Service.objects.create(name="Voetbal", publication=Publication.PUBLISHED)
    assert names(get(client, "/services", search="inloop")) == ["Open inloop"]
    assert names(get(client, "/services", search="geheim")) == []  # the draft


def test_search_hides_drafts_from_logged_in_staff_too(
    client: Client, rich: RichMap, professional: Any
) -> None:
    # Staff see drafts on the site; the API is public and never does.
    login(client, professional)
    assert client.get(f"/sociale-kaart/{rich.draft.id}/").status_code == 200
    assert names(get(client, "/services", search="geheim")) == []
    get(client, f"/services/{rich.draft.id}", status=404)


def test_filter_by_taxonomy_term(client: Client, rich: RichMap) -> None:
    make_services(2)
    coffee = stable_uuid("term", taxonomy.THEME, "coffee")
    assert names(get(client, "/services", taxonomy_term_id=str(coffee))) == ["Open inloop"]
    # the kind is a field, offered as an attribute: its term finds it too
    facility = stable_uuid("term", taxonomy.KIND, Kind.FACILITY)
    assert names(get(client, "/services", taxonomy_term_id=str(facility))) == ["Open inloop"]
    other = stable_uuid("term", taxonomy.THEME, "walking")
    assert names(get(client, "/services", taxonomy_term_id=str(other))) == []


def test_filter_by_organization(client: Client, rich: RichMap) -> None:
    make_services(2)
    page = get(client, "/services", organization_id=str(rich.organization.id))
    assert names(page) == ["Open inloop"]


def test_filter_modified_after(client: Client, db: Any) -> None:
    old, new = make_services(2)
    Service.objects.filter(id=old.id).update(updated_at=datetime(2020, 1, 1, tzinfo=UTC))
    Service.objects.filter(id=new.id).update(updated_at=datetime(2024, 6, 1, tzinfo=UTC))
    assert names(get(client, "/services", modified_after="2023-01-01T00:00:00Z")) == [new.name]
    assert names(get(client, "/services", modified_after="2019-12-31")) == [old.name, new.name]


def test_service_detail_is_the_full_record(client: Client, rich: RichMap) -> None:
    body = get(client, f"/services/{rich.service.id}")
    assert hsds.validate("service.json", body) == []
    assert body["service_at_locations"][0]["location"]["name"] == "Buurthuis De Boog"
    assert body["schedules"] and body["attributes"] and body["metadata"]


def test_draft_and_unknown_services_are_not_found(client: Client, rich: RichMap) -> None:
    for pk in (rich.draft.id, uuid.uuid4()):
        body = get(client, f"/services/{pk}", status=404)
        assert body == {"detail": "Niet gevonden (not found)", "errors": {}}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"per_page": "10000"}, "per_page"),
        ({"per_page": "0"}, "per_page"),
        ({"modified_after": "gisteren"}, "modified_after"),
        ({"taxonomy_term_id": "42"}, "taxonomy_term_id"),
        ({"organization_id": "not-a-uuid"}, "organization_id"),
    ],
)
def test_bad_parameters_get_a_400_in_dutch_and_english(
    client: Client, db: Any, params: dict[str, str], field: str
) -> None:
    body = get(client, "/services", status=400, **params)
    assert body["detail"] == "Ongeldige invoer (invalid input)"
    (message,) = body["errors"][field]
    dutch, english = message.split(" (", 1)
    assert dutch and english.endswith(")")
    assert list(body["errors"]) == [field]


def test_malformed_id_is_a_400(client: Client, db: Any) -> None:
    body = get(client, "/services/not-a-uuid", status=400)
    assert body["errors"] == {"id": ["is geen geldige UUID (is not a valid UUID)"]}
    assert get(client, "/organizations/12", status=400)["errors"]["id"]


def test_several_bad_parameters_at_once(client: Client, db: Any) -> None:
    body = get(client, "/services", status=400, page="0", per_page="501")
    assert sorted(body["errors"]) == ["page", "per_page"]
    body = get(client, "/service_at_locations", status=400, per_page="0", organization_id="x")
    assert sorted(body["errors"]) == ["organization_id", "per_page"]


def test_list_query_count_does_not_grow(client: Client, db: Any) -> None:
    def queries(count: int) -> int:
        Service.objects.all().delete()
        make_services(count, kind=Kind.SHOP)
        with CaptureQueriesContext(connection) as captured:
            page = get(client, "/services")
        assert page["total_items"] == count
        return len(captured)

    few, many = queries(3), queries(30)
    assert few == many == 2  # a count and one page


def test_service_at_locations_query_count_does_not_grow(client: Client, areas: Any) -> None:
    build_rich_map(areas)
    with CaptureQueriesContext(connection) as captured:
        get(client, "/service_at_locations")
    assert len(captured) == 2


def test_organizations(client: Client, rich: RichMap) -> None:
    hidden = Organization.objects.create(name="Alleen concepten", description="")
    Service.objects.create(name="Concept", organization=hidden, publication=Publication.DRAFT)
    page = get(client, "/organizations")
    assert names(page) == ["Stichting Buurtwerk"]
    (item,) = page["contents"]
    assert hsds.validate("organization.json", item) == []
    assert "contacts" not in item
    detail = get(client, f"/organizations/{rich.organization.id}")
    assert hsds.validate("organization.json", detail) == []
    assert [s["name"] for s in detail["services"]] == ["Open inloop"]
    assert detail["locations"][0]["name"] == "Buurthuis De Boog"
    get(client, f"/organizations/{hidden.id}", status=404)
    assert names(get(client, "/organizations", search="buurt")) == ["Stichting Buurtwerk"]


def test_service_at_locations(client: Client, rich: RichMap) -> None:
    draft_sal = ServiceAtLocation.objects.create(service=rich.draft, location=rich.location)
    page = get(client, "/service_at_locations")
    assert [i["id"] for i in page["contents"]] == [str(rich.sal.id)]
    assert str(draft_sal.id) not in str(page)
    (item,) = page["contents"]
    assert hsds.validate("service_at_location.json", item) == []
    assert item["service"]["name"] == "Open inloop"
    assert item["location"]["name"] == "Buurthuis De Boog"
    assert get(client, "/service_at_locations", search="zwembad")["contents"] == []


def test_taxonomies_and_terms(client: Client, rich: RichMap) -> None:
    taxonomies = get(client, "/taxonomies", per_page=500)
    assert "Open Eligibility" in names(taxonomies)
    for item in taxonomies["contents"]:
        assert hsds.validate("taxonomy.json", item) == []
    kind = stable_uuid("taxonomy", taxonomy.KIND)
    terms = get(client, "/taxonomy_terms", taxonomy_id=str(kind), per_page=500)
    assert terms["total_items"] == len(list(taxonomy.walk(taxonomy.TAXONOMIES[0].terms)))
    for item in terms["contents"]:
        assert hsds.validate("taxonomy_term.json", item) == []
        assert item["taxonomy_id"] == str(kind)
