from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from omzien.activities.models import Session
from omzien.people.models import ConsentMethod, Person
from omzien.welcome.models import ActivityTask, FollowUpOutcome


def session_label(session: Session, *, with_activity: bool = True) -> str:
    when = date_format(timezone.localtime(session.starts_at), "l j F, H:i")
    return f"{session.activity.name} — {when}" if with_activity else when


class SessionChoiceField(forms.ModelChoiceField):
    def __init__(self, *args: Any, with_activity: bool = True, **kwargs: Any) -> None:
        self.with_activity = with_activity
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return session_label(obj, with_activity=self.with_activity)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.neighbourhood.name})"


class TaskForm(forms.ModelForm):
    session = SessionChoiceField(
        queryset=Session.objects.none(),
        required=False,
        with_activity=False,
        label=_("When"),
        empty_label=_("Every time"),
    )

    class Meta:
        model = ActivityTask
        fields = ["name", "places", "session"]
        labels = {"name": _("Task"), "places": _("How many people")}
        help_texts = {"name": _("For example: pour coffee, set the table, bake a cake.")}

    def __init__(self, *args: Any, sessions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions  # type: ignore[attr-defined]


class ReferralForm(forms.Form):
    person = PersonChoiceField(queryset=Person.objects.none(), label=_("Who is coming"))
    session = SessionChoiceField(
        queryset=Session.objects.none(), label=_("Activity and date of the first visit")
    )
    own_words = forms.CharField(
        label=_("What do they want the host to know?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Write it together, in their own words. For example: I am a bit shy; I come "
            "with my neighbour. Do not write an illness, diagnosis or care label."
        ),
    )
    person_agreed = forms.BooleanField(
        label=_("The person agrees that the host and welcomer read this"),
        error_messages={"required": _("Only refer someone when they agree.")},
    )
    agreed_method = forms.ChoiceField(
        label=_("How did they agree?"),
        choices=[
            (ConsentMethod.SPOKEN, _("They said so in a conversation")),
            (ConsentMethod.WRITTEN, _("They signed on paper")),
        ],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, people: Any, sessions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["session"].queryset = sessions  # type: ignore[attr-defined]


class WelcomerForm(forms.Form):
    welcomer = forms.ChoiceField(label=_("Who welcomes them?"))

    def __init__(self, *args: Any, candidates: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = {str(p.pk): p for p in candidates}
        self.fields["welcomer"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (str(p.pk), p.display_name) for p in candidates
        ]

    def clean_welcomer(self) -> Person:
        return self.candidates[self.cleaned_data["welcomer"]]


class FollowUpForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How was the first visit?"),
        choices=FollowUpOutcome.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Write only what is needed. The person can ask to read it."),
    )
