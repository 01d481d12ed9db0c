"""The report point (meldpunt): categories with questions, reports, their history, teams.

A report is about a place, nuisance or a worry about someone. It never creates or links a
Person: a worry about someone is followed up by a team, outside the resident records.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from omzien.core.models import AppendOnlyModel, AppendOnlyQuerySet, TimeStampedModel
from omzien.core.worktime import DeadlineUnit


class CategoryKind(models.TextChoices):
    PERSON = "person", _("worry about someone")
    PLACE = "place", _("unsafe place")
    NUISANCE = "nuisance", _("nuisance")
    OTHER = "other", _("something else")


class Category(TimeStampedModel):
    """A category (no parent) or a subcategory (with a parent) of one municipality."""

    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="report_categories",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("main category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    slug = models.SlugField(_("short name"), max_length=60)
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CategoryKind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)
    # The time to follow a report up. A subcategory's own deadline wins over its main
    # category's; no amount means no deadline.
    deadline_amount = models.PositiveSmallIntegerField(
        _("deadline (amount)"), null=True, blank=True
    )
    deadline_unit = models.CharField(
        _("deadline (unit)"),
        max_length=20,
        choices=DeadlineUnit.choices,
        default=DeadlineUnit.WORKING_DAYS,
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("report category")
        verbose_name_plural = _("report categories")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="reports_category_unique_slug"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.parent.name} – {self.name}" if self.parent_id and self.parent else self.name

    def clean(self) -> None:
        super().clean()
        if self.parent_id and self.parent is not None:
            if self.parent.parent_id:
                raise ValidationError(_("A subcategory cannot have subcategories."))
            if self.parent.municipality_id != self.municipality_id:
                raise ValidationError(_("A subcategory belongs to the same municipality."))
            if self.parent.kind != self.kind:
                raise ValidationError(_("A subcategory has the kind of its main category."))


class QuestionKind(models.TextChoices):
    TEXT = "text", _("text")
    YES_NO = "yes_no", _("yes or no")
    CHOICE = "choice", _("choice")


class Question(models.Model):
    """An extra question asked for one category. Declarative: the form is built from it."""

    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="questions"
    )
    key = models.SlugField(_("key"), max_length=60)
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("explanation"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)
    yes_means_acute_danger = models.BooleanField(
        _("yes means acute danger"),
        default=False,
        help_text=_("A yes stops the form and shows the emergency numbers."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["category", "key"], name="reports_question_unique_key"),
        ]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        super().clean()
        if self.yes_means_acute_danger and self.kind != QuestionKind.YES_NO:
            raise ValidationError(_("Only a yes/no question can signal acute danger."))
        if self.kind == QuestionKind.CHOICE and not self.choices:
            raise ValidationError(_("A choice question needs choices."))


class TeamKind(models.TextChoices):
    NEIGHBOURHOOD_TEAM = "neighbourhood_team", _("neighbourhood team")
    COMMUNITY_POLICE = "community_police", _("community police officer")
    MENTAL_HEALTH_OUTREACH = "outreach", _("mental health outreach")
    HOUSING_CORPORATION = "housing", _("housing corporation")
    PUBLIC_SPACE = "public_space", _("public space")


class Team(TimeStampedModel):
    """A team that follows up reports. Members see the reports in the team's categories."""

    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="report_teams",
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=30, choices=TeamKind.choices)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), blank=True, related_name="report_teams"
    )
    leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("team leads"),
        blank=True,
        related_name="led_report_teams",
        help_text=_("Team leads get an e-mail when a report of the team is overdue."),
    )
    responsible_for = models.ManyToManyField(
        Category,
        verbose_name=_("responsible for"),
        blank=True,
        related_name="responsible_teams",
    )
    may_view = models.ManyToManyField(
        Category, verbose_name=_("may view"), blank=True, related_name="viewing_teams"
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    IN_PROGRESS = "in_progress", _("in progress")
    WAITING = "waiting", _("waiting")
    PLANNED = "planned", _("planned")
    HANDLED = "handled", _("handled")
    CANCELLED = "cancelled", _("cancelled")
    REOPEN_REQUESTED = "reopen_requested", _("reopen requested")
    REOPENED = "reopened", _("reopened")


class Priority(models.TextChoices):
    LOW = "low", _("low")
    NORMAL = "normal", _("normal")
    HIGH = "high", _("high")


class ReportQuerySet(models.QuerySet["Report"]):
    def open(self) -> ReportQuerySet:
        return self.exclude(status__in=[ReportStatus.HANDLED, ReportStatus.CANCELLED])

    def overdue(self, now: Any) -> ReportQuerySet:
        """Open reports whose stored deadline has passed."""
        return self.open().filter(deadline_at__lt=now)


class Report(TimeStampedModel):
    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="reports"
    )
    subcategory = models.ForeignKey(
        Category,
        verbose_name=_("subcategory"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sub_reports",
    )
    reference = models.CharField(_("reference number"), max_length=20, unique=True)
    tracking_token = models.CharField(max_length=64, unique=True, editable=False)
    # Sent along with the form, so a double click or a retry creates one report.
    submission_key = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.RECEIVED
    )
    description = models.TextField(_("what is going on"), max_length=3000)
    answers = models.JSONField(_("answers"), default=list, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    house_number = models.CharField(_("house number"), max_length=10, blank=True)
    address = models.CharField(_("address or place"), max_length=200, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("neighbourhood"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_email = models.EmailField(_("e-mail address"), blank=True)
    contact_phone = models.CharField(_("phone number"), max_length=20, blank=True)
    wants_updates = models.BooleanField(_("wants updates"), default=False)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Computed once at creation from the category's deadline; stored, so "overdue" stays a
    # plain query. Only a coordinator changes it later.
    deadline_at = models.DateTimeField(_("deadline"), null=True, blank=True)
    satisfied = models.BooleanField(_("satisfied"), null=True, blank=True)
    feedback = models.TextField(_("feedback"), max_length=2000, blank=True)
    # When the report last reached a final state (handled, cancelled); cleared when it
    # leaves it again. The privacy jobs count their retention periods from here.
    final_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    contact_anonymised_at = models.DateTimeField(
        _("contact details removed at"), null=True, blank=True
    )
    details_redacted_at = models.DateTimeField(_("details removed at"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [models.Index(fields=["municipality", "status"])]
        constraints = [
            models.CheckConstraint(
                name="reports_report_location_pair",
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("reports:staff_detail", kwargs={"reference": self.reference})

    def get_tracking_url(self) -> str:
        return reverse("reports:track", kwargs={"token": self.tracking_token})

    @property
    def is_about_a_person(self) -> bool:
        return self.category.kind == CategoryKind.PERSON

    @property
    def location_label(self) -> str:
        parts = [p for p in (self.address, f"{self.postcode} {self.house_number}".strip()) if p]
        return ", ".join(parts)


class ReportPhoto(models.Model):
    """A photo, re-encoded as JPEG without EXIF. Kept in the database: web processes stay
    stateless and only the report's viewers can see it (there is no public file URL)."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="photo")
    content = models.BinaryField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return f"{self.report_id}"


class ReportEvent(AppendOnlyModel):
    """One status change of a report. Never edited, never deleted."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_label = models.CharField(_("who (name)"), max_length=200)
    from_status = models.CharField(
        _("from"), max_length=20, choices=ReportStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=ReportStatus.choices)
    text = models.TextField(_("text"), max_length=3000, blank=True)

    objects = AppendOnlyQuerySet["ReportEvent"].as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.report_id}: {self.from_status} → {self.to_status}"


class ReportNote(models.Model):
    """An internal note by staff; the reporter never sees it."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="notes")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_label = models.CharField(max_length=200)
    text = models.TextField(_("note"), max_length=3000)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self) -> str:
        return f"{self.report_id}: {self.text[:40]}"


class StandardText(TimeStampedModel):
    """A ready text for a message to the reporter, per municipality."""

    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="report_standard_texts",
    )
    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("text"), max_length=3000)
    for_status = models.CharField(
        _("for status"), max_length=20, choices=ReportStatus.choices, blank=True
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("standard text")
        verbose_name_plural = _("standard texts")

    def __str__(self) -> str:
        return self.title


class RoutingRule(TimeStampedModel):
    """Where a new report goes. The rules of a municipality are tried in order; the first
    that matches wins. Empty conditions match everything."""

    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="report_routing_rules",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=120)
    is_active = models.BooleanField(_("in use"), default=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category or subcategory"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    district = models.ForeignKey(
        "neighbourhoods.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("neighbourhood"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    from_time = models.TimeField(_("from (time)"), null=True, blank=True)
    until_time = models.TimeField(
        _("until (time)"),
        null=True,
        blank=True,
        help_text=_("An end before the start runs past midnight, e.g. 22:00 to 07:00."),
    )
    weekdays = models.CharField(
        _("days of the week"),
        max_length=7,
        blank=True,
        help_text=_("Digits of the days, Monday = 0 and Sunday = 6, e.g. 56 for the weekend."),
    )
    outside_office_hours = models.BooleanField(_("only outside office hours"), default=False)
    team = models.ForeignKey(
        Team,
        verbose_name=_("to team"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    team_kind = models.CharField(
        _("to a team of kind"), max_length=30, choices=TeamKind.choices, blank=True
    )
    to_on_call = models.BooleanField(_("to whoever is on call"), default=False)

    class Meta:
        ordering = ["municipality", "order", "pk"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        targets = sum([self.team_id is not None, bool(self.team_kind), self.to_on_call])
        if targets != 1:
            raise ValidationError(
                _("Choose one target: a team, a kind of team, or whoever is on call.")
            )
        if any(ch not in "0123456" for ch in self.weekdays) or len(set(self.weekdays)) != len(
            self.weekdays
        ):
            raise ValidationError({"weekdays": _("Use the digits 0 (Monday) to 6 (Sunday).")})
        if (self.from_time is None) != (self.until_time is None):
            raise ValidationError(_("Fill in both times, or neither."))
        for related in (self.category, self.team, self.district):
            if related is not None and related.municipality_id != self.municipality_id:
                raise ValidationError(_("Choose from this municipality."))


class ReportEscalation(models.Model):
    """One escalation of an overdue report: at most one per report and deadline."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="escalations")
    deadline_at = models.DateTimeField(_("deadline"))
    at = models.DateTimeField(_("when"), auto_now_add=True)
    recipients = models.PositiveIntegerField(_("number of recipients"), default=0)

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "deadline_at"], name="reports_escalation_once_per_deadline"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id} @ {self.deadline_at:%Y-%m-%d %H:%M}"


class OutreachTaskStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")


class OutreachTask(TimeStampedModel):
    """Follow-up of a worry about someone: a team goes and looks. It is the only thing a
    worry about someone creates; never a Person record."""

    report = models.OneToOneField(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="outreach_task"
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outreach_tasks",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OutreachTaskStatus.choices,
        default=OutreachTaskStatus.OPEN,
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    outcome = models.TextField(
        _("outcome"),
        max_length=2000,
        blank=True,
        help_text=_(
            "What was done and what was agreed. No diagnosis, no care label: "
            "describe what you saw and did."
        ),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outreach task")
        verbose_name_plural = _("outreach tasks")
        indexes = [models.Index(fields=["team", "status"])]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.status}"


class OutboundMailKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("confirmation to the reporter")
    UPDATE = "update", _("update to the reporter")
    ESCALATION = "escalation", _("overdue report")


class OutboundMailStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    CANCELLED = "cancelled", _("not sent")


class OutboundMail(TimeStampedModel):
    """One e-mail of the report point, stored before it is sent, so a mail server that is
    down loses nothing: the send task tries again later and a lost mail stays visible."""

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="mails"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OutboundMailKind.choices)
    recipients = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OutboundMailStatus.choices,
        default=OutboundMailStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.report_id} ({self.status})"
