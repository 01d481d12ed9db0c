"""The staff form for routing rules (/meldingen/routering/): municipality coordinators add,
change, delete and reorder rules; Dutch errors; others are refused; routing follows the new
order (first match wins). Frozen clock where routing runs."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from tests.conftest import login, make_user
from tests.reports.conftest import Setup, place_report

from omzien.accounts.models import Role
from omzien.neighbourhoods.models import Municipality
from omzien.reports.models import Category, RoutingRule, Team, TeamKind

AMS = ZoneInfo("Europe/Amsterdam")
WEDNESDAY_10 = datetime.datetime(2026, 3, 11, 10, 0, tzinfo=AMS)


def _names(municipality: Any) -> list[str]:
    return list(
        RoutingRule.objects.filter(municipality=municipality)
        .order_by("order", "pk")
        .values_list("name", flat=True)
    )


def _form(setup: Setup, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Verlichting: aannemer",
        "is_active": "on",
        "category": Category.objects.get(municipality=setup.municipality, slug="verlichting").pk,
        "district": "",
        "neighbourhood": "",
        "from_time": "",
        "until_time": "",
        "team": setup.public_space.pk,
        "team_kind": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_coordinator_adds_a_rule_at_the_end(client: Client, setup: Setup) -> None:
    before = _names(setup.municipality)
    login(client, setup.coordinator)
    page = client.get("/meldingen/routering/").content.decode()
    assert 'href="/meldingen/routering/nieuw/GM0363/"' in page
    form = client.get("/meldingen/routering/nieuw/GM0363/")
    assert form.status_code == 200
    assert "Nieuwe routeringsregel" in form.content.decode()
    response = client.post("/meldingen/routering/nieuw/GM0363/", _form(setup, weekdays=["6", "5"]))
    assert response.status_code == 302
    assert _names(setup.municipality) == [*before, "Verlichting: aannemer"]
    rule = RoutingRule.objects.get(name="Verlichting: aannemer")
    assert (rule.order, rule.weekdays, rule.team, rule.municipality) == (
        len(before),
        "56",
        setup.public_space,
        setup.municipality,
    )


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"team": ""}, "Kies één bestemming: een team, een soort team of wie dienst heeft."),
        (
            {"team_kind": TeamKind.PUBLIC_SPACE},
            "Kies één bestemming: een team, een soort team of wie dienst heeft.",
        ),
        (
            {"to_on_call": "on"},
            "Kies één bestemming: een team, een soort team of wie dienst heeft.",
        ),
        ({"from_time": "22:00"}, "Vul beide tijden in, of geen van beide."),
        ({"until_time": "07:00"}, "Vul beide tijden in, of geen van beide."),
        ({"name": ""}, "Dit veld is verplicht."),
        ({"from_time": "25:99", "until_time": "07:00"}, "Voer een geldige tijd in."),
    ],
)
def test_a_wrong_rule_shows_a_dutch_error_and_saves_nothing(
    client: Client, setup: Setup, changes: dict[str, Any], error: str
) -> None:
    before = _names(setup.municipality)
    login(client, setup.coordinator)
    response = client.post("/meldingen/routering/nieuw/GM0363/", _form(setup, **changes))
    assert response.status_code == 200
    page = response.content.decode()
    summary = page.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert error in summary
    assert _names(setup.municipality) == before


def test_a_team_or_category_of_another_municipality_is_refused(
    client: Client, setup: Setup, areas: Any
) -> None:
    other = Municipality.objects.create(code="GM0599", name="Rotterdam")
    their_team = Team.objects.create(municipality=other, name="Team Rotterdam", kind="housing")
    their_category = Category.objects.get(municipality=other, slug="verlichting")
    before = _names(setup.municipality)
    login(client, setup.coordinator)
    for changes in ({"team": their_team.pk}, {"category": their_category.pk}):
        response = client.post("/meldingen/routering/nieuw/GM0363/", _form(setup, **changes))
        assert response.status_code == 200
        assert "Kies uit deze gemeente." in response.content.decode()
    assert _names(setup.municipality) == before
    assert not RoutingRule.objects.filter(team=their_team).exists()
    # A neighbourhood outside the chosen district is refused as well.
    response = client.post(
        "/meldingen/routering/nieuw/GM0363/",
        _form(setup, district=areas.other_district.pk, neighbourhood=areas.neighbourhood.pk),
    )
    assert "Deze buurt ligt niet in het stadsdeel." in response.content.decode()
    assert _names(setup.municipality) == before


def test_a_coordinator_changes_and_deletes_a_rule(client: Client, setup: Setup) -> None:
    rule = RoutingRule.objects.get(municipality=setup.municipality, name="Overlast: wijkagent")
    login(client, setup.coordinator)
    page = client.get(f"/meldingen/routering/{rule.pk}/bewerken/").content.decode()
    assert 'value="Overlast: wijkagent"' in page
    response = client.post(
        f"/meldingen/routering/{rule.pk}/bewerken/",
        {
            "name": "Overlast 's nachts: wie dienst heeft",
            "category": rule.category_id,
            "from_time": "22:00",
            "until_time": "07:00",
            "to_on_call": "on",
        },
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.name == "Overlast 's nachts: wie dienst heeft"
    assert (rule.to_on_call, rule.team_kind, rule.is_active) == (True, "", False)
    assert rule.from_time == datetime.time(22, 0)
    # Delete: a confirmation page first, then the rest is numbered again.
    first = RoutingRule.objects.filter(municipality=setup.municipality).order_by("order")[0]
    assert (
        "Wilt u de regel"
        in client.get(f"/meldingen/routering/{first.pk}/verwijderen/").content.decode()
    )
    assert RoutingRule.objects.filter(pk=first.pk).exists()
    response = client.post(f"/meldingen/routering/{first.pk}/verwijderen/")
    assert response.status_code == 302
    assert not RoutingRule.objects.filter(pk=first.pk).exists()
    orders = list(
        RoutingRule.objects.filter(municipality=setup.municipality)
        .order_by("order")
        .values_list("order", flat=True)
    )
    assert orders == list(range(len(orders)))


def test_others_are_refused_and_nothing_changes(client: Client, setup: Setup, areas: Any) -> None:
    rule = RoutingRule.objects.filter(municipality=setup.municipality).order_by("order")[0]
    other = Municipality.objects.create(code="GM0599", name="Rotterdam")
    before = _names(setup.municipality)
    refused = [
        setup.street_worker,  # a team member
        make_user(Role.COORDINATOR, areas.district),  # a coordinator of one district
        make_user(Role.COORDINATOR, other),  # the coordinator of another municipality
    ]
    for user in refused:
        login(client, user)
        assert client.get("/meldingen/routering/nieuw/GM0363/").status_code == 403
        assert client.post("/meldingen/routering/nieuw/GM0363/", _form(setup)).status_code == 403
        edit = f"/meldingen/routering/{rule.pk}/bewerken/"
        assert client.get(edit).status_code == 403
        assert client.post(edit, _form(setup, name="Gekaapt")).status_code == 403
        delete = f"/meldingen/routering/{rule.pk}/verwijderen/"
        assert client.get(delete).status_code == 403
        assert client.post(delete).status_code == 403
        client.logout()
    # Not logged in: to the login page.
    response = client.get("/meldingen/routering/nieuw/GM0363/")
    assert response.status_code == 302 and "inloggen" in response["Location"]
    assert _names(setup.municipality) == before
    # The other coordinator may add a rule to their own municipality only.
    login(client, refused[2])
    assert client.get("/meldingen/routering/nieuw/GM0599/").status_code == 200
    assert client.get("/meldingen/routering/nieuw/GM9999/").status_code == 404


def test_routing_follows_the_new_order(client: Client, setup: Setup, time_machine: Any) -> None:
    time_machine.move_to(WEDNESDAY_10, tick=False)
    contractor = Team.objects.create(
        municipality=setup.municipality, name="Aannemer Licht", kind=TeamKind.PUBLIC_SPACE
    )
    login(client, setup.coordinator)
    client.post(
        "/meldingen/routering/nieuw/GM0363/",
        _form(setup, category=setup.dark_passage.pk, team=contractor.pk, name="Doorgang: licht"),
    )
    # Last in line: "Onveilige plek: openbare ruimte" matches first.
    assert place_report(setup).team == setup.public_space
    rule = RoutingRule.objects.get(name="Doorgang: licht")
    names = _names(setup.municipality)
    steps = len(names) - names.index("Onveilige plek: openbare ruimte") - 1
    for _step in range(steps):
        client.post(f"/meldingen/routering/{rule.pk}/verplaatsen/", {"move": "up"})
    names = _names(setup.municipality)
    assert names.index("Doorgang: licht") < names.index("Onveilige plek: openbare ruimte")
    assert place_report(setup).team == contractor
    # A rule that is switched off is passed over.
    client.post(
        f"/meldingen/routering/{rule.pk}/bewerken/",
        _form(setup, category=setup.dark_passage.pk, team=contractor.pk, is_active=None),
    )
    assert place_report(setup).team == setup.public_space
