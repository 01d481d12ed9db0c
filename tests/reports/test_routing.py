"""Routing rules: first match wins, time of day and day of week, night hours to whoever is
on call, no match → unassigned and visible to coordinators. Frozen clock throughout."""

from __future__ import annotations

import datetime
import uuid
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from tests.conftest import login, make_user
from tests.reports.conftest import Setup, person_report, place_report

from omzien.accounts.models import Role
from omzien.oncall.models import Shift, ShiftKind
from omzien.reports import services
from omzien.reports.models import Category, RoutingRule, Team, TeamKind
from omzien.reports.routing import rule_matches

AMS = ZoneInfo("Europe/Amsterdam")
WEDNESDAY_10 = datetime.datetime(2026, 3, 11, 10, 0, tzinfo=AMS)  # office hours
WEDNESDAY_23 = datetime.datetime(2026, 3, 11, 23, 0, tzinfo=AMS)  # night
SATURDAY_20 = datetime.datetime(2026, 3, 14, 20, 0, tzinfo=AMS)
SUNDAY_02 = datetime.datetime(2026, 3, 15, 2, 0, tzinfo=AMS)
SATURDAY_10 = datetime.datetime(2026, 3, 14, 10, 0, tzinfo=AMS)


@pytest.fixture
def hood_team(setup: Setup, areas: Any) -> Team:
    team = Team.objects.create(
        municipality=setup.municipality, name="Buurtteam Oost", kind=TeamKind.NEIGHBOURHOOD_TEAM
    )
    team.members.add(setup.outreach_worker)
    # Reports get their neighbourhood from the nearest centre.
    areas.neighbourhood.latitude, areas.neighbourhood.longitude = 52.36, 4.93
    areas.neighbourhood.save()
    return team


def _at(time_machine: Any, moment: datetime.datetime) -> None:
    time_machine.move_to(moment, tick=False)


def in_bloemhof(setup: Setup, maker: Any = person_report, **kwargs: Any) -> Any:
    return maker(setup, latitude=52.36, longitude=4.93, **kwargs)


def test_new_municipalities_get_the_default_rules_in_order(setup: Setup) -> None:
    rules = list(RoutingRule.objects.filter(municipality=setup.municipality).order_by("order"))
    assert [
        (r.category.slug if r.category else None, r.to_on_call, r.team_kind) for r in rules
    ] == [
        ("zorg-om-iemand", True, ""),
        ("zorg-om-iemand", False, TeamKind.NEIGHBOURHOOD_TEAM),
        ("onveilige-plek", False, TeamKind.PUBLIC_SPACE),
        ("overlast", False, TeamKind.COMMUNITY_POLICE),
    ]
    assert rules[0].outside_office_hours


def test_a_report_is_routed_once_and_the_history_says_by_which_rule(
    setup: Setup, time_machine: Any
) -> None:
    _at(time_machine, WEDNESDAY_10)
    report = place_report(setup)
    report.refresh_from_db()
    assert report.team == setup.public_space
    assert report.assignee is None
    row = report.events.last()
    assert row is not None
    assert row.by_label == "system"
    assert row.text == (
        "Doorgestuurd naar Openbare ruimte Oost volgens regel “Onveilige plek: openbare ruimte”."
    )


def test_the_first_matching_rule_wins(setup: Setup, hood_team: Team, time_machine: Any) -> None:
    _at(time_machine, WEDNESDAY_10)
    # Two rules both match a dark passage; the one earlier in the list wins.
    RoutingRule.objects.filter(municipality=setup.municipality).update(order=10)
    RoutingRule.objects.create(
        municipality=setup.municipality,
        order=1,
        name="Donkere doorgang: bemoeizorg",
        category=setup.dark_passage,
        team=setup.outreach,
    )
    RoutingRule.objects.create(
        municipality=setup.municipality,
        order=2,
        name="Onveilige plek: buurtteam",
        category=setup.place,
        team=hood_team,
    )
    assert place_report(setup).team == setup.outreach
    # Another subcategory skips the first rule and meets the second.
    lighting = Category.objects.get(municipality=setup.municipality, slug="verlichting")
    assert place_report(setup, subcategory=lighting).team == hood_team
    # Coordinators reorder: the neighbourhood team's rule moves up, and now wins.
    second = RoutingRule.objects.get(name="Onveilige plek: buurtteam")
    services.routing_rule_move(rule=second, by=setup.coordinator, up=True)
    assert place_report(setup).team == hood_team


def test_a_neighbourhood_rule_matches_only_reports_in_that_neighbourhood(
    setup: Setup, hood_team: Team, areas: Any, time_machine: Any
) -> None:
    _at(time_machine, WEDNESDAY_10)
    RoutingRule.objects.filter(municipality=setup.municipality).update(order=10)
    RoutingRule.objects.create(
        municipality=setup.municipality,
        order=0,
        name="Bloemhof: buurtteam",
        neighbourhood=areas.neighbourhood,
        team=hood_team,
    )
    assert in_bloemhof(setup, place_report).team == hood_team
    assert place_report(setup).team == setup.public_space  # no map point: no neighbourhood


def test_time_of_day_and_day_of_week(setup: Setup, time_machine: Any) -> None:
    RoutingRule.objects.filter(municipality=setup.municipality).update(order=10)
    RoutingRule.objects.create(
        municipality=setup.municipality,
        order=0,
        name="Weekendavond: bemoeizorg",
        category=setup.place,
        weekdays="56",
        from_time=datetime.time(18, 0),
        until_time=datetime.time(7, 0),
        team=setup.outreach,
    )
    _at(time_machine, SATURDAY_20)
    assert place_report(setup).team == setup.outreach
    _at(time_machine, SUNDAY_02)  # past midnight, still in the window
    assert place_report(setup).team == setup.outreach
    _at(time_machine, SATURDAY_10)  # the right day, the wrong hour
    assert place_report(setup).team == setup.public_space
    _at(time_machine, WEDNESDAY_23)  # the right hour, the wrong day
    assert place_report(setup).team == setup.public_space


def test_rule_conditions_use_the_local_clock(setup: Setup, time_machine: Any) -> None:
    _at(time_machine, WEDNESDAY_10)
    report = place_report(setup)
    rule = RoutingRule(
        municipality=setup.municipality,
        name="Ochtend",
        from_time=datetime.time(9, 0),
        until_time=datetime.time(10, 30),
        weekdays="2",
        team=setup.outreach,
    )
    assert rule_matches(rule, report, WEDNESDAY_10.astimezone(datetime.UTC))
    assert not rule_matches(rule, report, WEDNESDAY_10 + datetime.timedelta(hours=1))
    rule.is_active = False
    assert not rule_matches(rule, report, WEDNESDAY_10)


def test_a_worry_at_night_goes_to_whoever_is_on_call(
    setup: Setup, hood_team: Team, areas: Any, time_machine: Any
) -> None:
    on_call = setup.outreach_worker  # a member of the neighbourhood team (and of outreach)
    Shift.objects.create(
        district=areas.district,
        user=on_call,
        kind=ShiftKind.PRIMARY,
        starts_at=WEDNESDAY_23 - datetime.timedelta(hours=6),
        ends_at=WEDNESDAY_23 + datetime.timedelta(hours=10),
        mobile="0612345678",
    )
    _at(time_machine, WEDNESDAY_23)
    report = in_bloemhof(setup)
    report.refresh_from_db()
    assert report.assignee == on_call
    assert report.team == setup.outreach  # their first team (by creation)
    row = report.events.filter(by_label="system").first()  # routing; then the task
    assert row is not None
    assert "Olaf Outreach" in row.text
    assert "Zorgen om iemand buiten kantoortijd" in row.text
    # The same worry during office hours goes to the neighbourhood team, nobody assigned.
    _at(time_machine, WEDNESDAY_10 + datetime.timedelta(days=1))
    day = in_bloemhof(setup)
    assert (day.team, day.assignee) == (hood_team, None)


def test_at_night_with_nobody_on_call_the_next_rule_takes_it(
    setup: Setup, hood_team: Team, time_machine: Any
) -> None:
    _at(time_machine, WEDNESDAY_23)
    report = in_bloemhof(setup)
    assert (report.team, report.assignee) == (hood_team, None)


def test_no_matching_rule_leaves_it_unassigned_for_the_coordinators(
    client: Client, setup: Setup, time_machine: Any
) -> None:
    _at(time_machine, WEDNESDAY_10)
    other = Category.objects.get(municipality=setup.municipality, slug="iets-anders")
    report = services.report_create(
        category=other,
        subcategory=None,
        submission_key=uuid.uuid4().hex,
        description="Er staat al weken een kapotte fiets.",
        address="Bloemstraat 4",
    ).report
    report.refresh_from_db()
    assert (report.team, report.assignee) == (None, None)
    row = report.events.last()
    assert row is not None
    assert row.text == "Geen routeringsregel past. Een coördinator verdeelt deze melding."
    # The coordinator sees it; a team member of another category does not.
    assert report.reference in login(client, setup.coordinator).get("/meldingen/").content.decode()
    client.logout()
    page = login(client, setup.street_worker).get("/meldingen/").content.decode()
    assert report.reference not in page
    assert client.get(report.get_absolute_url()).status_code == 404


def test_the_reporter_does_not_see_the_routing_row(
    client: Client, setup: Setup, time_machine: Any
) -> None:
    _at(time_machine, WEDNESDAY_10)
    report = place_report(setup)
    page = client.get(report.get_tracking_url()).content.decode()
    assert "Doorgestuurd" not in page
    assert "Openbare ruimte Oost" not in page


def test_only_municipality_coordinators_see_and_order_the_rules(
    client: Client, setup: Setup, areas: Any
) -> None:
    rule = RoutingRule.objects.filter(municipality=setup.municipality).order_by("order").last()
    assert rule is not None
    login(client, setup.coordinator)
    assert "/meldingen/routering/" in client.get("/meldingen/").content.decode()
    page = client.get("/meldingen/routering/").content.decode()
    assert "Overlast: wijkagent" in page
    response = client.post(f"/meldingen/routering/{rule.pk}/verplaatsen/", {"move": "up"})
    assert response.status_code == 302
    names = list(
        RoutingRule.objects.filter(municipality=setup.municipality)
        .order_by("order")
        .values_list("name", flat=True)
    )
    assert names[2] == "Overlast: wijkagent"
    client.logout()
    district_coordinator = make_user(Role.COORDINATOR, areas.district)
    for user in (setup.street_worker, district_coordinator):
        login(client, user)
        assert "/meldingen/routering/" not in client.get("/meldingen/").content.decode()
        assert client.get("/meldingen/routering/").status_code == 403
        response = client.post(f"/meldingen/routering/{rule.pk}/verplaatsen/", {"move": "up"})
        assert response.status_code == 403
        client.logout()
    assert (
        list(
            RoutingRule.objects.filter(municipality=setup.municipality)
            .order_by("order")
            .values_list("name", flat=True)
        )
        == names
    )


def test_without_rules_the_page_says_so(client: Client, setup: Setup) -> None:
    RoutingRule.objects.filter(municipality=setup.municipality).delete()
    login(client, setup.coordinator)
    assert "Nog geen routeringsregels." in client.get("/meldingen/routering/").content.decode()
