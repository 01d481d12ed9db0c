"""`hsds_import PATH [PATH ...]`: import HSDS 3.0 JSON or CSV into the social map, all or
nothing (several paths in one transaction)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from omzien.directory.hsds import HsdsImportError, ImportSource, hsds_import_many

ABORTED = "Import afgebroken, niets opgeslagen (import aborted, nothing saved):"


class Command(BaseCommand):
    help = (
        "Importeer HSDS 3.0 (import HSDS 3.0): een JSON-bestand (een record, een lijst of een "
        "Page), een map van hsds_export, of HSDS-CSV (een map of datapackage.json). Records "
        "worden bijgewerkt op hun HSDS-id; opnieuw importeren verdubbelt niets."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            nargs="+",
            help="JSON-bestand, exportmap, CSV-map of datapackage.json; meer paden worden "
            "samen geïmporteerd, alles of niets (several paths: all or nothing)",
        )
        parser.add_argument(
            "--municipality",
            metavar="GMxxxx",
            help="gemeentecode voor records zonder buurt (municipality code)",
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="als concept importeren in plaats van gepubliceerd (import as drafts)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            result = hsds_import_many(
                [ImportSource(Path(path), options["municipality"]) for path in options["path"]],
                draft=options["draft"],
            )
        except HsdsImportError as exc:
            raise CommandError(
                "\n".join([ABORTED, *(f"  - {problem}" for problem in exc.problems)])
            ) from exc
        seconds = time.monotonic() - started
        for warning in result.warnings:
            self.stderr.write(f"Let op (note): {warning}")
        created = sum(result.created.values())
        updated = sum(result.updated.values())
        unchanged = sum(result.unchanged.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"HSDS geïmporteerd (imported) in {seconds:.1f} s: {result.services} "
                f"diensten (services); {created} records nieuw (new), {updated} bijgewerkt "
                f"(updated), {unchanged} ongewijzigd (unchanged)."
            )
        )
        if options["verbosity"] > 1:
            for table in result.created:
                self.stdout.write(
                    f"  {table}: {result.created[table]} nieuw, {result.updated[table]} "
                    f"bijgewerkt, {result.unchanged[table]} ongewijzigd"
                )
