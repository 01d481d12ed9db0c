"""The public form, the tracking link and the back office, as people use them."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from tests.conftest import login, make_user
from tests.reports.conftest import Setup, jpeg_with_exif, person_report, place_report

from omzien.accounts.models import Role
from omzien.core.models import AuditEntry
from omzien.reports import services
from omzien.reports.models import Report
from omzien.reports.models import ReportStatus as S

FORM = "/melden/GM0363/onveilige-plek/"


def form_data(setup: Setup, **extra: Any) -> dict[str, Any]:
    data = {
        "submission_key": uuid.uuid4().hex,
        "subcategory": setup.dark_passage.pk,
        "q_wanneer": "Als het donker is",
        "description": "De doorgang is heel donker.",
        "postcode": "1091 AB",
        "house_number": "12",
    }
    data.update(extra)
    return data


def test_the_start_page_lists_the_categories(client: Client, setup: Setup) -> None:
    page = client.get("/melden/").content.decode()
    assert "Zorgen om iemand" in page and "Onveilige plek" in page
    assert "112" in page and "0900-8844" in page
    assert 'href="/melden/"' in page  # the "Melden" navigation entry


def test_the_form_asks_the_questions_of_the_category(client: Client, setup: Setup) -> None:
    page = client.get(FORM).content.decode()
    assert "Wanneer voelt de plek onveilig?" in page
    assert "Donkere doorgang" in page
    assert 'name="submission_key"' in page
    assert 'enctype="multipart/form-data"' in page


def test_a_resident_reports_without_logging_in(client: Client, setup: Setup) -> None:
    photo = SimpleUploadedFile("foto.jpg", jpeg_with_exif(), content_type="image/jpeg")
    response = client.post(FORM, form_data(setup, photo=photo, contact_email="a@example.org"))
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:thanks", args=[report.tracking_token])
    thanks = client.get(response["Location"])
    assert thanks["Referrer-Policy"] == "same-origin"
    assert thanks["Cache-Control"] == "no-store"
    page = thanks.content.decode()
    assert report.reference in page and report.get_tracking_url() in page
    assert report.subcategory == setup.dark_passage
    assert bytes(report.photo.content)[:2] == b"\xff\xd8"


def test_a_double_click_creates_one_report(client: Client, setup: Setup) -> None:
    data = form_data(setup)
    first = client.post(FORM, data)
    second = client.post(FORM, data)
    assert Report.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_acute_danger_shows_112_and_saves_nothing(client: Client, setup: Setup) -> None:
    # Even with the rest of the form empty, the danger answer wins.
    response = client.post(
        "/melden/GM0363/zorg-om-iemand/",
        {"submission_key": uuid.uuid4().hex, "q_gevaar-nu": "yes"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bel nu 112" in page and "0900-8844" in page
    assert Report.objects.count() == 0


def test_a_file_that_is_not_a_photo_gives_a_dutch_error(client: Client, setup: Setup) -> None:
    fake = SimpleUploadedFile("foto.jpg", b"not really a jpeg", content_type="image/jpeg")
    response = client.post(FORM, form_data(setup, photo=fake))
    assert response.status_code == 200
    assert "Dit bestand is geen foto" in response.content.decode()
    assert Report.objects.count() == 0


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"postcode": "", "house_number": ""}, "Vertel ons waar het is"),
        ({"house_number": ""}, "Vul ook het huisnummer in"),
        ({"postcode": "12"}, "Vul een postcode in"),
        ({"description": ""}, "Beschrijf wat er aan de hand is"),
        ({"wants_updates": "on"}, "Vul je e-mailadres in om berichten te krijgen"),
        ({"subcategory": ""}, "Kies waar het over gaat"),
    ],
)
def test_bad_input_shows_a_dutch_error_and_saves_nothing(
    client: Client, setup: Setup, extra: dict[str, str], message: str
) -> None:
    response = client.post(FORM, form_data(setup, **extra))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Report.objects.count() == 0


def test_a_map_click_gives_a_location(client: Client, setup: Setup) -> None:
    client.post(
        FORM, form_data(setup, postcode="", house_number="", latitude="52.36", longitude="4.93")
    )
    report = Report.objects.get()
    assert (report.latitude, report.longitude) == (52.36, 4.93)


def test_an_unknown_tracking_link_is_not_found(client: Client, setup: Setup) -> None:
    assert client.get("/melden/volgen/niet-bestaand/").status_code == 404


def test_the_reporter_follows_the_report_and_answers(client: Client, setup: Setup) -> None:
    report = place_report(setup)
    services.report_transition(
        report=report, to=S.HANDLED, by=setup.street_worker, text="De lamp is gerepareerd."
    )
    services.report_note_add(report=report, by=setup.street_worker, text="Geheime notitie")
    url = report.get_tracking_url()
    page = client.get(url).content.decode()
    assert "Afgehandeld" in page and "De lamp is gerepareerd." in page
    assert "Geheime notitie" not in page
    assert "Ben je tevreden?" in page
    response = client.post(url, {"satisfied": "no", "text": ""})
    assert "Vertel ons wat er nog mis is" in response.content.decode()
    response = client.post(url, {"satisfied": "no", "text": "Nog steeds donker"}, follow=True)
    report.refresh_from_db()
    assert report.status == S.REOPEN_REQUESTED
    assert "Niet tevreden" in response.content.decode() or "niet tevreden" in (
        response.content.decode()
    )
    # Answering again is refused.
    assert client.post(url, {"satisfied": "yes"}).status_code == 403


# --- back office ---------------------------------------------------------------------


def test_the_back_office_needs_a_login(client: Client, setup: Setup) -> None:
    response = client.get("/meldingen/")
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


def test_a_resident_is_refused_the_back_office(client: Client, setup: Setup, resident: Any) -> None:
    login(client, resident.user)
    assert client.get("/meldingen/").status_code == 403


def test_a_team_sees_only_the_reports_in_its_categories(client: Client, setup: Setup) -> None:
    place = place_report(setup)
    person = person_report(setup)
    login(client, setup.street_worker)
    page = client.get("/meldingen/").content.decode()
    assert place.reference in page and person.reference not in page
    assert client.get(place.get_absolute_url()).status_code == 200
    assert client.get(person.get_absolute_url()).status_code == 404
    assert client.get(reverse("reports:staff_photo", args=[person.reference])).status_code == 404


def test_the_wrong_team_cannot_handle_a_report(client: Client, setup: Setup) -> None:
    place = place_report(setup)
    login(client, setup.outreach_worker)
    response = client.post(
        place.get_absolute_url(), {"action": "transition", "t-to": S.HANDLED, "t-text": "klaar"}
    )
    assert response.status_code == 404
    place.refresh_from_db()
    assert place.status == S.RECEIVED


def test_a_team_that_may_only_view_cannot_handle(client: Client, setup: Setup) -> None:
    place = place_report(setup)
    setup.outreach.may_view.add(setup.place)
    login(client, setup.outreach_worker)
    page = client.get(place.get_absolute_url()).content.decode()
    assert "Status wijzigen" not in page
    response = client.post(
        place.get_absolute_url(), {"action": "transition", "t-to": S.IN_PROGRESS}
    )
    assert response.status_code == 403
    place.refresh_from_db()
    assert place.status == S.RECEIVED


def test_a_team_member_without_a_staff_role_sees_nothing(client: Client, setup: Setup) -> None:
    place = place_report(setup)
    volunteer = make_user(Role.VOLUNTEER, setup.municipality)
    setup.public_space.members.add(volunteer)
    login(client, volunteer)
    assert client.get("/meldingen/").status_code == 403
    assert client.get(place.get_absolute_url()).status_code == 404


def test_staff_handle_a_report_with_a_standard_text(client: Client, setup: Setup) -> None:
    place = place_report(setup)
    login(client, setup.street_worker)
    standard = setup.municipality.report_standard_texts.get(title="Opgelost")
    # Handling without any text is refused with a Dutch error.
    response = client.post(place.get_absolute_url(), {"action": "transition", "t-to": S.HANDLED})
    assert "Leg deze stap kort uit." in response.content.decode()
    response = client.post(
        place.get_absolute_url(),
        {"action": "transition", "t-to": S.HANDLED, "t-standard_text": standard.pk},
    )
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.status == S.HANDLED
    assert place.events.last().text == standard.text  # type: ignore[union-attr]


def test_staff_assign_a_team_person_and_priority_and_add_a_note(
    client: Client, setup: Setup
) -> None:
    place = place_report(setup)
    login(client, setup.coordinator)
    response = client.post(
        place.get_absolute_url(),
        {
            "action": "assign",
            "a-team": setup.public_space.pk,
            "a-assignee": setup.street_worker.pk,
            "a-priority": "high",
        },
    )
    assert response.status_code == 302
    client.post(place.get_absolute_url(), {"action": "note", "n-note": "Gebeld met beheer."})
    place.refresh_from_db()
    assert (place.team, place.assignee, place.priority) == (
        setup.public_space,
        setup.street_worker,
        "high",
    )
    page = client.get(place.get_absolute_url()).content.decode()
    assert "Gebeld met beheer." in page


def test_someone_outside_the_team_cannot_be_assigned(client: Client, setup: Setup) -> None:
    place = place_report(setup)
    login(client, setup.coordinator)
    response = client.post(
        place.get_absolute_url(),
        {
            "action": "assign",
            "a-team": setup.public_space.pk,
            "a-assignee": setup.outreach_worker.pk,
            "a-priority": "normal",
        },
    )
    assert "Deze persoon zit niet in het team." in response.content.decode()
    place.refresh_from_db()
    assert place.assignee is None


def test_a_report_assigned_to_a_team_is_visible_to_that_team(client: Client, setup: Setup) -> None:
    person = person_report(setup)
    services.report_assign(
        report=person,
        by=setup.coordinator,
        team=setup.public_space,
        assignee=None,
        priority="normal",
    )
    login(client, setup.street_worker)
    assert client.get(person.get_absolute_url()).status_code == 200


def test_every_view_of_a_worry_about_someone_is_audit_logged(client: Client, setup: Setup) -> None:
    person = person_report(setup)
    place = place_report(setup)
    login(client, setup.outreach_worker)
    client.get(person.get_absolute_url())
    client.get(person.get_absolute_url())
    entries = AuditEntry.objects.filter(subject_type="reports.report", subject_id=person.pk)
    assert entries.count() == 2
    assert entries.first().actor == setup.outreach_worker  # type: ignore[union-attr]
    login(client, setup.coordinator)
    client.get(place.get_absolute_url())
    assert not AuditEntry.objects.filter(subject_type="reports.report", subject_id=place.pk)


def test_filters_narrow_the_list(client: Client, setup: Setup, areas: Any) -> None:
    handled = place_report(setup)
    services.report_transition(report=handled, to=S.HANDLED, by=setup.coordinator, text="ok")
    services.report_feedback(report=handled, satisfied=True)
    open_one = place_report(setup)
    person = person_report(setup)
    login(client, setup.coordinator)

    def refs(query: str) -> set[str]:
        page = client.get("/meldingen/?" + query).content.decode()
        return {r.reference for r in (handled, open_one, person) if r.reference in page}

    assert refs("") == {handled.reference, open_one.reference, person.reference}
    assert refs("status=handled") == {handled.reference}
    assert refs(f"category={setup.person.pk}") == {person.reference}
    assert refs("satisfied=yes") == {handled.reference}
    # The default routing rule sent the unsafe places to the public-space team.
    assert refs(f"team={setup.public_space.pk}") == {handled.reference, open_one.reference}


def test_the_list_uses_a_fixed_number_of_queries(
    client: Client, setup: Setup, django_assert_num_queries: Any
) -> None:
    for _ in range(3):
        place_report(setup)
    login(client, setup.coordinator)
    client.get("/meldingen/")
    with django_assert_num_queries(12):
        client.get("/meldingen/")
    for _ in range(5):
        place_report(setup)
    with django_assert_num_queries(12):
        client.get("/meldingen/")


def test_the_staff_navigation_shows_meldingen(client: Client, setup: Setup) -> None:
    login(client, setup.street_worker)
    page = client.get("/meldingen/").content.decode()
    assert '<a href="/meldingen/"' in page and ">Meldingen<" in page


@pytest.mark.django_db(transaction=True)
def test_a_failing_mail_server_loses_no_report(client: Client, setup: Setup, settings: Any) -> None:
    settings.EMAIL_BACKEND = "tests.reports.failing_mail.Backend"
    response = client.post(FORM, form_data(setup, contact_email="anna@example.org"))
    assert response.status_code == 302
    assert Report.objects.count() == 1


def test_the_report_pages_say_je(client: Client, setup: Setup) -> None:
    start = client.get("/melden/").content.decode()
    assert "Maak je je zorgen om iemand?" in start and "Je hebt geen account nodig." in start
    assert "Wat wil je melden?" in start
    form = client.get(FORM).content.decode()
    assert "Beschrijf wat je ziet." in form and "Je e-mailadres (als je wilt)" in form
    response = client.post(FORM, form_data(setup))
    thanks = client.get(response["Location"]).content.decode()
    assert "Bedankt voor je melding" in thanks and "Met deze link volg je je melding." in thanks
    for page in (start, form, thanks):
        main = page.split('<main id="main"')[1].split("</main>")[0]
        assert " uw " not in main and " u " not in main and "Uw " not in main
