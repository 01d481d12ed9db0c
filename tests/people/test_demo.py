"""The demo data builder and the demo-only two-factor helper."""

from __future__ import annotations

import base64
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.accounts.models import TWO_FACTOR_ROLES, Role, RoleAssignment
from omzien.accounts.services import totp_device_create, user_create
from omzien.core.models import AuditEntry
from omzien.neighbourhoods.models import District, Municipality, Neighbourhood
from omzien.people.demo import ACCOUNTS, PASSWORD, base32_secret, build_demo
from omzien.people.models import Consent, ConsentCategory, Note, Person

User = get_user_model()

FORBIDDEN = re.compile(
    r"diagnos|\bggz\b|\blvb\b|psychiatr|psychos|autis|\badhd\b|schizo|stoornis|beperking"
    r"|verslav|depressi|cliënt|\bclient\b|indicatie|patiënt|\bpatient\b|\bzorgvrager",
    re.IGNORECASE,
)


@pytest.fixture
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(fast_hashing):
    return build_demo()


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Municipality,
            District,
            Neighbourhood,
            Person,
            Consent,
            Note,
            User,
            RoleAssignment,
            TOTPDevice,
            AuditEntry,
        )
    }


@pytest.mark.django_db
def test_build_demo_creates_areas_residents_and_one_account_per_role(demo):
    municipality = Municipality.objects.get(code="GM9901")
    assert municipality.name == "Omzienstad"
    assert Municipality.objects.count() == 1
    assert set(District.objects.values_list("code", flat=True)) == {"WK990101", "WK990102"}
    assert set(Neighbourhood.objects.values_list("code", flat=True)) == {
        "BU99010101",
        "BU99010102",
        "BU99010201",
        "BU99010202",
    }
    for neighbourhood in Neighbourhood.objects.all():
        assert neighbourhood.latitude is not None and neighbourhood.description
        assert neighbourhood.people.count() >= 40

    residents = Person.objects.filter(neighbourhood__district__municipality=municipality)
    assert 250 <= residents.count() <= 350
    assert demo.residents == residents.count()
    # Everyone without a login was registered with recorded consent.
    assert not residents.filter(user__isnull=True, registration_consent_on__isnull=True).exists()
    assert residents.filter(registered_by__isnull=False).exists()
    assert residents.filter(last_name="").exists()
    for person in residents.prefetch_related("talents", "interests", "wishes", "languages"):
        assert 1 <= len(person.talents.all()) <= 4
        assert 1 <= len(person.interests.all()) <= 4
        assert len(person.wishes.all()) <= 3
        assert person.languages.all()
        assert person.about_me

    # One account per role, with its role in the documented area.
    assert {account.role for account in demo.accounts} == set(Role.values)
    expected_area = {
        Role.RESIDENT: "BU99010101",
        Role.VOLUNTEER: "BU99010101",
        Role.PROFESSIONAL: "WK990101",
        Role.COORDINATOR: "GM9901",
        Role.ANALYST: "GM9901",
        Role.ADMIN: "GM9901",
    }
    for account in demo.accounts:
        assert account.email == f"demo-{account.role}@omzien.invalid"
        assert account.password == PASSWORD
        user = User.objects.get(email=account.email)
        assert user.check_password(PASSWORD)
        (assignment,) = RoleAssignment.objects.filter(user=user)
        assert assignment.role == account.role
        assert assignment.area.code == expected_area[account.role]
        devices = TOTPDevice.objects.filter(user=user)
        if account.role in TWO_FACTOR_ROLES:
            (device,) = devices
            assert device.confirmed
            assert len(device.key) == 40
            assert base64.b32decode(account.totp_secret) == device.bin_key
        else:
            assert account.totp_secret is None
            assert not devices.exists()
    admin = User.objects.get(email="demo-admin@omzien.invalid")
    assert admin.is_staff and admin.is_superuser
    assert not User.objects.filter(is_superuser=True).exclude(pk=admin.pk).exists()

    # The resident has a profile and let the professional and the volunteer reach them.
    resident = Person.objects.get(user__email="demo-resident@omzien.invalid")
    assert resident.neighbourhood.code == "BU99010101"
    assert resident.talents.exists()
    professional = User.objects.get(email="demo-professional@omzien.invalid")
    volunteer = User.objects.get(email="demo-volunteer@omzien.invalid")
    in_force = Consent.objects.in_force()
    assert in_force.filter(
        person=resident, grantee_user=professional, category=ConsentCategory.CONTACT
    ).exists()
    assert in_force.filter(grantee_user=volunteer).count() >= 5

    # A realistic share of residents consented to the professionals in their area.
    share = (
        in_force.filter(grantee_role=Role.PROFESSIONAL, category=ConsentCategory.CONTACT)
        .values("person")
        .distinct()
        .count()
        / residents.count()
    )
    assert 0.3 <= share <= 0.5
    assert in_force.filter(grantee_user=professional, category=ConsentCategory.NOTES).exists()
    # Consents recorded by staff say how they were given; all are audit-logged.
    assert not in_force.exclude(person=resident).filter(method="self_online").exists()
    assert AuditEntry.objects.filter(category="consent").count() >= in_force.count() - 50


@pytest.mark.django_db
def test_build_demo_twice_duplicates_nothing(demo):
    before = counts()
    again = build_demo()
    assert counts() == before
    assert again.residents_created == 0
    assert again.accounts_created == 0
    assert again.consents_created == 0
    assert again.accounts == demo.accounts


@pytest.mark.django_db
def test_build_demo_is_deterministic(demo):
    names = list(Person.objects.order_by("pk").values_list("first_name", "last_name"))
    Consent.objects.all().delete()
    Person.objects.all().delete()
    build_demo()
    assert list(Person.objects.order_by("pk").values_list("first_name", "last_name")) == names


@pytest.mark.django_db
def test_demo_data_holds_no_diagnosis_or_care_label(demo):
    text_fields = [
        "first_name",
        "last_name",
        "about_me",
        "talents_text",
        "interests_text",
        "wishes_text",
        "street_address",
    ]
    for person in Person.objects.prefetch_related("talents", "interests", "wishes"):
        texts = [getattr(person, name) for name in text_fields]
        for relation in (person.talents, person.interests, person.wishes):
            texts += [term.label_nl for term in relation.all()]
        for text in texts:
            assert not FORBIDDEN.search(text), (person.pk, text)
    for neighbourhood in Neighbourhood.objects.all():
        assert not FORBIDDEN.search(neighbourhood.description + neighbourhood.name)


@pytest.mark.django_db
def test_totp_code_prints_a_code_the_demo_device_accepts(demo, settings):
    settings.DEMO = True
    for spec in ACCOUNTS:
        if not spec.totp_key:
            continue
        out = io.StringIO()
        call_command("totp_code", spec.email.upper(), stdout=out)
        code = out.getvalue().strip()
        assert re.fullmatch(r"\d{6}", code)
        device = TOTPDevice.objects.get(user__email=spec.email, confirmed=True)
        assert device.verify_token(code)
        assert base32_secret(device.key) == base32_secret(spec.totp_key)


@pytest.mark.django_db
def test_totp_code_refuses_outside_the_demo(settings, fast_hashing):
    settings.DEMO = False
    user = user_create(email="someone@omzien.invalid", password="x-long-password-1")
    totp_device_create(user=user, confirmed=True)
    out = io.StringIO()
    with pytest.raises(CommandError, match="OMZIEN_DEMO"):
        call_command("totp_code", "someone@omzien.invalid", stdout=out)
    assert out.getvalue() == ""


@pytest.mark.django_db
def test_totp_code_explains_unknown_account_and_missing_device(settings, fast_hashing):
    settings.DEMO = True
    with pytest.raises(CommandError, match="nobody@omzien.invalid"):
        call_command("totp_code", "nobody@omzien.invalid")
    user = user_create(email="someone@omzien.invalid", password="x-long-password-1")
    totp_device_create(user=user, confirmed=False)  # set up, but never confirmed
    with pytest.raises(CommandError, match="TOTP"):
        call_command("totp_code", "someone@omzien.invalid")


@pytest.mark.django_db
def test_load_demo_prints_how_to_log_in(settings, fast_hashing):
    settings.DEMO = True
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8000/" in text
    for spec in ACCOUNTS:
        assert spec.email in text
        if spec.totp_key:
            grouped = " ".join(re.findall(".{1,4}", base32_secret(spec.totp_key)))
            assert grouped in text
            assert f"manage.py totp_code {spec.email}" in text
            assert f"omzien totp_code {spec.email}" in text
    assert PASSWORD in text

    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "niets dubbel" in out.getvalue()


def test_load_demo_refuses_outside_the_demo(settings):
    settings.DEMO = False
    with pytest.raises(CommandError, match="OMZIEN_DEMO"):
        call_command("load_demo")
