"""`cbs_import PATH [--year Y]`: import CBS "Kerncijfers wijken en buurten", all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from omzien.keyfigures.cbs import CbsFileError
from omzien.keyfigures.services import keyfigures_import

ABORTED = "Import afgebroken, niets opgeslagen (import aborted, nothing saved):"


class Command(BaseCommand):
    help = (
        "Importeer CBS Kerncijfers wijken en buurten (import CBS key figures): CSV van "
        "StatLine of het open-dataportaal, of OData JSON. Hetzelfde jaar opnieuw importeren "
        "vervangt de cijfers van dat jaar (re-importing a year replaces it)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="CSV- of JSON-bestand (CSV or JSON file)")
        parser.add_argument(
            "--year",
            type=int,
            help="jaar van de cijfers, als het bestand dat niet zegt (year of the figures)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                f"Kan {path} niet lezen (cannot read {path}): {exc.strerror}"
            ) from exc
        try:
            result = keyfigures_import(content=content, file_name=path.name, year=options["year"])
        except CbsFileError as exc:
            lines = [ABORTED]
            for problem in exc.problems:
                lines.append(f"  - {problem.dutch()}")
                lines.append(f"    ({problem.english()})")
            raise CommandError("\n".join(lines)) from exc
        imported = result.source_import
        self.stdout.write(
            self.style.SUCCESS(
                f"CBS {imported.year} ({imported.table_id or 'tabel onbekend'}) geïmporteerd "
                f"(imported): {result.imported} gebieden (areas), {result.replaced} vervangen "
                f"(replaced), {len(result.skipped_codes)} rijen overgeslagen, niet in omzien "
                f"(rows skipped, not in omzien)."
            )
        )
        if result.skipped_codes and options["verbosity"] > 0:
            self.stdout.write("  Overgeslagen (skipped): " + ", ".join(result.skipped_codes[:20]))
