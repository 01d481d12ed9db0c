"""The signed-in person's own profile, consents and data export."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import Field

from omzien.accounts.models import User
from omzien.people import selectors, services
from omzien.people.models import ConsentCategory, ConsentPurpose, Language, Person, Term

router = Router(tags=["me"])


class TermOut(Schema):
    key: str = Field(alias="slug")
    label_nl: str
    label_en: str


class ProfileOut(Schema):
    id: int
    first_name: str
    last_name: str
    neighbourhood: str = Field(alias="neighbourhood.code")
    about_me: str
    languages: list[str]
    talents: list[TermOut]
    talents_text: str
    interests: list[TermOut]
    interests_text: str
    wishes: list[TermOut]
    wishes_text: str
    email: str
    phone: str
    street_address: str
    postcode: str

    @staticmethod
    def resolve_languages(obj: Person) -> list[str]:
        return [language.code for language in obj.languages.all()]

    @staticmethod
    def resolve_talents(obj: Person) -> list[Term]:
        return list(obj.talents.all())

    @staticmethod
    def resolve_interests(obj: Person) -> list[Term]:
        return list(obj.interests.all())

    @staticmethod
    def resolve_wishes(obj: Person) -> list[Term]:
        return list(obj.wishes.all())


class ProfilePatch(Schema):
    first_name: str | None = Field(default=None, min_length=1, max_length=80)
    last_name: str | None = Field(default=None, max_length=120)
    about_me: str | None = Field(default=None, max_length=5000)
    talents_text: str | None = Field(default=None, max_length=5000)
    interests_text: str | None = Field(default=None, max_length=5000)
    wishes_text: str | None = Field(default=None, max_length=5000)
    talents: list[str] | None = None
    interests: list[str] | None = None
    wishes: list[str] | None = None
    languages: list[str] | None = None


class ConsentOut(Schema):
    id: int
    category: str
    purpose: str
    grantee: str = Field(alias="grantee_label")
    grantee_role: str
    valid_from: datetime.date
    valid_until: datetime.date | None
    method: str
    given_on: datetime.date
    revoked_at: datetime.datetime | None
    in_force: bool = Field(alias="is_in_force")


class ConsentIn(Schema):
    category: ConsentCategory
    purpose: ConsentPurpose
    grantee_email: str | None = None
    grantee_role: str = ""
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


def _me(request: HttpRequest) -> Person:
    person = selectors.person_of(request.user)
    if person is None:
        raise Http404("No resident profile / Geen bewonersprofiel")
    return person


def _terms(slugs: list[str] | None, field: str) -> list[Term] | None:
    if slugs is None:
        return None
    found = {term.slug: term for term in Term.objects.filter(slug__in=slugs)}
    missing = sorted(set(slugs) - set(found))
    if missing:
        raise ValidationError(
            {field: [f"Unknown vocabulary key(s) / onbekende term(en): {', '.join(missing)}"]}
        )
    return [found[slug] for slug in slugs]


@router.get("/me", response={200: ProfileOut, 404: ErrorOut})
def get_me(request: HttpRequest) -> Any:
    person = _me(request)
    person = selectors.person_for_viewer(viewer=request.user, pk=person.pk)
    return person


@router.patch("/me", response={200: ProfileOut, 400: ErrorOut, 404: ErrorOut})
def patch_me(request: HttpRequest, payload: ProfilePatch) -> Any:
    person = _me(request)
    data = payload.dict(exclude_unset=True)
    languages = None
    if "languages" in data:
        codes = data.pop("languages") or []
        languages = list(Language.objects.filter(code__in=codes))
        if len(languages) != len(set(codes)):
            raise ValidationError({"languages": ["Unknown language code / onbekende taalcode"]})
    services.person_update_profile(
        actor=request.user,
        person=person,
        talents=_terms(data.pop("talents", None), "talents"),
        interests=_terms(data.pop("interests", None), "interests"),
        wishes=_terms(data.pop("wishes", None), "wishes"),
        languages=languages,
        **{key: value for key, value in data.items() if value is not None},
    )
    return selectors.person_for_viewer(viewer=request.user, pk=person.pk)


@router.get("/me/consents", response={200: list[ConsentOut], 404: ErrorOut})
def list_my_consents(request: HttpRequest) -> Any:
    return list(selectors.consents_of(_me(request)))


@router.post("/me/consents", response={201: ConsentOut, 400: ErrorOut, 404: ErrorOut})
def grant_consent(request: HttpRequest, payload: ConsentIn) -> Any:
    person = _me(request)
    grantee = None
    if bool(payload.grantee_email) == bool(payload.grantee_role):
        raise ValidationError(
            {"grantee": ["Give grantee_email or grantee_role / geef één persoon of één rol"]}
        )
    if payload.grantee_email:
        grantee = User.objects.filter(email__iexact=payload.grantee_email, is_active=True).first()
        if grantee is None:
            raise ValidationError({"grantee_email": ["No such account / onbekend e-mailadres"]})
    consent = services.consent_grant(
        actor=request.user,
        person=person,
        category=payload.category,
        purpose=payload.purpose,
        grantee_user=grantee,
        grantee_role=payload.grantee_role,
        valid_from=payload.valid_from,
        valid_until=payload.valid_until,
    )
    return Status(201, consent)


@router.post(
    "/me/consents/{consent_id}/revoke", response={200: ConsentOut, 400: ErrorOut, 404: ErrorOut}
)
def revoke_consent(request: HttpRequest, consent_id: int) -> Any:
    person = _me(request)
    consent = get_object_or_404(person.consents.all(), pk=consent_id)
    return services.consent_revoke(actor=request.user, consent=consent)


@router.get("/me/export", response={200: dict, 404: ErrorOut})
def export_me(request: HttpRequest) -> Any:
    return services.person_export(actor=request.user, person=_me(request))
