"""Indicators per neighbourhood and period, from the platform's own data.

Group figures only. Any figure that counts fewer than OMZIEN_MIN_GROUP_SIZE people is
suppressed (value None, shown as "–"). Definitions, sources and references:
docs/insights.md.
"""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import Min, OuterRef, Subquery
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from omzien.core import permissions
from omzien.core.audit import audit_record
from omzien.insights import graph as engine
from omzien.insights.ties import GroupBy, TieGraph, _bounds, tie_graph
from omzien.matching.selectors import _share
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.models import Consent, ConsentCategory, ConsentPurpose, Person


def _minimum() -> int:
    return int(settings.OMZIEN_MIN_GROUP_SIZE)


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    value: float | int | None  # None: suppressed or nothing to show
    display: str  # the value as shown ("42%", "–")
    suppressed: bool  # hidden because it counts fewer than the minimum
    n: int | None  # the number of people (or reports) it is about; None when suppressed
    reading: str  # one short sentence in plain Dutch
    unit: str = ""  # "percent", "count", "index", "hours"
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "value": self.value,
            "display": self.display,
            "suppressed": self.suppressed,
            "n": self.n,
            "reading": self.reading,
            "unit": self.unit,
            **({"extra": self.extra} if self.extra else {}),
        }


DASH = "–"


def _hidden(key: str, label: str, unit: str, n: int | None = None) -> Indicator:
    return Indicator(
        key=key,
        label=label,
        value=None,
        display=DASH,
        suppressed=True,
        n=n,
        reading=_("fewer than 5"),
        unit=unit,
    )


def _percent_indicator(key: str, label: str, part: int, whole: int, reading: str) -> Indicator:
    share = _share(part, whole)
    if share.percent is None:
        return _hidden(key, label, "percent", share.whole)
    return Indicator(
        key=key,
        label=label,
        value=share.percent,
        display=f"{share.percent}%",
        suppressed=False,
        n=share.whole,
        reading=reading % {"part": share.part, "whole": share.whole},
        unit="percent",
    )


def _ei_reading(value: float) -> str:
    if value < -0.05:
        return _("more within the own group")
    if value > 0.05:
        return _("more between groups")
    return _("about as much within as between groups")


def _index_indicator(key: str, label: str, value: float | None, n: int, reading: str) -> Indicator:
    if value is None or n < _minimum():
        return _hidden(key, label, "index")
    return Indicator(
        key=key,
        label=label,
        value=round(value, 2),
        display=number_format(round(value, 2), 2),
        suppressed=False,
        n=n,
        reading=reading,
        unit="index",
    )


def _count_indicator(key: str, label: str, count: int, reading: str) -> Indicator:
    if count < _minimum():
        return _hidden(key, label, "count")
    return Indicator(
        key=key,
        label=label,
        value=count,
        display=str(count),
        suppressed=False,
        n=count,
        reading=reading,
        unit="count",
    )


# --- the network part ----------------------------------------------------------------------


@dataclass(frozen=True)
class NetworkFigures:
    district: TieGraph  # groups = neighbourhoods of the district
    mask: np.ndarray  # nodes living in the neighbourhood
    local: engine.Graph  # the neighbourhood's own ties, groups = extra support (1) or not (0)


def _network(
    neighbourhood: Neighbourhood, start: datetime.date, end: datetime.date
) -> NetworkFigures:
    areas = Neighbourhood.objects.filter(district_id=neighbourhood.district_id)
    district = tie_graph(neighbourhoods=areas, start=start, end=end, group_by=GroupBy.NEIGHBOURHOOD)
    mask = district.neighbourhood_ids == neighbourhood.pk
    local = engine.subgraph(
        district.graph, mask, groups=district.extra_support[mask].astype(np.int64)
    )
    return NetworkFigures(district=district, mask=mask, local=local)


def _network_indicators(net: NetworkFigures, neighbourhood: Neighbourhood) -> list[Indicator]:
    minimum = _minimum()
    district_graph = net.district.graph
    degree = engine.degrees(district_graph)
    tied_here = int((degree[net.mask] > 0).sum())
    group = int(district_graph.groups[net.mask][0]) if net.mask.any() else -1
    ei = engine.ei_index(district_graph)
    ei_here = ei.per_group.get(group) if group >= 0 else None
    result = [
        _index_indicator(
            "ei_neighbourhoods",
            _("Bonding and bridging between neighbourhoods"),
            ei_here,
            tied_here,
            _ei_reading(ei_here) if ei_here is not None else "",
        )
    ]
    tied_district = int((degree > 0).sum())
    r = engine.assortativity(district_graph)
    result.append(
        _index_indicator(
            "assortativity_neighbourhoods",
            _("Mixing between the neighbourhoods of the district"),
            r,
            tied_district if tied_here >= minimum else 0,
            _("1: only within the own neighbourhood; 0: as by chance.")
            + " "
            + (_ei_reading(-r) if r is not None else ""),
        )
    )

    local = net.local
    local_degree = engine.degrees(local)
    tied = local_degree > 0
    support_tied = int((tied & (local.groups == 1)).sum())
    rest_tied = int((tied & (local.groups == 0)).sum())
    smallest = min(support_tied, rest_tied)
    ei_support = engine.ei_index(local) if local.group_count > 1 else None
    value = ei_support.overall if ei_support is not None else None
    result.append(
        _index_indicator(
            "ei_support",
            _("Bonding and bridging: people with extra support and the others"),
            value,
            smallest,
            _ei_reading(value) if value is not None else "",
        )
    )
    r_support = engine.assortativity(local) if local.group_count > 1 else None
    result.append(
        _index_indicator(
            "assortativity_support",
            _("Mixing: people with extra support and the others"),
            r_support,
            smallest,
            _("1: only within the own group; 0: as by chance.")
            + " "
            + (_ei_reading(-r_support) if r_support is not None else ""),
        )
    )

    found = engine.communities(local)
    people_tied = int(tied.sum())
    if people_tied < minimum or found.modularity is None:
        result.append(_hidden("communities", _("Communities"), "count"))
    else:
        shown = [size for size in found.sizes if size >= minimum]
        result.append(
            Indicator(
                key="communities",
                label=_("Communities"),
                value=found.count,
                display=str(found.count),
                suppressed=False,
                n=people_tied,
                reading=_(
                    "Groups of people with many ties among each other. Modularity %(q)s "
                    "(0: no groups; higher: clearer groups)."
                )
                % {"q": number_format(round(found.modularity, 2), 2)},
                unit="count",
                extra={
                    "modularity": round(found.modularity, 3),
                    "sizes": shown,
                    "smaller_groups": found.count - len(shown),
                },
            )
        )

    here_degree = degree[net.mask]
    result.append(
        _count_indicator(
            "no_ties",
            _("Residents without a tie"),
            int((here_degree == 0).sum()),
            _("Registered residents without a tie to another resident on the platform."),
        )
    )
    result.append(
        _count_indicator(
            "one_tie",
            _("Residents with one tie"),
            int((here_degree == 1).sum()),
            _("Registered residents with a tie to just one other resident."),
        )
    )
    return result


# --- participation, reach, reciprocity ------------------------------------------------------


def _participation(net: NetworkFigures) -> list[Indicator]:
    active = net.district.active[net.mask]
    support = net.district.extra_support[net.mask]
    return [
        _percent_indicator(
            "participation",
            _("Participation"),
            int(active.sum()),
            int(active.size),
            _("%(part)s of %(whole)s registered residents took part in something."),
        ),
        _percent_indicator(
            "reach_support",
            _("Reach of people with extra support"),
            int((active & support).sum()),
            int(support.sum()),
            _("%(part)s of %(whole)s people with extra support took part in something."),
        ),
    ]


def _reciprocity(
    neighbourhood: Neighbourhood, start: datetime.date, end: datetime.date
) -> Indicator:
    """Matching's reciprocity figure ("gives and also receives"), over this period."""
    from omzien.matching.models import Direction, ReciprocityEntry
    from omzien.welcome.models import Contribution

    low, high = _bounds(start, end)
    people = Person.objects.active().filter(neighbourhood=neighbourhood)
    entries = ReciprocityEntry.objects.filter(person__in=people, on__gte=start, on__lte=end)
    gave = set(entries.filter(direction=Direction.GAVE).values_list("person_id", flat=True))
    gave |= set(
        Contribution.objects.filter(
            person__in=people, created_at__gte=low, created_at__lt=high
        ).values_list("person_id", flat=True)
    )
    received = set(entries.filter(direction=Direction.RECEIVED).values_list("person_id", flat=True))
    return _percent_indicator(
        "reciprocity",
        _("Giving and receiving"),
        len(gave & received),
        len(gave | received),
        _("%(part)s of %(whole)s residents who gave or received help did both."),
    )


# --- report point and social map ------------------------------------------------------------


def _reports(
    neighbourhood: Neighbourhood, start: datetime.date, end: datetime.date
) -> list[Indicator]:
    from omzien.reports.models import Report, ReportEvent

    low, high = _bounds(start, end)
    first_step = (
        ReportEvent.objects.filter(report=OuterRef("pk"), by__isnull=False)
        .order_by()
        .values("report")
        .annotate(first=Min("at"))
        .values("first")[:1]
    )
    rows = list(
        Report.objects.filter(neighbourhood=neighbourhood, created_at__gte=low, created_at__lt=high)
        .annotate(first_step=Subquery(first_step))
        .values_list("created_at", "first_step", "deadline_at")
    )
    minimum = _minimum()
    answered = [(c, f, d) for c, f, d in rows if f is not None]
    label_time = _("Report point: time to first step")
    if len(answered) < minimum:
        time = _hidden("report_hours", label_time, "hours")
    else:
        hours = statistics.median((f - c).total_seconds() / 3600 for c, f, _d in answered)
        time = Indicator(
            key="report_hours",
            label=label_time,
            value=round(hours, 1),
            display=_("%(hours)s hours") % {"hours": number_format(round(hours, 1), 1)},
            suppressed=False,
            n=len(answered),
            reading=_("Median time from a report to the first step by staff."),
            unit="hours",
        )
    with_deadline = [(c, f, d) for c, f, d in rows if d is not None]
    label_deadline = _("Report point: first step in time")
    if len(with_deadline) < minimum:
        in_time = _hidden("report_in_time", label_deadline, "percent")
    else:
        on_time = sum(1 for _c, f, d in with_deadline if f is not None and f <= d)
        percent = round(100 * on_time / len(with_deadline))
        in_time = Indicator(
            key="report_in_time",
            label=label_deadline,
            value=percent,
            display=f"{percent}%",
            suppressed=False,
            n=len(with_deadline),
            reading=_("%(part)s of %(whole)s reports got a first step before the deadline.")
            % {"part": on_time, "whole": len(with_deadline)},
            unit="percent",
        )
    return [time, in_time]


def _social_map(neighbourhood: Neighbourhood) -> Indicator:
    """Today's social map (the directory keeps no history)."""
    from omzien.directory.selectors import asset_map

    expectations = asset_map(neighbourhood).expectations
    present = sum(1 for e in expectations if e.count > 0)
    total = len(expectations)
    percent = round(100 * present / total) if total else None
    return Indicator(
        key="social_map",
        label=_("Social map coverage"),
        value=percent,
        display=f"{percent}%" if percent is not None else DASH,
        suppressed=False,
        n=None,
        reading=_("%(part)s of %(whole)s kinds of places a neighbourhood needs are on the map.")
        % {"part": present, "whole": total},
        unit="percent",
    )


# --- public selectors ------------------------------------------------------------------------


def indicators_for_period(
    neighbourhood: Neighbourhood,
    start: datetime.date,
    end: datetime.date,
    *,
    with_social_map: bool = True,
) -> list[Indicator]:
    """All indicators without a permission check: for callers that already checked."""
    net = _network(neighbourhood, start, end)
    result = [
        *_participation(net),
        _reciprocity(neighbourhood, start, end),
        *_network_indicators(net, neighbourhood),
        *_reports(neighbourhood, start, end),
    ]
    if with_social_map:
        result.append(_social_map(neighbourhood))
    return result


def neighbourhood_indicators(
    *, viewer: Any, neighbourhood: Neighbourhood, start: datetime.date, end: datetime.date
) -> list[Indicator]:
    """The indicators for the staff and analysts of the neighbourhood; others are refused."""
    permissions.require(viewer, "insights.view", neighbourhood)
    return indicators_for_period(neighbourhood, start, end)


def quarter_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = datetime.date(day.year, first_month, 1)
    next_start = (
        datetime.date(day.year + 1, 1, 1)
        if first_month == 10
        else datetime.date(day.year, first_month + 3, 1)
    )
    return start, next_start - datetime.timedelta(days=1)


def last_quarters(end: datetime.date, count: int = 4) -> list[tuple[datetime.date, datetime.date]]:
    """The quarter that holds `end` and the ones before it, oldest first."""
    quarters = []
    day = end
    for _i in range(count):
        start, stop = quarter_of(day)
        quarters.append((start, stop))
        day = start - datetime.timedelta(days=1)
    return quarters[::-1]


def quarter_label(start: datetime.date) -> str:
    return _("Q%(quarter)s %(year)s") % {"quarter": (start.month - 1) // 3 + 1, "year": start.year}


@dataclass(frozen=True)
class Trend:
    labels: list[str]
    values: dict[str, list[float | int | None]]  # indicator key -> one value per quarter


def neighbourhood_trend(
    *, viewer: Any, neighbourhood: Neighbourhood, end: datetime.date, quarters: int = 4
) -> Trend:
    """Each indicator over the last quarters (suppressed quarters are None: a gap)."""
    permissions.require(viewer, "insights.view", neighbourhood)
    labels: list[str] = []
    values: dict[str, list[float | int | None]] = {}
    for start, stop in last_quarters(end, quarters):
        labels.append(quarter_label(start))
        for indicator in indicators_for_period(neighbourhood, start, stop, with_social_map=False):
            values.setdefault(indicator.key, []).append(indicator.value)
    return Trend(labels=labels, values=values)


# --- "wie verbindt" ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Connector:
    first_name: str
    neighbourhood: str
    groups_reached: int  # other neighbourhoods or groups their ties reach


def connectors(
    *,
    viewer: Any,
    neighbourhood: Neighbourhood,
    start: datetime.date,
    end: datetime.date,
    limit: int = 25,
) -> list[Connector]:
    """People of the neighbourhood whose ties reach other groups, most connecting first
    (lowest Burt constraint). Only for the area's coordinators, only people who agreed to
    their attendance being used for organising activities, and every view is logged."""
    permissions.require(viewer, "insights.view_connectors", neighbourhood)
    net = _network(neighbourhood, start, end)
    district = net.district
    g = district.graph
    support_groups = np.where(district.extra_support, g.group_count, g.groups)
    # Groups here: the neighbourhoods of the district, with "extra support" as one more.
    combined = engine.Graph(n=g.n, u=g.u, v=g.v, w=g.w, groups=support_groups)
    spans = engine.spans_groups(combined) & net.mask
    if not spans.any():
        return []
    burt = engine.constraint(g)
    consenting = set(
        Consent.objects.in_force()
        .filter(
            category=ConsentCategory.ATTENDANCE,
            purpose=ConsentPurpose.ACTIVITIES,
            person_id__in=district.person_ids[spans].tolist(),
        )
        .values_list("person_id", flat=True)
    )
    allowed = spans & np.isin(district.person_ids, np.fromiter(consenting, np.int64))
    nodes = np.flatnonzero(allowed)
    order = nodes[np.argsort(burt[nodes], kind="stable")][:limit]
    cross = combined.groups[combined.u] != combined.groups[combined.v]
    ends = np.concatenate([combined.u[cross], combined.v[cross]])
    others = np.concatenate(
        [combined.groups[combined.v[cross]], combined.groups[combined.u[cross]]]
    )
    people = Person.objects.in_bulk(district.person_ids[order].tolist())
    result = []
    for node in order.tolist():
        person = people[int(district.person_ids[node])]
        reached = int(np.unique(others[ends == node]).size)
        audit_record(
            actor=viewer,
            subject=person,
            category=ConsentCategory.ATTENDANCE,
            purpose=ConsentPurpose.ACTIVITIES,
            detail="insights: wie verbindt",
        )
        result.append(Connector(person.first_name, neighbourhood.name, reached))
    return result
