"""`omzien matching_round BU…`: propose matches for the open requests of neighbourhoods."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from omzien.matching.services import matching_round
from omzien.neighbourhoods.models import Neighbourhood


class Command(BaseCommand):
    help = "Propose matches (the batch round) for the open requests of one or all neighbourhoods."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("codes", nargs="*", help="CBS neighbourhood codes (default: all)")

    def handle(self, *args: Any, codes: list[str], **options: Any) -> None:
        areas = Neighbourhood.objects.order_by("code")
        if codes:
            areas = areas.filter(code__in=codes)
            missing = set(codes) - set(areas.values_list("code", flat=True))
            if missing:
                raise CommandError(f"Unknown neighbourhood: {', '.join(sorted(missing))}")
        total = 0
        for neighbourhood in areas:
            created = matching_round(actor=None, neighbourhood=neighbourhood)
            total += len(created)
            if created:
                self.stdout.write(f"{neighbourhood.code}: {len(created)} proposed")
        self.stdout.write(f"{total} matches proposed")
