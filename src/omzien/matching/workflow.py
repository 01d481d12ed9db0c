"""The one table of allowed steps of a match.

`match_transition` (services.py) refuses every step that is not an edge here. Each edge says
why it exists, whether a text is required, and who may take it: staff of the area (a
professional or coordinator), one of the two sides, or either.

Saying yes is done by each side separately: the first yes moves an introduced match to
"one side said yes", the other side's yes to "both said yes". Only then do the two see each
other's contact details. A decline at any stage up to that point is remembered, so the pair
is never proposed again.
"""

from __future__ import annotations

from dataclasses import dataclass

from omzien.matching.models import MatchState as S

STAFF = "staff"
PARTY = "party"
ANY = "any"


@dataclass(frozen=True)
class Edge:
    reason: str
    by: str = ANY
    text_required: bool = False


TRANSITIONS: dict[tuple[str, str], Edge] = {
    (S.PROPOSED, S.INTRODUCED): Edge("a professional introduces the two to each other", STAFF),
    (S.PROPOSED, S.DECLINED): Edge("the suggestion does not fit"),
    (S.INTRODUCED, S.ONE_ACCEPTED): Edge("one side says yes", PARTY),
    (S.INTRODUCED, S.DECLINED): Edge("one side says no, thank you"),
    (S.ONE_ACCEPTED, S.ACCEPTED): Edge("the other side says yes too", PARTY),
    (S.ONE_ACCEPTED, S.DECLINED): Edge("the other side says no, thank you"),
    (S.ACCEPTED, S.MET): Edge("they met"),
    (S.ACCEPTED, S.ENDED): Edge("they did not meet after all", text_required=True),
    (S.MET, S.EVALUATED): Edge("asked: did a match come about?"),
    (S.EVALUATED, S.ENDED): Edge("the match is finished"),
}

#: States from which a decline is remembered as a declined pair.
DECLINABLE = frozenset(frm for (frm, to) in TRANSITIONS if to == S.DECLINED)
FINAL_STATES = frozenset({S.ENDED, S.DECLINED})


def edge(from_state: str, to_state: str) -> Edge | None:
    return TRANSITIONS.get((from_state, to_state))


def next_states(from_state: str) -> list[str]:
    return [to for (frm, to) in TRANSITIONS if frm == from_state]
