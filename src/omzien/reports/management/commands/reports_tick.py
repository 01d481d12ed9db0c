from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from omzien.reports import tasks


class Command(BaseCommand):
    help = "Enqueue the escalation of overdue reports (for cron)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = tasks.reports_escalate.enqueue()
        self.stdout.write(f"{tasks.reports_escalate.name}: {result.id}")
