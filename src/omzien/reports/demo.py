"""Demo report point in Omzienstad: two teams (public space; mental health outreach) with the
demo professional as member, and three reports — a dark passage (handled), a broken street
light and a worry about a neighbour. Safe to re-run: reports carry a fixed submission key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from omzien.accounts.models import Role, User
from omzien.neighbourhoods.models import Municipality
from omzien.reports import services
from omzien.reports.models import Category, ReportStatus, Team, TeamKind

MUNICIPALITY = "GM9901"


@dataclass
class ReportsDemoResult:
    teams: int = 0
    reports: int = 0


def _team(municipality: Municipality, name: str, kind: str, slugs: list[str], member: User) -> Team:
    team, _created = Team.objects.get_or_create(
        municipality=municipality, name=name, defaults={"kind": kind}
    )
    team.members.add(member)
    team.responsible_for.add(*Category.objects.filter(municipality=municipality, slug__in=slugs))
    return team


@transaction.atomic
def build_reports_demo(*, stdout: Any = None) -> ReportsDemoResult:
    result = ReportsDemoResult()
    municipality = Municipality.objects.filter(code=MUNICIPALITY).first()
    professional = User.objects.filter(
        roles__role=Role.PROFESSIONAL, email__startswith="demo-"
    ).first()
    if municipality is None or professional is None:
        return result
    services.categories_ensure_defaults(municipality=municipality)
    public_space = _team(
        municipality,
        "Openbare ruimte Omzienstad",
        TeamKind.PUBLIC_SPACE,
        ["onveilige-plek", "overlast", "iets-anders"],
        professional,
    )
    _team(
        municipality,
        "Bemoeizorg Omzienstad",
        TeamKind.MENTAL_HEALTH_OUTREACH,
        ["zorg-om-iemand"],
        professional,
    )
    result.teams = 2
    place = Category.objects.get(municipality=municipality, slug="onveilige-plek")
    person = Category.objects.get(municipality=municipality, slug="zorg-om-iemand")
    samples = [
        (
            "demo-report-1",
            place,
            "donkere-doorgang",
            "Het pad achter de bibliotheek is 's avonds pikdonker.",
            {"wanneer": "Als het donker is"},
        ),
        (
            "demo-report-2",
            place,
            "verlichting",
            "De lantaarnpaal bij het speelveld doet het niet.",
            {"wanneer": "Als het donker is"},
        ),
        (
            "demo-report-3",
            person,
            "niet-gezien",
            "Mijn buurvrouw heb ik al een week niet gezien. De post stapelt zich op.",
            {"gevaar-nu": "no"},
        ),
    ]
    for key, category, sub, text, answers in samples:
        created = services.report_create(
            category=category,
            subcategory=category.children.get(slug=sub),
            submission_key=key,
            description=text,
            answers=answers,
            address="Lindelaan, Omzienstad",
        )
        result.reports += 1
        if created.created and key == "demo-report-1":
            services.report_assign(
                report=created.report,
                by=professional,
                team=public_space,
                assignee=professional,
                priority="normal",
            )
            services.report_transition(
                report=created.report,
                to=ReportStatus.HANDLED,
                by=professional,
                text="Er hangt nu een extra lamp in het pad. Bedankt voor je melding.",
            )
    if stdout is not None:
        stdout.write(f"Meldpunt: {result.teams} teams, {result.reports} meldingen.")
    return result
