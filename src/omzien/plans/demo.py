"""Demo data for the plan: a plan for the demo neighbourhood with actions in all four
phases, some done, evaluation moments, and one action made from a recommendation of the
latest demo scan. The steps are recorded on dates in the past, so progress shows a trend.

Safe to re-run: nothing is added when the demo neighbourhood's plan already has actions.
Needs the people demo (accounts) and, for the recommendation, the scan demo."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from omzien.accounts.models import Role, User
from omzien.neighbourhoods.models import Neighbourhood
from omzien.plans import selectors, services
from omzien.plans.models import Action, ActionStatus, Intervention, Phase
from omzien.scan.models import ActionPoint

NEIGHBOURHOOD = "BU99010101"


@dataclass(frozen=True)
class DemoAction:
    title: str
    description: str
    phase: str
    intervention: str
    points: tuple[str, ...]
    start: int  # days from today
    due: int
    owner: str  # a role (the demo account of that role) or a partner organisation's name
    #: (status, days from today) steps after "planned"
    steps: tuple[tuple[str, int], ...] = ()
    #: (days from today, what was learnt, next step)
    evaluations: tuple[tuple[int, str, str], ...] = ()


ACTIONS = (
    DemoAction(
        "Buurt-DNA invullen met de sleutelfiguren",
        "Met Ria van de buurtkamer en andere sleutelfiguren de buurt op een kaart bespreken.",
        Phase.EXPLORE,
        "procesbegeleider-sleutelfiguren",
        ("3.1",),
        -330,
        -270,
        Role.COORDINATOR,
        ((ActionStatus.IN_PROGRESS, -325), (ActionStatus.DONE, -275)),
        (
            (
                -270,
                "De sleutelfiguren kennen veel meer mensen dan wij.",
                "Kaart delen met het buurtteam.",
            ),
        ),
    ),
    DemoAction(
        "Sociale kaart van de buurt bijwerken",
        "Alle plekken, clubs en initiatieven in de buurt op de sociale kaart zetten.",
        Phase.EXPLORE,
        "sociale-kaart",
        ("3.1",),
        -240,
        -20,
        Role.PROFESSIONAL,
        ((ActionStatus.IN_PROGRESS, -230),),
    ),
    DemoAction(
        "Voorlichting met ervaringsdeskundigen",
        "Een avond in het buurthuis: ervaringsdeskundigen vertellen wat bewoners kunnen "
        "verwachten van nieuwe buren.",
        Phase.ENVISION,
        "train-de-gastvrijheid",
        ("1.2",),
        -200,
        -150,
        "Buurthuis De Linde",
        ((ActionStatus.IN_PROGRESS, -190), (ActionStatus.DONE, -150)),
        (
            (
                -140,
                "Veertig bewoners kwamen; veel vragen over wie er komt wonen.",
                "Filmavond in het voorjaar.",
            ),
        ),
    ),
    DemoAction(
        "Filmavond over vooroordelen",
        "Samen een film kijken en napraten.",
        Phase.ENVISION,
        "train-de-gastvrijheid",
        ("1.2",),
        -120,
        -60,
        "Buurthuis De Linde",
        ((ActionStatus.STOPPED, -70),),
    ),
    DemoAction(
        "Eettafel op dinsdag",
        "Elke dinsdag samen eten in de buurtkamer. Iedere nieuwkomer wordt persoonlijk opgevangen.",
        Phase.SHAPE,
        "samen-eten",
        ("1.3",),
        -100,
        60,
        Role.PROFESSIONAL,
        ((ActionStatus.IN_PROGRESS, -95),),
        (
            (
                -30,
                "Nieuwe mensen komen de eerste keer met een begeleider.",
                "Een gastvrouw aanwijzen.",
            ),
            (20, "", ""),
        ),
    ),
    DemoAction(
        "Vaste groep rond de eettafel",
        "Een vaste groep die elkaar steunt en merkt wanneer iemand een paar keer niet komt.",
        Phase.ANCHOR,
        "ondersteuningsnetwerk",
        ("4.1",),
        45,
        240,
        Role.COORDINATOR,
        (),
        ((120, "", ""),),
    ),
)


def _owner(role_or_name: str, users: dict[str, User]) -> dict[str, Any]:
    if role_or_name in users:
        return {"owner_user": users[role_or_name]}
    return {"owner_organisation": role_or_name}


def _moment(today: datetime.date, days: int) -> datetime.datetime:
    day = today + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


@transaction.atomic
def build_plans_demo(*, stdout: Any = None, today: datetime.date | None = None) -> int:
    """Returns the number of actions created."""
    today = today or timezone.localdate()
    area = Neighbourhood.objects.select_related("district__municipality").get(code=NEIGHBOURHOOD)
    if Action.objects.filter(plan__neighbourhood=area).exists():
        return 0
    users: dict[str, User] = {
        str(role): user
        for role in (Role.COORDINATOR, Role.PROFESSIONAL)
        if (user := User.objects.filter(roles__role=role, email__startswith="demo-").first())
    }
    if Role.COORDINATOR not in users:
        raise RuntimeError("The demo accounts are missing: run omzien.people.demo.build_demo().")
    coordinator = users[Role.COORDINATOR]
    points = {p.code: p for p in ActionPoint.objects.all()}
    created = 0
    for spec in ACTIONS:
        action = services.action_create(
            actor=coordinator,
            neighbourhood=area,
            title=spec.title,
            description=spec.description,
            phase=spec.phase,
            intervention=Intervention.objects.filter(key=spec.intervention).first(),
            action_points=[points[code] for code in spec.points],
            start_on=today + datetime.timedelta(days=spec.start),
            due_on=today + datetime.timedelta(days=spec.due),
            at=_moment(today, min(spec.start, 0) - 7),
            **_owner(spec.owner, users),
        )
        created += 1
        for status, days in spec.steps:
            services.action_transition(
                actor=coordinator, action=action, to=status, at=_moment(today, days)
            )
        for days, learnt, next_step in spec.evaluations:
            services.evaluation_save(
                actor=coordinator,
                action=action,
                held_on=today + datetime.timedelta(days=days),
                learnt=learnt,
                next_step=next_step,
            )
    # One action straight from a recommendation of the latest scan, as a coordinator would.
    _session, found = selectors.recommendations(viewer=coordinator, neighbourhood=area)
    suggestion = next(((r, s) for r in found for s in r.suggestions), None)
    if suggestion is not None:
        recommendation, item = suggestion
        draft = selectors.recommendation_draft(
            viewer=coordinator,
            neighbourhood=area,
            characteristic_number=recommendation.characteristic.number,
            intervention_pk=item.intervention.pk,
        )
        if draft is not None:
            services.action_create(
                actor=coordinator, neighbourhood=area, phase=Phase.SHAPE, **draft
            )
            created += 1
    if stdout is not None:
        stdout.write(f"Plan van aanpak: {created} acties (actions) in {area.name}.")
    return created
