"""The report point's JSON API: public create, tracking and feedback; the back office list,
detail and status changes, with the same scope rules as the pages."""

from __future__ import annotations

import datetime
import json
import uuid
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from tests.conftest import login, make_user
from tests.reports.conftest import Setup, person_report, place_report

from omzien.accounts.models import Role
from omzien.accounts.services import api_token_create
from omzien.core.models import AuditEntry
from omzien.reports import services
from omzien.reports.models import Report
from omzien.reports.models import ReportStatus as S

API = "/api/reports/"


def post(client: Client, url: str, body: Any, **extra: Any) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json", **extra)


def place_body(**extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "submission_key": uuid.uuid4().hex,
        "municipality": "GM0363",
        "category": "onveilige-plek",
        "subcategory": "donkere-doorgang",
        "answers": {"wanneer": "Als het donker is"},
        "description": "De doorgang achter de school is heel donker.",
        "postcode": "1091 AB",
        "house_number": "12",
    }
    body.update(extra)
    return body


# --- public -----------------------------------------------------------------------------


def test_the_categories_with_their_questions_are_public(client: Client, setup: Setup) -> None:
    response = client.get(API + "categories?municipality=gm0363")
    assert response.status_code == 200
    by_slug = {c["slug"]: c for c in response.json()}
    person = by_slug["zorg-om-iemand"]
    assert person["municipality"] == "GM0363"
    assert person["questions"][0]["key"] == "gevaar-nu"
    assert person["questions"][0]["acute_danger"] is True
    assert "niet-gezien" in {s["slug"] for s in person["subcategories"]}
    assert by_slug["onveilige-plek"]["questions"][0]["choices"] == [
        "Overdag",
        "Als het donker is",
        "Altijd",
    ]
    assert client.get(API + "categories?municipality=GM0000").json() == []


def test_anyone_makes_a_report_without_logging_in(client: Client, setup: Setup) -> None:
    response = post(client, API, place_body(contact_email="A@Example.org", wants_updates=True))
    assert response.status_code == 201
    data = response.json()
    report = Report.objects.get()
    assert data["reference"] == report.reference
    assert data["tracking_token"] == report.tracking_token
    assert data["tracking_url"].endswith(report.get_tracking_url())
    assert (data["status"], data["created"]) == ("received", True)
    assert report.subcategory == setup.dark_passage
    assert report.answers[0]["answer"] == "Als het donker is"
    assert (report.postcode, report.contact_email, report.wants_updates) == (
        "1091AB",
        "a@example.org",
        True,
    )
    # Routed like a report from the form: the public space team.
    assert report.team == setup.public_space


def test_a_report_by_category_id_with_a_yes_no_answer_as_boolean(
    client: Client, setup: Setup
) -> None:
    niet_gezien = setup.person.children.get(slug="niet-gezien")
    body = {
        "submission_key": uuid.uuid4().hex,
        "category": setup.person.pk,
        "subcategory": niet_gezien.pk,
        "answers": {"gevaar-nu": False, "eerder-gezien": True},
        "description": "Mijn buurman is al dagen niet buiten geweest.",
        "latitude": 52.37,
        "longitude": 4.9,
    }
    response = post(client, API, body)
    assert response.status_code == 201, response.content
    report = Report.objects.get()
    assert report.subcategory == niet_gezien
    assert [a["answer"] for a in report.answers] == ["nee", "ja"]
    assert (report.latitude, report.longitude) == (52.37, 4.9)


def test_the_same_submission_twice_creates_one_report(client: Client, setup: Setup) -> None:
    body = place_body()
    first = post(client, API, body)
    second = post(client, API, body)
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["created"] is False
    assert first.json()["reference"] == second.json()["reference"]
    assert Report.objects.count() == 1


def test_acute_danger_answers_with_112_and_saves_nothing(client: Client, setup: Setup) -> None:
    # Even with the rest of the input missing, the danger answer wins.
    body = {
        "submission_key": uuid.uuid4().hex,
        "municipality": "GM0363",
        "category": "zorg-om-iemand",
        "answers": {"gevaar-nu": True},
    }
    response = post(client, API, body)
    assert response.status_code == 422
    data = response.json()
    assert data["acute_danger"] is True
    assert data["emergency_number"] == "112"
    assert data["police_non_emergency"] == "0900-8844"
    assert "112" in data["message"] and "0900-8844" in data["message"]
    body["answers"] = {"gevaar-nu": "yes"}
    assert post(client, API, body).status_code == 422
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"description": ""}, "description", "Beschrijf wat er aan de hand is."),
        (
            {"postcode": "", "house_number": ""},
            "postcode",
            "Vertel ons waar het is: een postcode, een adres of een plek.",
        ),
        ({"postcode": "99"}, "postcode", "Vul een postcode in, bijvoorbeeld 9901 AB."),
        ({"house_number": ""}, "house_number", "Vul ook het huisnummer in."),
        ({"answers": {"wanneer": "Soms"}}, "answers.wanneer", None),
        ({"subcategory": None}, "subcategory", "Kies waar het over gaat."),
        ({"wants_updates": True}, "contact_email", None),
        ({"contact_email": "geen-adres"}, "contact_email", "Vul een goed e-mailadres in."),
        ({"category": "bestaat-niet"}, "category", "Unknown category / onbekende categorie"),
        ({"municipality": None}, "municipality", None),
        ({"subcategory": "geluid"}, "subcategory", None),
        ({"description": ["lijst"]}, "description", None),
        ({"latitude": "noord"}, "latitude", None),
        ({"submission_key": ""}, "submission_key", None),
    ],
)
def test_bad_input_gives_a_structured_400_and_saves_nothing(
    client: Client, setup: Setup, change: dict[str, Any], field: str, message: str | None
) -> None:
    response = post(client, API, place_body(**change))
    assert response.status_code == 400, response.content
    data = response.json()
    assert data["detail"] == "Invalid input / ongeldige invoer"
    assert field in data["errors"], data
    if message:
        assert message in data["errors"][field]
    assert not Report.objects.exists()


def test_a_body_that_is_not_json_is_refused(client: Client, setup: Setup) -> None:
    response = client.post(API, "{niet json", content_type="application/json")
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_the_reporter_follows_the_report_without_internal_details(
    client: Client, setup: Setup
) -> None:
    created = post(client, API, place_body(contact_email="geheim@example.org")).json()
    report = Report.objects.get()
    services.report_note_add(report=report, by=setup.coordinator, text="Interne notitie X")
    services.report_transition(
        report=report, to=S.IN_PROGRESS, by=setup.street_worker, text="We kijken ernaar."
    )
    response = client.get(f"{API}track/{created['tracking_token']}")
    assert response.status_code == 200
    data = response.json()
    assert data["reference"] == report.reference
    assert (data["status"], data["status_label"]) == ("in_progress", "in behandeling")
    assert [(h["status"], h["text"]) for h in data["history"]] == [
        ("in_progress", "We kijken ernaar.")
    ]
    text = response.content.decode()
    for secret in ("Interne notitie X", "geheim@example.org", "Doorgestuurd", "Sam Straat"):
        assert secret not in text
    assert data["may_give_feedback"] is False
    assert client.get(f"{API}track/onbekend").status_code == 404


def test_feedback_through_the_api_asks_to_reopen(client: Client, setup: Setup) -> None:
    report = place_report(setup)
    url = f"{API}track/{report.tracking_token}/feedback"
    # Not handled yet: no feedback.
    assert post(client, url, {"satisfied": False, "text": "Nog donker"}).status_code == 409
    services.report_transition(report=report, to=S.HANDLED, by=setup.coordinator, text="Lamp.")
    assert client.get(f"{API}track/{report.tracking_token}").json()["may_give_feedback"]
    # Not satisfied without saying why: a Dutch error.
    response = post(client, url, {"satisfied": False})
    assert response.status_code == 400
    assert response.json()["errors"]["text"] == ["Vertel ons wat er nog mis is."]
    response = post(client, url, {"satisfied": False, "text": "Het is nog steeds donker."})
    assert response.status_code == 200
    assert response.json()["status"] == "reopen_requested"
    assert response.json()["satisfied"] is False
    report.refresh_from_db()
    assert (report.status, report.feedback) == (S.REOPEN_REQUESTED, "Het is nog steeds donker.")
    # Once only.
    assert post(client, url, {"satisfied": True}).status_code == 409
    assert post(client, f"{API}track/onbekend/feedback", {"satisfied": True}).status_code == 404


def test_a_satisfied_reporter_closes_the_loop(client: Client, setup: Setup) -> None:
    report = place_report(setup)
    services.report_transition(report=report, to=S.HANDLED, by=setup.coordinator, text="Lamp.")
    url = f"{API}track/{report.tracking_token}/feedback"
    response = post(client, url, {"satisfied": True, "text": "Dank!"})
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["satisfied"]) == ("handled", True)


# --- back office ------------------------------------------------------------------------


def test_the_back_office_api_needs_a_login(client: Client, setup: Setup) -> None:
    report = place_report(setup)
    assert client.get(API).status_code == 401
    assert client.get(API + report.reference).status_code == 401
    response = post(client, f"{API}{report.reference}/transition", {"to": "in_progress"})
    assert response.status_code in (401, 403)
    report.refresh_from_db()
    assert report.status == S.RECEIVED


def test_a_resident_is_refused_the_back_office_api(
    client: Client, setup: Setup, resident: Any
) -> None:
    report = place_report(setup)
    login(client, resident.user)
    assert client.get(API).status_code == 403
    assert client.get(API + report.reference).status_code == 404


def test_a_team_lists_only_the_reports_in_its_categories(client: Client, setup: Setup) -> None:
    place = place_report(setup)
    person = person_report(setup)
    login(client, setup.street_worker)
    data = client.get(API).json()
    assert [r["reference"] for r in data["items"]] == [place.reference]
    assert data["count"] == 1
    assert "contact_email" not in data["items"][0]
    login(client, setup.outreach_worker)
    assert [r["reference"] for r in client.get(API).json()["items"]] == [person.reference]
    login(client, setup.coordinator)
    assert client.get(API).json()["count"] == 2


def test_the_list_filters_as_the_back_office(client: Client, setup: Setup, areas: Any) -> None:
    handled = place_report(setup)
    services.report_transition(report=handled, to=S.HANDLED, by=setup.coordinator, text="ok")
    services.report_feedback(report=handled, satisfied=True)
    open_one = place_report(setup)
    Report.objects.filter(pk=open_one.pk).update(
        neighbourhood=areas.neighbourhood,
        deadline_at=timezone.now() - datetime.timedelta(hours=1),
    )
    person = person_report(setup)
    login(client, setup.coordinator)

    def refs(query: str) -> set[str]:
        response = client.get(API + "?" + query)
        assert response.status_code == 200, response.content
        return {r["reference"] for r in response.json()["items"]}

    assert refs("status=handled") == {handled.reference}
    assert refs(f"category={setup.person.pk}") == {person.reference}
    assert refs("satisfied=yes") == {handled.reference}
    assert refs("satisfied=open") == {open_one.reference, person.reference}
    assert refs("overdue=true") == {open_one.reference}
    assert refs("neighbourhood=bu03630101") == {open_one.reference}
    assert refs(f"team={setup.public_space.pk}") == {handled.reference, open_one.reference}
    overdue = client.get(API + "?overdue=true").json()["items"][0]
    assert overdue["overdue"] is True and overdue["neighbourhood"]["code"] == "BU03630101"
    page = client.get(API + "?limit=1&offset=1").json()
    assert (len(page["items"]), page["count"]) == (1, 3)


def test_a_bad_filter_gives_a_structured_400(client: Client, setup: Setup) -> None:
    login(client, setup.street_worker)
    response = client.get(API + "?status=weg")
    assert response.status_code == 400
    assert "status" in response.json()["errors"]
    # A category the person may not filter on (another municipality's id) is refused too.
    assert client.get(API + "?category=999999").status_code == 400
    response = client.get(API + "?limit=0")
    assert response.status_code == 400
    assert response.json()["detail"] == "Invalid input / ongeldige invoer"


def test_the_detail_shows_history_notes_and_contact_to_staff(client: Client, setup: Setup) -> None:
    report = place_report(setup, contact_email="melder@example.org")
    services.report_note_add(report=report, by=setup.street_worker, text="Lamp besteld.")
    login(client, setup.street_worker)
    response = client.get(API + report.reference)
    assert response.status_code == 200
    data = response.json()
    assert data["contact_email"] == "melder@example.org"
    assert data["notes"][0]["text"] == "Lamp besteld."
    assert data["history"][0]["to_status"] == "received"
    assert data["history"][1]["by"] == "systeem" or data["history"][1]["text"]
    assert "in_progress" in data["next_states"]
    assert data["team"]["name"] == "Openbare ruimte Oost"
    # Not for the outreach team, and an unknown reference is the same 404.
    login(client, setup.outreach_worker)
    assert client.get(API + report.reference).status_code == 404
    assert client.get(API + "M-XXX-XXX").status_code == 404


def test_every_api_read_of_a_worry_about_someone_is_audit_logged(
    client: Client, setup: Setup
) -> None:
    person = person_report(setup)
    place = place_report(setup)
    login(client, setup.outreach_worker)
    client.get(API + person.reference)
    client.get(API + person.reference)
    entries = AuditEntry.objects.filter(subject_type="reports.report", subject_id=person.pk)
    assert entries.count() == 2
    assert {e.actor for e in entries} == {setup.outreach_worker}
    assert {e.category for e in entries} == {"report_person"}
    login(client, setup.coordinator)
    client.get(API + place.reference)
    assert not AuditEntry.objects.filter(subject_type="reports.report", subject_id=place.pk)


def test_staff_change_the_status_with_a_token(client: Client, setup: Setup) -> None:
    report = place_report(setup, contact_email="m@example.org", wants_updates=True)
    _token, secret = api_token_create(user=setup.street_worker, name="app")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    url = f"{API}{report.reference}/transition"
    response = post(client, url, {"to": "in_progress", "text": "We gaan kijken."}, **auth)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "in_progress"
    response = post(client, url, {"to": "handled", "text": "De lamp doet het weer."}, **auth)
    assert response.json()["status"] == "handled"
    report.refresh_from_db()
    assert report.status == S.HANDLED
    last = report.events.last()
    assert last is not None
    assert (last.by, last.text) == (setup.street_worker, "De lamp doet het weer.")


def test_an_illegal_transition_gives_a_structured_400(client: Client, setup: Setup) -> None:
    report = place_report(setup)
    login(client, setup.street_worker)
    url = f"{API}{report.reference}/transition"
    response = post(client, url, {"to": "reopened", "text": "x"})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Invalid input / ongeldige invoer",
        "errors": {"__all__": ["Een melding kan niet van “ontvangen” naar “heropend”."]},
    }
    response = post(client, url, {"to": "handled"})
    assert response.status_code == 400
    assert response.json()["errors"] == {"text": ["Leg deze stap kort uit."]}
    assert post(client, url, {"to": "verdwenen"}).status_code == 400
    assert post(client, url, {"text": "zonder doel"}).status_code == 400
    report.refresh_from_db()
    assert report.status == S.RECEIVED
    assert report.events.count() == 2  # received + the routing row


def test_the_wrong_team_cannot_change_the_status(client: Client, setup: Setup) -> None:
    place = place_report(setup)
    url = f"{API}{place.reference}/transition"
    # Outside the scope: 404, as if the report did not exist.
    login(client, setup.outreach_worker)
    assert post(client, url, {"to": "in_progress"}).status_code == 404
    # A team that may only view: 403.
    setup.outreach.may_view.add(setup.place)
    setup.outreach_worker.__dict__.pop("_omzien_report_scope", None)
    response = post(client, url, {"to": "in_progress"})
    assert response.status_code == 403
    assert response.json()["detail"] == "Not allowed / dit mag u niet"
    # Someone with a staff role but no team: 404.
    stranger = make_user(Role.PROFESSIONAL, setup.municipality)
    login(client, stranger)
    assert post(client, url, {"to": "in_progress"}).status_code == 404
    place.refresh_from_db()
    assert place.status == S.RECEIVED


def test_the_openapi_document_lists_the_report_endpoints(client: Client, db: Any) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/reports/",
        "/api/reports/categories",
        "/api/reports/track/{token}",
        "/api/reports/track/{token}/feedback",
        "/api/reports/{reference}",
        "/api/reports/{reference}/transition",
    ):
        assert path in paths
