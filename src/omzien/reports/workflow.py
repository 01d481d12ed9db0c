"""The one table of allowed status changes of a report.

`report_transition` (services.py) refuses every change that is not an edge here. Each edge
says why it exists, whether a text is required (handling and reopening must be explained
to the reporter) and who may take it: staff, or the reporter through the tracking link.
"""

from __future__ import annotations

from dataclasses import dataclass

from omzien.reports.models import ReportStatus as S

STAFF = "staff"
REPORTER = "reporter"


@dataclass(frozen=True)
class Edge:
    reason: str
    text_required: bool = False
    by: str = STAFF


TRANSITIONS: dict[tuple[str, str], Edge] = {
    (S.RECEIVED, S.IN_PROGRESS): Edge("someone started working on it"),
    (S.RECEIVED, S.WAITING): Edge("waiting for information or another party"),
    (S.RECEIVED, S.PLANNED): Edge("the work is planned for a date"),
    (S.RECEIVED, S.HANDLED): Edge("solved at once", text_required=True),
    (S.RECEIVED, S.CANCELLED): Edge("not a report for us, or a duplicate", text_required=True),
    (S.IN_PROGRESS, S.WAITING): Edge("waiting for information or another party"),
    (S.IN_PROGRESS, S.PLANNED): Edge("the work is planned for a date"),
    (S.IN_PROGRESS, S.HANDLED): Edge("the work is done", text_required=True),
    (S.IN_PROGRESS, S.CANCELLED): Edge("it cannot or need not be done", text_required=True),
    (S.WAITING, S.IN_PROGRESS): Edge("the awaited answer came"),
    (S.WAITING, S.PLANNED): Edge("the awaited answer came and the work is planned"),
    (S.WAITING, S.HANDLED): Edge("the other party solved it", text_required=True),
    (S.WAITING, S.CANCELLED): Edge("no answer came; it cannot be done", text_required=True),
    (S.PLANNED, S.IN_PROGRESS): Edge("the planned work started"),
    (S.PLANNED, S.HANDLED): Edge("the planned work is done", text_required=True),
    (S.PLANNED, S.CANCELLED): Edge("the plan was dropped", text_required=True),
    (S.HANDLED, S.REOPEN_REQUESTED): Edge(
        "the reporter is not satisfied", text_required=True, by=REPORTER
    ),
    (S.HANDLED, S.REOPENED): Edge("staff found the problem is back", text_required=True),
    (S.REOPEN_REQUESTED, S.REOPENED): Edge(
        "the reporter was right: we work on it again", text_required=True
    ),
    (S.REOPEN_REQUESTED, S.HANDLED): Edge("we explained why it stays handled", text_required=True),
    (S.REOPENED, S.IN_PROGRESS): Edge("someone started working on it again"),
    (S.REOPENED, S.WAITING): Edge("waiting for information or another party"),
    (S.REOPENED, S.PLANNED): Edge("the work is planned for a date"),
    (S.REOPENED, S.HANDLED): Edge("the work is done now", text_required=True),
    (S.REOPENED, S.CANCELLED): Edge("it cannot or need not be done", text_required=True),
}

#: Reports in these states need no more work.
FINAL_STATES = frozenset({S.HANDLED, S.CANCELLED})


def edge(from_status: str, to_status: str) -> Edge | None:
    return TRANSITIONS.get((from_status, to_status))


def next_states(from_status: str, *, by: str = STAFF) -> list[str]:
    """The states staff (or the reporter) may move a report to from `from_status`."""
    return [to for (frm, to), e in TRANSITIONS.items() if frm == from_status and e.by == by]
