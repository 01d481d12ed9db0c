from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from omzien.activities import tasks


class Command(BaseCommand):
    help = "Enqueue the absence scan, signal escalation and session generation (for cron)."

    def handle(self, *args: Any, **options: Any) -> None:
        for job in (tasks.sessions_generate_all, tasks.absence_scan, tasks.signals_escalate):
            result = job.enqueue()
            self.stdout.write(f"{job.name}: {result.id}")
