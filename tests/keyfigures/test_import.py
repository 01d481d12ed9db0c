"""Importing the shipped CBS extract: both forms, both years, markers, replacement, errors."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from tests.keyfigures.conftest import DemoAreas, fixture_bytes

from omzien.keyfigures.cbs import CbsFileError
from omzien.keyfigures.demo import FIXTURES
from omzien.keyfigures.models import KeyFigureImport, KeyFigures
from omzien.keyfigures.services import keyfigures_import
from omzien.neighbourhoods.models import Neighbourhood

COMPARED = [
    "population",
    "age_0_15",
    "age_15_25",
    "age_25_45",
    "age_45_65",
    "age_65_plus",
    "age_0_15_share",
    "age_15_25_share",
    "age_25_45_share",
    "age_45_65_share",
    "age_65_plus_share",
    "households",
    "single_person_households",
    "single_person_share",
    "social_rent_share",
]


def snapshot(year: int) -> dict[str, dict[str, Any]]:
    return {
        row.area_code: {name: getattr(row, name) for name in COMPARED}
        for row in KeyFigures.objects.filter(year=year)
    }


def test_statline_csv_with_titles(demo_areas: DemoAreas) -> None:
    result = keyfigures_import(content=fixture_bytes("kwb-2023.csv"), file_name="kwb-2023.csv")
    imported = result.source_import
    assert (imported.year, imported.table_id, imported.source_format) == (2023, "85618NED", "csv")
    # The municipality, two districts and four neighbourhoods; the country and an area
    # omzien does not have are counted and skipped.
    assert result.imported == 7
    assert result.skipped_codes == ["Nederland", "BU99010301"]
    assert imported.areas_skipped == 2

    lindehof = KeyFigures.objects.get(neighbourhood=demo_areas.lindehof, year=2023)
    assert lindehof.level == "neighbourhood"
    assert lindehof.population == 2150
    assert lindehof.age_0_15 == 300
    # CBS gave counts: the share is calculated and says so.
    assert lindehof.age_0_15_share == Decimal("14.0")
    assert lindehof.single_person_share == Decimal("50.4")  # 570 of 1130
    assert lindehof.social_rent_share == Decimal(38)
    assert lindehof.sources["social_rent_share"] == "In bezit woningcorporatie (%)"
    assert lindehof.sources["age_0_15_share"] == (
        "= 0 tot 15 jaar (aantal) / Aantal inwoners (aantal)"
    )
    assert lindehof.table_id == "85618NED"
    assert lindehof.imported_at == imported.imported_at

    kersenbuurt = KeyFigures.objects.get(area_code="BU99010102", year=2023)
    assert kersenbuurt.single_person_households is None  # "x": secret
    assert kersenbuurt.single_person_share is None
    havenkwartier = KeyFigures.objects.get(area_code="BU99010202", year=2023)
    assert havenkwartier.social_rent_share is None  # ".": unknown, not 0

    assert KeyFigures.objects.get(area_code="GM9901", year=2023).municipality is not None
    assert KeyFigures.objects.get(area_code="WK990102", year=2023).district is not None


def test_odata_json_gives_the_same_figures_as_the_csv(demo_areas: DemoAreas) -> None:
    keyfigures_import(content=fixture_bytes("kwb-2023.csv"))
    from_csv = snapshot(2023)
    result = keyfigures_import(content=fixture_bytes("kwb-2023.json"))
    assert result.source_import.source_format == "odata"
    assert result.source_import.table_id == "85618NED"
    assert result.replaced == 7
    assert snapshot(2023) == from_csv
    lindehof = KeyFigures.objects.get(area_code="BU99010101", year=2023)
    assert lindehof.sources["social_rent_share"] == (
        "InBezitWoningcorporatie_42 (In bezit woningcorporatie)"
    )


def test_the_next_year_has_other_column_suffixes(demo_areas: DemoAreas) -> None:
    """2024 as an open-data CSV: keys only (other suffixes), padded codes, no year inside."""
    with pytest.raises(CbsFileError):
        keyfigures_import(content=fixture_bytes("kwb-2024.csv"))
    keyfigures_import(content=fixture_bytes("kwb-2024.csv"), year=2024)
    from_csv = snapshot(2024)
    lindehof = KeyFigures.objects.get(area_code="BU99010101", year=2024)
    assert lindehof.population == 2185
    assert lindehof.social_rent_share == Decimal(37)
    assert lindehof.sources["social_rent_share"] == "InBezitWoningcorporatie_49"
    # "-", "?" and an empty cell are unknown.
    assert KeyFigures.objects.get(area_code="BU99010102", year=2024).social_rent_share is None
    assert KeyFigures.objects.get(area_code="BU99010201", year=2024).social_rent_share is None
    havenkwartier = KeyFigures.objects.get(area_code="BU99010202", year=2024)
    assert havenkwartier.age_15_25 is None
    assert havenkwartier.age_15_25_share is None
    assert havenkwartier.age_25_45 == 400

    keyfigures_import(content=fixture_bytes("kwb-2024.json"))
    assert snapshot(2024) == from_csv
    assert KeyFigures.objects.filter(year=2024).count() == 7
    assert KeyFigureImport.objects.filter(year=2024).count() == 2


def test_both_years_side_by_side(demo_areas: DemoAreas) -> None:
    keyfigures_import(content=fixture_bytes("kwb-2023.json"))
    keyfigures_import(content=fixture_bytes("kwb-2024.json"))
    assert list(
        KeyFigures.objects.filter(area_code="BU99010101").values_list("year", "population")
    ) == [(2024, 2185), (2023, 2150)]


def test_reimport_replaces_that_year_only(demo_areas: DemoAreas) -> None:
    keyfigures_import(content=fixture_bytes("kwb-2023.csv"))
    keyfigures_import(content=fixture_bytes("kwb-2024.json"))
    changed = fixture_bytes("kwb-2023.csv").replace(b'"2150"', b'"2222"')
    result = keyfigures_import(content=changed)
    assert result.replaced == 7
    assert KeyFigures.objects.filter(year=2023).count() == 7
    assert KeyFigures.objects.get(area_code="BU99010101", year=2023).population == 2222
    assert KeyFigures.objects.get(area_code="BU99010101", year=2024).population == 2185
    # The history of imports is kept.
    assert KeyFigureImport.objects.filter(year=2023).count() == 2


def test_a_bad_file_saves_nothing(demo_areas: DemoAreas) -> None:
    keyfigures_import(content=fixture_bytes("kwb-2023.csv"))
    before = (snapshot(2023), KeyFigureImport.objects.count())
    # One bad value in the last row: the good rows before it are not saved either.
    bad = fixture_bytes("kwb-2023.csv").replace(b'"2150"', b'"2222"').replace(b'"240";', b'"??";')
    with pytest.raises(CbsFileError) as caught:
        keyfigures_import(content=bad)
    assert [p.english() for p in caught.value.problems] == [
        "Row 10 (BU99010202), column “65 jaar of ouder (aantal)”: “??” is not a number and not "
        "a CBS sign for an unknown value."
    ]
    assert (snapshot(2023), KeyFigureImport.objects.count()) == before


def test_a_file_without_any_of_our_areas_is_refused(demo_areas: DemoAreas) -> None:
    other = b'"Codering";"Aantal inwoners"\n"GM0363";"900000"\n'
    with pytest.raises(CbsFileError):
        keyfigures_import(content=other, year=2023)
    assert not KeyFigureImport.objects.exists()


def test_may_write_limits_what_is_written_and_replaced(demo_areas: DemoAreas) -> None:
    keyfigures_import(content=fixture_bytes("kwb-2023.csv"))
    changed = fixture_bytes("kwb-2023.json").replace(
        b'"AantalInwoners_5": 2150', b'"AantalInwoners_5": 9'
    )

    def only_lindehof(area: Any) -> bool:
        return isinstance(area, Neighbourhood) and area.code == "BU99010101"

    result = keyfigures_import(content=changed, may_write=only_lindehof)
    assert (result.imported, result.replaced) == (1, 1)
    assert len(result.not_allowed_codes) == 6
    assert KeyFigures.objects.filter(year=2023).count() == 7
    assert KeyFigures.objects.get(area_code="BU99010101", year=2023).population == 9


def test_command_imports_and_reports(demo_areas: DemoAreas) -> None:
    out = StringIO()
    call_command("cbs_import", str(FIXTURES / "kwb-2024.csv"), "--year", "2024", stdout=out)
    assert "CBS 2024" in out.getvalue()
    assert "7 gebieden (areas)" in out.getvalue()
    assert "2 rijen overgeslagen" in out.getvalue()
    assert KeyFigures.objects.filter(year=2024).count() == 7


def test_command_reports_a_bad_file_in_dutch_and_english(
    demo_areas: DemoAreas, tmp_path: Any
) -> None:
    path = tmp_path / "kapot.csv"
    path.write_text('"Codering";"0 tot 15 jaar"\n"BU99010101";"5"\n', encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("cbs_import", str(path), "--year", "2024")
    text = str(caught.value)
    assert "niets opgeslagen (import aborted, nothing saved)" in text
    assert "Het bestand heeft geen kolom “aantal inwoners”" in text
    assert "(The file has no column “aantal inwoners”" in text
    assert not KeyFigures.objects.exists()
