"""Shared fixtures: an area tree, one account per role, and logging in (with 2FA)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from tests.factories import PASSWORD, PersonFactory, UserFactory

from omzien.accounts.models import Role, User
from omzien.accounts.selectors import user_requires_two_factor
from omzien.accounts.services import role_assign, totp_device_create
from omzien.neighbourhoods.models import District, Municipality, Neighbourhood
from omzien.people.models import Person
from omzien.people.services import person_signup


@dataclass
class Areas:
    municipality: Municipality
    district: District
    other_district: District
    neighbourhood: Neighbourhood
    sibling: Neighbourhood  # same district
    elsewhere: Neighbourhood  # other district


@pytest.fixture
def areas(db: Any) -> Areas:
    m = Municipality.objects.create(code="GM0363", name="Amsterdam")
    d1 = District.objects.create(code="WK036301", name="Oost", municipality=m)
    d2 = District.objects.create(code="WK036302", name="West", municipality=m)
    return Areas(
        municipality=m,
        district=d1,
        other_district=d2,
        neighbourhood=Neighbourhood.objects.create(code="BU03630101", name="Bloemhof", district=d1),
        sibling=Neighbourhood.objects.create(code="BU03630102", name="Vogelbuurt", district=d1),
        elsewhere=Neighbourhood.objects.create(
            code="BU03630201", name="Havenkwartier", district=d2
        ),
    )


def make_user(role: str | None, area: Any, **kwargs: Any) -> User:
    user = UserFactory(**kwargs)
    if role:
        role_assign(user=user, role=role, area=area)
    if user_requires_two_factor(user):
        totp_device_create(user=user, confirmed=True)
    return user


@pytest.fixture
def resident(areas: Areas) -> Person:
    return person_signup(
        email="anna@example.org",
        password=PASSWORD,
        first_name="Anna",
        last_name="de Vries",
        neighbourhood=areas.neighbourhood,
    )


@pytest.fixture
def other_resident(areas: Areas) -> Person:
    return person_signup(
        email="bram@example.org",
        password=PASSWORD,
        first_name="Bram",
        neighbourhood=areas.neighbourhood,
    )


@pytest.fixture
def registered_person(areas: Areas) -> Person:
    """Someone without a login, registered with recorded consent."""
    return PersonFactory(neighbourhood=areas.neighbourhood, first_name="Cor", last_name="Bakker")


@pytest.fixture
def professional(areas: Areas) -> User:
    return make_user(Role.PROFESSIONAL, areas.district, display_name="Pim Professional")


@pytest.fixture
def other_professional(areas: Areas) -> User:
    return make_user(Role.PROFESSIONAL, areas.other_district, display_name="Olga Elders")


@pytest.fixture
def coordinator(areas: Areas) -> User:
    return make_user(Role.COORDINATOR, areas.municipality, display_name="Cato Coordinator")


@pytest.fixture
def volunteer(areas: Areas) -> User:
    return make_user(Role.VOLUNTEER, areas.neighbourhood, display_name="Vera Vrijwilliger")


@pytest.fixture
def analyst(areas: Areas) -> User:
    return make_user(Role.ANALYST, areas.municipality, display_name="Ali Analist")


def login(client: Client, user: User) -> Client:
    """Log in as a person would after passing 2FA (when their role needs it)."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def as_user(client: Client) -> Any:
    def _login(user: User) -> Client:
        return login(client, user)

    return _login
