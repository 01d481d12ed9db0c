"""The demo municipality's areas (codes as in omzien.people.demo), without its residents."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from omzien.keyfigures.demo import FIXTURES
from omzien.neighbourhoods.models import District, Municipality, Neighbourhood
from omzien.people.demo import DISTRICTS, MUNICIPALITY, NEIGHBOURHOODS


@dataclass
class DemoAreas:
    municipality: Municipality
    districts: dict[str, District]
    neighbourhoods: dict[str, Neighbourhood]

    @property
    def lindehof(self) -> Neighbourhood:
        return self.neighbourhoods["BU99010101"]


@pytest.fixture
def demo_areas(db: Any) -> DemoAreas:
    municipality = Municipality.objects.create(code=MUNICIPALITY[0], name=MUNICIPALITY[1])
    districts = {
        code: District.objects.create(code=code, name=name, municipality=municipality)
        for code, name, *_rest in DISTRICTS
    }
    neighbourhoods = {
        code: Neighbourhood.objects.create(
            code=code, name=name, district=districts["WK" + code[2:8]]
        )
        for code, name, *_rest in NEIGHBOURHOODS
    }
    return DemoAreas(municipality, districts, neighbourhoods)


def fixture_bytes(name: str) -> bytes:
    return (Path(FIXTURES) / name).read_bytes()
