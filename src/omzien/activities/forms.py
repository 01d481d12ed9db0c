from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.activities.models import Outcome


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How did it go?"),
        choices=[
            (Outcome.FINE, _("All fine")),
            (Outcome.ATTENTION, _("Needs attention")),
            (Outcome.UNREACHABLE, _("I could not reach them")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Write only what is needed. The person can ask to read it."),
    )


class NewcomerForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=80)
    consent = forms.BooleanField(
        label=_("They agree that we write down their name when they come"),
        required=False,
        help_text=_("Without this, we only count them."),
    )
