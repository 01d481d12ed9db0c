"""People: resident profiles, the talent/interest vocabulary, consent per purpose and notes.

There is deliberately no field for a diagnosis, care label or indication. People describe
what they like, can do and wish for in their own words.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from omzien.accounts.models import Role
from omzien.core.models import TimeStampedModel


class Term(models.Model):
    """A word from the shared vocabulary for talents, interests and wishes (hierarchical)."""

    slug = models.SlugField(_("key"), max_length=60, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("broader term"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    label_nl = models.CharField(_("label (Dutch)"), max_length=100)
    label_en = models.CharField(_("label (English)"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "label_nl"]
        verbose_name = _("vocabulary term")
        verbose_name_plural = _("vocabulary")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_en if (get_language() or "nl").startswith("en") else self.label_nl


class Language(models.Model):
    code = models.CharField(_("code"), max_length=8, primary_key=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=60)

    class Meta:
        ordering = ["name_nl"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "nl").startswith("en") else self.name_nl


class ConsentMethod(models.TextChoices):
    SELF_ONLINE = "self_online", _("given by the person online")
    SPOKEN = "spoken", _("said in a conversation")
    WRITTEN = "written", _("signed on paper")


class PersonQuerySet(models.QuerySet["Person"]):
    def active(self) -> PersonQuerySet:
        return self.filter(erased_at__isnull=True)


class Person(TimeStampedModel):
    """A resident profile. It may exist without a login."""

    # PROTECT: an account with a profile is removed through erasure (person_erase), which
    # blanks the profile first; deleting the account alone would orphan it.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="person",
    )
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=120, blank=True)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("neighbourhood"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    # Contact details: a sensitive category, shown to others only with consent.
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    street_address = models.CharField(_("street and house number"), max_length=150, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)

    languages = models.ManyToManyField(
        Language, verbose_name=_("languages I speak"), blank=True, related_name="+"
    )
    about_me = models.TextField(_("about me"), blank=True)
    talents = models.ManyToManyField(
        Term, verbose_name=_("what I am good at"), blank=True, related_name="talent_of"
    )
    talents_text = models.TextField(_("what I am good at, in my own words"), blank=True)
    interests = models.ManyToManyField(
        Term, verbose_name=_("what I like"), blank=True, related_name="interest_of"
    )
    interests_text = models.TextField(_("what I like, in my own words"), blank=True)
    wishes = models.ManyToManyField(
        Term, verbose_name=_("what I would like"), blank=True, related_name="wish_of"
    )
    wishes_text = models.TextField(_("what I would like, in my own words"), blank=True)
    # Counted (never named) among the neighbourhood's gifts on the asset map.
    share_gifts = models.BooleanField(
        _("my talents may count on the neighbourhood map, without my name"), default=False
    )

    # A person registered by a professional (without a login) needs recorded consent.
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registration_consent_on = models.DateField(
        _("consent to register given on"), null=True, blank=True
    )
    registration_consent_method = models.CharField(
        _("how consent to register was given"),
        max_length=20,
        choices=ConsentMethod.choices,
        blank=True,
    )
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["first_name", "last_name", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                name="people_person_registration_consent",
                condition=(
                    Q(user__isnull=False)
                    | Q(erased_at__isnull=False)
                    | (
                        Q(registration_consent_on__isnull=False)
                        & ~Q(registration_consent_method="")
                    )
                ),
                violation_error_message=_(
                    "Someone without an account can only be registered with recorded consent."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("people:detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        super().clean()
        if self.user_id is None and self.erased_at is None:
            errors = {}
            if not self.registration_consent_on:
                errors["registration_consent_on"] = _("Fill in when the person gave consent.")
            if not self.registration_consent_method:
                errors["registration_consent_method"] = _("Fill in how the person gave consent.")
            if errors:
                raise ValidationError(errors)
        if self.registration_consent_on and self.registration_consent_on > timezone.localdate():
            raise ValidationError(
                {"registration_consent_on": _("This date cannot be in the future.")}
            )

    @property
    def display_name(self) -> str:
        if self.erased_at:
            return str(_("(erased)"))
        return f"{self.first_name} {self.last_name}".strip()


class ConsentCategory(models.TextChoices):
    CONTACT = "contact", _("contact details")
    NETWORK = "network", _("support network")
    EARLY_WARNING_PLAN = "plan", _("early-warning plan")
    ATTENDANCE = "attendance", _("attendance")
    NOTES = "notes", _("notes")


class ConsentPurpose(models.TextChoices):
    SUPPORT = "support", _("support and help")
    STAYING_IN_VIEW = "in_view", _("getting in touch when I am missed")
    ACTIVITIES = "activities", _("organising activities")
    MATCHING = "matching", _("finding a buddy, task or help")


class ConsentQuerySet(models.QuerySet["Consent"]):
    def in_force(self, on: Any = None) -> ConsentQuerySet:
        today = on or timezone.localdate()
        return self.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=today),
            revoked_at__isnull=True,
            valid_from__lte=today,
        )


class Consent(TimeStampedModel):
    """A person lets a named person, or everyone with a role in their area, use one
    category of their data for one purpose. Never edited: revoking sets `revoked_at`."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="consents"
    )
    category = models.CharField(_("which data"), max_length=20, choices=ConsentCategory.choices)
    purpose = models.CharField(_("for what"), max_length=20, choices=ConsentPurpose.choices)
    grantee_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("for this person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consents_received",
    )
    grantee_role = models.CharField(
        _("for everyone with this role in my neighbourhood"), max_length=20, blank=True
    )
    valid_from = models.DateField(_("from"), default=timezone.localdate)
    valid_until = models.DateField(_("until"), null=True, blank=True)
    method = models.CharField(_("how it was given"), max_length=20, choices=ConsentMethod.choices)
    given_on = models.DateField(_("given on"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                name="people_consent_one_grantee",
                condition=(
                    (Q(grantee_user__isnull=False) & Q(grantee_role=""))
                    | (Q(grantee_user__isnull=True) & ~Q(grantee_role=""))
                    # What is left after the grantee's account was erased.
                    | Q(grantee_user__isnull=True, grantee_role="", revoked_at__isnull=False)
                ),
                violation_error_message=_("Choose a person or a role, not both."),
            ),
            models.CheckConstraint(
                name="people_consent_until_after_from",
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                violation_error_message=_("The end date must be on or after the start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.grantee_label}: {self.get_category_display()}"

    @property
    def grantee_label(self) -> str:
        if self.grantee_user_id:
            return str(self.grantee_user)
        if self.grantee_role in Role.values:
            return str(Role(self.grantee_role).label)
        return str(_("(removed account)"))

    @property
    def is_in_force(self) -> bool:
        today = timezone.localdate()
        return (
            self.revoked_at is None
            and self.valid_from <= today
            and (self.valid_until is None or self.valid_until >= today)
        )


class Note(TimeStampedModel):
    """A short working note about a person, written and read only with their consent."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_label = models.CharField(_("written by (name)"), max_length=200)
    purpose = models.CharField(_("for what"), max_length=20, choices=ConsentPurpose.choices)
    text = models.TextField(_("note"), max_length=4000)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self) -> str:
        return f"{self.person} · {self.created_at:%Y-%m-%d}"
