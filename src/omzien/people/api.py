"""The signed-in person's own profile, consents and data export."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from omzien.accounts.models import User
from omzien.people import selectors, services
from omzien.people.forms import ContactForm
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


class ContactIn(Schema):
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=30)
    street_address: str | None = Field(default=None, max_length=150)
    postcode: str | None = Field(default=None, max_length=7)


class VocabularyTermOut(Schema):
    key: str
    label_nl: str
    label_en: str
    narrower: list[TermOut]


class LanguageOut(Schema):
    code: str
    name_nl: str
    name_en: str


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


def _me(request: HttpRequest) -> Person:
    person = selectors.person_of(request.user)
    if person is None:
        raise HttpError(404, "No resident profile / geen bewonersprofiel")
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


@router.patch("/me/contact", response={200: ProfileOut, 400: ErrorOut, 404: ErrorOut})
def patch_my_contact(request: HttpRequest, payload: ContactIn) -> Any:
    """Change your own contact details (only you, and people you gave consent, see them)."""
    person = _me(request)
    fields = {
        key: value for key, value in payload.dict(exclude_unset=True).items() if value is not None
    }
    # The same form as the page, so the API accepts and refuses exactly the same input.
    current = {name: getattr(person, name) for name in services.CONTACT_FIELDS}
    form = ContactForm(data={**current, **fields})
    if not form.is_valid():
        raise ValidationError(
            {
                name: [error["message"] for error in errors]
                for name, errors in form.errors.get_json_data().items()
            }
        )
    services.person_update_contact(
        actor=request.user, person=person, **{key: form.cleaned_data[key] for key in fields}
    )
    return selectors.person_for_viewer(viewer=request.user, pk=person.pk)


@router.get("/vocabulary", response=list[VocabularyTermOut], auth=None, tags=["vocabulary"])
def list_vocabulary(request: HttpRequest) -> Any:
    """The talents/interests/wishes vocabulary: broad terms with their narrower terms."""
    return [
        {"key": top.slug, "label_nl": top.label_nl, "label_en": top.label_en, "narrower": kids}
        for top, kids in selectors.vocabulary_tree()
    ]


@router.get("/languages", response=list[LanguageOut], auth=None, tags=["vocabulary"])
def list_languages(request: HttpRequest) -> Any:
    return list(Language.objects.all())
