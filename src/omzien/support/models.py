"""Staying in view: a person's support network and their early-warning plan.

The network (``NetworkMember``) is the people around a person, in the person's own words:
who, how they know them, how often they are in touch, and whether they may be called
when things go less well. A member may be linked to an omzien account, so that the
person can choose them as someone who may read their plan.

The early-warning plan (*signaleringsplan*) is append-only: every save adds a
``PlanVersion`` with its ``PlanContact`` rows, so older versions stay readable with who
wrote them and when. Who may read the plan is the person's consent for the category
"early-warning plan" (``people.Consent``), so it shows and can be withdrawn on the
person's consent page too.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from omzien.core.models import TimeStampedModel

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()\-]{5,24}$",
    _("Fill in a phone number with digits, for example 06 12345678."),
)


class Relation(models.TextChoices):
    FAMILY = "family", _("family")
    FRIEND = "friend", _("friend")
    NEIGHBOUR = "neighbour", _("neighbour")
    VOLUNTEER = "volunteer", _("volunteer or buddy")
    PEER = "peer", _("expert by experience")
    PROFESSIONAL = "professional", _("professional")
    OTHER = "other", _("someone else")


class ContactFrequency(models.TextChoices):
    """How often the person is in touch; also the ring on the circle map (inner first)."""

    DAILY = "daily", _("every day")
    WEEKLY = "weekly", _("every week")
    MONTHLY = "monthly", _("every month")
    LESS = "less", _("less often")


#: At least monthly contact: the people who count for "a small network".
REGULAR_FREQUENCIES = (ContactFrequency.DAILY, ContactFrequency.WEEKLY, ContactFrequency.MONTHLY)


class NetworkMember(TimeStampedModel):
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="network_members",
    )
    name = models.CharField(_("name"), max_length=80)
    relation = models.CharField(_("who is this for you"), max_length=20, choices=Relation.choices)
    description = models.CharField(
        _("in your own words"),
        max_length=200,
        blank=True,
        help_text=_("For example: my sister, my buddy from the walking group."),
    )
    frequency = models.CharField(
        _("how often are you in touch"), max_length=10, choices=ContactFrequency.choices
    )
    call_when_less_well = models.BooleanField(
        _("I may call this person when things go less well"), default=False
    )
    phone = models.CharField(
        _("phone number"), max_length=30, blank=True, validators=[phone_validator]
    )
    # Optional: the member's omzien account, so the person can let them read the plan.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("omzien account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["person", "name", "pk"]
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "user"],
                condition=models.Q(user__isnull=False),
                name="support_member_account_once",
                violation_error_message=_("This account is already in your network."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class PlanPhase(models.TextChoices):
    WELL = "well", _("going well")
    LESS_WELL = "less_well", _("going less well")
    CRISIS = "crisis", _("crisis")


#: The fields a plan version has for each phase, in the order the form and the PDF show them.
PHASE_FIELDS = ("signs", "helps", "others_do", "dont_do")


class EarlyWarningPlan(TimeStampedModel):
    """One per person; its content lives in the versions."""

    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="early_warning_plan",
    )

    class Meta:
        verbose_name = _("early-warning plan")
        verbose_name_plural = _("early-warning plans")

    def __str__(self) -> str:
        return f"{self.person}"


def _text(label: Any) -> models.TextField:
    return models.TextField(label, blank=True, max_length=2000)


class PlanVersion(models.Model):
    """One saved version of the plan. Never changed: a change is a new version."""

    plan = models.ForeignKey(
        EarlyWarningPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept when the account is removed; empty when the person saved it themself.
    created_by_label = models.CharField(_("saved by (name)"), max_length=200, blank=True)

    well_signs = _text(_("signs"))
    well_helps = _text(_("what helps me"))
    well_others_do = _text(_("what others can do"))
    well_dont_do = _text(_("what others should not do"))
    less_well_signs = _text(_("signs"))
    less_well_helps = _text(_("what helps me"))
    less_well_others_do = _text(_("what others can do"))
    less_well_dont_do = _text(_("what others should not do"))
    crisis_signs = _text(_("signs"))
    crisis_helps = _text(_("what helps me"))
    crisis_others_do = _text(_("what others can do"))
    crisis_dont_do = _text(_("what others should not do"))

    class Meta:
        ordering = ["plan", "-number"]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="support_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("A plan version is never changed; save a new version.")
        super().save(*args, **kwargs)

    def phase_text(self, phase: str, field: str) -> str:
        return str(getattr(self, f"{phase}_{field}"))


class PlanContact(models.Model):
    """Whom to call in one phase of one version (a snapshot: name and phone as written)."""

    version = models.ForeignKey(
        PlanVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="contacts"
    )
    phase = models.CharField(_("phase"), max_length=10, choices=PlanPhase.choices)
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=80)
    phone = models.CharField(_("phone number"), max_length=30, validators=[phone_validator])

    class Meta:
        ordering = ["version", "phase", "order"]
        verbose_name = _("person to call")
        verbose_name_plural = _("people to call")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "phase", "order"], name="support_contact_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.phone})"
