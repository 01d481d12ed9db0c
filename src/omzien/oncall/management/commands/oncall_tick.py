from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from omzien.oncall import tasks


class Command(BaseCommand):
    help = "Enqueue the on-call gap warning (for cron)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = tasks.gaps_notify.enqueue()
        self.stdout.write(f"{tasks.gaps_notify.name}: {result.id}")
