"""The four-phase plan: actions, status history, evaluation moments, agenda, progress."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from omzien.core.models import HistoryIsAppendOnly
from omzien.plans import selectors, services
from omzien.plans.models import Action, ActionStatus, ActionStatusChange, Phase
from omzien.scan.models import ActionPoint

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")


def _action(areas: Any, actor: Any, **kwargs: Any) -> Action:
    values: dict[str, Any] = {
        "title": "Buurtkaart maken",
        "phase": Phase.EXPLORE,
        "start_on": datetime.date(2026, 10, 15),
        "due_on": datetime.date(2027, 2, 10),
        "owner_user": actor,
        "action_points": [ActionPoint.objects.get(code="3.1")],
    }
    values.update(kwargs)
    return services.action_create(actor=actor, neighbourhood=areas.neighbourhood, **values)


def test_an_action_in_a_phase_with_a_history(areas: Any, builder: Any) -> None:
    action = _action(areas, builder)
    assert action.status == ActionStatus.PLANNED
    assert list(action.characteristics.values_list("number", flat=True)) == [3]
    services.action_transition(actor=builder, action=action, to=ActionStatus.IN_PROGRESS)
    services.action_transition(actor=builder, action=action, to=ActionStatus.DONE, note="Af!")
    steps = list(action.history.values_list("from_status", "to_status", "by_label", "note"))
    assert steps == [
        ("", "planned", "Kim Kwartiermaker", ""),
        ("planned", "in_progress", "Kim Kwartiermaker", ""),
        ("in_progress", "done", "Kim Kwartiermaker", "Af!"),
    ]
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE


def test_only_declared_status_changes_are_allowed(areas: Any, builder: Any) -> None:
    action = _action(areas, builder)
    for sequence, ok in (
        (["in_progress", "stopped", "planned", "done"], True),
        (["stopped"], False),  # done → stopped is not in the table
        (["in_progress", "in_progress"], False),
    ):
        if not ok:
            with pytest.raises(ValidationError):
                for to in sequence:
                    services.action_transition(actor=builder, action=action, to=to)
        else:
            for to in sequence:
                services.action_transition(actor=builder, action=action, to=to)
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    assert action.history.count() == 6


def test_the_history_is_append_only(areas: Any, builder: Any) -> None:
    action = _action(areas, builder)
    step = action.history.get()
    step.note = "veranderd"
    with pytest.raises(HistoryIsAppendOnly):
        step.save()
    with pytest.raises(HistoryIsAppendOnly):
        step.delete()
    with pytest.raises(HistoryIsAppendOnly):
        ActionStatusChange.objects.filter(action=action).update(note="x")
    with pytest.raises(HistoryIsAppendOnly):
        ActionStatusChange.objects.filter(action=action).delete()


def test_owner_and_dates_are_checked(areas: Any, builder: Any, other_professional: Any,
                                     volunteer: Any) -> None:  # fmt: skip
    with pytest.raises(ValidationError) as error:
        _action(areas, builder, owner_user=other_professional)
    assert "medewerker van deze buurt" in str(error.value)
    with pytest.raises(ValidationError):
        _action(areas, builder, owner_user=volunteer)
    with pytest.raises(ValidationError):
        _action(areas, builder, owner_user=None, owner_organisation="")
    with pytest.raises(ValidationError):
        _action(areas, builder, due_on=datetime.date(2026, 10, 1))
    action = _action(areas, builder, owner_user=None, owner_organisation="Woningcorporatie Thuis")
    assert action.owner_organisation == "Woningcorporatie Thuis"
    assert Action.objects.count() == 1


def test_evaluation_moments_and_the_agenda_per_quarter(areas: Any, builder: Any) -> None:
    action = _action(areas, builder)
    later = _action(
        areas, builder, title="Eettafel", phase=Phase.SHAPE,
        start_on=datetime.date(2027, 1, 5), due_on=datetime.date(2027, 3, 30),
    )  # fmt: skip
    moment = services.evaluation_save(
        actor=builder, action=action, held_on=datetime.date(2027, 1, 20)
    )
    services.evaluation_save(
        actor=builder, action=action, evaluation=moment, held_on=moment.held_on,
        learnt="Sleutelfiguren kennen de buurt goed.", next_step="Kaart delen.",
    )  # fmt: skip
    moment.refresh_from_db()
    assert moment.learnt == "Sleutelfiguren kennen de buurt goed."
    quarters = selectors.agenda(viewer=builder, neighbourhood=areas.neighbourhood)
    assert [(q.year, q.quarter) for q in quarters] == [(2026, 4), (2027, 1)]
    assert [a.title for a in quarters[0].actions] == ["Buurtkaart maken"]
    assert [a.title for a in quarters[1].actions] == ["Buurtkaart maken", "Eettafel"]
    assert quarters[1].evaluations == [moment]
    assert later in quarters[1].actions


def test_progress_per_month_replays_the_history(
    areas: Any, builder: Any, time_machine: Any
) -> None:
    time_machine.move_to(datetime.datetime(2026, 9, 10, 10, 0, tzinfo=AMS), tick=False)
    first = _action(areas, builder)
    second = _action(areas, builder, title="Tweede")
    time_machine.move_to(datetime.datetime(2026, 10, 3, 10, 0, tzinfo=AMS), tick=False)
    services.action_transition(actor=builder, action=first, to=ActionStatus.IN_PROGRESS)
    time_machine.move_to(datetime.datetime(2026, 11, 30, 23, 30, tzinfo=AMS), tick=False)
    services.action_transition(actor=builder, action=first, to=ActionStatus.DONE)
    services.action_transition(actor=builder, action=second, to=ActionStatus.STOPPED)
    _action(areas, builder, title="Derde")
    time_machine.move_to(datetime.datetime(2026, 12, 2, 9, 0, tzinfo=AMS), tick=False)
    months = selectors.progress(viewer=builder, neighbourhood=areas.neighbourhood)
    assert [(m.month.isoformat(), m.ordered) for m in months] == [
        ("2026-09-01", [2, 0, 0, 0]),
        ("2026-10-01", [1, 1, 0, 0]),
        ("2026-11-01", [1, 0, 1, 1]),
        ("2026-12-01", [1, 0, 1, 1]),
    ]


def test_pages_for_staff_of_the_area(
    areas: Any, builder: Any, as_user: Any, time_machine: Any
) -> None:
    time_machine.move_to(datetime.datetime(2026, 11, 20, 10, 0, tzinfo=AMS), tick=False)
    action = _action(areas, builder, due_on=datetime.date(2026, 11, 1),
                     start_on=datetime.date(2026, 10, 1))  # fmt: skip
    services.evaluation_save(actor=builder, action=action, held_on=datetime.date(2026, 12, 1))
    client = as_user(builder)
    code = areas.neighbourhood.code
    plan = client.get(reverse("plans:plan", args=[code])).content.decode()
    assert "1. Verkennen" in plan and "4. Verankeren" in plan
    assert "Elk nieuw initiatief start met een verkenning" in plan
    assert "te laat" in plan
    agenda = client.get(reverse("plans:agenda", args=[code])).content.decode()
    assert "Kwartaal 4 2026" in agenda and "Buurtkaart maken" in agenda
    progress = client.get(reverse("plans:progress", args=[code])).content.decode()
    assert "november 2026" in progress
    detail = client.get(action.get_absolute_url()).content.decode()
    assert "Gepland" in detail and "Kim Kwartiermaker" in detail

    response = client.post(
        reverse("plans:action_status", args=[action.pk]), {"to": "done", "note": "Klaar."}
    )
    assert response.status_code == 302
    response = client.post(reverse("plans:action_status", args=[action.pk]), {"to": "stopped"})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    response = client.post(
        reverse("plans:evaluation_add", args=[action.pk]),
        {"held_on": "", "learnt": "Iets"},
    )
    assert "Dit veld is verplicht." in response.content.decode()
    response = client.post(
        reverse("plans:action_edit", args=[action.pk]),
        {"title": "", "phase": "verkennen", "start_on": "2026-10-01", "due_on": "2026-09-01",
         "owner_organisation": "Buurthuis"},
    )  # fmt: skip
    html = response.content.decode()
    assert "Dit veld is verplicht." in html
    assert "De einddatum kan niet voor de begindatum liggen." in html
    action.refresh_from_db()
    assert action.title == "Buurtkaart maken"


def test_the_plan_page_has_no_query_per_action(areas: Any, builder: Any, as_user: Any) -> None:
    client = as_user(builder)
    url = reverse("plans:plan", args=[areas.neighbourhood.code])
    _action(areas, builder)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(4):
        _action(areas, builder, title=f"Actie {n}", phase=Phase.ANCHOR)
    with CaptureQueriesContext(connection) as five:
        client.get(url)
    assert len(five) == len(one)


def test_who_may_see_or_change_the_plan(
    areas: Any, builder: Any, analyst: Any, other_professional: Any, resident: Any,
    volunteer: Any, as_user: Any, client: Any,
) -> None:  # fmt: skip
    action = _action(areas, builder)
    code = areas.neighbourhood.code
    urls = [
        reverse("plans:plan", args=[code]),
        reverse("plans:agenda", args=[code]),
        reverse("plans:progress", args=[code]),
        reverse("plans:action_create", args=[code]),
        action.get_absolute_url(),
        reverse("plans:action_edit", args=[action.pk]),
        reverse("plans:evaluation_add", args=[action.pk]),
    ]
    for user in (analyst, other_professional, resident.user, volunteer):
        client.logout()
        as_user(user)
        for url in urls:
            assert client.get(url).status_code == 403, (user, url)
        response = client.post(reverse("plans:action_status", args=[action.pk]), {"to": "done"})
        assert response.status_code == 403
        with pytest.raises(PermissionDenied):
            services.action_transition(actor=user, action=action, to=ActionStatus.DONE)
    action.refresh_from_db()
    assert action.status == ActionStatus.PLANNED
    client.logout()
    as_user(builder)
    assert client.get(reverse("plans:plan", args=["BU00000000"])).status_code == 404
    assert client.get(reverse("plans:action", args=[999999])).status_code == 404
    assert client.get(reverse("plans:index")).status_code == 200
