"""Being of value: requests and offers, tasks at places, buddies, matches and reciprocity.

A ``Listing`` is one "Ik zoek …" (request) or "Ik bied …" (offer). Its topic says what kind:
neighbour help, a buddy, or a task at a place (an organisation or activity from the social
map asks for help; residents who want to help there offer). A ``Match`` links one request to
one offer and walks the workflow in ``workflow.py``; every step appends a ``MatchEvent``.
A declined pair is remembered in ``DeclinedPair`` and never proposed again.

``ReciprocityEntry`` is what a person gave or received (time or a thank-you): their own
data, seen only by themself; the area coalition sees counted shares, never people.

Contact details are never stored here: they come from the person's profile and are shown
only once both sides of a match said yes.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from omzien.core.models import AppendOnlyModel, AppendOnlyQuerySet, TimeStampedModel


class Kind(models.TextChoices):
    REQUEST = "request", _("I am looking for")
    OFFER = "offer", _("I offer")


class Topic(models.TextChoices):
    HELP = "help", _("neighbour help")
    BUDDY = "buddy", _("a buddy or a welcome")
    TASK = "task", _("a task at a place")


class Frequency(models.TextChoices):
    ONCE = "once", _("once")
    RECURRING = "recurring", _("more often")


class Condition(models.TextChoices):
    """Hard conditions: a listing may need them from the other side, or meet them itself."""

    WHEELCHAIR = "wheelchair", _("wheelchair accessible")
    LOW_STIMULUS = "low_stimulus", _("quiet, few stimuli")
    NO_PETS = "no_pets", _("no pets")
    AT_HOME = "at_home", _("can come to the home")


class Part(models.IntegerChoices):
    MORNING = 0, _("morning")
    AFTERNOON = 1, _("afternoon")
    EVENING = 2, _("evening")


WEEKDAYS = [
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
]
#: Slot numbers as the engine uses them: weekday * 3 + part.
SLOT_COUNT = 21


def validate_slots(value: Any) -> None:
    if not isinstance(value, list) or not all(
        isinstance(s, int) and 0 <= s < SLOT_COUNT for s in value
    ):
        raise ValidationError(_("Choose days and parts of the day from the list."))


def validate_conditions(value: Any) -> None:
    if not isinstance(value, list) or not all(v in Condition.values for v in value):
        raise ValidationError(_("Choose conditions from the list."))


class ListingQuerySet(models.QuerySet["Listing"]):
    def open(self) -> ListingQuerySet:
        return self.filter(closed_at__isnull=True, hidden_at__isnull=True)


class Listing(TimeStampedModel):
    """One "Ik zoek …" or "Ik bied …", in the author's own words."""

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    topic = models.CharField(_("about"), max_length=10, choices=Topic.choices, default=Topic.HELP)
    # The resident it is for. Empty for a task that a place asks help with.
    owner = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="listings",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("neighbourhood"),
        on_delete=models.PROTECT,
        related_name="listings",
    )
    title = models.CharField(_("in short"), max_length=120)
    text = models.TextField(_("in your own words"), max_length=2000, blank=True)
    terms = models.ManyToManyField(
        "people.Term", verbose_name=_("topics"), blank=True, related_name="listings"
    )
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.ONCE
    )
    slots = models.JSONField(_("when"), default=list, blank=True, validators=[validate_slots])
    max_distance_m = models.PositiveIntegerField(
        _("at most this far (metres)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(100), MaxValueValidator(50_000)],
    )
    needs = models.JSONField(
        _("the other person or place must be"),
        default=list,
        blank=True,
        validators=[validate_conditions],
    )
    meets = models.JSONField(
        _("what I can offer here"), default=list, blank=True, validators=[validate_conditions]
    )
    language = models.ForeignKey(
        "people.Language",
        verbose_name=_("the other person speaks"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    capacity = models.PositiveSmallIntegerField(
        _("for how many people"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    # A task at a place: who asks, and what they can adapt for someone.
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="matching_tasks",
    )
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="matching_tasks",
    )
    location = models.ForeignKey(
        "directory.Location",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    adaptations = models.TextField(_("what we can adapt"), max_length=2000, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Moderation: hidden by a coordinator, with a reason the author can read.
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_reason = models.TextField(_("why it is hidden"), max_length=1000, blank=True)

    objects = ListingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("request or offer")
        verbose_name_plural = _("requests and offers")
        indexes = [models.Index(fields=["neighbourhood", "kind", "topic"])]
        constraints = [
            models.CheckConstraint(
                name="matching_listing_owner_or_place",
                condition=Q(owner__isnull=False)
                | Q(topic="task", kind="request")
                & (Q(organization__isnull=False) | Q(activity__isnull=False)),
                violation_error_message=_("A listing is for a person, or a task for a place."),
            ),
            models.CheckConstraint(
                name="matching_listing_hidden_reason",
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                violation_error_message=_("Say why it is hidden."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("matching:listing", kwargs={"pk": self.pk})

    def clean(self) -> None:
        super().clean()
        if self.topic == Topic.TASK and self.kind == Kind.REQUEST and self.owner_id is None:
            if not (self.organization_id or self.activity_id):
                raise ValidationError(_("Choose the organisation or activity that asks for help."))

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and self.hidden_at is None

    @property
    def is_place_task(self) -> bool:
        return self.owner_id is None

    @property
    def place_name(self) -> str:
        if self.activity is not None:
            return self.activity.name
        if self.organization is not None:
            return self.organization.name
        return ""

    @property
    def slot_labels(self) -> list[str]:
        return [slot_label(s) for s in sorted(self.slots)]

    def get_needs_display(self) -> list[str]:
        return [str(Condition(c).label) for c in self.needs if c in Condition.values]

    def get_meets_display(self) -> list[str]:
        return [str(Condition(c).label) for c in self.meets if c in Condition.values]


def slot_label(slot: int) -> str:
    return f"{WEEKDAYS[slot // 3]} {Part(slot % 3).label}"


class MatchState(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    INTRODUCED = "introduced", _("introduced")
    ONE_ACCEPTED = "one_accepted", _("one side said yes")
    ACCEPTED = "accepted", _("both said yes")
    MET = "met", _("met")
    EVALUATED = "evaluated", _("evaluated")
    ENDED = "ended", _("ended")
    DECLINED = "declined", _("declined")


#: A match in one of these states may still lead to contact; it holds the offer's capacity.
ACTIVE_STATES = frozenset(
    {
        MatchState.PROPOSED,
        MatchState.INTRODUCED,
        MatchState.ONE_ACCEPTED,
        MatchState.ACCEPTED,
        MatchState.MET,
        MatchState.EVALUATED,
    }
)
#: Both sides said yes: from here on each sees the other's contact details.
CONTACT_STATES = frozenset(
    {MatchState.ACCEPTED, MatchState.MET, MatchState.EVALUATED, MatchState.ENDED}
)


class Match(TimeStampedModel):
    """A request and an offer brought together. People decide: nothing happens without
    both their yes."""

    request = models.ForeignKey(
        Listing, verbose_name=_("request"), on_delete=models.CASCADE, related_name="matches_in"
    )
    offer = models.ForeignKey(
        Listing, verbose_name=_("offer"), on_delete=models.CASCADE, related_name="matches_out"
    )
    state = models.CharField(
        _("state"), max_length=20, choices=MatchState.choices, default=MatchState.PROPOSED
    )
    score = models.IntegerField(_("score"), default=0)
    reason = models.CharField(_("why this match"), max_length=500, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    request_accepted_at = models.DateTimeField(_("request side said yes"), null=True, blank=True)
    offer_accepted_at = models.DateTimeField(_("offer side said yes"), null=True, blank=True)
    success = models.BooleanField(_("a match came about"), null=True, blank=True)
    evaluation = models.TextField(_("how it went"), max_length=2000, blank=True)
    minutes = models.PositiveIntegerField(
        _("time given (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100 * 60)],
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            # One live match per pair; a declined or ended one may stay next to it.
            models.UniqueConstraint(
                fields=["request", "offer"],
                condition=~Q(state__in=["declined", "ended"]),
                name="matching_match_one_active_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} ↔ {self.offer}"

    def get_absolute_url(self) -> str:
        return reverse("matching:match", kwargs={"pk": self.pk})

    @property
    def contact_open(self) -> bool:
        return self.state in CONTACT_STATES


class MatchEvent(AppendOnlyModel):
    """One step of a match. Never edited, never deleted (except with the match itself)."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_label = models.CharField(_("who (name)"), max_length=200, blank=True)
    from_state = models.CharField(_("from"), max_length=20, choices=MatchState.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=MatchState.choices)
    side = models.CharField(_("side"), max_length=10, blank=True)
    text = models.TextField(_("text"), max_length=2000, blank=True)

    objects = AppendOnlyQuerySet["MatchEvent"].as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("match step")
        verbose_name_plural = _("match history")

    def __str__(self) -> str:
        return f"{self.match_id}: {self.from_state} → {self.to_state}"


class DeclinedPair(models.Model):
    """This request and this offer are never proposed to each other again."""

    request = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    reason = models.TextField(_("why (optional)"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("declined pair")
        verbose_name_plural = _("declined pairs")
        constraints = [
            models.UniqueConstraint(fields=["request", "offer"], name="matching_declined_once")
        ]

    def __str__(self) -> str:
        return f"{self.request_id} × {self.offer_id}"


class Direction(models.TextChoices):
    GAVE = "gave", _("I gave")
    RECEIVED = "received", _("I received")


class ReciprocityEntry(TimeStampedModel):
    """Something a person gave or received: time, or a thank-you. Only they see it."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="reciprocity",
    )
    direction = models.CharField(_("gave or received"), max_length=10, choices=Direction.choices)
    what = models.CharField(_("what"), max_length=200)
    minutes = models.PositiveIntegerField(
        _("time (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
    )
    thanks = models.CharField(_("a thank-you"), max_length=300, blank=True)
    on = models.DateField(_("date"))
    match = models.ForeignKey(
        Match,
        verbose_name=_("match"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reciprocity",
    )

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("given or received")
        verbose_name_plural = _("given and received")
        indexes = [models.Index(fields=["person", "direction"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "match", "direction"],
                condition=Q(match__isnull=False),
                name="matching_reciprocity_once_per_match",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_direction_display()} {self.what}"
