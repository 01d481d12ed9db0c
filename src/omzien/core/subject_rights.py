"""Registries for data-subject rights: every app says what it holds about a person.

An exporter returns a JSON-serialisable dict of everything the app stores about the
person; an eraser removes it (keeping only anonymised aggregates). The people app calls
them all, so a new app that stores personal data only has to register two functions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Exporter = Callable[[Any], Any]
Eraser = Callable[[Any], None]

_exporters: dict[str, Exporter] = {}
_erasers: dict[str, tuple[int, Eraser]] = {}


def register_exporter(section: str) -> Callable[[Exporter], Exporter]:
    def decorator(func: Exporter) -> Exporter:
        _exporters[section] = func
        return func

    return decorator


def register_eraser(section: str, *, order: int = 50) -> Callable[[Eraser], Eraser]:
    """Register an eraser; lower `order` runs first (the login account goes last)."""

    def decorator(func: Eraser) -> Eraser:
        _erasers[section] = (order, func)
        return func

    return decorator


def export_all(person: Any) -> dict[str, Any]:
    return {section: func(person) for section, func in sorted(_exporters.items())}


def erase_all(person: Any) -> list[str]:
    done = []
    for section, (_order, func) in sorted(_erasers.items(), key=lambda item: (item[1][0], item[0])):
        func(person)
        done.append(section)
    return done
