"""Routing rules: which team (or which on-call professional) gets a new report.

Pure reads; `services.report_create` applies the outcome once, in its own transaction.
The rules of a municipality are tried in `order`; the first rule that matches *and* has a
target wins. A rule whose target is empty right now (no active team of that kind, nobody on
call in the report's district) is passed over, so a later rule can still catch the report.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from omzien.core import worktime
from omzien.oncall.selectors import on_call_at
from omzien.reports.models import Report, RoutingRule, Team


@dataclass(frozen=True)
class Routed:
    rule: RoutingRule
    team: Team | None
    assignee: Any  # a user, or None


def _in_window(rule: RoutingRule, moment: datetime.time) -> bool:
    if rule.from_time is None or rule.until_time is None:
        return True
    if rule.from_time <= rule.until_time:
        return rule.from_time <= moment < rule.until_time
    # Past midnight, e.g. 22:00 to 07:00.
    return moment >= rule.from_time or moment < rule.until_time


def rule_matches(rule: RoutingRule, report: Report, when: datetime.datetime) -> bool:
    """Do the rule's conditions hold for this report at `when` (local office time)?"""
    if not rule.is_active or rule.municipality_id != report.municipality_id:
        return False
    if rule.category_id is not None and rule.category_id not in (
        report.category_id,
        report.subcategory_id,
    ):
        return False
    hood = report.neighbourhood
    if rule.neighbourhood_id is not None and (hood is None or hood.pk != rule.neighbourhood_id):
        return False
    if rule.district_id is not None and (hood is None or hood.district_id != rule.district_id):
        return False
    local = when.astimezone(worktime.office_zone())
    if rule.weekdays and str(local.weekday()) not in rule.weekdays:
        return False
    if not _in_window(rule, local.time()):
        return False
    return not (rule.outside_office_hours and worktime.is_office_hours(when))


def _target(rule: RoutingRule, report: Report, when: datetime.datetime) -> Routed | None:
    if rule.team_id is not None:
        team = rule.team
        return Routed(rule, team, None) if team is not None and team.is_active else None
    if rule.team_kind:
        teams = Team.objects.filter(
            municipality_id=report.municipality_id, kind=rule.team_kind, is_active=True
        )
        # A team responsible for the category comes first.
        responsible = teams.filter(
            responsible_for__in=[pk for pk in (report.category_id, report.subcategory_id) if pk]
        ).first()
        team = responsible or teams.order_by("pk").first()
        return Routed(rule, team, None) if team is not None else None
    if rule.to_on_call:
        if report.neighbourhood is None:
            return None
        shift = on_call_at(report.neighbourhood, when).primary
        if shift is None:
            return None
        person = shift.user
        team = (
            Team.objects.filter(
                municipality_id=report.municipality_id, is_active=True, members=person
            )
            .order_by("pk")
            .first()
        )
        return Routed(rule, team, person)
    return None


def route(report: Report, when: datetime.datetime) -> Routed | None:
    """The first matching rule with a target, or None: then a coordinator assigns it."""
    rules = RoutingRule.objects.filter(
        municipality_id=report.municipality_id, is_active=True
    ).select_related("team")
    for rule in rules.order_by("order", "pk"):
        if rule_matches(rule, report, when):
            routed = _target(rule, report, when)
            if routed is not None:
                return routed
    return None


def deadline_for(report: Report, start: datetime.datetime) -> datetime.datetime | None:
    """The subcategory's deadline, else the category's; None when neither has one."""
    for category in (report.subcategory, report.category):
        if category is not None and category.deadline_amount is not None:
            return worktime.deadline(start, category.deadline_amount, category.deadline_unit)
    return None
