"""The rota pages: who sees them, who edits, Dutch errors, nothing half-saved."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from tests.conftest import login
from tests.oncall.conftest import add_shift, at

from omzien.core.models import AuditEntry
from omzien.oncall.models import Shift, ShiftKind

ROTA = "/bereikbaarheid/wijk/WK036301/"
NOW_PAGE = "/bereikbaarheid/wijk/WK036301/nu/"
NEW = "/bereikbaarheid/wijk/WK036301/nieuw/"
COPY = "/bereikbaarheid/wijk/WK036301/week-kopieren/"


def form(user: Any, **extra: Any) -> dict[str, Any]:
    data = {
        "user": user.pk,
        "kind": ShiftKind.PRIMARY,
        "starts_at": "2026-12-02T17:00",
        "ends_at": "2026-12-03T09:00",
        "mobile": "06 1234 5678",
    }
    data.update(extra)
    return data


def test_a_coordinator_sees_the_rota_with_its_gaps(
    client: Client, areas: Any, coordinator: Any, professional: Any, clock: Any
) -> None:
    add_shift(areas.district, professional, at(12, 2, 17), at(12, 3, 9))
    login(client, coordinator)
    page = client.get(ROTA).content.decode()
    assert "Rooster bereikbaarheid Oost" in page
    assert "Pim Professional" in page and "06 1234 5678" in page
    assert "Dienst toevoegen" in page
    assert "Op deze tijden is niemand bereikbaar" in page
    assert "do 3 dec 17:00" in page  # the next evening is a gap
    assert AuditEntry.objects.filter(actor=coordinator, purpose="rota").count() == 1


def test_a_professional_views_the_rota_but_cannot_edit(
    client: Client, areas: Any, professional: Any, clock: Any
) -> None:
    shift = add_shift(areas.district, professional, at(12, 2, 17), at(12, 3, 9))
    login(client, professional)
    page = client.get(ROTA)
    assert page.status_code == 200
    assert "Dienst toevoegen" not in page.content.decode()
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, form(professional)).status_code == 403
    assert client.post(f"/bereikbaarheid/dienst/{shift.pk}/", form(professional)).status_code == 403
    assert client.post(f"/bereikbaarheid/dienst/{shift.pk}/verwijderen/").status_code == 403
    assert client.post(COPY).status_code == 403
    assert Shift.objects.count() == 1


@pytest.mark.parametrize("who", ["resident", "volunteer", "analyst", "other_professional"])
def test_others_are_refused(
    client: Client, areas: Any, who: str, request: Any, professional: Any, clock: Any
) -> None:
    shift = add_shift(areas.district, professional, at(12, 2, 17), at(12, 3, 9))
    user = request.getfixturevalue(who)
    login(client, getattr(user, "user", user))
    for path in (ROTA, NOW_PAGE, NEW, f"/bereikbaarheid/dienst/{shift.pk}/"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "0612345678" not in response.content.decode()
    assert client.post(NEW, form(professional)).status_code == 403
    if who != "other_professional":
        assert client.get("/bereikbaarheid/").status_code == 403
    assert not AuditEntry.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client: Client, areas: Any) -> None:
    response = client.get(ROTA)
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


def test_add_a_shift(
    client: Client, areas: Any, coordinator: Any, professional: Any, clock: Any
) -> None:
    login(client, coordinator)
    assert "Dienst toevoegen" in client.get(NEW).content.decode()
    response = client.post(NEW, form(professional))
    assert response.status_code == 302
    shift = Shift.objects.get()
    assert (shift.user, shift.starts_at, shift.mobile) == (
        professional,
        at(12, 2, 17),
        "0612345678",
    )
    page = client.get(ROTA).content.decode()
    assert "De dienst is toegevoegd." in page
    assert "wo 2 dec 17:00" not in page.split("Diensten")[0]  # no longer a gap


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"mobile": "020 123 4567"}, "Vul een Nederlands mobiel nummer in"),
        ({"ends_at": "2026-12-02T16:00"}, "Het einde moet na het begin liggen."),
        ({"starts_at": "morgen"}, "Voer een geldige datum/tijd in."),
    ],
)
def test_bad_input_shows_a_dutch_error_and_saves_nothing(
    client: Client,
    areas: Any,
    coordinator: Any,
    professional: Any,
    clock: Any,
    changes: dict[str, str],
    message: str,
) -> None:
    login(client, coordinator)
    response = client.post(NEW, form(professional, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Shift.objects.exists()


def test_a_second_primary_is_refused_in_dutch(
    client: Client,
    areas: Any,
    coordinator: Any,
    professional: Any,
    buurt_professional: Any,
    clock: Any,
) -> None:
    add_shift(areas.district, professional, at(12, 2, 17), at(12, 3, 9))
    login(client, coordinator)
    response = client.post(NEW, form(buurt_professional, mobile="0687654321"))
    assert response.status_code == 200
    assert "Op dit moment is al iemand anders bereikbaar" in response.content.decode()
    assert Shift.objects.count() == 1
    backup = client.post(NEW, form(buurt_professional, kind=ShiftKind.BACKUP))
    assert backup.status_code == 302
    assert Shift.objects.filter(kind=ShiftKind.BACKUP).count() == 1


def test_only_people_who_work_in_the_district_can_be_chosen(
    client: Client,
    areas: Any,
    coordinator: Any,
    professional: Any,
    other_professional: Any,
    resident: Any,
    clock: Any,
) -> None:
    login(client, coordinator)
    page = client.get(NEW).content.decode()
    assert "Pim Professional" in page
    assert "Olga Elders" not in page and "Anna" not in page
    for outsider in (other_professional, resident.user):
        response = client.post(NEW, form(outsider))
        assert response.status_code == 200
        assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Shift.objects.exists()


def test_edit_and_remove_a_shift(
    client: Client, areas: Any, coordinator: Any, professional: Any, clock: Any
) -> None:
    shift = add_shift(areas.district, professional, at(12, 2, 17), at(12, 3, 9))
    login(client, coordinator)
    edit = f"/bereikbaarheid/dienst/{shift.pk}/"
    assert "06 1234 5678" in client.get(edit).content.decode()
    assert client.post(edit, form(professional, ends_at="2026-12-03T08:00")).status_code == 302
    shift.refresh_from_db()
    assert shift.ends_at == at(12, 3, 8)
    remove = f"/bereikbaarheid/dienst/{shift.pk}/verwijderen/"
    assert "Deze dienst weghalen" in client.get(remove).content.decode()
    assert client.post(remove).status_code == 302
    assert not Shift.objects.exists()


def test_copy_the_last_week_from_the_rota(
    client: Client, areas: Any, coordinator: Any, professional: Any, clock: Any
) -> None:
    login(client, coordinator)
    client.post(COPY)
    assert "Er zijn nog geen diensten om te kopiëren." in client.get(ROTA).content.decode()
    add_shift(areas.district, professional, at(12, 2, 17), at(12, 3, 9))
    assert client.post(COPY).status_code == 302
    assert Shift.objects.filter(starts_at=at(12, 9, 17)).exists()
    assert client.get(COPY).status_code == 405


def test_reachable_now_during_office_hours(
    client: Client, areas: Any, professional: Any, buurt_professional: Any, clock: Any
) -> None:
    login(client, buurt_professional)
    page = client.get(NOW_PAGE).content.decode()
    assert "Het is kantoortijd" in page
    assert "Pim Professional" in page and professional.email in page
    assert AuditEntry.objects.filter(actor=buurt_professional, purpose="reachable_now").exists()


def test_reachable_now_at_night_shows_the_mobile_number(
    client: Client, areas: Any, professional: Any, buurt_professional: Any, time_machine: Any
) -> None:
    add_shift(areas.district, professional, at(12, 2, 17), at(12, 3, 9))
    add_shift(
        areas.district,
        buurt_professional,
        at(12, 2, 17),
        at(12, 3, 9),
        kind=ShiftKind.BACKUP,
        mobile="0687654321",
    )
    time_machine.move_to(at(12, 2, 23), tick=False)
    login(client, buurt_professional)
    page = client.get(NOW_PAGE).content.decode()
    assert "Het kantoor is dicht." in page
    assert "Pim Professional" in page and "06 1234 5678" in page
    assert "Reserve" in page and "06 8765 4321" in page
    assert AuditEntry.objects.filter(subject_type="oncall.shift").count() == 2


def test_reachable_now_with_nobody_on_call(
    client: Client, areas: Any, professional: Any, time_machine: Any
) -> None:
    time_machine.move_to(at(12, 5, 3), tick=False)  # Saturday night
    login(client, professional)
    page = client.get(NOW_PAGE).content.decode()
    assert "Op dit moment is niemand bereikbaar." in page and "112" in page
    assert "maandag 7 december 09:00" in page


def test_navigation_shows_reachability_to_staff_only(
    client: Client, areas: Any, professional: Any, resident: Any
) -> None:
    login(client, professional)
    assert "Bereikbaarheid" in client.get("/bereikbaarheid/").content.decode()
    login(client, resident.user)
    page = client.get("/start/").content.decode()
    assert "Bereikbaarheid" not in page


def test_rota_query_count(
    client: Client,
    areas: Any,
    coordinator: Any,
    professional: Any,
    buurt_professional: Any,
    clock: Any,
    django_assert_max_num_queries: Any,
) -> None:
    for day in range(2, 12):
        add_shift(areas.district, professional, at(12, day, 17), at(12, day, 20))
        add_shift(areas.district, buurt_professional, at(12, day, 20), at(12, day, 23))
    login(client, coordinator)
    client.get(ROTA)
    with django_assert_max_num_queries(15):
        assert client.get(ROTA).status_code == 200
