from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from omzien.neighbourhoods import selectors

router = Router(tags=["areas"])


class MunicipalityOut(Schema):
    code: str
    name: str


class DistrictOut(Schema):
    code: str
    name: str
    municipality: MunicipalityOut


class NeighbourhoodOut(Schema):
    code: str
    name: str
    description: str
    latitude: Decimal | None
    longitude: Decimal | None
    district: DistrictOut


class NeighbourhoodDetailOut(NeighbourhoodOut):
    geometry: dict | None


@router.get("/municipalities", response=list[MunicipalityOut], auth=None)
@paginate
def list_municipalities(request: HttpRequest):
    return selectors.municipalities_with_counts()


@router.get("/districts", response=list[DistrictOut], auth=None)
@paginate
def list_districts(request: HttpRequest, municipality: str = ""):
    districts = selectors.districts_list()
    if municipality:
        districts = districts.filter(municipality__code=municipality.upper())
    return districts


@router.get("/neighbourhoods", response=list[NeighbourhoodOut], auth=None)
@paginate
def list_neighbourhoods(request: HttpRequest, district: str = "", municipality: str = ""):
    neighbourhoods = selectors.neighbourhoods_list()
    if district:
        neighbourhoods = neighbourhoods.filter(district__code=district.upper())
    if municipality:
        neighbourhoods = neighbourhoods.filter(district__municipality__code=municipality.upper())
    return neighbourhoods


@router.get("/neighbourhoods/{code}", response=NeighbourhoodDetailOut, auth=None)
def get_neighbourhood(request: HttpRequest, code: str):
    return get_object_or_404(selectors.neighbourhoods_list(), code=code.upper())
