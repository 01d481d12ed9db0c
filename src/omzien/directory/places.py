"""Which neighbourhood a place lies in: by its point, or else by its four-digit postcode.

A point is in the neighbourhood whose boundary (``Neighbourhood.geometry``, GeoJSON) contains
it. A place without a point (or with one outside every boundary) gets the neighbourhood of
its postcode area (``PostcodeArea``) when the centre of that area lies in exactly one
boundary. Otherwise it gets none.

The boundaries are read once and put in a grid of bounding boxes, so placing the locations
of a large HSDS import takes a fraction of a second, not a query per location.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

from omzien.directory.models import PostcodeArea, valid_point
from omzien.neighbourhoods.models import Neighbourhood

# Grid cell size in degrees (about 5.5 × 3.4 km in the Netherlands).
CELL = 0.05

Ring = list[tuple[float, float]]  # (longitude, latitude) pairs, closed


def _polygons(geometry: Any) -> list[list[Ring]]:
    """The polygons (outer ring and holes) of a GeoJSON Polygon or MultiPolygon."""
    if not isinstance(geometry, dict):
        return []
    coordinates = geometry.get("coordinates") or []
    if geometry.get("type") == "Polygon":
        coordinates = [coordinates]
    elif geometry.get("type") != "MultiPolygon":
        return []
    polygons = []
    try:
        for polygon in coordinates:
            rings = [[(float(p[0]), float(p[1])) for p in ring] for ring in polygon]
            if rings and len(rings[0]) >= 4:
                polygons.append(rings)
    except (TypeError, ValueError, IndexError):
        return []
    return polygons


def _in_ring(lon: float, lat: float, ring: Ring) -> bool:
    """Ray casting (even-odd rule)."""
    inside = False
    x1, y1 = ring[-1]
    for x2, y2 in ring:
        if (y2 > lat) != (y1 > lat) and lon < (x1 - x2) * (lat - y2) / (y1 - y2) + x2:
            inside = not inside
        x1, y1 = x2, y2
    return inside


def _in_polygon(lon: float, lat: float, rings: list[Ring]) -> bool:
    """Inside the outer ring and not in a hole."""
    if not _in_ring(lon, lat, rings[0]):
        return False
    return not any(_in_ring(lon, lat, hole) for hole in rings[1:])


class NeighbourhoodFinder:
    """Finds the neighbourhood of points and postcodes, from boundaries read once."""

    def __init__(self, neighbourhoods: Iterable[tuple[int, Any]] | None = None) -> None:
        if neighbourhoods is None:
            neighbourhoods = Neighbourhood.objects.filter(geometry__isnull=False).values_list(
                "pk", "geometry"
            )
        # (pk, polygon, bounding box) and a grid cell → indexes into it.
        self._shapes: list[tuple[int, list[Ring], tuple[float, float, float, float]]] = []
        self._grid: dict[tuple[int, int], list[int]] = {}
        for pk, geometry in sorted(neighbourhoods, key=lambda pair: pair[0]):
            for rings in _polygons(geometry):
                lons = [p[0] for p in rings[0]]
                lats = [p[1] for p in rings[0]]
                box = (min(lons), min(lats), max(lons), max(lats))
                index = len(self._shapes)
                self._shapes.append((pk, rings, box))
                for i in range(math.floor(box[0] / CELL), math.floor(box[2] / CELL) + 1):
                    for j in range(math.floor(box[1] / CELL), math.floor(box[3] / CELL) + 1):
                        self._grid.setdefault((i, j), []).append(index)
        self._postcodes: dict[str, int | None] | None = None

    def all_at(self, latitude: float | None, longitude: float | None) -> list[int]:
        """Every neighbourhood whose boundary contains the point (lowest id first)."""
        if not self._shapes or not valid_point(latitude, longitude):
            return []
        lat, lon = float(latitude), float(longitude)  # type: ignore[arg-type]
        found: list[int] = []
        for index in self._grid.get((math.floor(lon / CELL), math.floor(lat / CELL)), ()):
            pk, rings, (west, south, east, north) = self._shapes[index]
            if pk in found or not (west <= lon <= east and south <= lat <= north):
                continue
            if _in_polygon(lon, lat, rings):
                found.append(pk)
        return sorted(found)

    def at(self, latitude: float | None, longitude: float | None) -> int | None:
        """The neighbourhood containing the point (the lowest id where boundaries overlap)."""
        found = self.all_at(latitude, longitude)
        return found[0] if found else None

    def for_postcode(self, postcode: str | None) -> int | None:
        """The neighbourhood of a postcode's four-digit area, when its centre lies in
        exactly one neighbourhood."""
        digits = "".join(ch for ch in postcode or "" if ch.isdigit())[:4]
        if len(digits) != 4 or not self._shapes:
            return None
        return self.load_postcodes().get(digits)

    def load_postcodes(self) -> dict[str, int | None]:
        """The neighbourhood of each postcode area (read on first use, or now)."""
        if self._postcodes is None:
            self._postcodes = {}
            for code, lat, lon in PostcodeArea.objects.values_list(
                "postcode", "latitude", "longitude"
            ):
                found = self.all_at(lat, lon)
                self._postcodes[code] = found[0] if len(found) == 1 else None
        return self._postcodes

    def place(
        self, latitude: float | None, longitude: float | None, postcodes: Sequence[str] = ()
    ) -> int | None:
        """By the point, else by the first postcode that maps to one neighbourhood."""
        found = self.at(latitude, longitude)
        if found is not None:
            return found
        for postcode in postcodes:
            found = self.for_postcode(postcode)
            if found is not None:
                return found
        return None
