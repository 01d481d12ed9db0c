from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from tests.factories import PersonFactory

from omzien.people import selectors
from omzien.people.models import Term

pytestmark = pytest.mark.django_db


def test_figures_hide_small_groups_entirely(areas, analyst) -> None:
    cooking, music = Term.objects.get(slug="cooking"), Term.objects.get(slug="music")
    baking = Term.objects.get(slug="cooking-baking")
    people = PersonFactory.create_batch(6, neighbourhood=areas.neighbourhood)
    for person in people[:3]:
        person.talents.add(cooking)
    for person in people[3:5]:
        person.talents.add(baking)  # narrower term: rolls up into cooking
    people[5].talents.add(music)
    figures = selectors.neighbourhood_figures(viewer=analyst, neighbourhood=areas.neighbourhood)
    assert figures.residents == 6
    assert figures.with_account is None  # nobody has an account: 0 < 5
    rows = [(row.label, row.count) for row in figures.talents]
    assert rows == [("Koken", 5)]  # music (1 person) is not even named


def test_figures_only_for_analysts_and_coordinators_in_their_area(
    areas, analyst, professional, resident
) -> None:
    with pytest.raises(PermissionDenied):
        selectors.neighbourhood_figures(viewer=professional, neighbourhood=areas.neighbourhood)
    with pytest.raises(PermissionDenied):
        selectors.neighbourhood_figures(viewer=resident.user, neighbourhood=areas.neighbourhood)


def test_volunteer_sees_only_people_who_consented_to_them(
    areas, volunteer, resident, other_resident
) -> None:
    from omzien.people import services

    assert selectors.persons_visible_to(volunteer).count() == 0
    services.consent_grant(
        actor=resident.user,
        person=resident,
        category="contact",
        purpose="activities",
        grantee_user=volunteer,
    )
    assert list(selectors.persons_visible_to(volunteer)) == [resident]
