"""Writes for CBS key figures: one import, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.keyfigures import cbs
from omzien.keyfigures.cbs import CbsFileError, Problem
from omzien.keyfigures.models import (
    AGE_GROUPS,
    AreaLevel,
    KeyFigureImport,
    KeyFigures,
)
from omzien.neighbourhoods.models import District, Municipality, Neighbourhood

#: How many skipped area codes an import remembers (the count is always complete).
SKIPPED_CODES_KEPT = 50

Area = Municipality | District | Neighbourhood


@dataclass
class ImportResult:
    source_import: KeyFigureImport
    imported: int = 0
    replaced: int = 0
    #: rows of areas omzien does not know (and rows such as "NL00", the whole country)
    skipped_codes: list[str] = field(default_factory=list)
    #: rows of areas the importing person may not change
    not_allowed_codes: list[str] = field(default_factory=list)


def _areas_by_code(codes: list[str]) -> dict[str, Area]:
    found: dict[str, Area] = {}
    for municipality in Municipality.objects.filter(code__in=[c for c in codes if c[:2] == "GM"]):
        found[municipality.code] = municipality
    for district in District.objects.filter(
        code__in=[c for c in codes if c[:2] == "WK"]
    ).select_related("municipality"):
        found[district.code] = district
    for neighbourhood in Neighbourhood.objects.filter(
        code__in=[c for c in codes if c[:2] == "BU"]
    ).select_related("district__municipality"):
        found[neighbourhood.code] = neighbourhood
    return found


def _municipality_id(area: Area) -> int:
    if isinstance(area, Municipality):
        return area.pk
    if isinstance(area, District):
        return area.municipality_id
    return area.district.municipality_id


def _area_fields(area: Area) -> dict[str, Any]:
    if isinstance(area, Municipality):
        return {"level": AreaLevel.MUNICIPALITY, "municipality": area}
    if isinstance(area, District):
        return {"level": AreaLevel.DISTRICT, "district": area}
    return {"level": AreaLevel.NEIGHBOURHOOD, "neighbourhood": area}


def _with_derived_shares(
    values: dict[str, Decimal | None], columns: dict[str, str]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Fill shares CBS gave only as counts; say where each derived share came from."""
    values = dict(values)
    sources = dict(columns)
    pairs = [(f"{age}_share", age, "population") for age in AGE_GROUPS]
    pairs.append(("single_person_share", "single_person_households", "households"))
    for share, part, whole in pairs:
        if share in columns or part not in columns or whole not in columns:
            continue
        values[share] = cbs.share_of(values.get(part), values.get(whole))
        sources[share] = f"= {columns[part]} / {columns[whole]}"
    converted: dict[str, Any] = {
        name: (int(value) if value is not None and not name.endswith("_share") else value)
        for name, value in values.items()
    }
    return converted, sources


def keyfigures_import(
    *,
    content: bytes,
    file_name: str = "",
    year: int | None = None,
    user: Any = None,
    may_write: Callable[[Area], bool] | None = None,
) -> ImportResult:
    """Import a CBS "Kerncijfers wijken en buurten" export (CSV or OData JSON).

    All or nothing: any problem in the file raises `CbsFileError` and saves nothing. Rows
    of areas omzien does not know are skipped and counted. For every municipality in the
    file, that year's figures are replaced (not added to); `may_write(area)` limits both
    what is written and what is replaced (the upload page passes the coordinator's areas).
    """
    parsed = cbs.parse(content, year=year)
    assert parsed.year is not None  # noqa: S101 - cbs.parse guarantees it
    areas = _areas_by_code([row.code for row in parsed.rows])
    now = timezone.now()

    skipped = list(parsed.other_codes)
    not_allowed: list[str] = []
    targets: list[tuple[Area, cbs.ParsedRow]] = []
    for row in parsed.rows:
        area = areas.get(row.code)
        if area is None:
            skipped.append(row.code)
        elif may_write is not None and not may_write(area):
            not_allowed.append(row.code)
        else:
            targets.append((area, row))
    if not targets:
        raise CbsFileError(
            [
                Problem(
                    _(
                        "None of the %(count)s areas in the file is a municipality, district or "
                        "neighbourhood you manage in omzien. Nothing was imported."
                    ),
                    {"count": len(parsed.rows)},
                )
            ]
        )

    with transaction.atomic():
        municipality_ids = {_municipality_id(area) for area, _row in targets}
        old = (
            KeyFigures.objects.filter(year=parsed.year)
            .filter(
                Q(municipality_id__in=municipality_ids)
                | Q(district__municipality_id__in=municipality_ids)
                | Q(neighbourhood__district__municipality_id__in=municipality_ids)
            )
            .select_related("municipality", "district__municipality", "neighbourhood__district")
        )
        replace_ids = [
            figures.pk for figures in old if may_write is None or may_write(figures.area)
        ]
        KeyFigures.objects.filter(pk__in=replace_ids).delete()
        source_import = KeyFigureImport(
            year=parsed.year,
            table_id=parsed.table_id,
            source_format=parsed.source_format,
            file_name=file_name[:255],
            imported_at=now,
            imported_by=user if getattr(user, "is_authenticated", False) else None,
            areas_imported=len(targets),
            areas_replaced=len(replace_ids),
            areas_skipped=len(skipped) + len(not_allowed),
            skipped_codes=(skipped + not_allowed)[:SKIPPED_CODES_KEPT],
            columns=parsed.columns,
        )
        source_import.full_clean()
        source_import.save()
        rows = []
        for area, row in targets:
            values, sources = _with_derived_shares(row.values, parsed.columns)
            figures = KeyFigures(
                year=parsed.year,
                area_code=area.code,
                table_id=parsed.table_id,
                imported_at=now,
                source_import=source_import,
                sources=sources,
                **_area_fields(area),
                **values,
            )
            figures.full_clean(exclude=["source_import"], validate_unique=False)
            rows.append(figures)
        KeyFigures.objects.bulk_create(rows)
    return ImportResult(
        source_import=source_import,
        imported=len(targets),
        replaced=len(replace_ids),
        skipped_codes=skipped,
        not_allowed_codes=not_allowed,
    )
