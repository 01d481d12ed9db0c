from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from omzien.neighbourhoods.models import District, Municipality, Neighbourhood


def neighbourhoods_list() -> QuerySet[Neighbourhood]:
    return Neighbourhood.objects.select_related("district__municipality").order_by(
        "district__municipality__name", "district__name", "name"
    )


def municipalities_with_counts() -> QuerySet[Municipality]:
    return Municipality.objects.annotate(
        district_count=Count("districts", distinct=True),
        neighbourhood_count=Count("districts__neighbourhoods", distinct=True),
    )


def districts_list() -> QuerySet[District]:
    return District.objects.select_related("municipality")


def neighbourhood_by_code(code: str) -> Neighbourhood:
    return neighbourhoods_list().get(code=code.upper())


def neighbourhood_resident_count(neighbourhood: Neighbourhood) -> int:
    return neighbourhood.people.filter(Q(erased_at__isnull=True)).count()
