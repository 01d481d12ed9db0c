"""Benchmark of the absence scan: 5,000 participants, 300 weekly activities, 1,000,000 check-ins.

Runs on fresh throwaway databases that it fills itself, so it never touches real data:

    .venv/bin/python benchmarks/absence_scan.py                    # SQLite, then PostgreSQL
    .venv/bin/python benchmarks/absence_scan.py --attendance 100000  # quick
    .venv/bin/python benchmarks/absence_scan.py --database sqlite    # one database only

Every participant has a signal plan (regular = 3 of the last 5, signal after 2 missed) with
one contact who agreed. About 4% of the regulars stopped coming two or three weeks ago. The
scan runs once (timed: ``scan_s_…``) and then again (``rescan_s_…``: it must create nothing).
Its last line is one JSON object with ``attendance_rows``, ``scan_s_postgres``,
``scan_s_sqlite`` and ``signals``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WITH_POSTGRES = ROOT / "scripts" / "with_postgres.sh"
WEEKS = 60
HEADLINE = ["attendance_rows", "scan_s_postgres", "scan_s_sqlite", "signals"]


def say(message: str) -> None:
    print(message, flush=True)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5000, help="participants (default 5000)")
    parser.add_argument("--series", type=int, default=300, help="weekly activities (default 300)")
    parser.add_argument(
        "--attendance", type=int, default=1_000_000, help="check-ins (default 1000000)"
    )
    parser.add_argument("--seed", type=int, default=42, help="random seed for the data")
    parser.add_argument(
        "--database", choices=["both", "sqlite", "postgres"], default="both", help="default both"
    )
    parser.add_argument(
        "--use-env-db",
        action="store_true",
        help="use DATABASE_URL from the environment (an empty, throwaway database)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.use_env_db and args.database == "both":
        return run_workers(args)
    sqlite_file = None
    if not args.use_env_db and args.database == "postgres":
        return run_workers(args)
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omzien.settings")
    os.environ.setdefault("OMZIEN_DEMO", "true")
    if args.use_env_db:
        if not os.environ.get("DATABASE_URL"):
            sys.exit("--use-env-db needs DATABASE_URL in the environment")
    else:
        fd, name = tempfile.mkstemp(prefix="omzien-bench-", suffix=".sqlite3", dir="/tmp")
        os.close(fd)
        sqlite_file = Path(name)
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_file}"
    try:
        import django

        django.setup()
        return run(args)
    finally:
        if sqlite_file is not None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)


def run_workers(args: argparse.Namespace) -> int:
    """One process per database, one after the other; then one JSON line for both."""
    started = time.perf_counter()
    script = str(Path(__file__).resolve())
    common = ["--people", str(args.people), "--series", str(args.series)]
    common += ["--attendance", str(args.attendance), "--seed", str(args.seed)]
    workers = []
    if args.database in ("both", "sqlite"):
        workers.append(("sqlite", [sys.executable, script, "--database", "sqlite", *common]))
    if args.database in ("both", "postgres"):
        workers.append(
            ("postgres", [str(WITH_POSTGRES), sys.executable, script, "--use-env-db", *common])
        )
    results: dict[str, Any] = {}
    errors = []
    for name, command in workers:
        say(f">>> {name}")
        last = ""
        # The commands are this script and scripts/with_postgres.sh, by absolute path.
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT) as worker:  # noqa: S603
            assert worker.stdout is not None
            for line in worker.stdout:
                line = line.rstrip("\n")
                if line:
                    say(f"[{name}] {line}")
                    last = line
        try:
            found = json.loads(last)
        except json.JSONDecodeError:
            found = None
        if worker.returncode != 0 or not isinstance(found, dict):
            errors.append(f"{name} exited with status {worker.returncode}")
            continue
        if "signals" in results and results["signals"] != found["signals"]:
            errors.append(f"{name} found {found['signals']} signals, not {results['signals']}")
        results.update(found)
    results["runtime_s"] = round(time.perf_counter() - started, 1)
    first = [key for key in HEADLINE if key in results]
    results = {key: results[key] for key in [*first, *(k for k in results if k not in first)]}
    if errors:
        results["errors"] = errors
    say(json.dumps(results))
    return 1 if errors else 0


def run(args: argparse.Namespace) -> int:
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from omzien.accounts.models import Role, User
    from omzien.accounts.services import role_assign
    from omzien.activities import services
    from omzien.activities.models import (
        Activity,
        Attendance,
        Session,
        SignalContact,
        SignalPlan,
    )
    from omzien.neighbourhoods.models import District, Municipality, Neighbourhood
    from omzien.people.models import Consent, ConsentCategory, ConsentMethod, ConsentPurpose, Person

    db = "postgres" if connection.vendor == "postgresql" else "sqlite"
    rng = random.Random(args.seed)  # noqa: S311 - benchmark data, not security
    call_command("migrate", verbosity=0)
    municipality = Municipality.objects.create(code="GM9980", name="Meetstad")
    district = District.objects.create(code="WK998001", name="Centrum", municipality=municipality)
    hood = Neighbourhood.objects.create(code="BU99800101", name="Meetbuurt", district=district)
    contact = User.objects.create_user(email="contact@example.invalid", password=None)
    role_assign(user=contact, role=Role.PROFESSIONAL, area=district)

    started = time.perf_counter()
    Person.objects.bulk_create(
        [
            Person(
                neighbourhood=hood,
                first_name=f"Deelnemer{i}",
                registration_consent_on=datetime.date(2025, 1, 1),
                registration_consent_method=ConsentMethod.SPOKEN,
            )
            for i in range(args.people)
        ],
        batch_size=2000,
    )
    people = list(Person.objects.values_list("pk", flat=True))
    start_day = datetime.date(2025, 1, 6)  # a Monday
    now = timezone.make_aware(datetime.datetime.combine(start_day, datetime.time(23, 0)))
    now += datetime.timedelta(weeks=WEEKS - 1, days=6)
    Activity.objects.bulk_create(
        [
            Activity(
                name=f"Activiteit {i}",
                neighbourhood=hood,
                starts_at=timezone.make_aware(
                    datetime.datetime.combine(
                        start_day + datetime.timedelta(days=i % 7), datetime.time(10 + i % 8)
                    )
                ),
                recurrence="RRULE:FREQ=WEEKLY",
            )
            for i in range(args.series)
        ]
    )
    activities = list(Activity.objects.order_by("pk"))
    sessions: list[Session] = []
    for activity in activities:
        for week in range(WEEKS):
            begins = activity.starts_at + datetime.timedelta(weeks=week)
            sessions.append(
                Session(
                    activity=activity,
                    occurrence=begins,
                    starts_at=begins,
                    ends_at=begins + activity.duration,
                )
            )
    Session.objects.bulk_create(sessions, batch_size=5000)
    by_activity: dict[int, list[int]] = {}
    for session_id, activity_id in Session.objects.order_by("starts_at").values_list(
        "pk", "activity_id"
    ):
        by_activity.setdefault(activity_id, []).append(session_id)

    # Everyone joins a few activities; a regular comes most weeks, some stopped lately.
    per_person = max(1, -(-args.attendance // (args.people * WEEKS * 9 // 10)))
    # Slightly more than the share of weeks a regular comes, for the stopped streaks.
    share = min(0.95, args.attendance / (args.people * per_person * WEEKS) * 1.01)
    rows: list[tuple[int, int]] = []
    stopped = 0
    for person_id in people:
        for activity in rng.sample(activities, per_person):
            ids = by_activity[activity.pk]
            gone = rng.random() < 0.04
            stopped += gone
            for index, session_id in enumerate(ids):
                if gone and index >= len(ids) - rng.choice((2, 3)):
                    continue
                if rng.random() < share:
                    rows.append((person_id, session_id))
    Attendance.objects.bulk_create(
        [Attendance(person_id=p, session_id=s) for p, s in rows], batch_size=10000
    )
    SignalPlan.objects.bulk_create([SignalPlan(person_id=p) for p in people], batch_size=5000)
    plans = dict(SignalPlan.objects.values_list("person_id", "pk"))
    SignalContact.objects.bulk_create(
        [
            SignalContact(plan_id=plans[p], order=1, user=contact, role="professional")
            for p in people
        ],
        batch_size=5000,
    )
    Consent.objects.bulk_create(
        [
            Consent(
                person_id=p,
                category=ConsentCategory.ATTENDANCE,
                purpose=ConsentPurpose.STAYING_IN_VIEW,
                grantee_user=contact,
                method=ConsentMethod.SPOKEN,
                valid_from=datetime.date(2025, 1, 1),
                given_on=datetime.date(2025, 1, 1),
            )
            for p in people
        ],
        batch_size=5000,
    )
    if db == "postgres":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    say(
        f"data: {len(people)} participants, {len(activities)} activities × {WEEKS} weeks, "
        f"{len(rows)} check-ins, {stopped} streaks stopped ({time.perf_counter() - started:.1f} s)"
    )

    began = time.perf_counter()
    first = services.absence_scan(now=now, notify=False)
    scan_s = time.perf_counter() - began
    began = time.perf_counter()
    second = services.absence_scan(now=now, notify=False)
    rescan_s = time.perf_counter() - began
    say(
        f"scan: {scan_s:.2f} s, {first.checked} (person, activity) pairs, "
        f"{first.created} signals; again: {rescan_s:.2f} s, {second.created} new"
    )
    result = {
        "attendance_rows": len(rows),
        f"scan_s_{db}": round(scan_s, 2),
        "signals": first.created,
        f"rescan_s_{db}": round(rescan_s, 2),
        f"pairs_{db}": first.checked,
    }
    say(json.dumps(result))
    return 0 if second.created == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
