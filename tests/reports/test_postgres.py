"""Reliability on PostgreSQL: the database keeps history append-only, and the same
submission sent at the same moment from several connections still creates one report."""

from __future__ import annotations

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
