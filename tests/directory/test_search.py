"""Search: Dutch stemming, typo tolerance, filters, distance, drafts hidden."""

from __future__ import annotations

from typing import Any

import pytest
from tests.conftest import make_user
from tests.directory.conftest import build_service, term_id

from omzien.accounts.models import Role
from omzien.directory import taxonomy
from omzien.directory.models import Kind, PostcodeArea, Publication
from omzien.directory.selectors import SearchParams, search_services

pytestmark = pytest.mark.django_db


def names(params: SearchParams, user: Any = None) -> list[str]:
    return list(search_services(user, params).services.values_list("name", flat=True))


def test_stemming_wandelen_finds_wandelgroep(areas: Any) -> None:
    build_service("Wandelgroep De Stappers", areas.neighbourhood, description="Elke dinsdag.")
    build_service("Repair café", areas.neighbourhood, description="Samen repareren.")
    assert names(SearchParams(q="wandelen")) == ["Wandelgroep De Stappers"]
    assert names(SearchParams(q="wandel")) == ["Wandelgroep De Stappers"]


def test_stemming_finds_inflected_words(areas: Any) -> None:
    build_service("Buurthuis", areas.neighbourhood, description="Wij koken samen met buren.")
    assert names(SearchParams(q="koken")) == ["Buurthuis"]
    assert names(SearchParams(q="buren zwembad")) == []  # every word must match
    assert names(SearchParams(q="Buren")) == ["Buurthuis"]


def test_accents_do_not_matter(areas: Any) -> None:
    build_service("Repair café De Schroef", areas.neighbourhood)
    assert names(SearchParams(q="cafe")) == ["Repair café De Schroef"]
    assert names(SearchParams(q="Café")) == ["Repair café De Schroef"]


def test_a_typo_is_corrected_and_said(areas: Any) -> None:
    build_service("Wandelgroep De Stappers", areas.neighbourhood)
    outcome = search_services(None, SearchParams(q="wandelgreop"))
    assert [s.name for s in outcome.services] == ["Wandelgroep De Stappers"]
    assert outcome.corrected is True
    assert outcome.query_used == "wandelgroep"


def test_no_correction_when_the_word_is_far_from_everything(areas: Any) -> None:
    build_service("Wandelgroep De Stappers", areas.neighbourhood)
    outcome = search_services(None, SearchParams(q="zwembad"))
    assert list(outcome.services) == []
    assert outcome.corrected is False


def test_terms_are_searchable_by_their_labels(areas: Any) -> None:
    build_service(
        "De Ontmoeting", areas.neighbourhood, terms=[(taxonomy.INCLUSION, "low_stimulus")]
    )
    assert names(SearchParams(q="prikkelarm")) == ["De Ontmoeting"]


def test_name_matches_rank_first(areas: Any) -> None:
    build_service("Buurthuis Het Anker", areas.neighbourhood, description="Er is ook een moestuin.")
    build_service("Moestuin De Groene Vinger", areas.neighbourhood, description="Groente kweken.")
    assert names(SearchParams(q="moestuin")) == ["Moestuin De Groene Vinger", "Buurthuis Het Anker"]


def test_filters_combine(areas: Any) -> None:
    build_service(
        "Eetcafé",
        areas.neighbourhood,
        kind=Kind.INITIATIVE,
        terms=[
            (taxonomy.THEME, "eating"),
            (taxonomy.INCLUSION, "wheelchair"),
            (taxonomy.INCLUSION, "free"),
        ],
    )
    build_service(
        "Koor",
        areas.neighbourhood,
        kind=Kind.ASSOCIATION,
        terms=[(taxonomy.THEME, "music"), (taxonomy.INCLUSION, "wheelchair")],
    )
    build_service(
        "Elders", areas.elsewhere, kind=Kind.INITIATIVE, terms=[(taxonomy.THEME, "eating")]
    )
    # A broader theme finds its narrower terms.
    assert names(SearchParams(themes=[term_id(taxonomy.THEME, "meeting")])) == ["Eetcafé", "Elders"]
    assert names(SearchParams(inclusion=["wheelchair"])) == ["Eetcafé", "Koor"]
    assert names(SearchParams(inclusion=["wheelchair", "free"])) == ["Eetcafé"]
    assert names(SearchParams(kinds=[Kind.ASSOCIATION])) == ["Koor"]
    assert names(SearchParams(neighbourhood=areas.elsewhere)) == ["Elders"]
    assert names(SearchParams(free=True)) == ["Eetcafé"]


def test_cost_zero_counts_as_free(areas: Any) -> None:
    service = build_service("Gratis koffie", areas.neighbourhood)
    service.cost_options.create(amount=0)
    build_service("Maaltijd", areas.neighbourhood).cost_options.create(amount="3.50")
    from omzien.directory.services import refresh_services

    refresh_services([service.id])
    assert names(SearchParams(free=True)) == ["Gratis koffie"]


def test_distance_from_a_point_orders_and_limits(areas: Any) -> None:
    centre = (52.3600, 4.9000)
    build_service("Dichtbij", areas.neighbourhood, point=(52.3610, 4.9000))  # ~110 m
    build_service("Verder", areas.neighbourhood, point=(52.3700, 4.9000))  # ~1.1 km
    build_service("Ver weg", areas.neighbourhood, point=(52.4600, 4.9000))  # ~11 km
    build_service("Zonder plek", areas.neighbourhood)
    params = SearchParams(latitude=centre[0], longitude=centre[1], order="distance")
    assert names(params)[:3] == ["Dichtbij", "Verder", "Ver weg"]
    params.radius_km = 2
    outcome = search_services(None, params)
    rows = list(outcome.services)
    assert [s.name for s in rows] == ["Dichtbij", "Verder"]
    from omzien.directory.selectors import distance_km

    assert distance_km(rows[0]) == pytest.approx(0.11, abs=0.01)
    assert distance_km(rows[1]) == pytest.approx(1.11, abs=0.02)


def test_distance_from_a_postcode(areas: Any) -> None:
    PostcodeArea.objects.create(postcode="9901", latitude=52.36, longitude=4.90)
    build_service("Dichtbij", areas.neighbourhood, point=(52.3610, 4.9000))
    build_service("Ver weg", areas.neighbourhood, point=(52.4600, 4.9000))
    outcome = search_services(None, SearchParams(postcode="9901 AB", radius_km=2))
    assert [s.name for s in outcome.services] == ["Dichtbij"]
    assert outcome.centre == (52.36, 4.90)


def test_postcode_without_table_uses_addresses_and_unknown_is_said(areas: Any) -> None:
    build_service("Hier", areas.neighbourhood, point=(52.3610, 4.9000), postcode="9902 CD")
    build_service("Daar", areas.neighbourhood, point=(52.4610, 4.9000), postcode="9903 CD")
    assert names(SearchParams(postcode="9902", radius_km=1)) == ["Hier"]
    outcome = search_services(None, SearchParams(postcode="1234 ZZ", radius_km=1))
    assert outcome.postcode_unknown is True
    assert {s.name for s in outcome.services} == {"Hier", "Daar"}


def test_drafts_and_stopped_entries_are_not_public(areas: Any) -> None:
    build_service("Concept", areas.neighbourhood, publication=Publication.DRAFT)
    build_service("Gestopt", areas.neighbourhood, status="inactive")
    build_service("Open", areas.neighbourhood)
    assert names(SearchParams()) == ["Open"]
    assert names(SearchParams(include_drafts=True)) == ["Open"]  # anonymous: ignored
    resident = make_user(Role.RESIDENT, areas.neighbourhood)
    assert names(SearchParams(include_drafts=True), resident) == ["Open"]


def test_staff_see_drafts_of_their_own_area_only(areas: Any) -> None:
    build_service("Concept hier", areas.neighbourhood, publication=Publication.DRAFT)
    build_service("Concept elders", areas.elsewhere, publication=Publication.DRAFT)
    professional = make_user(Role.PROFESSIONAL, areas.district)
    assert names(SearchParams(include_drafts=True), professional) == ["Concept hier"]
    assert names(SearchParams(), professional) == []


# --- Pages of results ----------------------------------------------------------------------


def _pages(params: SearchParams, per_page: int, number: Any) -> Any:
    from omzien.directory.selectors import SearchPaginator

    return SearchPaginator(search_services(None, params), per_page).get_page(number)


def test_pages_by_relevance_match_the_full_ordering(areas: Any) -> None:
    for n in range(7):
        description = "koffie " * (n % 3 + 1)
        build_service(f"Plek {n}", areas.neighbourhood, description=description)
    build_service("Koffie in de kerk", areas.neighbourhood)
    build_service("Zonder", areas.neighbourhood, description="thee")
    params = SearchParams(q="koffie")
    everything = names(params)
    assert everything[0] == "Koffie in de kerk"  # the name weighs most
    seen = []
    for number in (1, 2, 3):
        page = _pages(params, 3, number)
        assert page.paginator.count == 8
        assert page.paginator.num_pages == 3
        assert page.number == number
        seen += [s.name for s in page.object_list]
    assert seen == everything


def test_a_page_past_the_end_shows_the_last_page_and_a_bad_number_the_first(areas: Any) -> None:
    for n in range(5):
        build_service(f"Koffie {n}", areas.neighbourhood)
    params = SearchParams(q="koffie")
    page = _pages(params, 2, 9)
    assert page.number == 3
    assert [s.name for s in page.object_list] == ["Koffie 4"]
    assert page.paginator.count == 5
    for bad in ("abc", None, "0", "-1"):
        page = _pages(params, 2, bad)
        assert page.number in (1, 3)  # not an integer: first page; below 1: the last
        assert page.paginator.count == 5
    assert _pages(params, 2, "abc").number == 1
    assert _pages(params, 2, "0").number == 3


def test_no_results_is_one_empty_page(areas: Any) -> None:
    build_service("Koffie", areas.neighbourhood)
    for number in (1, 4):
        page = _pages(SearchParams(q="zwembad"), 2, number)
        assert page.number == 1
        assert list(page.object_list) == []
        assert page.paginator.count == 0


def test_pages_by_distance_carry_the_distance(areas: Any) -> None:
    from omzien.directory.selectors import distance_km

    for n in range(4):
        build_service(f"Plek {n}", areas.neighbourhood, point=(52.3610 + n * 0.01, 4.9))
    params = SearchParams(latitude=52.36, longitude=4.9, order="distance")
    page = _pages(params, 3, 2)
    assert [s.name for s in page.object_list] == ["Plek 3"]
    assert distance_km(page.object_list[0]) == pytest.approx(3.43, abs=0.05)
    assert page.paginator.count == 4


def test_pages_in_name_order_count_as_usual(areas: Any) -> None:
    for name in ("Cees", "Anna", "Bert"):
        build_service(name, areas.neighbourhood)
    page = _pages(SearchParams(), 2, 2)
    assert [s.name for s in page.object_list] == ["Cees"]
    assert page.paginator.count == 3


def test_the_weekdays_of_hours_are_kept_as_bits(areas: Any) -> None:
    from omzien.directory.models import Schedule, weekday_bit

    service = build_service("Plek", areas.neighbourhood)
    values = {
        "MO,WE": weekday_bit("MO") | weekday_bit("WE"),
        "SU": 64,
        "": 0,
        "1TU,-1FR": 0,  # days of a month, not of every week
        "TU,2TH,SA": 2 | 32,
    }
    for byday in values:
        Schedule.objects.create(service=service, for_service=service, byday=byday)
    stored = dict(Schedule.objects.filter(service=service).values_list("byday", "weekdays"))
    assert stored == values
    schedule = Schedule.objects.get(service=service, byday="SU")
    schedule.byday = "MO,SU"
    schedule.save()
    schedule.refresh_from_db()
    assert schedule.weekdays == 65


def test_past_the_end_of_a_few_results_the_first_page_is_fetched_once(
    areas: Any, django_assert_num_queries: Any
) -> None:
    from omzien.directory.selectors import SearchPaginator

    for n in range(3):
        build_service(f"Koffie {n}", areas.neighbourhood)
    outcome = search_services(None, SearchParams(q="koffie"))
    paginator = SearchPaginator(outcome, 10)
    # Page 4 (nothing), page 1 (the results and how many), the entries by id.
    with django_assert_num_queries(3):
        page = paginator.get_page(4)
        assert [s.name for s in page.object_list] == ["Koffie 0", "Koffie 1", "Koffie 2"]
    assert page.number == 1
    assert paginator.count == 3


def test_a_page_by_relevance_shows_no_draft_to_the_public(areas: Any) -> None:
    build_service("Koffie open", areas.neighbourhood)
    build_service("Koffie concept", areas.neighbourhood, publication=Publication.DRAFT)
    params = SearchParams(q="koffie", include_drafts=True)  # the public may not ask for drafts
    page = _pages(params, 10, 1)
    assert [s.name for s in page.object_list] == ["Koffie open"]
    assert page.paginator.count == 1
