"""Factories shared by all test modules."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from omzien.accounts.models import User
from omzien.neighbourhoods.models import District, Municipality, Neighbourhood
from omzien.people.models import ConsentMethod, Person

PASSWORD = "a-long-test-password-42"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"GM{9000 + n:04d}")
    name = factory.Sequence(lambda n: f"Gemeente {n}")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    municipality = factory.SubFactory(MunicipalityFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"WK{o.municipality.code[2:]}{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Wijk {n}")


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    district = factory.SubFactory(DistrictFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"BU{o.district.code[2:]}{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Buurt {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class PersonFactory(factory.django.DjangoModelFactory):
    """A resident registered without a login (with recorded consent)."""

    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Bewoner{n}")
    last_name = "Jansen"
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    phone = factory.Sequence(lambda n: f"06 {10000000 + n}")
    email = factory.Sequence(lambda n: f"bewoner{n}@example.org")
    street_address = factory.Sequence(lambda n: f"Lindelaan {n}")
    postcode = "1234AB"
    registration_consent_on = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=1)
    )
    registration_consent_method = ConsentMethod.SPOKEN
