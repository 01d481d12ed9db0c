from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from omzien.welcome import tasks


class Command(BaseCommand):
    help = "Enqueue the follow-ups after first visits of referred newcomers (for cron)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = tasks.follow_ups_create.enqueue()
        self.stdout.write(f"{tasks.follow_ups_create.name}: {result.id}")
