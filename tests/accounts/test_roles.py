from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from tests.conftest import login
from tests.factories import UserFactory

from omzien.accounts.models import Role, RoleAssignment
from omzien.accounts.selectors import (
    neighbourhoods_for_roles,
    primary_role,
    user_has_role_for,
    user_requires_two_factor,
)
from omzien.accounts.services import role_assign, role_revoke, totp_device_create

pytestmark = pytest.mark.django_db


def test_role_on_a_district_covers_its_neighbourhoods_only(areas) -> None:
    user = UserFactory()
    role_assign(user=user, role=Role.PROFESSIONAL, area=areas.district)
    assert user_has_role_for(user, [Role.PROFESSIONAL], areas.neighbourhood)
    assert user_has_role_for(user, [Role.PROFESSIONAL], areas.sibling)
    assert not user_has_role_for(user, [Role.PROFESSIONAL], areas.elsewhere)
    assert not user_has_role_for(user, [Role.COORDINATOR], areas.neighbourhood)
    codes = set(neighbourhoods_for_roles(user, [Role.PROFESSIONAL]).values_list("code", flat=True))
    assert codes == {"BU03630101", "BU03630102"}


def test_role_on_a_municipality_covers_everything_in_it(areas) -> None:
    user = UserFactory()
    role_assign(user=user, role=Role.COORDINATOR, area=areas.municipality)
    assert neighbourhoods_for_roles(user, [Role.COORDINATOR]).count() == 3
    assert primary_role(user) == Role.COORDINATOR


def test_same_role_twice_is_one_assignment(areas) -> None:
    user = UserFactory()
    role_assign(user=user, role=Role.VOLUNTEER, area=areas.neighbourhood)
    role_assign(user=user, role=Role.VOLUNTEER, area=areas.neighbourhood)
    assert RoleAssignment.objects.filter(user=user).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(
            user=user, role=Role.VOLUNTEER, neighbourhood=areas.neighbourhood
        )


def test_a_role_needs_exactly_one_area(areas) -> None:
    user = UserFactory()
    assignment = RoleAssignment(
        user=user, role=Role.ANALYST, municipality=areas.municipality, district=areas.district
    )
    with pytest.raises(ValidationError):
        assignment.full_clean()
    with pytest.raises(ValidationError):
        RoleAssignment(user=user, role=Role.ANALYST).full_clean()


@pytest.mark.parametrize(
    ("role", "needs_2fa"),
    [
        (Role.RESIDENT, False),
        (Role.VOLUNTEER, False),
        (Role.ANALYST, False),
        (Role.PROFESSIONAL, True),
        (Role.COORDINATOR, True),
        (Role.ADMIN, True),
    ],
)
def test_two_factor_roles(areas, role, needs_2fa) -> None:
    user = UserFactory()
    role_assign(user=user, role=role, area=areas.municipality)
    assert user_requires_two_factor(user) is needs_2fa


def test_admin_role_opens_the_management_site_for_areas_not_people(client, areas) -> None:
    user = UserFactory()
    assignment = role_assign(user=user, role=Role.ADMIN, area=areas.municipality)
    user.refresh_from_db()
    assert user.is_staff and not user.is_superuser
    totp_device_create(user=user, confirmed=True)
    login(client, user)
    assert client.get("/beheer/neighbourhoods/neighbourhood/").status_code == 200
    assert client.get("/beheer/people/term/").status_code == 200
    # Profiles, consents and notes are not for the management site.
    assert client.get("/beheer/people/person/").status_code == 403
    role_revoke(assignment=assignment)
    user.refresh_from_db()
    assert not user.is_staff
    assert client.get("/beheer/neighbourhoods/neighbourhood/").status_code == 302
