from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.activities import recurrence
from omzien.activities.models import Activity, ActivityKind, Admission, Outcome
from omzien.directory.models import Location, Service, Weekday
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.models import Person


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


# --- creating and editing activities ------------------------------------------------------

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


class Repeat(models.TextChoices):
    ONCE = "once", _("Only once")
    WEEKLY = "weekly", _("Every week")
    BIWEEKLY = "biweekly", _("Every two weeks")
    MONTHLY = "monthly", _("Every month, on the same day of the week")
    ADVANCED = "advanced", _("Advanced: my own rule (RRULE)")


WEEKDAY_CHOICES = [(code, label) for code, label in Weekday.choices]
NTH_CHOICES = [
    ("1", _("first")),
    ("2", _("second")),
    ("3", _("third")),
    ("4", _("fourth")),
    ("-1", _("last")),
]


def _location_label(location: Location) -> str:
    return location.name or location.alternate_name or str(location.pk)[:8]


class ActivityForm(forms.Form):
    """Everything staff set for an activity. The repeat builder writes the RFC 5545 text;
    the advanced field takes such text as it is."""

    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    description = forms.CharField(
        label=_("What happens"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    neighbourhood: forms.ModelChoiceField[Neighbourhood] = forms.ModelChoiceField(
        label=_("Neighbourhood"), queryset=Neighbourhood.objects.none()
    )
    location: forms.ModelChoiceField[Location] = forms.ModelChoiceField(
        label=_("Place (from the social map)"), queryset=Location.objects.none(), required=False
    )
    service: forms.ModelChoiceField[Service] = forms.ModelChoiceField(
        label=_("Entry in the social map"), queryset=Service.objects.none(), required=False
    )
    first_date = forms.DateField(
        label=_("First date"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    start_time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"})
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"), min_value=15, max_value=24 * 60, initial=120
    )
    repeat = forms.ChoiceField(
        label=_("Repeats"), choices=Repeat.choices, initial=Repeat.WEEKLY, widget=forms.RadioSelect
    )
    weekdays = forms.MultipleChoiceField(
        label=_("On which days (every week or every two weeks)"),
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nothing ticked: the day of the first date."),
    )
    nth = forms.ChoiceField(
        label=_("Which one in the month (every month)"),
        choices=NTH_CHOICES,
        required=False,
        help_text=_("The day of the week is the day of the first date."),
    )
    advanced_rule = forms.CharField(
        label=_("Own rule (advanced)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example RRULE:FREQ=WEEKLY;BYDAY=TU. Only with “Advanced”."),
    )
    exception_dates = forms.CharField(
        label=_("Dates without the activity"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One date per line, for example 29-12-2026."),
    )
    admission = forms.ChoiceField(
        label=_("How to join"), choices=Admission.choices, widget=forms.RadioSelect
    )
    capacity = forms.IntegerField(
        label=_("Maximum number of people"),
        required=False,
        min_value=1,
        max_value=10000,
        help_text=_("Empty: no maximum. With sign-up, more people go on a waiting list."),
    )
    hosts: forms.ModelMultipleChoiceField[Person] = forms.ModelMultipleChoiceField(
        label=_("Hosts"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Hosts check people in. Only people with an account."),
    )
    is_active = forms.BooleanField(
        label=_("Published: show it in the agenda"), required=False, initial=True
    )

    def __init__(
        self, *args: Any, neighbourhoods: Any, locations: Any, services: Any, hosts: Any, **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        fields: Any = self.fields
        fields["neighbourhood"].queryset = neighbourhoods
        fields["location"].queryset = locations
        fields["location"].label_from_instance = _location_label
        fields["service"].queryset = services
        fields["hosts"].queryset = hosts
        fields["hosts"].label_from_instance = lambda p: f"{p.first_name} {p.last_name}".strip()

    @classmethod
    def initial_for(cls, activity: Activity, hosts: list[Person]) -> dict[str, Any]:
        """The form's values for an existing activity; a rule the builder cannot show
        goes to the advanced field."""
        start = timezone.localtime(activity.starts_at)
        initial: dict[str, Any] = {
            "name": activity.name,
            "kind": activity.kind,
            "description": activity.description,
            "neighbourhood": activity.neighbourhood_id,
            "location": activity.location_id,
            "service": activity.service_id,
            "first_date": start.date(),
            "start_time": start.time().replace(second=0, microsecond=0),
            "duration_minutes": int(activity.duration.total_seconds() // 60),
            "admission": activity.admission,
            "capacity": activity.capacity,
            "hosts": [p.pk for p in hosts],
            "is_active": activity.is_active,
        }
        initial.update(describe_rule(activity.recurrence))
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first_date, start_time = data.get("first_date"), data.get("start_time")
        if first_date is None or start_time is None:
            return data
        naive = datetime.datetime.combine(first_date, start_time)
        data["starts_at"] = timezone.make_aware(naive)
        exdates = self._exception_dates(naive.time())
        rule = self._rule(first_date)
        if rule is None:
            return data
        text = "\n".join([line for line in [rule, exdates] if line])
        try:
            recurrence.parse(text, starts_at=data["starts_at"])
        except ValidationError as error:
            field = "advanced_rule" if data.get("repeat") == Repeat.ADVANCED else "repeat"
            self.add_error(field, error)
            return data
        data["recurrence"] = text
        return data

    def _rule(self, first_date: datetime.date) -> str | None:
        data = self.cleaned_data
        repeat = data.get("repeat")
        day = WEEKDAYS[first_date.weekday()]
        if repeat == Repeat.ONCE:
            return ""
        if repeat in {Repeat.WEEKLY, Repeat.BIWEEKLY}:
            days = [d for d in WEEKDAYS if d in (data.get("weekdays") or [day])]
            interval = ";INTERVAL=2" if repeat == Repeat.BIWEEKLY else ""
            return f"RRULE:FREQ=WEEKLY{interval};BYDAY={','.join(days)}"
        if repeat == Repeat.MONTHLY:
            nth = data.get("nth") or "1"
            return f"RRULE:FREQ=MONTHLY;BYDAY={nth}{day}"
        if repeat == Repeat.ADVANCED:
            text = (data.get("advanced_rule") or "").strip()
            if not text:
                self.add_error("advanced_rule", _("Write a rule, or choose another way to repeat."))
                return None
            return text
        return None

    def _exception_dates(self, at: datetime.time) -> str:
        text = self.cleaned_data.get("exception_dates") or ""
        dates: list[datetime.date] = []
        for line in text.replace(",", "\n").splitlines():
            word = line.strip()
            if not word:
                continue
            for pattern in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
                try:
                    dates.append(datetime.datetime.strptime(word, pattern).date())  # noqa: DTZ007
                    break
                except ValueError:
                    continue
            else:
                self.add_error(
                    "exception_dates",
                    _("“%(word)s” is not a date. Write dates like 29-12-2026, one per line.")
                    % {"word": word[:20]},
                )
                return ""
        if not dates:
            return ""
        moments = ",".join(f"{d:%Y%m%d}T{at:%H%M%S}" for d in sorted(set(dates)))
        return f"EXDATE:{moments}"

    def apply(self, activity: Activity) -> Activity:
        """Copy the cleaned values onto the activity (not saved: the service saves)."""
        data = self.cleaned_data
        activity.name = data["name"]
        activity.kind = data["kind"]
        activity.description = data["description"]
        activity.neighbourhood = data["neighbourhood"]
        activity.location = data["location"]
        activity.service = data["service"]
        activity.starts_at = data["starts_at"]
        activity.duration = datetime.timedelta(minutes=data["duration_minutes"])
        activity.recurrence = data["recurrence"]
        activity.admission = data["admission"]
        activity.capacity = data["capacity"]
        activity.is_active = data["is_active"]
        return activity


_WEEKLY = re.compile(r"^RRULE:FREQ=WEEKLY(;INTERVAL=([12]))?(;BYDAY=((MO|TU|WE|TH|FR|SA|SU),?)+)?$")
_MONTHLY = re.compile(r"^RRULE:FREQ=MONTHLY;BYDAY=\+?(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$")


def describe_rule(text: str) -> dict[str, Any]:
    """The builder's fields for a stored rule: a pattern it knows, else "advanced"."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    exdates: list[str] = []
    rest: list[str] = []
    for line in lines:
        if line.upper().startswith("EXDATE") and ":" in line:
            for value in line.split(":", 1)[1].split(","):
                try:
                    day = datetime.datetime.strptime(value.strip()[:8], "%Y%m%d")  # noqa: DTZ007
                except ValueError:
                    rest.append(line)
                    break
                exdates.append(f"{day:%d-%m-%Y}")
        else:
            rest.append(line)
    found: dict[str, Any] = {"exception_dates": "\n".join(exdates)}
    if not rest:
        found["repeat"] = Repeat.ONCE
        return found
    if len(rest) == 1:
        weekly = _WEEKLY.match(rest[0].upper())
        if weekly:
            found["repeat"] = Repeat.BIWEEKLY if weekly.group(2) == "2" else Repeat.WEEKLY
            byday = rest[0].upper().split("BYDAY=", 1)
            found["weekdays"] = byday[1].split(",") if len(byday) == 2 else []
            return found
        monthly = _MONTHLY.match(rest[0].upper())
        if monthly:
            found["repeat"] = Repeat.MONTHLY
            found["nth"] = monthly.group(1)
            return found
    found["repeat"] = Repeat.ADVANCED
    found["advanced_rule"] = "\n".join(rest)
    return found


class DescriptionForm(forms.Form):
    description = forms.CharField(
        label=_("What happens"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )


class SessionCancelForm(forms.Form):
    note = forms.CharField(
        label=_("Reason"),
        max_length=200,
        help_text=_("People who signed up get an e-mail with this reason."),
    )


class SessionMoveForm(forms.Form):
    date = forms.DateField(
        label=_("New date"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    time = forms.TimeField(
        label=_("New start time"), widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"})
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date") and data.get("time"):
            data["starts_at"] = timezone.make_aware(
                datetime.datetime.combine(data["date"], data["time"])
            )
        return data


class AbsenceForm(forms.Form):
    message = forms.CharField(
        label=_("Message for the host (optional)"),
        max_length=300,
        required=False,
    )


class SignUpForOtherForm(forms.Form):
    """A host signs up someone who came before, or someone new by first name."""

    person: forms.ModelChoiceField[Person] = forms.ModelChoiceField(
        label=_("Someone who came before"), queryset=Person.objects.none(), required=False
    )
    first_name = forms.CharField(label=_("Or: first name of someone new"), required=False)
    consent = forms.BooleanField(
        label=_("They agree that we write down their name"), required=False
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["person"]
        field.queryset = people
        field.label_from_instance = lambda p: f"{p.first_name} {p.last_name[:1]}".strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        person, first_name = data.get("person"), (data.get("first_name") or "").strip()
        if person is None and not first_name:
            raise ValidationError(_("Choose someone, or write the first name of someone new."))
        if person is not None and first_name:
            raise ValidationError(_("Choose someone or write a new name, not both."))
        if first_name and not data.get("consent"):
            self.add_error("consent", _("Ask first whether we may write down their name."))
        data["first_name"] = first_name
        return data
