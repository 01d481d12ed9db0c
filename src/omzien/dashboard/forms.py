"""The period filter (a year, or from-to) and the choice of neighbourhoods to compare.
Both are GET forms: the filtered page has its own address and works without JavaScript."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.dashboard.selectors import Period, default_period
from omzien.neighbourhoods.models import Neighbourhood

#: How many years back the year list goes.
YEARS_BACK = 10


def _years() -> list[tuple[str, Any]]:
    this_year = timezone.localdate().year
    return [("", _("— choose a year —"))] + [
        (str(year), str(year)) for year in range(this_year, this_year - YEARS_BACK, -1)
    ]


class PeriodForm(forms.Form):
    jaar = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    van = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("For example 2026-01-31."),
    )
    tot = forms.DateField(
        label=_("Up to and including"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["jaar"].choices = _years()  # type: ignore[attr-defined]
        # A date typed as 31-1-2026 is accepted too.
        for name in ("van", "tot"):
            field = self.fields[name]
            field.input_formats = ["%Y-%m-%d", "%d-%m-%Y"]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        year, start, end = data.get("jaar"), data.get("van"), data.get("tot")
        if year and (start or end):
            raise forms.ValidationError(_("Choose a year, or a from and to date; not both."))
        if start and end and start > end:
            self.add_error("tot", _("This date is before the from date."))
        return data

    def period(self) -> Period:
        """The chosen period; the default one when nothing (valid) was chosen."""
        default = default_period()
        if not self.is_bound or not self.is_valid():
            return default
        year = self.cleaned_data.get("jaar")
        if year:
            return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        return Period(
            self.cleaned_data.get("van") or default.start,
            self.cleaned_data.get("tot") or default.end,
        )


class CompareForm(PeriodForm):
    buurt = forms.MultipleChoiceField(
        label=_("Neighbourhoods"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose two or more."),
        error_messages={"invalid_choice": _("You cannot see the figures of %(value)s.")},
    )

    field_order = ["buurt", "jaar", "van", "tot"]

    def __init__(self, *args: Any, areas: QuerySet[Neighbourhood], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["buurt"].choices = [(a.code, a.name) for a in areas]  # type: ignore[attr-defined]

    def clean_buurt(self) -> list[str]:
        codes: list[str] = self.cleaned_data["buurt"]
        if len(codes) < 2:
            raise forms.ValidationError(_("Choose at least two neighbourhoods."))
        return codes
