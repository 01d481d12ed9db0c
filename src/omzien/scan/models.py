"""The five-characteristics scan, the buurt-DNA profile and anonymous questionnaires."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from omzien.core.models import TimeStampedModel


class Characteristic(models.Model):
    """One of the five characteristics of "een buurt voor iedereen" (seed 001)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(_("description"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("characteristic")
        verbose_name_plural = _("characteristics")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class ActionPoint(models.Model):
    """An action point of a characteristic ("1.1" … "5.4"): an item of the scan."""

    characteristic = models.ForeignKey(
        Characteristic,
        verbose_name=_("characteristic"),
        on_delete=models.PROTECT,
        related_name="action_points",
    )
    code = models.CharField(_("code"), max_length=5, unique=True)
    title = models.CharField(_("title"), max_length=150)
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        ordering = ["order"]
        verbose_name = _("action point")
        verbose_name_plural = _("action points")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class ScanSession(TimeStampedModel):
    """A scan of one neighbourhood on one date, filled in by several participants."""

    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("neighbourhood"),
        on_delete=models.PROTECT,
        related_name="scan_sessions",
    )
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=150, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["neighbourhood", "-held_on"]
        verbose_name = _("neighbourhood scan")
        verbose_name_plural = _("neighbourhood scans")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "held_on"],
                name="scan_session_one_per_day",
                violation_error_message=_("This neighbourhood already has a scan on this date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.neighbourhood} {self.held_on:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("scan:session", kwargs={"pk": self.pk})


class ParticipantKind(models.TextChoices):
    PROFESSIONAL = "professional", _("professional")
    KEY_FIGURE = "key_figure", _("key figure")
    RESIDENT = "resident", _("resident")


class Participant(TimeStampedModel):
    """Someone who scores a scan: with an account, or as a named guest without one."""

    session = models.ForeignKey(
        ScanSession,
        verbose_name=_("scan"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scan_participations",
    )
    guest_name = models.CharField(_("name (guest without account)"), max_length=150, blank=True)
    kind = models.CharField(_("taking part as"), max_length=20, choices=ParticipantKind.choices)
    name_with_comments = models.BooleanField(
        _("name may be shown with the comments"),
        default=False,
        help_text=_("Only for residents. Without this yes, a comment shows 'a resident'."),
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                name="scan_participant_account_or_name",
                condition=Q(user__isnull=False) | ~Q(guest_name=""),
                violation_error_message=_("Choose an account or give a name."),
            ),
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(user__isnull=False),
                name="scan_participant_once",
                violation_error_message=_("This person already takes part in this scan."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.user_id is not None and self.user is not None:
            return self.user.get_full_name()
        return self.guest_name

    def clean(self) -> None:
        super().clean()
        if self.user_id is None and not self.guest_name.strip():
            raise ValidationError({"guest_name": _("Choose an account or give a name.")})


class Score(TimeStampedModel):
    """One participant's score (1-5, or empty for "I don't know") for one action point."""

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="scores"
    )
    action_point = models.ForeignKey(
        ActionPoint, verbose_name=_("action point"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.PositiveSmallIntegerField(
        _("score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "action_point"], name="scan_score_once_per_point"
            ),
            models.CheckConstraint(
                name="scan_score_range",
                condition=Q(value__isnull=True) | Q(value__gte=1, value__lte=5),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action_point.code}: {self.value or '?'}"


class DnaProfileVersion(TimeStampedModel):
    """One saved version of a neighbourhood's buurt-DNA profile. Never edited: saving the
    profile appends a version."""

    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("neighbourhood"),
        on_delete=models.PROTECT,
        related_name="dna_versions",
    )
    number = models.PositiveIntegerField(_("version"))
    answers = models.JSONField(_("answers"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by_label = models.CharField(_("saved by (name)"), max_length=200, blank=True)

    class Meta:
        ordering = ["neighbourhood", "-number"]
        verbose_name = _("buurt-DNA version")
        verbose_name_plural = _("buurt-DNA versions")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "number"], name="scan_dna_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.neighbourhood} v{self.number}"


class LonelinessForm(models.TextChoices):
    NONE = "", _("no loneliness questions")
    ELEVEN = "djg11", _("loneliness scale, 11 questions")
    SIX = "djg6", _("loneliness scale, 6 questions")


class AnswerScale(models.IntegerChoices):
    THREE = 3, _("ja / min of meer / nee")
    FIVE = 5, _("ja! / ja / min of meer / nee / nee!")


class Campaign(TimeStampedModel):
    """An anonymous questionnaire round in one neighbourhood, reached by a public code."""

    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("neighbourhood"),
        on_delete=models.PROTECT,
        related_name="questionnaire_campaigns",
    )
    title = models.CharField(_("title"), max_length=150)
    code = models.CharField(_("code"), max_length=20, unique=True)
    loneliness_form = models.CharField(
        _("loneliness questions"),
        max_length=10,
        choices=LonelinessForm.choices,
        blank=True,
        default=LonelinessForm.SIX,
    )
    answer_scale = models.PositiveSmallIntegerField(
        _("answers for the loneliness questions"),
        choices=AnswerScale.choices,
        default=AnswerScale.THREE,
    )
    include_cohesion = models.BooleanField(_("questions about the neighbourhood"), default=True)
    is_open = models.BooleanField(_("open for answers"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        constraints = [
            models.CheckConstraint(
                name="scan_campaign_asks_something",
                condition=~Q(loneliness_form="") | Q(include_cohesion=True),
                violation_error_message=_("Choose at least one set of questions."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("scan:campaign", kwargs={"pk": self.pk})


class Response(models.Model):
    """One anonymous set of answers. Deliberately without person, account, IP address or
    time of day: only the date (for the period) and the answers themselves."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="+"
    )
    submitted_on = models.DateField(_("date"))
    #: {"loneliness": {"3": "yes", ...}, "cohesion": {"1": "agree", ...}}
    answers = models.JSONField(_("answers"), default=dict)

    class Meta:
        verbose_name = _("answers")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.campaign_id}"
