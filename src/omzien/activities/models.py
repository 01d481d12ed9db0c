"""Meeting and staying in view: activities, their sessions, attendance and the absence signal.

An ``Activity`` repeats by an RFC 5545 rule (``RRULE:FREQ=WEEKLY;BYDAY=TU``, with EXDATE
lines for dates it skips). Its ``Session`` rows are materialised from that rule for the
coming weeks by ``services.sessions_generate``; a single session can be cancelled or moved
without touching the rule. Attendance names a person only with their consent; everyone
else is a head count.

The absence signal: a person's ``SignalPlan`` says when they count as a regular of an
activity and after how many missed sessions in a row someone they trust gets in touch,
and who that is, in order. ``AbsenceSignal`` is that "even bellen of langsgaan" task; its
``SignalStep`` rows are the append-only history of who was asked and what they found.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from omzien.core.models import TimeStampedModel


class ActivityKind(models.TextChoices):
    MEAL = "meal", _("eating café or shared meal")
    LUNCH = "lunch", _("open lunch or coffee morning")
    COMPUTER = "computer", _("computer café")
    WALKING = "walking", _("walking group")
    CREATIVE = "creative", _("creative or handy")
    NEIGHBOURS_DAY = "neighbours_day", _("neighbours' day or party")
    CONVERSATION = "conversation", _("conversation group")
    OTHER = "other", _("other")


class Admission(models.TextChoices):
    WALK_IN = "walk_in", _("just walk in")
    SIGN_UP = "sign_up", _("sign up first")


class Activity(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ActivityKind.choices, default=ActivityKind.OTHER
    )
    description = models.TextField(_("what happens"), blank=True)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("neighbourhood"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    service = models.ForeignKey(
        "directory.Service",
        verbose_name=_("entry in the social map"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    location = models.ForeignKey(
        "directory.Location",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    starts_at = models.DateTimeField(_("first time"))
    duration = models.DurationField(_("duration"), default=timedelta(hours=2))
    recurrence = models.TextField(
        _("repeats"),
        blank=True,
        help_text=_("An RFC 5545 rule, e.g. RRULE:FREQ=WEEKLY;BYDAY=TU. Empty: only once."),
    )
    admission = models.CharField(
        _("how to join"), max_length=10, choices=Admission.choices, default=Admission.WALK_IN
    )
    capacity = models.PositiveIntegerField(
        _("maximum number of people"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                name="activities_activity_positive_duration",
                condition=Q(duration__gt=timedelta(0)),
                violation_error_message=_("An activity takes some time."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("activities:detail", args=[self.pk])


class ActivityRoleKind(models.TextChoices):
    HOST = "host", _("host")
    WELCOMER = "welcomer", _("welcomer for newcomers")


class ActivityRole(TimeStampedModel):
    """Someone who hosts an activity or welcomes its newcomers. A host checks people in."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="roles"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(_("role"), max_length=10, choices=ActivityRoleKind.choices)

    class Meta:
        ordering = ["role", "pk"]
        verbose_name = _("role in an activity")
        verbose_name_plural = _("roles in activities")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "person", "role"], name="activities_role_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.activity})"


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    CANCELLED = "cancelled", _("cancelled")


class Session(TimeStampedModel):
    """One time an activity takes place."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="sessions"
    )
    # The time the rule gave. A moved session keeps it, so generating again finds it.
    occurrence = models.DateTimeField(_("planned by the rule for"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    head_count = models.PositiveIntegerField(
        _("people without a name"),
        default=0,
        help_text=_("People who came but are not registered by name."),
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "occurrence"], name="activities_session_once"
            ),
            models.CheckConstraint(
                name="activities_session_ends_after_start",
                condition=Q(ends_at__gt=models.F("starts_at")),
                violation_error_message=_("A session ends after it starts."),
            ),
        ]
        indexes = [models.Index(fields=["activity", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.activity} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    @property
    def places_left(self) -> int | None:
        """Free places of a sign-up activity with a maximum; None when there is no
        maximum. Uses the ``taken`` count that ``selectors.agenda`` adds."""
        capacity = self.activity.capacity
        if self.activity.admission != Admission.SIGN_UP or capacity is None:
            return None
        taken = getattr(self, "taken", None)
        if taken is None:
            taken = self.signups.filter(place__isnull=False).count()
        return max(capacity - taken, 0)


class Attendance(TimeStampedModel):
    """A named person came to a session. Only for people who agreed to be registered."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    with_trusted_person = models.BooleanField(_("came with someone they trust"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["session", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="activities_attend_once")
        ]
        indexes = [models.Index(fields=["person", "session"])]

    def __str__(self) -> str:
        return f"{self.person} @ {self.session}"


class SignUp(TimeStampedModel):
    """A person signed up for one session of a sign-up activity.

    A sign-up with a ``place`` (1, 2, …) has a place; one without waits, in the order the
    rows were made. The unique (session, place) pair is the database's guard against
    overbooking: two people can never hold the same place, even when they sign up at the
    same moment.
    """

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="signups"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="signups",
    )
    place = models.PositiveSmallIntegerField(_("place"), null=True, blank=True)
    # Set when the person moved up from the waiting list; shown on their own page.
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    signed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed up by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["session", "created_at", "pk"]
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="activities_signup_once"),
            models.UniqueConstraint(
                fields=["session", "place"], name="activities_signup_place_once"
            ),
            models.CheckConstraint(
                name="activities_signup_place_positive",
                condition=Q(place__isnull=True) | Q(place__gte=1),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.session}"

    @property
    def is_waiting(self) -> bool:
        return self.place is None


class AbsenceNotice(TimeStampedModel):
    """ "I won't be there next week" (afmelden): the absence never counts as missed."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="absences"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="absence_notices",
    )
    message = models.CharField(_("message"), max_length=300, blank=True)

    class Meta:
        ordering = ["session", "pk"]
        verbose_name = _("announced absence")
        verbose_name_plural = _("announced absences")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="activities_absent_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} afgemeld voor {self.session}"


class SignalPlan(TimeStampedModel):
    """What the person agreed: when they count as a regular, when they are missed, and
    who gets in touch (the ``SignalContact`` rows, in order)."""

    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="signal_plan",
    )
    regular_attended = models.PositiveSmallIntegerField(
        _("a regular came at least this many times"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    regular_window = models.PositiveSmallIntegerField(
        _("… out of the last this many sessions"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    missed_in_a_row = models.PositiveSmallIntegerField(
        _("signal after this many missed sessions in a row"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("signal plan")
        verbose_name_plural = _("signal plans")
        constraints = [
            models.CheckConstraint(
                name="activities_plan_attended_within_window",
                condition=Q(regular_attended__lte=models.F("regular_window")),
                violation_error_message=_(
                    "The number of times cannot be more than the number of sessions."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}"


class SignalContactRole(models.TextChoices):
    BUDDY = "buddy", _("buddy")
    KEY_FIGURE = "key_figure", _("key figure")
    PROFESSIONAL = "professional", _("professional")
    OTHER = "other", _("someone else")


class SignalContact(TimeStampedModel):
    plan = models.ForeignKey(
        SignalPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="contacts"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.CASCADE,
        related_name="signal_contacts",
    )
    role = models.CharField(_("as"), max_length=20, choices=SignalContactRole.choices)
    hours_to_respond = models.PositiveSmallIntegerField(
        _("hours to get in touch"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
    )

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("signal contact")
        verbose_name_plural = _("signal contacts")
        constraints = [
            models.UniqueConstraint(fields=["plan", "order"], name="activities_contact_order"),
            models.UniqueConstraint(fields=["plan", "user"], name="activities_contact_once"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.user} ({self.get_role_display()})"


class SignalStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")
    # Everyone in the plan was asked and nobody reached the person.
    EXHAUSTED = "exhausted", _("nobody could reach them")


class AbsenceSignal(TimeStampedModel):
    """A regular has stopped coming: someone they trust should get in touch."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="absence_signals",
    )
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="signals"
    )
    # The first missed session of this streak: the scan finds the same streak again
    # tomorrow, and this key makes that a no-op.
    first_missed = models.ForeignKey(
        Session, verbose_name=_("first missed session"), on_delete=models.CASCADE, related_name="+"
    )
    last_seen = models.ForeignKey(
        Session,
        verbose_name=_("last time there"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    missed = models.PositiveSmallIntegerField(_("missed in a row"))
    status = models.CharField(
        _("status"), max_length=10, choices=SignalStatus.choices, default=SignalStatus.OPEN
    )
    due_at = models.DateTimeField(_("get in touch before"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("absence signal")
        verbose_name_plural = _("absence signals")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "activity", "first_missed"], name="activities_signal_once"
            )
        ]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self) -> str:
        return f"{self.person} ({self.activity})"

    def get_absolute_url(self) -> str:
        return reverse("activities:signal", args=[self.pk])


class Outcome(models.TextChoices):
    FINE = "fine", _("all fine")
    ATTENTION = "attention", _("needs attention")
    UNREACHABLE = "unreachable", _("could not reach them")
    # Set by the escalation when the due time passed without an answer.
    NO_ANSWER = "no_answer", _("no answer in time")


class SignalStep(TimeStampedModel):
    """One contact asked to get in touch, and what they found. Rows are only appended;
    the outcome is filled in once."""

    signal = models.ForeignKey(
        AbsenceSignal, verbose_name=_("signal"), on_delete=models.CASCADE, related_name="steps"
    )
    contact = models.ForeignKey(
        SignalContact,
        verbose_name=_("contact"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="signal_steps",
    )
    due_at = models.DateTimeField(_("get in touch before"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    outcome_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)

    class Meta:
        ordering = ["signal", "created_at", "pk"]
        verbose_name = _("signal step")
        verbose_name_plural = _("signal steps")
        constraints = [
            # At most one contact is asked at a time.
            models.UniqueConstraint(
                fields=["signal"], condition=Q(outcome=""), name="activities_one_open_step"
            )
        ]

    def __str__(self) -> str:
        return f"{self.signal}: {self.user}"
