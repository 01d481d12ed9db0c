"""Reads of the social map: who may see which entry, search, and the asset map."""

from __future__ import annotations

import math
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
)
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.accounts.selectors import neighbourhoods_for_roles
from omzien.core import permissions
from omzien.directory import hours, taxonomy
from omzien.directory.models import (
    KIND_ASSET_CATEGORY,
    AssetCategory,
    Attribute,
    ChangeRecord,
    Kind,
    LinkEntity,
    PostcodeArea,
    Publication,
    Schedule,
    ScheduleKind,
    SearchWord,
    Service,
    ServiceStatus,
    Suggestion,
    SuggestionStatus,
    TaxonomyTerm,
    listed,
    stable_uuid,
    valid_point,
    weekday_bit,
)
from omzien.directory.rules import DRAFT_ROLES, EDITOR_ROLES
from omzien.directory.text import closest, stem, words
from omzien.neighbourhoods.models import Neighbourhood

# --- Visibility ----------------------------------------------------------------------------


def services_visible_to(user: Any, *, include_drafts: bool = False) -> QuerySet[Service]:
    """Published entries for everyone; with `include_drafts`, staff also see the drafts of
    their own areas."""
    published = Service.objects.published()
    if not include_drafts or not permissions.can(user, "directory.view_drafts", None):
        return published
    areas = neighbourhoods_for_roles(user, DRAFT_ROLES)
    return Service.objects.filter(
        Q(publication=Publication.PUBLISHED)
        | Q(publication=Publication.DRAFT, neighbourhood__in=areas)
        | Q(
            publication=Publication.DRAFT,
            neighbourhood__isnull=True,
            municipality__in=areas.values("district__municipality"),
        )
    )


def can_view_service(user: Any, service: Service) -> bool:
    if service.publication == Publication.PUBLISHED:
        return True
    return permissions.can(user, "directory.view_drafts", service)


def service_detail(pk: uuid.UUID) -> Service | None:
    return (
        Service.objects.select_related("organization", "neighbourhood__district__municipality")
        .prefetch_related(
            "service_at_locations__location__addresses",
            "service_at_locations__contacts__phones",
            "service_at_locations__phones",
            "contacts__phones",
            "phones",
            "languages",
            "cost_options",
            "all_schedules",
        )
        .filter(pk=pk)
        .first()
    )


def terms_of(service: Service) -> list[TaxonomyTerm]:
    ids = Attribute.objects.filter(link_entity=LinkEntity.SERVICE, link_id=service.id).values(
        "taxonomy_term_id"
    )
    return list(TaxonomyTerm.objects.filter(id__in=ids).select_related("taxonomy"))


def terms_by_service(services: Sequence[Service]) -> dict[uuid.UUID, list[TaxonomyTerm]]:
    """The terms of a page of entries in one query (for badges in the result list)."""
    result: dict[uuid.UUID, list[TaxonomyTerm]] = {s.id: [] for s in services}
    # Pairs of ids, then each term (with its taxonomy) once: a page of 20 entries has a
    # hundred or more attributes but only a few dozen different terms.
    pairs = list(
        Attribute.objects.filter(
            link_entity=LinkEntity.SERVICE, link_id__in=list(result)
        ).values_list("link_id", "taxonomy_term_id")
    )
    terms = TaxonomyTerm.objects.select_related("taxonomy").in_bulk({t for _s, t in pairs})
    for link_id, term_id in pairs:
        result[link_id].append(terms[term_id])
    return result


def needs_verification(service: Service, today: Any = None) -> bool:
    """True when nobody checked the entry in the last 12 months (a setting)."""
    today = today or timezone.localdate()
    if service.assured_date is None:
        return True
    return (today - service.assured_date).days > settings.OMZIEN_VERIFY_AFTER_DAYS


def change_history(service: Service, limit: int = 100) -> QuerySet[ChangeRecord]:
    return ChangeRecord.objects.filter(resource_type="service", resource_id=service.id)[:limit]


def schedules_of(service: Service) -> list[Schedule]:
    return list(Schedule.objects.filter(for_service=service))


def opening_status(service: Service, now: datetime | None = None) -> hours.OpeningStatus | None:
    return hours.opening_status(schedules_of(service), now)


# --- Facets --------------------------------------------------------------------------------


def facet_terms(slug: str) -> list[TaxonomyTerm]:
    return list(
        TaxonomyTerm.objects.filter(taxonomy__slug=slug)
        .select_related("parent")
        .order_by("parent__order", "order", "name")
    )


def inclusion_term_id(code: str) -> uuid.UUID:
    return stable_uuid("term", taxonomy.INCLUSION, code)


def _with_children(ids: Sequence[uuid.UUID]) -> list[uuid.UUID]:
    children = TaxonomyTerm.objects.filter(parent_id__in=ids).values_list("id", flat=True)
    return [*ids, *children]


def _having_any(term_ids: Sequence[uuid.UUID]) -> QuerySet[Attribute, Any]:
    return Attribute.objects.filter(
        link_entity=LinkEntity.SERVICE, taxonomy_term_id__in=term_ids
    ).values("link_id")


# --- Search --------------------------------------------------------------------------------


@dataclass
class SearchParams:
    q: str = ""
    kinds: list[str] = field(default_factory=list)
    themes: list[uuid.UUID] = field(default_factory=list)
    target_groups: list[uuid.UUID] = field(default_factory=list)
    inclusion: list[str] = field(default_factory=list)
    open_now: bool = False
    free: bool = False
    neighbourhood: Neighbourhood | None = None
    municipality_id: int | None = None
    postcode: str = ""
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float | None = None
    order: str = "relevance"  # relevance | distance | name
    include_drafts: bool = False
    now: datetime | None = None


@dataclass
class SearchOutcome:
    services: QuerySet[Service]
    query_used: str = ""
    corrected: bool = False
    centre: tuple[float, float] | None = None
    postcode_unknown: bool = False
    # Ordered by relevance or distance: a page needs every match sorted. (In name order
    # PostgreSQL walks an index and stops after the page.)
    sorted_in_full: bool = False


KM_PER_DEGREE_LAT = 110.574
KM_PER_DEGREE_LON_EQUATOR = 111.320


def postcode_point(postcode: str) -> tuple[float, float] | None:
    """The centre of a postcode's four-digit area: from the postcode table, or else the
    average of the social map's own addresses in that area."""
    digits = "".join(ch for ch in postcode if ch.isdigit())[:4]
    if len(digits) != 4:
        return None
    area = PostcodeArea.objects.filter(postcode=digits).first()
    if area:
        return area.latitude, area.longitude
    from omzien.directory.models import Location

    points: list[tuple[float, float]] = [
        (lat, lon)  # type: ignore[misc]
        for lat, lon in Location.objects.filter(
            addresses__postal_code__startswith=digits
        ).values_list("latitude", "longitude")[:500]
        if valid_point(lat, lon)
    ]
    if not points:
        return None
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def _distance_km_expression(lat: float, lon: float) -> ExpressionWrapper:
    """Equirectangular distance: accurate to well under 1% at neighbourhood scale, and plain
    arithmetic, so it runs the same on SQLite and PostgreSQL."""
    kx = KM_PER_DEGREE_LON_EQUATOR * math.cos(math.radians(lat))
    ky = KM_PER_DEGREE_LAT
    dx = (F("longitude") - Value(lon)) * Value(kx)
    dy = (F("latitude") - Value(lat)) * Value(ky)
    return ExpressionWrapper(dx * dx + dy * dy, output_field=FloatField())


def _text_filter(qs: QuerySet[Service], query_words: list[str]) -> QuerySet[Service]:
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{w}:*" for w in query_words)
        query = SearchQuery(tsquery, search_type="raw", config="dutch")
        # The stored, GIN-indexed vector: the name weighs most (A), the rest least (D).
        return qs.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))
    for word in query_words:
        qs = qs.filter(search_stems__contains=" " + stem(word))
    # Rank: the words in the name count most, then in the other name.
    score: Any = Value(0)
    for word in query_words:
        score = score + Case(
            When(name__icontains=word, then=Value(3)),
            When(alternate_name__icontains=word, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return qs.annotate(rank=ExpressionWrapper(score, output_field=FloatField()))


def _all_known(query_words: list[str]) -> bool:
    return all(SearchWord.objects.filter(word__startswith=w).exists() for w in query_words)


def _correct(query_words: list[str]) -> list[str]:
    """Replace words that are not in the lexicon by the nearest one that is."""
    corrected = []
    for word in query_words:
        if SearchWord.objects.filter(word=word).exists():
            corrected.append(word)
            continue
        firsts = {word[0], word[1]} if len(word) > 1 else {word[0]}
        candidates = SearchWord.objects.filter(
            first__in=firsts, length__gte=len(word) - 2, length__lte=len(word) + 2
        ).values_list("word", flat=True)
        corrected.append(closest(word, candidates) or word)
    return corrected


def _open_now_filter(now: datetime) -> Q:
    """Entries open at `now`: by their regular hours (weekly or monthly) or today's special
    hours, and not closed today.

    Each kind of rule is its own set of entry ids, so that PostgreSQL reads the weekly hours
    (nearly all rows) from the covering index ``directory_schedule_weekly`` alone: the
    weekday as a list of ``weekdays`` values, the time as a range of ``opens_at``.
    """
    local = timezone.localtime(now)
    today = local.date()
    moment = local.time()
    code = hours.day_code(today)
    window = (
        (Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        & (Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        & (Q(dtstart__isnull=True) | Q(dtstart__lte=today))
        & (Q(until__isnull=True) | Q(until__gte=today))
    )
    in_hours = Q(opens_at__lte=moment) & (Q(closes_at__gt=moment) | Q(closes_at__lte=F("opens_at")))
    # NOT IN must never see a NULL, so hours of a location or a service-at-location (which
    # have no entry of their own) are left out.
    entry_hours = Schedule.objects.filter(for_service__isnull=False)
    # An exception with only a first date is about that one day.
    exception_today = (
        window
        & ~Q(valid_to__isnull=True, valid_from__lt=today)
        & (Q(byday="") | listed("byday", code))
    )
    special_today = entry_hours.filter(exception_today, kind=ScheduleKind.SPECIAL)
    closed_today = entry_hours.filter(exception_today, kind=ScheduleKind.CLOSED)
    # Special hours today replace the regular ones.
    regular = entry_hours.filter(window, in_hours, kind=ScheduleKind.REGULAR).exclude(
        for_service_id__in=_compiled_ids(special_today)
    )
    # Today's weekday is in ``byday``: the generated ``weekdays`` has its bit set. Or the
    # hours are for every day: no days and no repeat.
    bit = weekday_bit(code)
    weekly = regular.filter(
        Q(weekdays__in=[value for value in range(128) if value & bit or value == 0]),
        Q(freq__in=["WEEKLY", ""]),
        Q(weekdays__gt=0, interval__isnull=True)
        | Q(weekdays__gt=0, interval__lte=1)
        | Q(freq="", byday=""),
    )
    monthly_days = listed("bymonthday", str(today.day))
    for monthly_code in sorted(hours.monthly_codes(today)):
        monthly_days |= listed("byday", monthly_code)
    monthly = regular.filter(monthly_days, freq="MONTHLY")
    special = special_today.filter(in_hours)
    # Three small sets, each hashed once and read from its own index; one set for all
    # three (a UNION) makes PostgreSQL guess far too few open entries and then sort them
    # all for a page, where walking the entries in name order stops after the page.
    return (
        Q(pk__in=_compiled_ids(weekly))
        | Q(pk__in=_compiled_ids(monthly))
        | Q(pk__in=_compiled_ids(special))
    ) & ~Q(pk__in=_compiled_ids(closed_today))


def _compiled_ids(schedules: QuerySet[Schedule]) -> RawSQL:
    """The entry ids of these hours as SQL, compiled once: a results page compiles its
    search twice (count and page), and compiling these subqueries took longer than
    PostgreSQL took to run them."""
    sql, params = schedules.order_by().values("for_service_id").query.sql_with_params()
    return RawSQL(sql, params)  # noqa: S611 (SQL compiled by the ORM, values as parameters)


@contextmanager
def search_session() -> Iterator[None]:
    """Run a results page (search, count, page, terms) inside this block.

    On PostgreSQL it turns parallel query off for the block (SET LOCAL, in a transaction):
    workers must hand every row to the leader in full, long texts fetched out of line
    included, and sorting the matches of a text search that way took several times longer
    than one process on a two-core server.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        yield


def search_services(user: Any, params: SearchParams) -> SearchOutcome:
    include_drafts = params.include_drafts and permissions.can(user, "directory.view_drafts", None)
    qs = services_visible_to(user, include_drafts=include_drafts)
    if not include_drafts:
        qs = qs.exclude(status__in=[ServiceStatus.INACTIVE, ServiceStatus.DEFUNCT])
    if params.municipality_id:
        qs = qs.filter(municipality_id=params.municipality_id)
    if params.neighbourhood is not None:
        qs = qs.filter(neighbourhood=params.neighbourhood)
    if params.kinds:
        qs = qs.filter(kind__in=params.kinds)
    if params.themes:
        qs = qs.filter(id__in=_having_any(_with_children(params.themes)))
    if params.target_groups:
        qs = qs.filter(id__in=_having_any(_with_children(params.target_groups)))
    for code in params.inclusion:
        if code == taxonomy.FREE:
            qs = qs.filter(is_free=True)
        else:
            qs = qs.filter(id__in=_having_any([inclusion_term_id(code)]))
    if params.free:
        qs = qs.filter(is_free=True)
    if params.open_now:
        qs = qs.filter(_open_now_filter(params.now or timezone.now()))

    outcome = SearchOutcome(services=qs)
    centre: tuple[float, float] | None = None
    if params.latitude is not None and params.longitude is not None:
        centre = (params.latitude, params.longitude)
    elif params.postcode:
        centre = postcode_point(params.postcode)
        outcome.postcode_unknown = centre is None
    if centre is not None:
        lat, lon = centre
        outcome.centre = centre
        qs = qs.annotate(distance_sq=_distance_km_expression(lat, lon))
        if params.radius_km:
            radius = params.radius_km
            dlat = radius / KM_PER_DEGREE_LAT
            dlon = radius / (KM_PER_DEGREE_LON_EQUATOR * max(math.cos(math.radians(lat)), 0.01))
            qs = qs.filter(
                latitude__gte=lat - dlat,
                latitude__lte=lat + dlat,
                longitude__gte=lon - dlon,
                longitude__lte=lon + dlon,
                distance_sq__lte=radius * radius,
            )

    query_words = words(params.q)
    if query_words:
        searched = _text_filter(qs, query_words)
        # A word the lexicon knows (or begins) is no typo: no need to ask for results first.
        # Otherwise count rather than ask exists(): with LIMIT 1 PostgreSQL expects an early
        # hit and scans the whole table when there is none, while a count uses the index.
        if not _all_known(query_words) and searched.count() == 0:
            corrected = _correct(query_words)
            if corrected != query_words:
                searched = _text_filter(qs, corrected)
                outcome.corrected = True
                query_words = corrected
        qs = searched
        outcome.query_used = " ".join(query_words)

    order = params.order
    if order == "distance" and centre is not None:
        qs = qs.order_by(F("distance_sq").asc(nulls_last=True), "name", "id")
        outcome.sorted_in_full = True
    elif order == "relevance" and query_words:
        qs = qs.order_by("-rank", "name", "id")
        outcome.sorted_in_full = True
    else:
        qs = qs.order_by("name", "id")
    outcome.services = _for_the_page(qs)
    return outcome


def _for_the_page(qs: QuerySet[Service]) -> QuerySet[Service]:
    """What a results page shows of an entry; the search columns are for the database."""
    return qs.select_related("neighbourhood", "organization").defer(
        "search_document", "search_stems", "search_vector"
    )


class SearchPaginator(Paginator):
    """Pages of search results. When every match has to be sorted for a page anyway (by
    relevance or distance), two queries: one narrow query for the page's entry ids and the
    number of results (a window count over the same scan), then the page's entries by id.
    A count and a page of full rows each scanned every match, and the page joined every
    match to its organisation and neighbourhood before sorting. In name order the usual
    count and page are cheaper: the page stops early."""

    # Annotations of the search that a results page shows, carried over to the entries.
    CARRIED = ("distance_sq",)

    def __init__(self, outcome: SearchOutcome, per_page: int) -> None:
        super().__init__(outcome.services, per_page)
        self.services = outcome.services
        self.one_pass = outcome.sorted_in_full
        self._fetched: dict[int, list[tuple[Any, ...]]] = {}

    def get_page(self, number: Any) -> Page:
        """As Paginator.get_page, without counting first."""
        if not self.one_pass:
            return super().get_page(number)
        try:
            return self.page(number)
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            return self.page(self.num_pages)

    def page(self, number: Any) -> Page:
        if not self.one_pass:
            return super().page(number)
        number = self._number(number)
        rows = self._fetched.pop(number, None)
        if rows is None:
            rows = self._rows(number)
        if not rows and number > 1:
            # Past the last result. The first page says how many there are (so that
            # get_page can show the last page); with few results it is the last page too.
            first = self._fetched[1] = self._rows(1)
            self.__dict__["count"] = first[0][1] if first else 0
            raise EmptyPage(_("That page contains no results"))
        self.__dict__["count"] = rows[0][1] if rows else 0
        carried = self._carried()
        by_id = _for_the_page(Service.objects.all()).in_bulk([row[0] for row in rows])
        items = []
        for pk, _count, *values in rows:
            entry = by_id[pk]
            for name, value in zip(carried, values, strict=True):
                setattr(entry, name, value)
            items.append(entry)
        return Page(items, number, self)

    def _carried(self) -> list[str]:
        return [name for name in self.CARRIED if name in self.services.query.annotations]

    def _rows(self, number: int) -> list[tuple[Any, ...]]:
        """(id, number of results, carried annotations…) of the entries on page `number`."""
        bottom = (number - 1) * self.per_page
        return list(
            self.services.annotate(result_count=Window(Count("pk"))).values_list(
                "pk", "result_count", *self._carried()
            )[bottom : bottom + self.per_page]
        )

    def _number(self, number: Any) -> int:
        try:
            value = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger(_("That page number is not an integer")) from exc
        if value < 1:
            raise EmptyPage(_("That page number is less than 1"))
        return value


def distance_km(service: Service) -> float | None:
    value = getattr(service, "distance_sq", None)
    if value is None:
        return None
    return math.sqrt(value)


# --- Suggestions ---------------------------------------------------------------------------


def review_queue(user: Any) -> QuerySet[Suggestion]:
    """Pending suggestions in the areas where the user may review."""
    if not permissions.can(user, "directory.review", None):
        return Suggestion.objects.none()
    areas = neighbourhoods_for_roles(user, EDITOR_ROLES)
    return (
        Suggestion.objects.filter(status=SuggestionStatus.PENDING, neighbourhood__in=areas)
        .select_related("service", "neighbourhood", "submitted_by")
        .order_by("created_at")
    )


def suggestions_of(user: Any) -> QuerySet[Suggestion]:
    return (
        Suggestion.objects.filter(submitted_by=user)
        .select_related("service")
        .order_by("-created_at")
    )


# --- Asset map (ABCD) -------------------------------------------------------------------


@dataclass
class Expectation:
    code: str
    label: str
    count: int


@dataclass
class AssetMap:
    neighbourhood: Neighbourhood
    counts: dict[str, int]
    gifts: list[tuple[Any, int]]
    gifts_hidden: int
    gifts_people: int | None
    expectations: list[Expectation]

    @property
    def missing(self) -> list[Expectation]:
        return [e for e in self.expectations if e.count == 0]


MEETING_KINDS = [
    Kind.FACILITY,
    Kind.ASSOCIATION,
    Kind.FAITH,
    Kind.INITIATIVE,
    Kind.PEER_GROUP,
    Kind.EXPERIENCE,
    Kind.THIRD_PLACE,
]


def _expectations() -> list[tuple[str, Any, Q]]:
    """What every 'buurt voor iedereen' should have (seed 001, §3), as entry filters."""

    def tagged(code: str) -> Q:
        return Q(id__in=_having_any([inclusion_term_id(code)]))

    meeting_theme = stable_uuid("term", taxonomy.THEME, "meeting")
    meeting = Q(kind__in=MEETING_KINDS) | Q(id__in=_having_any(_with_children([meeting_theme])))
    return [
        (
            "low_stimulus_meeting",
            _("a low-stimulus (prikkelarm) meeting place"),
            meeting & tagged(taxonomy.LOW_STIMULUS),
        ),
        ("peer_group", _("a peer-support group"), Q(kind=Kind.PEER_GROUP)),
        ("experience", _("a place run by experts by experience"), Q(kind=Kind.EXPERIENCE)),
        ("walk_in", _("a place to walk in without an appointment"), tagged(taxonomy.WALK_IN)),
        ("free_meeting", _("a free meeting place or activity"), meeting & Q(is_free=True)),
        (
            "wheelchair_meeting",
            _("a wheelchair-accessible meeting place"),
            meeting & tagged(taxonomy.WHEELCHAIR),
        ),
        (
            "no_dutch_needed",
            _("something where no Dutch is needed"),
            tagged(taxonomy.NO_DUTCH_NEEDED),
        ),
        (
            "third_place",
            _("an outdoor meeting place (bench, square, playground)"),
            Q(kind=Kind.THIRD_PLACE),
        ),
        (
            "professional",
            _("a professional you can reach in the neighbourhood"),
            Q(kind=Kind.PROFESSIONAL),
        ),
        ("initiative", _("a resident initiative"), Q(kind=Kind.INITIATIVE)),
    ]


def asset_map(neighbourhood: Neighbourhood) -> AssetMap:
    from omzien.people.models import Person, Term

    services = Service.objects.findable().filter(neighbourhood=neighbourhood)
    by_kind = Counter(
        {row["kind"]: row["n"] for row in services.values("kind").annotate(n=Count("id"))}
    )
    counts = dict.fromkeys(AssetCategory.values, 0)
    for kind, number in by_kind.items():
        counts[KIND_ASSET_CATEGORY.get(kind, AssetCategory.INSTITUTIONS)] += number

    # People's gifts: only from profiles whose owner agreed to be counted, grouped by the
    # broad vocabulary term; groups smaller than the minimum are hidden.
    minimum = settings.OMZIEN_MIN_GROUP_SIZE
    sharing = Person.objects.active().filter(neighbourhood=neighbourhood, share_gifts=True)
    talent_rows = Term.talent_of.through.objects.filter(person__in=sharing).values_list(
        "person_id", "term__parent_id", "term_id"
    )
    people_by_term: dict[int, set[int]] = {}
    for person_id, parent_id, term_id in talent_rows:
        people_by_term.setdefault(parent_id or term_id, set()).add(person_id)
    terms = Term.objects.in_bulk(list(people_by_term))
    gifts = sorted(
        ((terms[t], len(p)) for t, p in people_by_term.items() if len(p) >= minimum),
        key=lambda pair: (-pair[1], pair[0].label),
    )
    hidden = sum(1 for p in people_by_term.values() if len(p) < minimum)
    total = sharing.count()
    counts[AssetCategory.GIFTS] = sum(n for _t, n in gifts)

    expectations = [
        Expectation(code, str(label), services.filter(condition).count())
        for code, label, condition in _expectations()
    ]
    return AssetMap(
        neighbourhood=neighbourhood,
        counts=counts,
        gifts=gifts,
        gifts_hidden=hidden,
        gifts_people=total if total >= minimum else None,
        expectations=expectations,
    )


def assets_in_category(neighbourhood: Neighbourhood, category: str) -> QuerySet[Service]:
    kinds = [k for k, c in KIND_ASSET_CATEGORY.items() if c == category]
    return (
        Service.objects.findable()
        .filter(neighbourhood=neighbourhood, kind__in=kinds)
        .order_by("kind", "name")
    )


def gift_subterms(neighbourhood: Neighbourhood, parent: Any) -> list[tuple[Any, int]]:
    """Drill-down into one broad gift: its narrower terms, small groups hidden."""
    from omzien.people.models import Person, Term

    minimum = settings.OMZIEN_MIN_GROUP_SIZE
    sharing = Person.objects.active().filter(neighbourhood=neighbourhood, share_gifts=True)
    rows = Term.talent_of.through.objects.filter(
        person__in=sharing, term__in=[parent, *parent.children.all()]
    ).values_list("person_id", "term_id")
    people: dict[int, set[int]] = {}
    for person_id, term_id in rows:
        people.setdefault(term_id, set()).add(person_id)
    terms = Term.objects.in_bulk(list(people))
    return sorted(
        ((terms[t], len(p)) for t, p in people.items() if len(p) >= minimum),
        key=lambda pair: -pair[1],
    )


def taxonomies_for_filters() -> dict[str, list[TaxonomyTerm]]:
    return {
        slug: facet_terms(slug)
        for slug in (taxonomy.THEME, taxonomy.TARGET_GROUP, taxonomy.INCLUSION)
    }
