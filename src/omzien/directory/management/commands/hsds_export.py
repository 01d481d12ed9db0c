"""`hsds_export DIR`: write the social map as HSDS 3.0 JSON (published entries by default)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from omzien.directory.hsds import hsds_export


class Command(BaseCommand):
    help = (
        "Exporteer de sociale kaart als HSDS 3.0 JSON (export as HSDS 3.0 JSON): "
        "services.json, organizations.json, taxonomies.json, taxonomy_terms.json en base.json."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", help="map om in te schrijven (directory to write to)")
        parser.add_argument(
            "--include-drafts",
            action="store_true",
            help="ook concepten exporteren (also export drafts)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        directory = Path(options["directory"])
        counts = hsds_export(directory=directory, include_drafts=options["include_drafts"])
        seconds = time.monotonic() - started
        summary = ", ".join(f"{name}: {count}" for name, count in counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"HSDS geëxporteerd naar (exported to) {directory} in {seconds:.1f} s ({summary})."
            )
        )
