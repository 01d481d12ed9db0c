"""Neighbourhood circles (buurtcirkel).

A buurtcirkel is a small, temporary group of residents of one neighbourhood or district
(about 8 to 12 people) who want some support. With a volunteer from the neighbourhood and
a coach they meet regularly, do things together and help each other; the aim is that in
the end they manage on their own, and perhaps carry on as a group without the coach.

``Circle`` holds the group (its goal in its own words, coach, volunteer, dates, status);
``Membership`` who takes part (with their yes); ``Meeting`` and ``MeetingAttendance``
when they met and who came (named only with attendance consent, like at activities);
``Agreement`` what members agreed to do for or with each other; ``Evaluation`` and
``ParticipantAnswer`` how it went when the circle closes.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.core.models import TimeStampedModel
from omzien.people.models import ConsentMethod

#: Below this many participants, or above IDEAL_MAX, the staff pages warn.
IDEAL_MIN = 8
IDEAL_MAX = 12
#: More participants than this are refused: the group stops being a circle.
HARD_MAX = 15


class CircleStatus(models.TextChoices):
    FORMING = "forming", _("forming")
    RUNNING = "running", _("running")
    ENDED = "ended", _("ended")


#: The allowed status changes, with why each one exists. Enforced in services.
TRANSITIONS: dict[tuple[str, str], str] = {
    (CircleStatus.FORMING, CircleStatus.RUNNING): "the group met and starts",
    (CircleStatus.RUNNING, CircleStatus.ENDED): "closed with an evaluation",
    (CircleStatus.FORMING, CircleStatus.ENDED): "it did not get going; closed with an evaluation",
}


class Circle(TimeStampedModel):
    name = models.CharField(_("name"), max_length=150)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("neighbourhood"),
        on_delete=models.PROTECT,
        related_name="circles",
    )
    goal = models.TextField(
        _("what we want to do together, in our own words"), max_length=2000, blank=True
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coach"),
        on_delete=models.PROTECT,
        related_name="coached_circles",
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volunteer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer_circles",
    )
    starts_on = models.DateField(_("start date"))
    planned_end_on = models.DateField(_("planned end date"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CircleStatus.choices, default=CircleStatus.FORMING
    )

    class Meta:
        ordering = ["neighbourhood__name", "-starts_on", "pk"]
        verbose_name = _("neighbourhood circle")
        verbose_name_plural = _("neighbourhood circles")
        constraints = [
            models.CheckConstraint(
                name="circles_circle_end_after_start",
                condition=Q(planned_end_on__gt=F("starts_on")),
                violation_error_message=_("The planned end date must be after the start date."),
            ),
            models.CheckConstraint(
                name="circles_circle_ended_after_start",
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("starts_on")),
                violation_error_message=_("The circle cannot end before it started."),
            ),
            models.CheckConstraint(
                name="circles_circle_ended_has_date",
                condition=Q(status=CircleStatus.ENDED, ended_on__isnull=False)
                | (~Q(status=CircleStatus.ENDED) & Q(ended_on__isnull=True)),
                violation_error_message=_("An ended circle has an end date."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("circles:detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.starts_on and self.planned_end_on and self.planned_end_on <= self.starts_on:
            errors["planned_end_on"] = _("The planned end date must be after the start date.")
        if self.starts_on and self.ended_on and self.ended_on < self.starts_on:
            errors["ended_on"] = _("The circle cannot end before it started.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_ended(self) -> bool:
        return self.status == CircleStatus.ENDED


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(left_on__isnull=True, person__erased_at__isnull=True)


class Membership(TimeStampedModel):
    """A resident takes part in a circle. They said yes to it themselves."""

    circle = models.ForeignKey(
        Circle, verbose_name=_("circle"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="circle_memberships",
    )
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    agreed_how = models.CharField(
        _("how they said yes"), max_length=20, choices=ConsentMethod.choices
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["person__first_name", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["circle", "person"],
                name="circles_member_once",
                violation_error_message=_("This person is already in this circle."),
            ),
            models.CheckConstraint(
                name="circles_member_left_after_joined",
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                violation_error_message=_("Someone cannot leave before they joined."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.circle})"


class Meeting(TimeStampedModel):
    circle = models.ForeignKey(
        Circle, verbose_name=_("circle"), on_delete=models.CASCADE, related_name="meetings"
    )
    starts_at = models.DateTimeField(_("date and time"))
    topic = models.CharField(_("topic"), max_length=200)
    location = models.ForeignKey(
        "directory.Location",
        verbose_name=_("place from the social map"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("For example: at Ans's home, or in the park."),
    )
    head_count = models.PositiveSmallIntegerField(
        _("participants without a name"),
        default=0,
        help_text=_("Participants who came but are not registered by name."),
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["circle", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.circle} {self.starts_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("circles:attendance", args=[self.pk])

    @property
    def place_label(self) -> str:
        if self.location_id and self.location is not None:
            return str(self.location)
        return self.place


class MeetingAttendance(TimeStampedModel):
    """A participant came to a meeting. Only for people who agreed to be registered."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="circle_attendances",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("attendance at a meeting")
        verbose_name_plural = _("attendance at meetings")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="circles_attend_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.meeting}"


class AgreementStatus(models.TextChoices):
    KEPT = "kept", _("going well")
    CHANGED = "changed", _("changed")
    ENDED = "ended", _("stopped")


class Agreement(TimeStampedModel):
    """Members agree to do something with or for each other ("Ans and Karim do the
    shopping together on Fridays")."""

    circle = models.ForeignKey(
        Circle, verbose_name=_("circle"), on_delete=models.CASCADE, related_name="agreements"
    )
    people = models.ManyToManyField(
        "people.Person", verbose_name=_("who"), related_name="circle_agreements"
    )
    text = models.CharField(_("what"), max_length=300)
    made_on = models.DateField(_("made on"), default=timezone.localdate)
    status = models.CharField(
        _("how it is going"),
        max_length=10,
        choices=AgreementStatus.choices,
        default=AgreementStatus.KEPT,
    )
    status_note = models.CharField(_("note"), max_length=300, blank=True)
    status_changed_on = models.DateField(_("changed on"), null=True, blank=True)

    class Meta:
        ordering = ["-made_on", "-pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.text


class Continuation(models.TextChoices):
    YES = "yes", _("yes")
    PARTLY = "partly", _("partly")
    NO = "no", _("no")
    UNSURE = "unsure", _("don't know yet")


class Evaluation(TimeStampedModel):
    """How the circle went, written by the coach when it closes."""

    circle = models.OneToOneField(
        Circle, verbose_name=_("circle"), on_delete=models.CASCADE, related_name="evaluation"
    )
    went_well = models.TextField(_("what went well"), max_length=3000)
    brought = models.TextField(_("what the circle brought"), max_length=3000)
    continues = models.CharField(
        _("does the group carry on by itself?"), max_length=10, choices=Continuation.choices
    )
    coach_summary = models.TextField(_("summary by the coach"), max_length=4000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.circle}"


class ParticipantAnswer(TimeStampedModel):
    """One participant's own short answers at the end (all optional)."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="answers"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="circle_answers",
    )
    went_well = models.CharField(_("what went well for you"), max_length=500, blank=True)
    brought = models.CharField(_("what the circle brought you"), max_length=500, blank=True)
    continues = models.CharField(
        _("do you carry on with the group?"),
        max_length=10,
        choices=Continuation.choices,
        blank=True,
    )

    class Meta:
        ordering = ["evaluation", "person__first_name", "pk"]
        verbose_name = _("answer of a participant")
        verbose_name_plural = _("answers of participants")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "person"], name="circles_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.evaluation})"
