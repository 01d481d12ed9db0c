"""The knowledge base of interventions and the four-phase action plan per neighbourhood."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from omzien.core.models import AppendOnlyModel, AppendOnlyQuerySet, TimeStampedModel


class InterventionQuerySet(models.QuerySet["Intervention"]):
    def active(self) -> InterventionQuerySet:
        return self.filter(retired_at__isnull=True)

    def for_municipality(self, municipality_id: int | None) -> InterventionQuerySet:
        """The built-in ones plus those a coordinator of this municipality added."""
        return self.filter(Q(built_in=True) | Q(municipality_id=municipality_id))


class Intervention(TimeStampedModel):
    """An intervention, method or tool that serves characteristics and action points."""

    #: Stable key of a built-in entry (plans.knowledge); empty for ones a coordinator added.
    key = models.CharField(_("key"), max_length=60, blank=True)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), max_length=2000)
    characteristics = models.ManyToManyField(
        "scan.Characteristic", verbose_name=_("characteristics"), related_name="+", blank=True
    )
    action_points = models.ManyToManyField(
        "scan.ActionPoint", verbose_name=_("action points"), related_name="+", blank=True
    )
    source_document = models.CharField(_("source"), max_length=300, blank=True)
    source_section = models.CharField(_("section of the source"), max_length=200, blank=True)
    source_reference = models.CharField(
        _("organisation or publication named there"), max_length=300, blank=True
    )
    built_in = models.BooleanField(_("built in"), default=False)
    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    objects = InterventionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=~Q(key=""), name="plans_intervention_key_unique"
            ),
            # Built-in entries belong to everyone; added ones to one municipality.
            models.CheckConstraint(
                name="plans_intervention_owner",
                condition=Q(built_in=True, municipality__isnull=True)
                | Q(built_in=False, municipality__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:intervention", kwargs={"pk": self.pk})


class Plan(TimeStampedModel):
    """The plan van aanpak of one neighbourhood."""

    neighbourhood = models.OneToOneField(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("neighbourhood"),
        on_delete=models.PROTECT,
        related_name="plan",
    )

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self) -> str:
        return str(self.neighbourhood)

    def get_absolute_url(self) -> str:
        return reverse("plans:plan", kwargs={"code": self.neighbourhood.code})


class Phase(models.TextChoices):
    EXPLORE = "verkennen", _("explore")
    ENVISION = "verbeelden", _("envision")
    SHAPE = "vormgeven", _("shape")
    ANCHOR = "verankeren", _("anchor")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("plan action status", "planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("plan action status", "in progress")
    DONE = "done", pgettext_lazy("plan action status", "done")
    STOPPED = "stopped", pgettext_lazy("plan action status", "stopped")


class Action(TimeStampedModel):
    """One action of a plan, in one phase, linked to the scan's characteristics and points."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="actions"
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    characteristics = models.ManyToManyField(
        "scan.Characteristic", verbose_name=_("characteristics"), related_name="+", blank=True
    )
    action_points = models.ManyToManyField(
        "scan.ActionPoint", verbose_name=_("action points"), related_name="+", blank=True
    )
    intervention = models.ForeignKey(
        Intervention,
        verbose_name=_("intervention"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner (staff member)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner_organisation = models.CharField(
        _("owner (partner organisation)"), max_length=150, blank=True
    )
    start_on = models.DateField(_("start date"))
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                name="plans_action_due_after_start",
                condition=Q(due_on__gte=models.F("start_on")),
                violation_error_message=_("The due date cannot be before the start date."),
            ),
        ]
        indexes = [models.Index(fields=["plan", "status", "due_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:action", kwargs={"pk": self.pk})

    def clean(self) -> None:
        super().clean()
        has_user = self.owner_user_id is not None
        has_organisation = bool(self.owner_organisation.strip())
        if has_user == has_organisation:
            raise ValidationError(_("Choose one owner: a staff member or a partner organisation."))
        if self.start_on and self.due_on and self.due_on < self.start_on:
            raise ValidationError({"due_on": _("The due date cannot be before the start date.")})


class ActionStatusChange(AppendOnlyModel):
    """One step in an action's history: written once, never changed."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="history"
    )
    at = models.DateTimeField(_("when"), db_index=True)
    from_status = models.CharField(
        _("from"), max_length=20, choices=ActionStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=ActionStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_label = models.CharField(_("by (name)"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.action_id}: {self.from_status} → {self.to_status}"


class EvaluationMoment(TimeStampedModel):
    """A moment to look back on an action: when, what was learnt, the next step."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="evaluations"
    )
    held_on = models.DateField(_("date"))
    learnt = models.TextField(_("what was learnt"), max_length=2000, blank=True)
    next_step = models.TextField(_("next step"), max_length=2000, blank=True)

    class Meta:
        ordering = ["held_on", "id"]
        verbose_name = _("evaluation moment")
        verbose_name_plural = _("evaluation moments")

    def __str__(self) -> str:
        return f"{self.action} {self.held_on:%d-%m-%Y}"
