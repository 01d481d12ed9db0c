"""Reliability on PostgreSQL: the database keeps history append-only, and the same
submission sent at the same moment from several connections still creates one report."""

from __future__ import annotations

import json
import threading
import uuid
from typing import Any

import pytest
from django.db import DatabaseError, connection, connections, transaction
from tests.reports.conftest import Setup, place_report

from omzien.reports import services
from omzien.reports.models import Report, ReportEvent

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="runs against PostgreSQL only"
)


def test_postgresql_refuses_raw_edits_of_report_history(setup: Setup) -> None:
    report = place_report(setup)
    event = report.events.first()  # the first row; a routing row follows it
    assert event is not None
    for sql in (
        "UPDATE reports_reportevent SET text = 'x' WHERE id = %s",
        "DELETE FROM reports_reportevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
    assert ReportEvent.objects.get(pk=event.pk).text == ""


@pytest.mark.django_db(transaction=True)
def test_the_same_submission_from_eight_connections_at_once_creates_one_report(
    setup: Setup,
) -> None:
    key = uuid.uuid4().hex
    start = threading.Barrier(8)
    results: list[Any] = []
    errors: list[BaseException] = []

    def submit() -> None:
        try:
            start.wait()
            results.append(
                services.report_create(
                    category=setup.place,
                    subcategory=setup.dark_passage,
                    submission_key=key,
                    description="Donker pad",
                    address="Achter de school",
                )
            )
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Report.objects.filter(submission_key=key).count() == 1
    assert sum(r.created for r in results) == 1
    assert len({r.report.pk for r in results}) == 1


def _api_submit(body: dict[str, Any]) -> Any:
    """One submission through the public API, on this thread's own connection."""
    from django.test import Client

    return Client().post("/api/reports/", json.dumps(body), content_type="application/json")


def _place_body(key: str, number: int) -> dict[str, Any]:
    return {
        "submission_key": key,
        "municipality": "GM0363",
        "category": "onveilige-plek",
        "subcategory": "donkere-doorgang",
        "answers": {"wanneer": "Als het donker is"},
        "description": f"Donkere doorgang nummer {number}.",
        "address": f"Schoolpad {number}",
    }


@pytest.mark.django_db(transaction=True)
def test_a_hundred_concurrent_api_submissions_are_all_stored(setup: Setup) -> None:
    # 100 threads, each with its own database connection, send one report each, all
    # released at once by the barrier (scripts/with_postgres.sh allows 200 connections).
    threads_n, per_thread = 100, 1
    start = threading.Barrier(threads_n)
    acknowledged: list[tuple[str, str]] = []
    failures: list[str] = []

    def worker(first: int) -> None:
        try:
            start.wait()
            for number in range(first, first + per_thread):
                key = uuid.uuid4().hex
                response = _api_submit(_place_body(key, number))
                if response.status_code == 201:
                    acknowledged.append((key, response.json()["reference"]))
                else:
                    failures.append(f"{response.status_code}: {response.content[:200]!r}")
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i * per_thread,)) for i in range(threads_n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(acknowledged) == 100
    stored = dict(Report.objects.values_list("submission_key", "reference"))
    assert len(stored) == 100
    # None lost: every acknowledged submission is stored, under the number it was given.
    assert all(stored.get(key) == reference for key, reference in acknowledged)
    assert len(set(stored.values())) == 100  # reference numbers unique
    # Every report has its first history row and its routing row.
    assert ReportEvent.objects.count() == 200


@pytest.mark.django_db(transaction=True)
def test_the_same_api_submission_twice_creates_one_report(setup: Setup) -> None:
    body = _place_body(uuid.uuid4().hex, 1)
    # One after the other (a retry) …
    first, again = _api_submit(body), _api_submit(body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["reference"] == again.json()["reference"]
    # … and at the same moment from two connections (a double click).
    body = _place_body(uuid.uuid4().hex, 2)
    start = threading.Barrier(2)
    statuses: list[int] = []
    references: set[str] = set()

    def submit() -> None:
        try:
            start.wait()
            response = _api_submit(body)
            statuses.append(response.status_code)
            references.add(response.json()["reference"])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 201]
    assert len(references) == 1
    assert Report.objects.count() == 2
