"""load_demo brings the CBS extract: the dashboard section has figures for the demo."""

from __future__ import annotations

from tests.keyfigures.conftest import DemoAreas

from omzien.keyfigures.demo import build_keyfigures_demo
from omzien.keyfigures.models import KeyFigureImport, KeyFigures
from omzien.keyfigures.selectors import neighbourhood_key_figures


def test_the_demo_imports_two_years_and_can_run_again(demo_areas: DemoAreas) -> None:
    assert build_keyfigures_demo() == 14
    assert build_keyfigures_demo() == 14
    assert KeyFigures.objects.count() == 14
    assert sorted(KeyFigureImport.objects.values_list("year", "source_format")) == [
        (2023, "csv"),
        (2023, "csv"),
        (2024, "odata"),
        (2024, "odata"),
    ]
    figures = neighbourhood_key_figures(demo_areas.lindehof)
    assert figures is not None
    assert (figures.year, figures.previous_year) == (2024, 2023)


def test_without_the_demo_municipality_nothing_happens(db: object) -> None:
    assert build_keyfigures_demo() == 0
    assert not KeyFigureImport.objects.exists()
