from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.neighbourhoods.models import District
from omzien.oncall import selectors
from omzien.oncall.models import ShiftKind
from omzien.oncall.validators import normalise_dutch_mobile

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name())


class ShiftForm(forms.Form):
    user = PersonChoiceField(label=_("Who"), queryset=None)  # set per district below
    kind = forms.ChoiceField(
        label=_("Kind of shift"),
        choices=ShiftKind.choices,
        initial=ShiftKind.PRIMARY,
        widget=forms.RadioSelect,
        help_text=_("Back-up: a second person who may be called when the first cannot."),
    )
    starts_at = forms.DateTimeField(
        label=_("From"),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(format=DATETIME_FORMAT, attrs={"type": "datetime-local"}),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(format=DATETIME_FORMAT, attrs={"type": "datetime-local"}),
    )
    mobile = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        help_text=_("Only staff of this district see this number. For example 06 12345678."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = selectors.professionals_of(district)  # type: ignore[attr-defined]

    def clean_mobile(self) -> str:
        return normalise_dutch_mobile(self.cleaned_data["mobile"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The end must be after the start."))
        return data
