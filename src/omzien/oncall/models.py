"""The on-call rota (bereikbaarheidsdienst) of a district's neighbourhood team.

A rota belongs to a district (wijk): a social neighbourhood team usually covers one
district, and a report in any of its neighbourhoods goes to that team.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from omzien.core.models import TimeStampedModel
from omzien.oncall.validators import format_dutch_mobile, validate_dutch_mobile


class ShiftKind(models.TextChoices):
    PRIMARY = "primary", _("on call")
    BACKUP = "backup", _("back-up")


class ShiftQuerySet(models.QuerySet["Shift"]):
    def overlapping(self, start: object, end: object) -> ShiftQuerySet:
        """Shifts that share at least one moment with [start, end)."""
        return self.filter(starts_at__lt=end, ends_at__gt=start)


class Shift(TimeStampedModel):
    """One person on call (or back-up) for a district from `starts_at` until `ends_at`."""

    district = models.ForeignKey(
        "neighbourhoods.District",
        verbose_name=_("district"),
        on_delete=models.CASCADE,
        related_name="oncall_shifts",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("professional"),
        on_delete=models.CASCADE,
        related_name="oncall_shifts",
    )
    kind = models.CharField(
        _("kind of shift"), max_length=10, choices=ShiftKind.choices, default=ShiftKind.PRIMARY
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    mobile = models.CharField(_("mobile number"), max_length=10, validators=[validate_dutch_mobile])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ShiftQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "kind", "id"]
        verbose_name = _("on-call shift")
        verbose_name_plural = _("on-call shifts")
        indexes = [models.Index(fields=["district", "starts_at", "ends_at"])]
        constraints = [
            models.CheckConstraint(
                name="oncall_shift_ends_after_start",
                condition=Q(ends_at__gt=F("starts_at")),
                violation_error_message=_("The end must be after the start."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()} · {self.starts_at:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be after the start.")})

    @property
    def mobile_display(self) -> str:
        return format_dutch_mobile(self.mobile)


class GapAlert(TimeStampedModel):
    """A sent gap warning: one per district, day and set of gaps, so a rerun sends nothing."""

    district = models.ForeignKey(
        "neighbourhoods.District",
        verbose_name=_("district"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    day = models.DateField(_("day"))
    fingerprint = models.CharField(max_length=64)
    gap_count = models.PositiveIntegerField(_("number of gaps"))
    recipients = models.PositiveIntegerField(_("number of recipients"))

    class Meta:
        verbose_name = _("gap warning")
        verbose_name_plural = _("gap warnings")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "day", "fingerprint"], name="oncall_gapalert_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.district} · {self.day}"
