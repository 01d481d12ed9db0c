from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.accounts.models import Role, User
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.models import (
    ConsentCategory,
    ConsentMethod,
    ConsentPurpose,
    Language,
    Person,
)
from omzien.people.selectors import vocabulary_tree


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def term_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """Vocabulary grouped by top-level term, so checkboxes come in labelled groups."""
    return [
        (top.label, [(top.pk, top.label), *[(child.pk, child.label) for child in kids]])
        for top, kids in vocabulary_tree()
    ]


def recorded_method_field(label: Any) -> forms.ChoiceField:
    """How a professional heard the person's yes (never "online by the person")."""
    return forms.ChoiceField(
        label=label,
        choices=[(m.value, m.label) for m in (ConsentMethod.SPOKEN, ConsentMethod.WRITTEN)],
        widget=forms.RadioSelect,
    )


class TermField(forms.TypedMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(coerce=int, required=False, choices=term_choices, **kwargs)


class SignupForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=80)
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=120,
        required=False,
        help_text=_("You may leave this empty."),
    )
    email = forms.EmailField(label=_("E-mail address"))
    neighbourhood = forms.ModelChoiceField(
        label=_("Your neighbourhood"),
        queryset=Neighbourhood.objects.select_related("district").order_by("name"),
        empty_label=_("Choose your neighbourhood"),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters. Not only digits."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail address already exists."))
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        one, two = data.get("password1"), data.get("password2")
        if one and two and one != two:
            self.add_error("password2", _("The two passwords are not the same."))
        elif one:
            try:
                password_validation.validate_password(
                    one, User(email=data.get("email", ""), display_name=data.get("first_name", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class ProfileForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=80)
    last_name = forms.CharField(label=_("Last name"), max_length=120, required=False)
    about_me = forms.CharField(
        label=_("About me"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Tell something about yourself, in your own words."),
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages I speak"),
        queryset=Language.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    talents = TermField(label=_("What I am good at"))
    talents_text = forms.CharField(
        label=_("What I am good at, in my own words"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    interests = TermField(label=_("What I like"))
    interests_text = forms.CharField(
        label=_("What I like, in my own words"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    wishes = TermField(label=_("What I would like"))
    wishes_text = forms.CharField(
        label=_("What I would like, in my own words"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    share_gifts = forms.BooleanField(
        label=_("My talents may count on the neighbourhood map, without my name"),
        required=False,
        help_text=_(
            "The map shows what the neighbourhood has to offer. We only show groups of "
            "5 people or more, never names."
        ),
    )

    @classmethod
    def for_person(cls, person: Person, data: Any = None) -> ProfileForm:
        initial = {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "about_me": person.about_me,
            "languages": list(person.languages.all()),
            "talents": [t.pk for t in person.talents.all()],
            "talents_text": person.talents_text,
            "interests": [t.pk for t in person.interests.all()],
            "interests_text": person.interests_text,
            "wishes": [t.pk for t in person.wishes.all()],
            "wishes_text": person.wishes_text,
            "share_gifts": person.share_gifts,
        }
        return cls(data, initial=initial)


class ContactForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.RegexField(
        label=_("Phone number"),
        required=False,
        regex=r"^\+?[0-9 ()-]{8,20}$",
        error_messages={"invalid": _("Fill in a phone number, for example 06 12345678.")},
    )
    street_address = forms.CharField(
        label=_("Street and house number"), max_length=150, required=False
    )
    postcode = forms.RegexField(
        label=_("Postcode"),
        required=False,
        regex=r"^\s*[1-9][0-9]{3}\s?[A-Za-z]{2}\s*$",
        error_messages={"invalid": _("Fill in a postcode like 1234 AB.")},
    )


class RegisterPersonForm(ContactForm):
    first_name = forms.CharField(label=_("First name"), max_length=80)
    last_name = forms.CharField(label=_("Last name"), max_length=120, required=False)
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"), queryset=Neighbourhood.objects.none()
    )
    about_me = forms.CharField(
        label=_("About this person, in their own words"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent_method = recorded_method_field(_("How did the person give consent to be registered?"))
    consent_on = forms.DateField(label=_("On which date?"), widget=DateInput())

    field_order = [
        "first_name",
        "last_name",
        "neighbourhood",
        "phone",
        "email",
        "street_address",
        "postcode",
        "about_me",
        "consent_method",
        "consent_on",
    ]

    def __init__(self, *args: Any, neighbourhoods: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = neighbourhoods  # type: ignore[attr-defined]

    def clean_consent_on(self) -> Any:
        value = self.cleaned_data["consent_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("This date cannot be in the future."))
        return value


GRANTEE_ROLE_CHOICES = [
    ("", _("— nobody as a group —")),
    (Role.VOLUNTEER.value, _("volunteers and key figures in my neighbourhood")),
    (Role.PROFESSIONAL.value, _("professionals in my neighbourhood")),
    (Role.COORDINATOR.value, _("coordinators in my neighbourhood")),
]


class ConsentForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Which data?"), choices=ConsentCategory.choices, widget=forms.RadioSelect
    )
    purpose = forms.ChoiceField(
        label=_("For what?"), choices=ConsentPurpose.choices, widget=forms.RadioSelect
    )
    grantee_email = forms.EmailField(
        label=_("For one person: their e-mail address"),
        required=False,
        help_text=_("The person must have an account in omzien."),
    )
    grantee_role = forms.ChoiceField(
        label=_("Or for a group"), choices=GRANTEE_ROLE_CHOICES, required=False
    )
    valid_from = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    valid_until = forms.DateField(
        label=_("Until"),
        widget=DateInput(),
        required=False,
        help_text=_("Leave empty: until you stop it."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        email, role = data.get("grantee_email"), data.get("grantee_role")
        if bool(email) == bool(role):
            raise forms.ValidationError(_("Choose one person or one group."))
        if email:
            grantee = User.objects.filter(email__iexact=email, is_active=True).first()
            if grantee is None:
                self.add_error("grantee_email", _("Nobody in omzien has this e-mail address."))
            data["grantee_user"] = grantee
        return data


class RecordedConsentForm(ConsentForm):
    method = recorded_method_field(_("How did the person give consent?"))
    given_on = forms.DateField(label=_("On which date?"), widget=DateInput())


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class AuditFilterForm(forms.Form):
    category = forms.ChoiceField(
        label=_("What"),
        required=False,
        choices=[
            ("", _("all")),
            *ConsentCategory.choices,
            ("consent", _("consent")),
            ("all", _("all data")),
        ],
    )
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[
            ("", _("all")),
            ("read", _("viewed")),
            ("write", _("changed")),
            ("export", _("exported")),
            ("erase", _("erased")),
        ],
    )
    actor = forms.CharField(label=_("Who"), required=False, max_length=100)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_until = forms.DateField(label=_("Until"), required=False, widget=DateInput())


class EraseConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, I understand that this cannot be undone."),
        error_messages={"required": _("Tick the box to confirm.")},
    )
