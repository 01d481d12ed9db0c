"""The social-map pages: who sees what, editing with history, suggestions, asset map."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from tests.conftest import login, make_user
from tests.directory.conftest import build_service, weekly
from tests.factories import PersonFactory

from omzien.accounts.models import Role
from omzien.directory import taxonomy
from omzien.directory.models import (
    ChangeRecord,
    Kind,
    Publication,
    Schedule,
    ScheduleKind,
    Service,
    Suggestion,
    SuggestionStatus,
)
from omzien.people.models import Term

pytestmark = pytest.mark.django_db


def test_search_page_is_public_and_hides_drafts(client: Client, areas: Any) -> None:
    build_service("Wandelgroep De Stappers", areas.neighbourhood, point=(52.36, 4.90))
    build_service("Geheim concept", areas.neighbourhood, publication=Publication.DRAFT)
    response = client.get("/sociale-kaart/", {"q": "wandelen"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Wandelgroep De Stappers" in body
    assert "Geheim concept" not in body
    assert 'id="map-points"' in body  # the map gets the same entries as the list
    assert (
        client.get("/sociale-kaart/", {"drafts": "on"}).content.decode().count("Geheim concept")
        == 0
    )


def test_bad_search_input_is_explained_not_a_crash(client: Client, areas: Any) -> None:
    build_service("Buurthuis", areas.neighbourhood)
    response = client.get(
        "/sociale-kaart/", {"postcode": "abc", "radius": "99", "page": "999", "theme": "x"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Vul een postcode in, bijvoorbeeld 9901 AB." in body
    assert "Buurthuis" in body  # still searches with what is valid


def test_draft_detail_only_for_staff_of_the_area(
    client: Client, areas: Any, resident: Any, professional: Any, other_professional: Any
) -> None:
    draft = build_service("Concept", areas.neighbourhood, publication=Publication.DRAFT)
    url = draft.get_absolute_url()
    assert client.get(url).status_code == 404
    assert login(Client(), resident.user).get(url).status_code == 404
    assert login(Client(), other_professional).get(url).status_code == 404
    assert login(Client(), professional).get(url).status_code == 200


def test_detail_shows_opening_status_and_verification_warning(client: Client, areas: Any) -> None:
    service = build_service(
        "Open lunch",
        areas.neighbourhood,
        schedules=[weekly("TU", "12:00", "14:00")],
        assured_date=date(2025, 1, 1),
    )
    tuesday_noon = datetime(2026, 11, 24, 12, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(tuesday_noon, tick=False):
        body = client.get(service.get_absolute_url()).content.decode()
    assert "Nu open tot 14:00" in body
    assert 'id="verify-warning"' in body
    service.assured_date = date(2026, 10, 1)
    service.save()
    with time_machine.travel(tuesday_noon + timedelta(days=1), tick=False):
        body = client.get(service.get_absolute_url()).content.decode()
    assert "Gesloten, opent dinsdag 12:00" in body
    assert 'id="verify-warning"' not in body


def _entry_form(neighbourhood: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "name": "Taalcafé",
        "kind": Kind.INITIATIVE,
        "description": "Samen Nederlands oefenen.",
        "neighbourhood": neighbourhood.pk,
        "status": "active",
        "publication": "published",
        "address_1": "Dorpsstraat 3",
        "postal_code": "9901ab",
        "city": "Omzienstad",
        "latitude": "52.36",
        "longitude": "4.9",
        "inclusion": [],
    }
    data.update(overrides)
    return data


def test_coordinator_creates_and_edits_with_field_history(areas: Any, coordinator: Any) -> None:
    client = login(Client(), coordinator)
    response = client.post("/sociale-kaart/nieuw/", _entry_form(areas.neighbourhood))
    service = Service.objects.get(name="Taalcafé")
    assert response.status_code == 302 and response["Location"] == service.get_absolute_url()
    assert service.latitude == 52.36 and service.neighbourhood == areas.neighbourhood
    assert service.service_at_locations.get().location.address.postal_code == "9901 AB"  # type: ignore[union-attr]

    response = client.post(
        f"/sociale-kaart/{service.pk}/bewerken/",
        _entry_form(areas.neighbourhood, name="Taalcafé Babbel", city="Omzienstad"),
    )
    assert response.status_code == 302
    changes = {
        c.field_name: (c.previous_value, c.replacement_value)
        for c in ChangeRecord.objects.filter(resource_id=service.pk, last_action_type="update")
    }
    # The place had no name of its own, so it follows the entry's name.
    assert changes == {
        "name": ("Taalcafé", "Taalcafé Babbel"),
        "location_name": ("Taalcafé", "Taalcafé Babbel"),
    }
    assert ChangeRecord.objects.filter(resource_id=service.pk, last_action_type="create").exists()
    body = client.get(service.get_absolute_url()).content.decode()
    assert "Taalcafé Babbel" in body and "Wijzigingen" in body


def test_bad_entry_form_reshows_and_saves_nothing(areas: Any, coordinator: Any) -> None:
    client = login(Client(), coordinator)
    response = client.post(
        "/sociale-kaart/nieuw/",
        _entry_form(
            areas.neighbourhood, name="", minimum_age="70", maximum_age="12", latitude="99"
        ),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "De maximumleeftijd kan niet lager zijn dan de minimumleeftijd." in body
    assert Service.objects.count() == 0


def test_editing_is_refused_to_the_wrong_people(
    areas: Any, resident: Any, professional: Any
) -> None:
    service = build_service("Buurthuis", areas.neighbourhood)
    other_coordinator = make_user(Role.COORDINATOR, areas.other_district)
    for user in (resident.user, professional, other_coordinator):
        client = login(Client(), user)
        assert client.get(f"/sociale-kaart/{service.pk}/bewerken/").status_code == 403
        assert client.post(f"/sociale-kaart/{service.pk}/gecontroleerd/").status_code == 403
        assert (
            client.get("/sociale-kaart/nieuw/").status_code in (403,) or user is other_coordinator
        )
    service.refresh_from_db()
    assert service.assured_date is None


def test_verify_sets_the_date(areas: Any, coordinator: Any) -> None:
    service = build_service("Buurthuis", areas.neighbourhood)
    login(Client(), coordinator).post(f"/sociale-kaart/{service.pk}/gecontroleerd/")
    service.refresh_from_db()
    assert service.assured_date is not None
    assert ChangeRecord.objects.filter(resource_id=service.pk, field_name="assured_date").exists()


def test_verifying_publishes_the_team_address_not_the_checker(
    areas: Any, coordinator: Any, settings: Any
) -> None:
    settings.OMZIEN_DIRECTORY_ASSURER_EMAIL = "sociale-kaart@gemeente.example"
    service = build_service("Buurthuis", areas.neighbourhood)
    client = login(Client(), coordinator)
    client.post(f"/sociale-kaart/{service.pk}/gecontroleerd/")
    service.refresh_from_db()
    assert service.assurer_email == "sociale-kaart@gemeente.example"
    # Editors see who checked it in the history; the public HSDS record does not.
    assert coordinator.get_full_name() in client.get(f"/sociale-kaart/{service.pk}/").text
    record = Client().get(f"/api/hsds/services/{service.pk}").json()
    assert record["assurer_email"] == "sociale-kaart@gemeente.example"
    assert {m["updated_by"] for m in record["metadata"]} == {"omzien"}
    published = json.dumps(record)
    assert coordinator.email not in published
    assert coordinator.get_full_name() not in published


def test_hours_are_edited_and_a_bad_row_saves_nothing(areas: Any, coordinator: Any) -> None:
    service = build_service(
        "Buurthuis", areas.neighbourhood, schedules=[weekly("MO", "9:00", "12:00")]
    )
    client = login(Client(), coordinator)
    url = f"/sociale-kaart/{service.pk}/openingstijden/"
    form = {
        "hours-TOTAL_FORMS": "2",
        "hours-INITIAL_FORMS": "0",
        "hours-0-kind": "regular",
        "hours-0-byday": ["TU", "TH"],
        "hours-0-opens_at": "10:00",
        "hours-0-closes_at": "16:00",
        "hours-1-kind": "closed",
        "hours-1-opens_at": "",
    }
    # A closure needs a date: the second row has none, so nothing changes.
    form_bad = {**form, "hours-1-opens_at": "10:00"}
    response = client.post(url, form_bad)
    assert response.status_code == 200
    assert "Een uitzondering heeft een begindatum nodig." in response.content.decode()
    assert list(Schedule.objects.filter(service=service).values_list("byday", flat=True)) == ["MO"]
    form_good = {**form, "hours-1-valid_from": "2026-12-25", "hours-1-valid_to": "2026-12-26"}
    assert client.post(url, form_good).status_code == 302
    rows = {(s.kind, s.byday) for s in Schedule.objects.filter(service=service)}
    assert rows == {(ScheduleKind.REGULAR, "TU,TH"), (ScheduleKind.CLOSED, "")}
    assert Schedule.objects.filter(for_service=service).count() == 2


def test_suggestion_queue_accept_with_edits(areas: Any, resident: Any, coordinator: Any) -> None:
    resident_client = login(Client(), resident.user)
    response = resident_client.post(
        "/sociale-kaart/voorstellen/",
        {"name": "Breiclub", "neighbourhood": areas.neighbourhood.pk, "description": "Breien."},
    )
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.status == SuggestionStatus.PENDING
    assert not Service.objects.exists()  # nothing public before review

    other_coordinator = make_user(Role.COORDINATOR, areas.other_district)
    other = login(Client(), other_coordinator)
    assert "Breiclub" not in other.get("/sociale-kaart/beoordelen/").content.decode()
    assert other.get(f"/sociale-kaart/beoordelen/{suggestion.pk}/").status_code == 403
    assert resident_client.get("/sociale-kaart/beoordelen/").status_code == 403

    client = login(Client(), coordinator)
    assert "Breiclub" in client.get("/sociale-kaart/beoordelen/").content.decode()
    response = client.post(
        f"/sociale-kaart/beoordelen/{suggestion.pk}/",
        {"decision": "accept", **_entry_form(areas.neighbourhood, name="Breiclub De Bol")},
    )
    assert response.status_code == 302
    service = Service.objects.get()
    assert service.name == "Breiclub De Bol" and service.publication == Publication.PUBLISHED
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED and suggestion.result == service
    # Handled once only.
    client.post(
        f"/sociale-kaart/beoordelen/{suggestion.pk}/", {"decision": "reject", "reason": "x"}
    )
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED


def test_rejection_needs_a_reason_and_the_resident_sees_it(
    areas: Any, resident: Any, coordinator: Any
) -> None:
    suggestion = Suggestion.objects.create(
        neighbourhood=areas.neighbourhood, name="Casino", submitted_by=resident.user
    )
    client = login(Client(), coordinator)
    url = f"/sociale-kaart/beoordelen/{suggestion.pk}/"
    response = client.post(url, {"decision": "reject", "reason": "  "})
    assert response.status_code == 200
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.PENDING
    client.post(url, {"decision": "reject", "reason": "Dit past niet bij de sociale kaart."})
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.REJECTED
    body = login(Client(), resident.user).get("/sociale-kaart/mijn-voorstellen/").content.decode()
    assert "Dit past niet bij de sociale kaart." in body


def test_correction_is_reviewed_and_applied(areas: Any, resident: Any, coordinator: Any) -> None:
    service = build_service("Bibliotheek", areas.neighbourhood, kind=Kind.FACILITY)
    login(Client(), resident.user).post(
        f"/sociale-kaart/{service.pk}/correctie/", {"message": "Heet nu Bieb Oost."}
    )
    suggestion = Suggestion.objects.get(service=service)
    client = login(Client(), coordinator)
    body = client.get(f"/sociale-kaart/beoordelen/{suggestion.pk}/").content.decode()
    assert "Heet nu Bieb Oost." in body and 'value="Bibliotheek"' in body  # prefilled
    client.post(
        f"/sociale-kaart/beoordelen/{suggestion.pk}/",
        {
            "decision": "accept",
            **_entry_form(areas.neighbourhood, name="Bieb Oost", kind="facility"),
        },
    )
    service.refresh_from_db()
    assert service.name == "Bieb Oost"


def test_suggesting_needs_a_login(client: Client, areas: Any) -> None:
    response = client.post("/sociale-kaart/voorstellen/", {"name": "X"})
    assert response.status_code == 302 and "/account/" in response["Location"]
    assert not Suggestion.objects.exists()


def _talented_people(neighbourhood: Any, term: Term, count: int, share: bool = True) -> None:
    for _ in range(count):
        person = PersonFactory(neighbourhood=neighbourhood, share_gifts=share)
        person.talents.add(term)


def test_asset_map_counts_hides_small_groups_and_names_what_is_missing(
    areas: Any, resident: Any, professional: Any
) -> None:
    build_service("Buurthuis", areas.neighbourhood, kind=Kind.FACILITY)
    build_service("Koor", areas.neighbourhood, kind=Kind.ASSOCIATION)
    build_service(
        "Stille ruimte",
        areas.neighbourhood,
        kind=Kind.INITIATIVE,
        terms=[(taxonomy.INCLUSION, taxonomy.LOW_STIMULUS)],
    )
    build_service("Bankje", areas.neighbourhood, kind=Kind.THIRD_PLACE)
    build_service("Concept", areas.neighbourhood, kind=Kind.PEER_GROUP, publication="draft")
    cooking, gardening, music = (Term.objects.filter(parent__isnull=True)[i] for i in range(3))
    _talented_people(areas.neighbourhood, cooking, 6)
    _talented_people(areas.neighbourhood, gardening, 4)
    _talented_people(areas.neighbourhood, music, 7, share=False)

    client = login(Client(), resident.user)
    response = client.get(f"/sociale-kaart/buurt/{areas.neighbourhood.code}/")
    assert response.status_code == 200
    context = response.context
    assert context["map"].counts == {
        "gifts": 6,
        "associations": 2,
        "institutions": 1,
        "spaces": 1,
        "economy": 0,
    }
    assert [(t, n) for t, n in context["map"].gifts] == [(cooking, 6)]
    assert context["map"].gifts_hidden == 1
    missing = {e.code for e in context["map"].missing}
    assert "peer_group" in missing  # the draft does not count
    assert "low_stimulus_meeting" not in missing
    body = response.content.decode()
    assert gardening.label not in body and music.label not in body

    # Drill-down is for staff of the area.
    assert (
        client.get(
            f"/sociale-kaart/buurt/{areas.neighbourhood.code}/?categorie=associations"
        ).status_code
        == 403
    )
    staff = login(Client(), professional)
    body = staff.get(
        f"/sociale-kaart/buurt/{areas.neighbourhood.code}/?categorie=associations"
    ).content.decode()
    assert (
        "Koor" in body
        and "Stille ruimte" in body
        and "Buurthuis" not in body.split('id="drilldown"')[1]
    )


def test_asset_map_needs_a_login(client: Client, areas: Any) -> None:
    response = client.get(f"/sociale-kaart/buurt/{areas.neighbourhood.code}/")
    assert response.status_code == 302


def test_opening_hours_on_the_page_honour_a_holiday(client: Client, areas: Any) -> None:
    service = build_service(
        "Open lunch",
        areas.neighbourhood,
        schedules=[
            weekly("FR", "12:00", "14:00"),
            {"kind": ScheduleKind.CLOSED, "freq": "", "valid_from": date(2026, 12, 25)},
        ],
    )
    christmas_noon = datetime(2026, 12, 25, 12, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(christmas_noon, tick=False):
        body = client.get(service.get_absolute_url()).content.decode()
    assert "Gesloten, opent vrijdag 1-1 om 12:00" in body
    assert time(12) is not None
