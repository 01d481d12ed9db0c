"""The categories, subcategories and questions every municipality starts with.

Stored in Dutch (the municipality edits them in its own language), addressing the reporter
as "je", like the rest of omzien's resident-facing text. `categories_ensure_defaults`
(services.py) creates what is missing and never changes what a municipality edited.
"""

from __future__ import annotations

from typing import Any

from omzien.core.worktime import DeadlineUnit
from omzien.reports.models import CategoryKind, QuestionKind, TeamKind

DANGER_QUESTION: dict[str, Any] = {
    "key": "gevaar-nu",
    "text": "Is er nu direct gevaar voor iemand?",
    "kind": QuestionKind.YES_NO,
    "required": True,
    "yes_means_acute_danger": True,
}

DEFAULT_CATEGORIES: list[dict[str, Any]] = [
    {
        "slug": "zorg-om-iemand",
        "deadline": (24, DeadlineUnit.HOURS),
        "name": "Zorgen om iemand",
        "description": "Je maakt je zorgen om een buurtbewoner. Bijvoorbeeld verward gedrag, "
        "of je ziet iemand al dagen niet.",
        "kind": CategoryKind.PERSON,
        "children": [
            ("verward-gedrag", "Verward gedrag"),
            ("niet-gezien", "Iemand al dagen niet gezien"),
            ("verwaarlozing", "Verwaarlozing"),
            ("anders-persoon", "Iets anders over iemand"),
        ],
        "questions": [
            DANGER_QUESTION,
            {
                "key": "eerder-gezien",
                "text": "Heb je dit eerder gezien?",
                "kind": QuestionKind.YES_NO,
            },
        ],
    },
    {
        "slug": "onveilige-plek",
        "deadline": (5, DeadlineUnit.WORKING_DAYS),
        "name": "Onveilige plek",
        "description": "Een plek in de buurt voelt niet veilig. Bijvoorbeeld slechte "
        "verlichting of een donkere doorgang.",
        "kind": CategoryKind.PLACE,
        "children": [
            ("verlichting", "Verlichting kapot of te weinig"),
            ("donkere-doorgang", "Donkere doorgang"),
            ("verwaarloosde-plek", "Vieze of verwaarloosde plek"),
            ("anders-plek", "Iets anders aan de plek"),
        ],
        "questions": [
            {
                "key": "wanneer",
                "text": "Wanneer voelt de plek onveilig?",
                "kind": QuestionKind.CHOICE,
                "choices": ["Overdag", "Als het donker is", "Altijd"],
            },
        ],
    },
    {
        "slug": "overlast",
        "deadline": (3, DeadlineUnit.WORKING_DAYS),
        "name": "Overlast",
        "description": "Bijvoorbeeld lawaai, afval of hangen op straat.",
        "kind": CategoryKind.NUISANCE,
        "children": [
            ("geluid", "Geluid"),
            ("afval", "Afval"),
            ("groepen", "Groepen op straat"),
        ],
        "questions": [DANGER_QUESTION],
    },
    {
        "slug": "iets-anders",
        "deadline": (5, DeadlineUnit.WORKING_DAYS),
        "name": "Iets anders",
        "description": "Je melding past niet bij de andere keuzes.",
        "kind": CategoryKind.OTHER,
        "children": [],
        "questions": [],
    },
]

DEFAULT_STANDARD_TEXTS: list[dict[str, str]] = [
    {
        "title": "We zijn ermee bezig",
        "text": "Bedankt voor je melding. We zijn ermee bezig.",
        "for_status": "in_progress",
    },
    {
        "title": "Opgelost",
        "text": "Het probleem is opgelost. Bedankt voor je melding.",
        "for_status": "handled",
    },
    {
        "title": "Contact gelegd",
        "text": "We hebben contact gelegd. Meer kunnen we je niet vertellen, om de privacy "
        "van de ander te beschermen. Bedankt dat je omkijkt naar je buren.",
        "for_status": "handled",
    },
]

#: Tried in this order; the first that matches wins. `category` is a slug above.
DEFAULT_ROUTING_RULES: list[dict[str, Any]] = [
    {
        "name": "Zorgen om iemand buiten kantoortijd: wie dienst heeft",
        "category": "zorg-om-iemand",
        "outside_office_hours": True,
        "to_on_call": True,
    },
    {
        "name": "Zorgen om iemand: buurtteam",
        "category": "zorg-om-iemand",
        "team_kind": TeamKind.NEIGHBOURHOOD_TEAM,
    },
    {
        "name": "Onveilige plek: openbare ruimte",
        "category": "onveilige-plek",
        "team_kind": TeamKind.PUBLIC_SPACE,
    },
    {
        "name": "Overlast: wijkagent",
        "category": "overlast",
        "team_kind": TeamKind.COMMUNITY_POLICE,
    },
]
