"""Demo CBS key figures: the shipped (fictional) extract for the demo neighbourhoods.

Imports 2023 from the StatLine-style CSV and 2024 from the OData JSON, so the demo shows
the latest year and the change since the year before. Safe to run again: a year that is
imported again replaces itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from omzien.keyfigures.services import keyfigures_import
from omzien.neighbourhoods.models import Municipality
from omzien.people.demo import MUNICIPALITY_CODE

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEMO_FILES = ["kwb-2023.csv", "kwb-2024.json"]


def build_keyfigures_demo(stdout: Any = None) -> int:
    """Import the demo extract; returns how many area-years were imported."""
    if not Municipality.objects.filter(code=MUNICIPALITY_CODE).exists():
        return 0
    total = 0
    for name in DEMO_FILES:
        result = keyfigures_import(content=(FIXTURES / name).read_bytes(), file_name=name)
        total += result.imported
        if stdout is not None:
            stdout.write(f"CBS-kerncijfers {result.source_import.year}: {result.imported} gebieden")
    return total
