"""Benchmark of who-may-see-whom: the people list, consent checks, contact reads, figures, export.

Runs on a fresh throwaway database that it fills itself, so it never touches real data:

    .venv/bin/python benchmarks/people_access.py                  # temporary SQLite file
    .venv/bin/python benchmarks/people_access.py --people 50000   # more residents
    scripts/with_postgres.sh .venv/bin/python benchmarks/people_access.py --use-env-db

Prints what it does and, as its last line, one JSON object with the medians in milliseconds
(and the number of SQL queries of the list page, one contact read and the figures page).
See benchmarks/README.md for what each number means.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SIZE = 200  # persons per consent-check and contact-read batch
PAGE_SIZE = 25  # as in omzien.people.views.people_list

FIRST_NAMES = [
    "Anna", "Bram", "Cor", "Daan", "Eva", "Fatima", "Gert", "Hanna", "Ilse", "Jan",
    "Karim", "Lotte", "Mohamed", "Noor", "Olga", "Pieter", "Rosa", "Sem", "Tess", "Yusuf",
]  # fmt: skip
LAST_NAMES = [
    "Bakker", "de Boer", "Dekker", "El Amrani", "de Graaf", "Jansen", "de Jong", "Kok",
    "Mulder", "Peters", "Smit", "Visser", "de Vries", "van Dijk", "Yilmaz", "Willems",
]  # fmt: skip


def say(message: str) -> None:
    print(message, flush=True)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20000, help="residents (default 20000)")
    parser.add_argument("--repeat", type=int, default=5, help="repetitions per measurement")
    parser.add_argument("--seed", type=int, default=42, help="random seed for the data")
    parser.add_argument(
        "--use-env-db",
        action="store_true",
        help="use DATABASE_URL from the environment (an empty, throwaway database)",
    )
    args = parser.parse_args(argv)
    if args.people < PAGE_SIZE:
        parser.error(f"--people must be at least {PAGE_SIZE}")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def choose_database(use_env_db: bool) -> Path | None:
    """Point Django at a throwaway database. Returns the temporary SQLite file, if any."""
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omzien.settings")
    os.environ.setdefault("OMZIEN_DEMO", "true")
    if use_env_db:
        if not os.environ.get("DATABASE_URL"):
            sys.exit("--use-env-db needs DATABASE_URL in the environment")
        return None
    fd, name = tempfile.mkstemp(prefix="omzien-bench-", suffix=".sqlite3", dir="/tmp")
    os.close(fd)
    sqlite_file = Path(name)
    os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_file}"
    return sqlite_file


def remove_sqlite(sqlite_file: Path | None) -> None:
    if sqlite_file is None:
        return
    from django.db import connections

    try:
        connections.close_all()
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)


def median_ms(
    run: Callable[[], Any], repeat: int, before: Callable[[], Any] | None = None
) -> float:
    """Median wall time of `run()` in ms over `repeat` runs (`before()` is not timed)."""
    timings = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        run()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def per_item_ms(
    run: Callable[[Any], Any], items: list[Any], repeat: int, before: Callable
) -> float:
    """Median over `repeat` batches of the mean ms per item of `run(item)` over `items`."""
    batches = []
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        for item in items:
            run(item)
        batches.append((time.perf_counter() - start) * 1000 / len(items))
    return statistics.median(batches)


def count_queries(run: Callable[[], Any]) -> tuple[int, list[str]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured), [query["sql"] for query in captured.captured_queries]


def show_queries(label: str, queries: list[str]) -> None:
    say(f"  {label}: {len(queries)} SQL queries")
    for sql in queries:
        say(f"    - {sql[:160]}{'…' if len(sql) > 160 else ''}")


class Data:
    """What the benchmark created (ids and objects it measures with)."""

    def __init__(self) -> None:
        self.municipality: Any = None
        self.districts: list[Any] = []
        self.neighbourhoods: list[Any] = []
        self.person_ids: list[int] = []
        self.professional: Any = None
        self.coordinator: Any = None
        self.analyst: Any = None
        # Persons the professional may reach for contact (role consent in their district,
        # or a consent naming them).
        self.contact_reachable: list[int] = []
        self.role_consents = 0
        self.user_consents = 0


def generate(people: int, rng: random.Random) -> Data:
    from django.db import transaction
    from django.utils import timezone

    from omzien.accounts.models import Role
    from omzien.accounts.services import role_assign, user_create
    from omzien.neighbourhoods.models import District, Municipality, Neighbourhood
    from omzien.people.models import (
        Consent,
        ConsentCategory,
        ConsentMethod,
        ConsentPurpose,
        Person,
        Term,
    )

    data = Data()
    today = timezone.localdate()
    with transaction.atomic():
        data.municipality = Municipality(code="GM9990", name="Benchmarkstad")
        data.municipality.full_clean()
        data.municipality.save()
        for d in range(1, 5):
            district = District(
                code=f"WK9990{d:02d}", name=f"Wijk {d}", municipality=data.municipality
            )
            district.full_clean()
            district.save()
            data.districts.append(district)
            for b in range(1, 6):
                neighbourhood = Neighbourhood(
                    code=f"BU{district.code[2:]}{b:02d}", name=f"Buurt {d}.{b}", district=district
                )
                neighbourhood.full_clean()
                neighbourhood.save()
                data.neighbourhoods.append(neighbourhood)

        data.professional = user_create(
            email="professional@bench.example.org", password=None, display_name="Pim Prof"
        )
        data.coordinator = user_create(
            email="coordinator@bench.example.org", password=None, display_name="Cato Coord"
        )
        data.analyst = user_create(
            email="analyst@bench.example.org", password=None, display_name="Ali Analist"
        )
        role_assign(user=data.professional, role=Role.PROFESSIONAL, area=data.districts[0])
        role_assign(user=data.coordinator, role=Role.COORDINATOR, area=data.municipality)
        role_assign(user=data.analyst, role=Role.ANALYST, area=data.municipality)

        methods = [ConsentMethod.SPOKEN, ConsentMethod.WRITTEN]
        persons = []
        for i in range(people):
            neighbourhood = data.neighbourhoods[i % len(data.neighbourhoods)]
            persons.append(
                Person(
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                    neighbourhood=neighbourhood,
                    email=f"bewoner{i}@example.org",
                    phone=f"06 {10000000 + i}",
                    street_address=f"Lindelaan {i % 400 + 1}",
                    postcode=f"{1000 + i % 9000}AB",
                    registered_by=data.professional,
                    registration_consent_on=today - datetime.timedelta(days=rng.randint(1, 700)),
                    registration_consent_method=rng.choice(methods),
                )
            )
        Person.objects.bulk_create(persons, batch_size=2000)
        if any(person.pk is None for person in persons):  # a backend without RETURNING
            ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
            for person, pk in zip(persons, ids, strict=True):
                person.pk = pk
        data.person_ids = [person.pk for person in persons]

        term_ids = list(Term.objects.values_list("pk", flat=True))
        if len(term_ids) < 2:
            raise RuntimeError("The vocabulary is not seeded (people migration 0002).")
        through = Person.talents.through
        through.objects.bulk_create(
            [
                through(person_id=person.pk, term_id=term_id)
                for person in persons
                for term_id in rng.sample(term_ids, 2)
            ],
            batch_size=5000,
        )

        own_district = data.districts[0].pk
        district_of = {n.pk: n.district_id for n in data.neighbourhoods}
        consents = []
        reachable = set()
        given = today - datetime.timedelta(days=30)
        common = {
            "category": ConsentCategory.CONTACT,
            "purpose": ConsentPurpose.SUPPORT,
            "method": ConsentMethod.WRITTEN,
            "given_on": given,
            "valid_from": given,
            "recorded_by": data.coordinator,
        }
        for person in persons:
            if rng.random() < 0.40:
                consents.append(Consent(person=person, grantee_role=Role.PROFESSIONAL, **common))
                data.role_consents += 1
                if district_of[person.neighbourhood_id] == own_district:
                    reachable.add(person.pk)
            if rng.random() < 0.05:
                consents.append(Consent(person=person, grantee_user=data.professional, **common))
                data.user_consents += 1
                reachable.add(person.pk)
        Consent.objects.bulk_create(consents, batch_size=2000)
        data.contact_reachable = sorted(reachable)
    return data


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sqlite_file = choose_database(args.use_env_db)
    try:
        import django

        django.setup()
        return run(args)
    finally:
        remove_sqlite(sqlite_file)


def run(args: argparse.Namespace) -> int:
    from django.core.management import call_command
    from django.core.paginator import Paginator
    from django.db import connection

    from omzien.accounts.selectors import forget_cached_roles
    from omzien.neighbourhoods.models import Neighbourhood
    from omzien.people.models import ConsentCategory, Person
    from omzien.people.selectors import (
        consent_in_force,
        neighbourhood_figures,
        person_contact_details,
        person_for_viewer,
        persons_visible_to,
    )
    from omzien.people.services import person_export

    rng = random.Random(args.seed)
    db = connection.vendor
    say(f"omzien people-access benchmark: {args.people} people on {db} ({connection.alias})")

    if connection.introspection.table_names():
        say("error: the database is not empty; give a fresh, throwaway database")
        return 2
    start = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrate_s = time.perf_counter() - start
    say(f"migrate: {migrate_s:.1f} s")

    start = time.perf_counter()
    data = generate(args.people, rng)
    generate_s = time.perf_counter() - start
    say(
        f"data: {len(data.neighbourhoods)} neighbourhoods, {args.people} people, "
        f"{2 * args.people} talent links, {data.role_consents} role consents, "
        f"{data.user_consents} named consents; {len(data.contact_reachable)} people reachable "
        f"for contact by the professional ({generate_s:.1f} s)"
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics, as a database in use would have

    prof, coordinator, analyst = data.professional, data.coordinator, data.analyst
    repeat = args.repeat

    def cold(user: Any) -> Callable[[], None]:
        """A new request: the role cache on the user object starts empty."""
        return lambda: forget_cached_roles(user)

    # Persons as a detail page loads them (area chain joined in, as person_for_viewer does).
    def load(ids: list[int]) -> list[Person]:
        by_pk = (
            Person.objects.select_related("neighbourhood__district__municipality")
            .filter(pk__in=ids)
            .in_bulk()
        )
        return [by_pk[pk] for pk in ids]

    results: dict[str, Any] = {"people": args.people, "db": db}

    # 1. The people list: the count on the home page, and page 1 of the list page.
    def visible_count() -> int:
        return persons_visible_to(prof).count()

    def list_page() -> list[str]:
        people = persons_visible_to(prof).exclude(user_id=prof.pk)
        page = Paginator(people, PAGE_SIZE).get_page(1)
        return [f"{p.display_name} {p.neighbourhood.name}" for p in page.object_list]

    forget_cached_roles(prof)
    visible = visible_count()
    results["visible_count_ms"] = median_ms(visible_count, repeat, before=cold(prof))
    results["list_page_ms"] = median_ms(list_page, repeat, before=cold(prof))
    forget_cached_roles(prof)
    n_list, list_sql = count_queries(list_page)
    results["list_page_queries"] = n_list
    say(
        f"1. persons_visible_to(professional): {visible} visible; "
        f"count {results['visible_count_ms']:.1f} ms, "
        f"first page of {PAGE_SIZE} (count + rows) {results['list_page_ms']:.1f} ms"
    )
    show_queries("list page (new request, roles not cached)", list_sql)

    # 2. consent_in_force for random persons (roles cached, as within one request).
    sample = load(rng.sample(data.person_ids, min(SAMPLE_SIZE, len(data.person_ids))))
    forget_cached_roles(prof)
    hits = sum(
        consent_in_force(viewer=prof, person=p, category=ConsentCategory.CONTACT) is not None
        for p in sample
    )
    results["consent_check_ms"] = per_item_ms(
        lambda p: consent_in_force(viewer=prof, person=p, category=ConsentCategory.CONTACT),
        sample,
        repeat,
        before=cold(prof),
    )
    say(
        f"2. consent_in_force(contact) for {len(sample)} random people ({hits} in force): "
        f"{results['consent_check_ms']:.2f} ms per check"
    )

    # 3. person_contact_details for persons with consent (each read writes an audit entry).
    with_consent = load(
        rng.sample(data.contact_reachable, min(SAMPLE_SIZE, len(data.contact_reachable)))
    )
    if not with_consent:
        say("error: no person has a consent the professional can use; use more --people")
        return 1
    forget_cached_roles(prof)
    refused = [p.pk for p in with_consent if person_contact_details(viewer=prof, person=p) is None]
    if refused:
        say(f"error: contact details refused for {len(refused)} people with consent: {refused[:5]}")
        return 1
    results["contact_read_ms"] = per_item_ms(
        lambda p: person_contact_details(viewer=prof, person=p),
        with_consent,
        repeat,
        before=cold(prof),
    )
    n_contact, contact_sql = count_queries(
        lambda: person_contact_details(viewer=prof, person=with_consent[0])
    )
    results["contact_read_queries"] = n_contact
    say(
        f"3. person_contact_details for {len(with_consent)} people with consent: "
        f"{results['contact_read_ms']:.2f} ms per read (incl. audit entry)"
    )
    show_queries("one contact read (roles already cached in the request)", contact_sql)

    # 4. Figures for one neighbourhood, as the figures page loads it.
    neighbourhood = Neighbourhood.objects.select_related("district__municipality").get(
        pk=data.neighbourhoods[0].pk
    )
    residents = Person.objects.filter(neighbourhood=neighbourhood).count()

    def figures() -> Any:
        return neighbourhood_figures(viewer=analyst, neighbourhood=neighbourhood)

    forget_cached_roles(analyst)
    shown = figures()
    results["figures_ms"] = median_ms(figures, repeat, before=cold(analyst))
    forget_cached_roles(analyst)
    n_figures, figures_sql = count_queries(figures)
    results["figures_queries"] = n_figures
    say(
        f"4. neighbourhood_figures for {neighbourhood.code} ({residents} residents, "
        f"{len(shown.talents)} talent groups): {results['figures_ms']:.1f} ms"
    )
    show_queries("figures (new request, roles not cached)", figures_sql)

    # 5. Export of one person with consents, by the coordinator.
    export_pk = data.contact_reachable[0]  # has at least one consent
    forget_cached_roles(coordinator)
    exported = person_for_viewer(viewer=coordinator, pk=export_pk)
    size = len(json.dumps(person_export(actor=coordinator, person=exported), default=str))
    results["export_ms"] = median_ms(
        lambda: person_export(actor=coordinator, person=exported), repeat, before=cold(coordinator)
    )
    forget_cached_roles(coordinator)
    _n, export_sql = count_queries(lambda: person_export(actor=coordinator, person=exported))
    say(
        f"5. person_export of person {export_pk} ({size} bytes of JSON): "
        f"{results['export_ms']:.1f} ms"
    )
    show_queries("export (new request, person loaded as the export view does)", export_sql)

    results["setup_s"] = round(migrate_s + generate_s, 2)
    results["migrate_s"] = round(migrate_s, 2)
    for key, value in results.items():
        if key.endswith("_ms"):
            results[key] = round(value, 3)
    say(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
