"""CBS area codes: GM + 4 digits, WK + 6, BU + 8 (Statistics Netherlands' wijk- en buurtcodes)."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

CBS_PATTERNS = {
    "GM": re.compile(r"^GM\d{4}$"),
    "WK": re.compile(r"^WK\d{6}$"),
    "BU": re.compile(r"^BU\d{8}$"),
}


@deconstructible
class CbsCodeValidator:
    """Checks the shape of a CBS code: a two-letter prefix and a fixed number of digits."""

    def __init__(self, prefix: str, digits: int) -> None:
        self.prefix = prefix
        self.digits = digits

    def __call__(self, value: str) -> None:
        if not CBS_PATTERNS[self.prefix].match(value or ""):
            raise ValidationError(
                _(
                    "%(value)s is not a valid CBS code: "
                    "use %(prefix)s followed by %(digits)s digits."
                ),
                code="invalid_cbs_code",
                params={"value": value, "prefix": self.prefix, "digits": self.digits},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CbsCodeValidator) and (self.prefix, self.digits) == (
            other.prefix,
            other.digits,
        )


validate_municipality_code = CbsCodeValidator("GM", 4)
validate_district_code = CbsCodeValidator("WK", 6)
validate_neighbourhood_code = CbsCodeValidator("BU", 8)


def validate_geometry(value: Any) -> None:
    """Accept a GeoJSON Polygon or MultiPolygon with WGS84 coordinates."""
    if value in (None, ""):
        return
    if not isinstance(value, dict) or value.get("type") not in {"Polygon", "MultiPolygon"}:
        raise ValidationError(_("The geometry must be a GeoJSON Polygon or MultiPolygon."))
    polygons = value.get("coordinates") or []
    if value["type"] == "Polygon":
        polygons = [polygons]
    try:
        for polygon in polygons:
            for ring in polygon:
                if len(ring) < 4 or ring[0] != ring[-1]:
                    raise ValidationError(_("Each ring of the geometry must be closed."))
                for lon, lat, *_rest in ring:
                    if not (-180 <= float(lon) <= 180 and -90 <= float(lat) <= 90):
                        raise ValidationError(_("Coordinates must be longitude/latitude (WGS84)."))
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("The geometry coordinates are not valid.")) from exc
