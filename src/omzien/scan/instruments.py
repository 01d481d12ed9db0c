"""Resident questionnaires with validated scoring. Pure functions, no database.

Sources and every choice made here are written down in docs/scan.md.

De Jong Gierveld loneliness scale
    De Jong Gierveld, J., & Van Tilburg, T.G. (1999). Manual of the Loneliness Scale.
    Vrije Universiteit Amsterdam. 11-item version: De Jong Gierveld & Kamphuis (1985);
    6-item version: De Jong Gierveld & Van Tilburg (2006); cut-offs of the 11-item scale:
    Van Tilburg & De Jong Gierveld (1999).

    Every item is first dichotomised: on a negatively worded (emotional) item "ja" and
    "min of meer" score 1; on a positively worded (social) item "min of meer" and "nee"
    score 1. The neutral answer therefore always counts towards loneliness. The five-point
    variant ("ja!", "ja", "min of meer", "nee", "nee!") is dichotomised the same way.

Neighbourhood social cohesion (Veiligheidsmonitor / municipal monitors)
    Five statements on a five-point agree scale, reported as a score from 0 to 10.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# --- answers -----------------------------------------------------------------------------

YES_STRONG = "yes_strong"  # "ja!"
YES = "yes"
MORE_OR_LESS = "more_or_less"
NO = "no"
NO_STRONG = "no_strong"  # "nee!"

THREE_POINT = (YES, MORE_OR_LESS, NO)
FIVE_POINT = (YES_STRONG, YES, MORE_OR_LESS, NO, NO_STRONG)
ANSWER_LABELS_NL = {
    YES_STRONG: "ja!",
    YES: "ja",
    MORE_OR_LESS: "min of meer",
    NO: "nee",
    NO_STRONG: "nee!",
}

EMOTIONAL = "emotional"
SOCIAL = "social"


@dataclass(frozen=True)
class LonelinessItem:
    number: int  # the item's number in the 11-item scale
    text: str
    subscale: str  # EMOTIONAL items are worded negatively, SOCIAL items positively


#: The published Dutch wording, in the order of the 11-item scale.
LONELINESS_ITEMS: tuple[LonelinessItem, ...] = (
    LonelinessItem(
        1,
        "Er is altijd wel iemand in mijn omgeving bij wie ik met mijn dagelijkse "
        "probleempjes terecht kan.",
        SOCIAL,
    ),
    LonelinessItem(2, "Ik mis een echt goede vriend of vriendin.", EMOTIONAL),
    LonelinessItem(3, "Ik ervaar een leegte om me heen.", EMOTIONAL),
    LonelinessItem(
        4, "Er zijn genoeg mensen op wie ik in geval van narigheid kan terugvallen.", SOCIAL
    ),
    LonelinessItem(5, "Ik mis gezelligheid om me heen.", EMOTIONAL),
    LonelinessItem(6, "Ik vind mijn kring van kennissen te beperkt.", EMOTIONAL),
    LonelinessItem(7, "Ik heb veel mensen op wie ik volledig kan vertrouwen.", SOCIAL),
    LonelinessItem(8, "Er zijn voldoende mensen met wie ik me nauw verbonden voel.", SOCIAL),
    LonelinessItem(9, "Ik mis mensen om me heen.", EMOTIONAL),
    LonelinessItem(10, "Vaak voel ik me in de steek gelaten.", EMOTIONAL),
    LonelinessItem(
        11, "Wanneer ik daar behoefte aan heb, kan ik altijd bij mijn vrienden terecht.", SOCIAL
    ),
)
#: The 6-item version uses items 3, 4, 7, 8, 9 and 10 of the 11-item scale.
SHORT_FORM_NUMBERS = (3, 4, 7, 8, 9, 10)

FORM_11 = "djg11"
FORM_6 = "djg6"


def loneliness_items(form: str) -> tuple[LonelinessItem, ...]:
    if form == FORM_11:
        return LONELINESS_ITEMS
    if form == FORM_6:
        return tuple(item for item in LONELINESS_ITEMS if item.number in SHORT_FORM_NUMBERS)
    raise ValueError(f"Unknown loneliness form {form!r}.")


def dichotomise(item: LonelinessItem, answer: str | None) -> int | None:
    """1 when the answer points at loneliness, 0 when not, None when missing."""
    if answer in (None, ""):
        return None
    if item.subscale == EMOTIONAL:
        lonely = {YES_STRONG, YES, MORE_OR_LESS}
        not_lonely = {NO, NO_STRONG}
    else:
        lonely = {MORE_OR_LESS, NO, NO_STRONG}
        not_lonely = {YES_STRONG, YES}
    if answer in lonely:
        return 1
    if answer in not_lonely:
        return 0
    raise ValueError(f"Unknown answer {answer!r}.")


NOT_LONELY = "not_lonely"
MODERATE = "moderate"
SEVERE = "severe"
VERY_SEVERE = "very_severe"


def loneliness_level(form: str, total: int) -> str:
    """The authors' cut-offs.

    11 items (Van Tilburg & De Jong Gierveld 1999): 0-2 not lonely, 3-8 moderately lonely,
    9-10 severely lonely, 11 very severely lonely.
    6 items (De Jong Gierveld & Van Tilburg 2006): 0-1 not lonely, 2-4 moderately lonely,
    5-6 severely lonely.
    """
    if form == FORM_11:
        if total <= 2:
            return NOT_LONELY
        if total <= 8:
            return MODERATE
        if total <= 10:
            return SEVERE
        return VERY_SEVERE
    if total <= 1:
        return NOT_LONELY
    if total <= 4:
        return MODERATE
    return SEVERE


@dataclass(frozen=True)
class LonelinessScore:
    total: int | None  # None: too many answers missing
    emotional: int | None
    social: int | None
    level: str | None

    @property
    def lonely(self) -> bool | None:
        """Moderately lonely or worse."""
        return None if self.level is None else self.level != NOT_LONELY

    @property
    def severely_lonely(self) -> bool | None:
        return None if self.level is None else self.level in (SEVERE, VERY_SEVERE)


#: A total score is computed when at most this many items are missing; a subscale score
#: only when none of its items is missing. This is the rule of the manual's syntax for the
#: 6-item scale; it is applied to the 11-item scale too (see docs/scan.md).
MAX_MISSING_TOTAL = 1


def score_loneliness(form: str, answers: Mapping[int, str | None]) -> LonelinessScore:
    """Score one set of answers, keyed by the item's number in the 11-item scale.

    A missing item adds nothing to the count of lonely answers (as the manual's SPSS
    `count` does) but too many missing items leave the score undefined.
    """
    items = loneliness_items(form)
    scored = {item.number: dichotomise(item, answers.get(item.number)) for item in items}
    missing = sum(1 for value in scored.values() if value is None)
    total = None
    if missing <= MAX_MISSING_TOTAL:
        total = sum(value for value in scored.values() if value is not None)

    def subscale(name: str) -> int | None:
        values = [scored[item.number] for item in items if item.subscale == name]
        if any(value is None for value in values):
            return None
        return sum(v for v in values if v is not None)

    return LonelinessScore(
        total=total,
        emotional=subscale(EMOTIONAL),
        social=subscale(SOCIAL),
        level=None if total is None else loneliness_level(form, total),
    )


# --- neighbourhood social cohesion -------------------------------------------------------

AGREE_STRONG = "agree_strong"
AGREE = "agree"
NEUTRAL = "neutral"
DISAGREE = "disagree"
DISAGREE_STRONG = "disagree_strong"
AGREE_SCALE = (AGREE_STRONG, AGREE, NEUTRAL, DISAGREE, DISAGREE_STRONG)
AGREE_LABELS_NL = {
    AGREE_STRONG: "helemaal mee eens",
    AGREE: "mee eens",
    NEUTRAL: "niet mee eens, niet mee oneens",
    DISAGREE: "mee oneens",
    DISAGREE_STRONG: "helemaal mee oneens",
}
_AGREE_POINTS = {AGREE_STRONG: 4, AGREE: 3, NEUTRAL: 2, DISAGREE: 1, DISAGREE_STRONG: 0}


@dataclass(frozen=True)
class CohesionItem:
    number: int
    text: str
    reversed: bool  # agreeing means less cohesion


COHESION_ITEMS: tuple[CohesionItem, ...] = (
    CohesionItem(1, "De mensen kennen elkaar in deze buurt nauwelijks.", True),
    CohesionItem(2, "De mensen gaan in deze buurt op een prettige manier met elkaar om.", False),
    CohesionItem(3, "Ik woon in een gezellige buurt waar veel saamhorigheid is.", False),
    CohesionItem(4, "Ik voel mij thuis bij de mensen die in deze buurt wonen.", False),
    CohesionItem(5, "Ik woon in een buurt waar mensen elkaar helpen en dingen samen doen.", False),
)


def score_cohesion(answers: Mapping[int, str | None]) -> float | None:
    """0 (no cohesion) to 10 (strong cohesion); None unless all five are answered.

    Each statement scores 0-4 (helemaal mee oneens = 0 … helemaal mee eens = 4; reversed
    for statement 1); the sum (0-20) is divided by 2.
    """
    points = []
    for item in COHESION_ITEMS:
        answer = answers.get(item.number)
        if answer in (None, ""):
            return None
        if answer not in _AGREE_POINTS:
            raise ValueError(f"Unknown answer {answer!r}.")
        value = _AGREE_POINTS[answer]
        points.append(4 - value if item.reversed else value)
    return sum(points) / 2
