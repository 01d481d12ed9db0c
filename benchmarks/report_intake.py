"""Benchmark of report intake: gunicorn + PostgreSQL on loopback under concurrent clients.

    .venv/bin/python benchmarks/report_intake.py                # 60 s, throwaway PostgreSQL
    .venv/bin/python benchmarks/report_intake.py --seconds 10   # quick
    scripts/with_postgres.sh .venv/bin/python benchmarks/report_intake.py --use-env-db

Starts a throwaway PostgreSQL server (scripts/with_postgres.sh), migrates it, creates a
municipality with the default categories, routing rules and teams, starts gunicorn serving
omzien on 127.0.0.1, and lets N clients (threads, one keep-alive HTTP connection each) post
reports to the public API `POST /api/reports/` with unique submission keys for the given
time. Then it counts the reports in the database. Its last line is one JSON object with
``reports_per_s``, ``p95_ms``, ``lost`` (acknowledged but not stored) and ``errors``
(non-2xx answers and exceptions).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WITH_POSTGRES = ROOT / "scripts" / "with_postgres.sh"
MUNICIPALITY = "GM9970"


def say(message: str) -> None:
    print(message, flush=True)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60, help="load time (default 60)")
    parser.add_argument("--clients", type=int, default=10, help="concurrent clients (10)")
    parser.add_argument(
        "--workers", type=int, default=2 * cores + 1, help="gunicorn workers (2 × cores + 1)"
    )
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (1)")
    parser.add_argument("--seed", type=int, default=42, help="random seed for the reports")
    parser.add_argument(
        "--use-env-db",
        action="store_true",
        help="use DATABASE_URL from the environment (an empty, throwaway PostgreSQL database)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.use_env_db:
        # Run this script again inside a throwaway PostgreSQL server.
        command = [str(WITH_POSTGRES), sys.executable, str(Path(__file__).resolve())]
        command += ["--use-env-db", *(argv if argv is not None else sys.argv[1:])]
        return subprocess.call(command, cwd=ROOT)  # noqa: S603 - our own scripts
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("--use-env-db needs a PostgreSQL DATABASE_URL in the environment")
    var_dir = Path(tempfile.mkdtemp(prefix="omzien-intake-"))
    env = server_env(var_dir)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT / "src"))
    try:
        import django

        django.setup()
        return run(args, env)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def server_env(var_dir: Path) -> dict[str, str]:
    """Production-like settings for a loopback server; mail stays in memory."""
    return {
        "DJANGO_SETTINGS_MODULE": "omzien.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "OMZIEN_DEMO": "false",
        "HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "OMZIEN_VAR_DIR": str(var_dir),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "ERROR",
    }


def setup_data() -> None:
    from django.core.management import call_command
    from django.db import connection

    from omzien.neighbourhoods.models import District, Municipality, Neighbourhood
    from omzien.reports.models import Category, Team, TeamKind

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        )
        if cursor.fetchone()[0]:
            sys.exit("the database is not empty: give an empty, throwaway database")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    # The receiver gives a new municipality the default categories and routing rules.
    municipality = Municipality.objects.create(code=MUNICIPALITY, name="Meldstad")
    for d in range(2):
        district = District.objects.create(
            code=f"WK9970{d:02d}", name=f"Wijk {d}", municipality=municipality
        )
        for n in range(5):
            Neighbourhood.objects.create(
                code=f"BU9970{d:02d}{n:02d}",
                name=f"Buurt {d}-{n}",
                district=district,
                latitude=52.0 + d * 0.01 + n * 0.002,
                longitude=5.1 + n * 0.003,
            )
    categories = {c.slug: c for c in Category.objects.filter(parent=None)}
    for kind, slug in (
        (TeamKind.NEIGHBOURHOOD_TEAM, "zorg-om-iemand"),
        (TeamKind.PUBLIC_SPACE, "onveilige-plek"),
        (TeamKind.COMMUNITY_POLICE, "overlast"),
    ):
        team = Team.objects.create(municipality=municipality, name=str(kind.label), kind=kind)
        team.responsible_for.add(categories[slug])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    say(f"migrated and set up in {time.perf_counter() - started:.1f} s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_gunicorn(args: argparse.Namespace, env: dict[str, str]) -> tuple[Any, int]:
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn),
        "omzien.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
        "--chdir",
        str(ROOT / "src"),
    ]
    server_env = {**os.environ, **env, "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen(command, env=server_env, start_new_session=True)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped with status {server.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/reports/categories?municipality=" + MUNICIPALITY)
            response = conn.getresponse()
            response.read()
            conn.close()
            if response.status == 200:
                return server, port
        except OSError:
            pass
        time.sleep(0.2)
    stop(server)
    sys.exit("gunicorn did not answer within 60 s")


def stop(server: Any) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def report_body(rng: random.Random, number: int) -> dict[str, Any]:
    """A realistic mix: mostly unsafe places and nuisance, some worries about someone."""
    kind = rng.random()
    body: dict[str, Any] = {
        "submission_key": uuid.uuid4().hex,
        "municipality": MUNICIPALITY,
        "description": f"Melding {number}: het is hier al een paar dagen niet in orde.",
    }
    if kind < 0.5:
        body |= {
            "category": "onveilige-plek",
            "subcategory": rng.choice(["verlichting", "donkere-doorgang"]),
            "answers": {"wanneer": "Als het donker is"},
        }
    elif kind < 0.8:
        body |= {"category": "overlast", "subcategory": "geluid", "answers": {"gevaar-nu": False}}
    elif kind < 0.95:
        body |= {
            "category": "zorg-om-iemand",
            "subcategory": "niet-gezien",
            "answers": {"gevaar-nu": False, "eerder-gezien": True},
        }
    else:
        body |= {"category": "iets-anders"}
    if rng.random() < 0.6:
        body |= {"latitude": 52.0 + rng.random() / 50, "longitude": 5.1 + rng.random() / 50}
    else:
        body |= {"address": f"Dorpsstraat {number % 200 + 1}"}
    if rng.random() < 0.3:
        body |= {"contact_email": f"melder{number}@example.invalid", "wants_updates": True}
    return body


class Client(threading.Thread):
    def __init__(self, port: int, seed: int, stop_at: float, first: int) -> None:
        super().__init__(daemon=True)
        self.port, self.stop_at, self.number = port, stop_at, first
        self.rng = random.Random(seed)  # noqa: S311 - benchmark data, not security
        self.latencies: list[float] = []
        self.acknowledged: dict[str, str] = {}
        self.errors: list[str] = []

    def run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Content-Type": "application/json", "Host": "127.0.0.1"}
        while time.perf_counter() < self.stop_at:
            self.number += 1
            body = report_body(self.rng, self.number)
            data = json.dumps(body).encode()
            began = time.perf_counter()
            try:
                conn.request("POST", "/api/reports/", body=data, headers=headers)
                response = conn.getresponse()
                content = response.read()
                elapsed = time.perf_counter() - began
                if response.status == 201:
                    self.latencies.append(elapsed)
                    self.acknowledged[body["submission_key"]] = json.loads(content)["reference"]
                else:
                    self.errors.append(f"{response.status}: {content[:200]!r}")
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            except (OSError, http.client.HTTPException, ValueError) as error:
                self.errors.append(repr(error))
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.close()


def _children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("PPid:") and int(line.split()[1]) == parent:
                    found.append(int(entry.name))
    return found


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes (Linux /proc), in seconds."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def cpu_meter(server_pid: int) -> Any:
    """A function that returns the CPU seconds used so far by gunicorn (master and workers),
    this PostgreSQL server (postmaster and backends) and this process (the clients)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('data_directory')")
        data_dir = Path(cursor.fetchone()[0])
    connection.close()
    try:
        postmaster = int((data_dir / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        postmaster = 0

    def measure() -> dict[str, float]:
        own = os.times()
        return {
            "server": _cpu_seconds([server_pid, *_children(server_pid)]),
            "database": _cpu_seconds([postmaster, *_children(postmaster)]) if postmaster else 0,
            "clients": own.user + own.system,
        }

    return measure


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(-(-share * len(ordered) // 1)) - 1))]


def run(args: argparse.Namespace, env: dict[str, str]) -> int:
    from django.db import connection

    from omzien.reports.models import Report

    setup_data()
    connection.close()  # gunicorn's workers get their own connections
    server, port = start_gunicorn(args, env)
    say(
        f"gunicorn on 127.0.0.1:{port}: {args.workers} workers × {args.threads} threads; "
        f"{args.clients} clients for {args.seconds:g} s"
    )
    try:
        # A short warm-up (not counted): every worker loads its code and opens its connection.
        warm = [
            Client(port, args.seed + 1000 + i, time.perf_counter() + 2, 10**8 + i * 10**6)
            for i in range(args.clients)
        ]
        for client in warm:
            client.start()
        for client in warm:
            client.join()
        measure = cpu_meter(server.pid)
        cpu_before = measure()
        began = time.perf_counter()
        stop_at = began + args.seconds
        clients = [Client(port, args.seed + i, stop_at, i * 10**6) for i in range(args.clients)]
        for client in clients:
            client.start()
        for client in clients:
            client.join()
        elapsed = time.perf_counter() - began
        cpu_after = measure()
        cpu_parts = {k: cpu_after[k] - cpu_before[k] for k in cpu_after}
        cpu_used = sum(cpu_parts.values())
    finally:
        stop(server)
    acknowledged: dict[str, str] = {}
    for client in [*warm, *clients]:
        acknowledged.update(client.acknowledged)
    latencies = [x for c in clients for x in c.latencies]
    errors = [e for c in [*warm, *clients] for e in c.errors]
    stored = dict(
        Report.objects.filter(municipality__code=MUNICIPALITY).values_list(
            "submission_key", "reference"
        )
    )
    lost = sum(1 for key, ref in acknowledged.items() if stored.get(key) != ref)
    references_unique = len(set(stored.values())) == len(stored)
    for error in sorted(set(errors))[:5]:
        say(f"error: {error}")
    say(
        f"{len(latencies)} reports in {elapsed:.1f} s; {len(stored)} stored in all "
        f"({len(acknowledged)} acknowledged incl. warm-up); p50 "
        f"{percentile(latencies, 0.5) * 1000:.0f} ms, p95 {percentile(latencies, 0.95) * 1000:.0f}"
        f" ms, max {max(latencies, default=0) * 1000:.0f} ms"
    )
    # CPU the whole chain (server, database, clients) spent per report: on a machine shared
    # with other work this, not the wall-clock rate, shows what two idle cores would do.
    cpu_ms = cpu_used * 1000 / max(1, len(latencies))
    cores = os.cpu_count() or 1
    per = ", ".join(f"{k} {v * 1000 / max(1, len(latencies)):.1f} ms" for k, v in cpu_parts.items())
    say(
        f"CPU: {cpu_used:.1f} s in all, {cpu_ms:.1f} ms per report ({per}); {cores} idle "
        f"cores would do about {cores * 1000 / cpu_ms:.0f} reports/s; "
        f"load average now {os.getloadavg()[0]:.1f}"
    )
    result = {
        "reports_per_s": round(len(latencies) / elapsed, 1),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
        "lost": lost,
        "errors": len(errors),
        "p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
        "max_ms": round(max(latencies, default=0) * 1000, 1),
        "reports": len(latencies),
        "stored": len(stored),
        "unique_references": references_unique,
        "clients": args.clients,
        "seconds": round(elapsed, 1),
        "workers": args.workers,
        "threads": args.threads,
        "cores": cores,
        "cpu_ms_per_report": round(cpu_ms, 1),
        "idle_cores_reports_per_s": round(cores * 1000 / cpu_ms, 1),
        "load_average": round(os.getloadavg()[0], 1),
    }
    say(json.dumps(result))
    return 0 if lost == 0 and not errors and references_unique else 1


if __name__ == "__main__":
    sys.exit(main())
