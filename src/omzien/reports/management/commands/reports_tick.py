from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from omzien.reports import tasks

PERIODIC = (tasks.reports_escalate, tasks.reports_privacy, tasks.outbound_mails_retry)


class Command(BaseCommand):
    help = (
        "Enqueue the periodic work of the report point (for cron): escalation of overdue "
        "reports, the privacy jobs and mails to try again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for periodic in PERIODIC:
            result = periodic.enqueue()
            self.stdout.write(f"{periodic.name}: {result.id}")
