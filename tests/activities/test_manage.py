"""Staff create and edit activities; hosts edit their own description; sessions are
cancelled and moved; the public neighbourhood agenda."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from tests.activities.conftest import AMS, FIRST, Cafe, Walk, attend, resident_named, week
from tests.conftest import login, make_user
from tests.factories import PersonFactory

from omzien.accounts.models import Role
from omzien.activities import services, tasks
from omzien.activities.models import (
    Activity,
    ActivityRole,
    Admission,
    Attendance,
    Session,
    SessionStatus,
    SignUp,
)


def _form(areas: Any, **changes: Any) -> dict[str, Any]:
    data = {
        "name": "Computercafé",
        "kind": "computer",
        "description": "Hulp bij je telefoon en computer.",
        "neighbourhood": areas.neighbourhood.pk,
        "first_date": "2026-09-02",
        "start_time": "10:00",
        "duration_minutes": "90",
        "repeat": "weekly",
        "weekdays": ["WE"],
        "nth": "",
        "advanced_rule": "",
        "exception_dates": "",
        "admission": "sign_up",
        "capacity": "2",
        "is_active": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _local(session: Session) -> datetime.datetime:
    return session.starts_at.astimezone(AMS)


def test_a_coordinator_creates_a_weekly_sign_up_activity(
    cafe: Cafe, areas: Any, coordinator: Any, client: Client
) -> None:
    host = cafe.host.person
    login(client, coordinator)
    assert client.get("/activiteiten/nieuw/").status_code == 200
    response = client.post(
        "/activiteiten/nieuw/",
        _form(areas, hosts=[host.pk], exception_dates="16-09-2026\n2026-09-23"),
    )
    activity = Activity.objects.get(name="Computercafé")
    assert response.status_code == 302 and response["Location"] == activity.get_absolute_url()
    assert activity.recurrence == (
        "RRULE:FREQ=WEEKLY;BYDAY=WE\nEXDATE:20260916T100000,20260923T100000"
    )
    assert activity.admission == Admission.SIGN_UP and activity.capacity == 2
    assert activity.duration == datetime.timedelta(minutes=90)
    dates = [_local(s).date() for s in activity.sessions.all()]
    assert dates[:3] == [
        datetime.date(2026, 9, 2),
        datetime.date(2026, 9, 9),
        datetime.date(2026, 9, 30),
    ]
    assert _local(activity.sessions.first()).hour == 10
    assert ActivityRole.objects.get(activity=activity).person == host


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        (
            {"repeat": "biweekly", "weekdays": ["MO", "TH"]},
            "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
        ),
        ({"repeat": "weekly", "weekdays": []}, "RRULE:FREQ=WEEKLY;BYDAY=WE"),
        ({"repeat": "monthly", "nth": "-1"}, "RRULE:FREQ=MONTHLY;BYDAY=-1WE"),
        ({"repeat": "monthly", "nth": "2"}, "RRULE:FREQ=MONTHLY;BYDAY=2WE"),
        ({"repeat": "once"}, ""),
        (
            {"repeat": "advanced", "advanced_rule": "RRULE:FREQ=DAILY;COUNT=3"},
            "RRULE:FREQ=DAILY;COUNT=3",
        ),
    ],
)
def test_the_repeat_builder_writes_the_rule(
    areas: Any, coordinator: Any, client: Client, changes: dict[str, Any], rule: str
) -> None:
    login(client, coordinator)
    assert client.post("/activiteiten/nieuw/", _form(areas, **changes)).status_code == 302
    activity = Activity.objects.get()
    assert activity.recurrence == rule
    # The edit form shows the same choice again.
    page = client.get(f"/activiteiten/{activity.pk}/bewerken/").content.decode()
    assert re.search(rf'name="repeat" value="{changes["repeat"]}"[^>]*checked', page)


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        (
            {"repeat": "advanced", "advanced_rule": "RRULE:FREQ=SECONDLY"},
            "FREQ=SECONDLY kan niet",
        ),
        (
            {"repeat": "advanced", "advanced_rule": "BEGIN:VEVENT"},
            "Alleen regels met RRULE, RDATE en EXDATE",
        ),
        ({"repeat": "advanced", "advanced_rule": ""}, "Schrijf een regel"),
        ({"exception_dates": "morgen"}, "“morgen” is geen datum"),
        ({"capacity": "0"}, "deze waarde minstens 1 is"),
        ({"name": ""}, "Dit veld is verplicht"),
    ],
)
def test_a_bad_form_comes_back_with_a_dutch_error_and_saves_nothing(
    areas: Any, coordinator: Any, client: Client, changes: dict[str, Any], error: str
) -> None:
    login(client, coordinator)
    response = client.post("/activiteiten/nieuw/", _form(areas, **changes))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Activity.objects.exists() and not Session.objects.exists()


def test_residents_and_hosts_cannot_create_activities(
    cafe: Cafe, client: Client, resident: Any
) -> None:
    assert client.get("/activiteiten/nieuw/").status_code == 302  # to the login page
    login(client, resident.user)
    assert client.get("/activiteiten/nieuw/").status_code == 403
    assert client.post("/activiteiten/nieuw/", {}).status_code == 403
    login(client, cafe.host)
    assert client.get("/activiteiten/nieuw/").status_code == 403


def test_staff_of_another_district_cannot_place_an_activity_here(
    areas: Any, other_professional: Any, client: Client
) -> None:
    login(client, other_professional)
    response = client.post("/activiteiten/nieuw/", _form(areas))
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Activity.objects.exists()


def test_editing_the_rule_keeps_history_and_follows_the_new_rule(
    cafe: Cafe, coordinator: Any, client: Client, time_machine: Any
) -> None:
    attend(cafe.regular, 0, 1, 2, cafe=cafe)
    cafe.sessions[1].head_count = 4
    cafe.sessions[1].save()
    time_machine.move_to(week(2) + datetime.timedelta(days=1), tick=False)
    login(client, coordinator)
    url = f"/activiteiten/{cafe.activity.pk}/bewerken/"
    page = client.get(url).content.decode()
    assert 'value="2026-09-01"' in page and 'value="12:00"' in page
    data = {
        "name": "Eetcafé De Linde",
        "kind": "meal",
        "description": "",
        "neighbourhood": cafe.activity.neighbourhood.pk,
        "first_date": "2026-09-01",
        "start_time": "12:00",
        "duration_minutes": "120",
        "repeat": "weekly",
        "weekdays": ["TH"],  # from Tuesday to Thursday
        "admission": "walk_in",
        "is_active": "on",
    }
    assert client.post(url, data).status_code == 302
    tasks.sessions_generate_all.call()  # the nightly run does not fill the past either
    # The past is untouched: the same three sessions with their attendance and count.
    past = list(cafe.activity.sessions.filter(starts_at__lt=week(2) + datetime.timedelta(days=1)))
    assert [s.pk for s in past] == [s.pk for s in cafe.sessions[:3]]
    assert Attendance.objects.filter(person=cafe.regular).count() == 3
    assert Session.objects.get(pk=cafe.sessions[1].pk).head_count == 4
    coming = list(cafe.activity.sessions.filter(starts_at__gt=week(2) + datetime.timedelta(days=1)))
    assert coming and all(_local(s).weekday() == 3 for s in coming)  # all Thursdays
    assert not Session.objects.filter(pk=cafe.sessions[5].pk).exists()


def test_a_changed_time_cancels_sessions_people_signed_up_for(walk: Walk, areas: Any) -> None:
    anna = resident_named(areas, "Anna")
    services.signup_create(user=anna.user, session=walk.sessions[2], person=anna)
    walk.activity.recurrence = "RRULE:FREQ=WEEKLY;BYDAY=FR"
    services.activity_save(user=walk.coordinator, activity=walk.activity)
    kept = Session.objects.get(pk=walk.sessions[2].pk)
    assert kept.status == SessionStatus.CANCELLED
    assert kept.note == "De tijden van deze activiteit zijn veranderd."
    assert SignUp.objects.filter(session=kept).exists()
    assert not Session.objects.filter(pk=walk.sessions[3].pk).exists()


def test_a_host_edits_only_the_description_of_their_own_activity(
    cafe: Cafe, walk: Walk, client: Client
) -> None:
    login(client, cafe.host)
    url = f"/activiteiten/{cafe.activity.pk}/bewerken/"
    page = client.get(url).content.decode()
    assert "Beschrijving aanpassen" in page and "id_first_date" not in page
    response = client.post(url, {"description": "Samen koken en eten.", "name": "Gehackt"})
    assert response.status_code == 302
    cafe.activity.refresh_from_db()
    assert cafe.activity.description == "Samen koken en eten."
    assert cafe.activity.name == "Eetcafé De Linde"
    # The host of the walking group cannot touch the eating café.
    login(client, walk.host)
    assert client.get(url).status_code == 403
    assert client.post(url, {"description": "x"}).status_code == 403


def test_a_resident_cannot_edit(cafe: Cafe, client: Client, resident: Any) -> None:
    login(client, resident.user)
    url = f"/activiteiten/{cafe.activity.pk}/bewerken/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"description": "x"}).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_staff_cancel_a_session_with_a_reason_and_move_another(
    walk: Walk, areas: Any, client: Client
) -> None:
    anna = resident_named(areas, "Anna")
    services.signup_create(user=anna.user, session=walk.sessions[0], person=anna)
    mail.outbox.clear()
    login(client, walk.coordinator)
    url = f"/activiteiten/sessie/{walk.sessions[0].pk}/beheren/"
    response = client.post(url, {"action": "cancel", "note": ""})
    assert response.status_code == 200 and "Dit veld is verplicht" in response.content.decode()
    assert Session.objects.get(pk=walk.sessions[0].pk).status == SessionStatus.PLANNED
    assert client.post(url, {"action": "cancel", "note": "Regen"}).status_code == 302
    assert Session.objects.get(pk=walk.sessions[0].pk).status == SessionStatus.CANCELLED
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]
    url = f"/activiteiten/sessie/{walk.sessions[1].pk}/beheren/"
    response = client.post(url, {"action": "move", "date": "2026-09-11", "time": "15:30"})
    assert response.status_code == 302
    moved = Session.objects.get(pk=walk.sessions[1].pk)
    assert _local(moved) == datetime.datetime(2026, 9, 11, 15, 30, tzinfo=AMS)
    response = client.post(url, {"action": "move", "date": "2025-01-01", "time": "15:30"})
    assert "Kies een tijd in de toekomst" in response.content.decode()


def test_hosts_and_residents_cannot_cancel_sessions(
    walk: Walk, client: Client, resident: Any
) -> None:
    url = f"/activiteiten/sessie/{walk.sessions[0].pk}/beheren/"
    for user in (walk.host, resident.user):
        login(client, user)
        assert client.post(url, {"action": "cancel", "note": "x"}).status_code == 403
    assert Session.objects.get(pk=walk.sessions[0].pk).status == SessionStatus.PLANNED


def test_the_neighbourhood_agenda_is_public_and_filters(
    cafe: Cafe, walk: Walk, areas: Any, client: Client, coordinator: Any
) -> None:
    services.session_cancel(user=coordinator, session=cafe.sessions[1], note="Vakantie")
    elsewhere = Activity(
        name="Buurtfeest Haven",
        neighbourhood=areas.elsewhere,
        starts_at=FIRST,
        recurrence="RRULE:FREQ=WEEKLY",
    )
    services.activity_save(user=coordinator, activity=elsewhere)
    url = f"/activiteiten/buurt/{areas.neighbourhood.code}/"
    page = client.get(url).content.decode()
    assert "Activiteiten in Bloemhof" in page
    assert "Eetcafé De Linde" in page and "Wandelgroep Bloemhof" in page
    assert "Buurtfeest Haven" not in page
    assert "Gaat niet door</strong>: Vakantie" in page
    assert "Nog 2 plekken vrij" in page
    assert f"/activiteiten/buurt/{areas.neighbourhood.code}/agenda.ics" in page
    page = client.get(url, {"soort": "walking"}).content.decode()
    assert "Wandelgroep Bloemhof" in page and "Eetcafé De Linde" not in page
    page = client.get(url, {"week": "2026-08-31"}).content.decode()
    assert "Dinsdag 1 september," in page and "Dinsdag 8 september," not in page
    # Nonsense filters are ignored, never an error.
    assert client.get(url, {"soort": "x", "week": "gisteren"}).status_code == 200
    assert client.get("/activiteiten/buurt/BU99999999/").status_code == 404


def test_an_unpublished_activity_is_not_in_the_agenda(
    cafe: Cafe, coordinator: Any, client: Client, areas: Any
) -> None:
    cafe.activity.is_active = False
    services.activity_save(user=coordinator, activity=cafe.activity)
    page = client.get(f"/activiteiten/buurt/{areas.neighbourhood.code}/").content.decode()
    assert "Eetcafé De Linde" not in page


def test_the_agenda_list_uses_a_fixed_number_of_queries(
    walk: Walk, areas: Any, client: Client, django_assert_max_num_queries: Any
) -> None:
    for name in ("Anna", "Bram", "Cor"):
        person = resident_named(areas, name)
        services.signup_create(user=person.user, session=walk.sessions[0], person=person)
    with django_assert_max_num_queries(8):
        page = client.get(f"/activiteiten/buurt/{areas.neighbourhood.code}/").content.decode()
    assert "Vol: wachtlijst" in page


def test_a_volunteer_from_elsewhere_is_no_host(areas: Any, walk: Walk) -> None:
    stranger = make_user(Role.VOLUNTEER, areas.elsewhere)
    PersonFactory(neighbourhood=areas.elsewhere, user=stranger)
    from omzien.core import permissions

    assert not permissions.can(stranger, "activities.edit_description", walk.activity)
    assert permissions.can(walk.host, "activities.edit_description", walk.activity)
