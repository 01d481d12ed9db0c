from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.activities.models import Activity
from omzien.directory.models import Organization
from omzien.matching.models import (
    SLOT_COUNT,
    Condition,
    Direction,
    Frequency,
    Kind,
    Listing,
    Topic,
    slot_label,
)
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.forms import TermField
from omzien.people.models import Language

SLOT_CHOICES = [(s, slot_label(s)) for s in range(SLOT_COUNT)]


class ListingForm(forms.Form):
    """ "Ik zoek …" or "Ik bied …" in a resident's own words."""

    title = forms.CharField(
        label=_("In short: what is it about?"),
        max_length=120,
        help_text=_("For example: help with my garden, or a walk together."),
    )
    text = forms.CharField(
        label=_("Tell more in your own words"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    terms = TermField(label=_("Which topics fit?"))
    frequency = forms.ChoiceField(
        label=_("How often?"), choices=Frequency.choices, widget=forms.RadioSelect, initial="once"
    )
    slots = forms.TypedMultipleChoiceField(
        label=_("When can you?"),
        choices=SLOT_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose nothing if any time is fine."),
    )
    max_distance_km = forms.DecimalField(
        label=_("How far may it be? (km)"),
        required=False,
        min_value=0.1,
        max_value=50,
        decimal_places=1,
        help_text=_("Leave empty if distance does not matter."),
    )
    needs = forms.TypedMultipleChoiceField(
        label=_("What must the other person or place offer?"),
        choices=Condition.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    meets = forms.TypedMultipleChoiceField(
        label=_("What can you offer?"),
        choices=Condition.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ModelChoiceField(
        label=_("The other person must speak"),
        queryset=Language.objects.all(),
        required=False,
        empty_label=_("does not matter"),
    )
    capacity = forms.IntegerField(
        label=_("For how many people at most?"),
        min_value=1,
        max_value=10,
        initial=1,
        help_text=_("For example: I can do this for at most 2 people."),
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind == Kind.REQUEST:
            del self.fields["capacity"]

    @classmethod
    def initial_from(cls, listing: Listing) -> dict[str, Any]:
        return {
            "title": listing.title,
            "text": listing.text,
            "terms": [t.pk for t in listing.terms.all()],
            "frequency": listing.frequency,
            "slots": listing.slots,
            "max_distance_km": (listing.max_distance_m / 1000) if listing.max_distance_m else None,
            "needs": listing.needs,
            "meets": listing.meets,
            "language": listing.language_id,
            "capacity": listing.capacity,
        }

    def apply(self, listing: Listing) -> Listing:
        data = self.cleaned_data
        listing.title = data["title"]
        listing.text = data["text"]
        listing.frequency = data["frequency"]
        listing.slots = sorted(set(data["slots"]))
        km = data.get("max_distance_km")
        listing.max_distance_m = int(km * 1000) if km else None
        listing.needs = sorted(set(data["needs"]))
        listing.meets = sorted(set(data["meets"]))
        listing.language = data["language"]
        listing.capacity = data.get("capacity") or 1
        return listing


class ListingForPersonForm(ListingForm):
    """The same form, filled in by staff for someone without a login."""

    said_yes = forms.BooleanField(
        label=_("This person said yes to showing this to neighbours."),
        help_text=_("Read it out to them first. They can ask you to close it at any time."),
        error_messages={"required": _("Ask the person first, and tick this box.")},
    )


class TaskForm(ListingForm):
    """A task at a place from the social map or an activity."""

    place = forms.ChoiceField(label=_("Who asks for help?"))
    adaptations = forms.CharField(
        label=_("What can you adapt for someone?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: a quiet corner, shorter times, working together with someone."),
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"), queryset=Neighbourhood.objects.none()
    )

    field_order = ["place", "neighbourhood", "title", "text", "adaptations", "terms"]

    def __init__(
        self,
        *args: Any,
        neighbourhoods: Any,
        activities: Any,
        organizations: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, kind=Kind.REQUEST, **kwargs)
        self.fields["capacity"] = forms.IntegerField(
            label=_("How many people do you need?"), min_value=1, max_value=10, initial=1
        )
        self.fields["neighbourhood"].queryset = neighbourhoods  # type: ignore[attr-defined]
        self.fields["place"].choices = [  # type: ignore[attr-defined]
            (_("Activities"), [(f"a{a.pk}", a.name) for a in activities]),
            (_("Organisations"), [(f"o{o.pk}", o.name) for o in organizations]),
        ]
        self.fields["meets"].label = _("What does the place offer?")
        self.fields["needs"].label = _("What must the person be able to do?")
        self._activities = {a.pk: a for a in activities}
        self._organizations = {o.pk: o for o in organizations}

    def clean_place(self) -> Activity | Organization:
        value = self.cleaned_data["place"]
        try:
            pk = int(value[1:])
        except (ValueError, IndexError):
            raise forms.ValidationError(_("Choose a place from the list.")) from None
        found = (self._activities if value[:1] == "a" else self._organizations).get(pk)
        if found is None:
            raise forms.ValidationError(_("Choose a place from the list."))
        return found

    def apply(self, listing: Listing) -> Listing:
        listing = super().apply(listing)
        place = self.cleaned_data["place"]
        listing.activity = place if isinstance(place, Activity) else None
        listing.organization = place if isinstance(place, Organization) else None
        if isinstance(place, Activity):
            listing.location = place.location
        listing.adaptations = self.cleaned_data["adaptations"]
        listing.neighbourhood = self.cleaned_data["neighbourhood"]
        listing.topic = Topic.TASK
        listing.kind = Kind.REQUEST
        return listing


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you hide this? The author reads this."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why not? (you may leave this empty)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EvaluateForm(forms.Form):
    success = forms.TypedChoiceField(
        label=_("Did a match come about?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("How did it go?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    minutes = forms.IntegerField(
        label=_("About how much time was given? (minutes)"),
        required=False,
        min_value=1,
        max_value=6000,
    )


class EndForm(forms.Form):
    text = forms.CharField(
        label=_("A few words about why"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReciprocityForm(forms.Form):
    direction = forms.ChoiceField(
        label=_("Did you give or receive?"), choices=Direction.choices, widget=forms.RadioSelect
    )
    what = forms.CharField(label=_("What was it?"), max_length=200)
    minutes = forms.IntegerField(
        label=_("How much time? (minutes, you may leave this empty)"),
        required=False,
        min_value=1,
        max_value=24 * 60,
    )
    thanks = forms.CharField(
        label=_("A thank-you (you may leave this empty)"), max_length=300, required=False
    )


class KindTopicForm(forms.Form):
    kind = forms.ChoiceField(choices=Kind.choices, required=False)
    topic = forms.ChoiceField(choices=Topic.choices, required=False)
