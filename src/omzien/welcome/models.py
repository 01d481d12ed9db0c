"""Being of value and a warm welcome.

Small tasks at an activity (``ActivityTask``: pour coffee, set the table, bake) that a
resident takes on for one session (``TaskClaim``); hosting, welcoming and done tasks are
recorded as ``Contribution`` rows: "wat ik bijdraag", seen only by the person themself.

A professional or buddy refers someone to an activity (``Referral``): what the person
wants the host to know, in their own words and with their yes. The hosts get a heads-up,
a welcomer is assigned, and after the first visit the referrer gets a ``FollowUp`` task:
"Hoe was het eerste bezoek?".
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from omzien.core.models import TimeStampedModel
from omzien.people.models import ConsentMethod


class ActivityTask(TimeStampedModel):
    """A small task at an activity, for every session or for one session only."""

    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="welcome_tasks",
    )
    session = models.ForeignKey(
        "activities.Session",
        verbose_name=_("only on this date"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="welcome_tasks",
    )
    name = models.CharField(_("task"), max_length=100)
    places = models.PositiveSmallIntegerField(
        _("how many people"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("task at an activity")
        verbose_name_plural = _("tasks at activities")
        constraints = [
            models.CheckConstraint(name="welcome_task_places_positive", condition=Q(places__gte=1)),
        ]

    def __str__(self) -> str:
        return self.name

    def applies_to(self, session: object) -> bool:
        session_id = getattr(session, "pk", None)
        return self.is_active and (
            getattr(session, "activity_id", None) == self.activity_id
            and (self.session_id is None or self.session_id == session_id)
        )


class TaskClaim(TimeStampedModel):
    """A person said "I do this" for one session. Given back: the row is removed."""

    task = models.ForeignKey(
        ActivityTask, verbose_name=_("task"), on_delete=models.CASCADE, related_name="claims"
    )
    session = models.ForeignKey(
        "activities.Session",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="welcome_claims",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="task_claims",
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["session", "task", "pk"]
        verbose_name = _("task taken on")
        verbose_name_plural = _("tasks taken on")
        constraints = [
            models.UniqueConstraint(fields=["task", "session", "person"], name="welcome_claim_once")
        ]

    def __str__(self) -> str:
        return f"{self.task} ({self.session})"


class ContributionKind(models.TextChoices):
    HOST = "host", _("host")
    WELCOMER = "welcomer", _("welcomed someone new")
    TASK = "task", _("helped with a task")


class Contribution(TimeStampedModel):
    """Something a person did for others at an activity. Their own data: only they see it."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    kind = models.CharField(_("what"), max_length=10, choices=ContributionKind.choices)
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    session = models.ForeignKey(
        "activities.Session",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    # The task's name at the time (a task may be renamed or removed later).
    title = models.CharField(_("task"), max_length=100, blank=True)
    claim = models.OneToOneField(
        TaskClaim,
        verbose_name=_("task taken on"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contribution",
    )
    referral = models.ForeignKey(
        "welcome.Referral",
        verbose_name=_("welcome"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-session__starts_at", "-pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            # Hosting a session counts once, however many people the host checks in.
            models.UniqueConstraint(
                fields=["person", "session"],
                condition=Q(kind="host"),
                name="welcome_host_once_per_session",
            ),
            models.UniqueConstraint(
                fields=["person", "session"],
                condition=Q(kind="welcomer"),
                name="welcome_welcomer_once_per_session",
            ),
        ]
        indexes = [models.Index(fields=["person", "kind"])]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()} ({self.session})"


class ReferrerRole(models.TextChoices):
    PROFESSIONAL = "professional", _("professional")
    BUDDY = "buddy", _("buddy")


class FirstVisit(models.TextChoices):
    WAITING = "", _("not yet")
    CAME = "came", _("came")
    NOT_SEEN = "not_seen", _("was not checked in")
    CANCELLED = "cancelled", _("the session did not go ahead")


class Referral(TimeStampedModel):
    """A warm welcome: someone is referred to one session of an activity."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("who comes"),
        on_delete=models.CASCADE,
        related_name="referrals",
    )
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="referrals",
    )
    session = models.ForeignKey(
        "activities.Session",
        verbose_name=_("first visit"),
        on_delete=models.CASCADE,
        related_name="referrals",
    )
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="referrals_made",
    )
    referrer_role = models.CharField(_("as"), max_length=20, choices=ReferrerRole.choices)
    own_words = models.TextField(
        _("what they want the host to know, in their own words"), max_length=1000
    )
    agreed_method = models.CharField(
        _("how they agreed"), max_length=20, choices=ConsentMethod.choices
    )
    agreed_on = models.DateField(_("agreed on"))
    welcomer = models.ForeignKey(
        "people.Person",
        verbose_name=_("welcomer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="welcomes",
    )
    first_visit = models.CharField(
        _("first visit"), max_length=10, choices=FirstVisit.choices, blank=True, default=""
    )
    first_visit_at = models.DateTimeField(_("first visit recorded at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.UniqueConstraint(fields=["person", "session"], name="welcome_referral_once"),
        ]
        indexes = [models.Index(fields=["first_visit", "session"])]

    def __str__(self) -> str:
        return f"{self.person} → {self.activity}"

    def get_absolute_url(self) -> str:
        return reverse("welcome:referral", args=[self.pk])


class FollowUpOutcome(models.TextChoices):
    WENT_WELL = "went_well", _("it went well")
    DID_NOT_COME = "did_not_come", _("they did not come")
    ATTENTION = "attention", _("needs attention")


class FollowUp(TimeStampedModel):
    """The referrer's task after the first visit: "Hoe was het eerste bezoek?".

    One per referral, so creating it again (a second scan, a second check-in) is a no-op.
    """

    referral = models.OneToOneField(
        Referral, verbose_name=_("referral"), on_delete=models.CASCADE, related_name="follow_up"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("for"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="welcome_follow_ups",
    )
    due_at = models.DateTimeField(_("ask before"))
    outcome = models.CharField(
        _("how was it?"), max_length=15, choices=FollowUpOutcome.choices, blank=True
    )
    outcome_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [models.Index(fields=["user", "outcome"])]

    def __str__(self) -> str:
        return f"{self.referral}"
