from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from omzien.neighbourhoods.models import District, Municipality, Neighbourhood
from omzien.reports import picture, workflow
from omzien.reports.models import (
    Category,
    OutreachTaskStatus,
    Priority,
    Question,
    QuestionKind,
    ReportStatus,
    RoutingRule,
    StandardText,
    Team,
)
from omzien.reports.photo import photo_clean

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class ReportForm(forms.Form):
    """The public form, built from the category's subcategories and questions."""

    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    description = forms.CharField(
        label=_("What is going on?"),
        help_text=_("Describe what you see. Do not write down names or health details."),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Describe what is going on.")},
    )
    postcode = forms.RegexField(
        label=_("Postcode"),
        required=False,
        regex=r"^\s*\d{4}\s*[A-Za-z]{2}\s*$",
        error_messages={"invalid": _("Fill in a postcode, for example 9901 AB.")},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    house_number = forms.CharField(label=_("House number"), required=False, max_length=10)
    address = forms.CharField(
        label=_("Or: street or place"),
        help_text=_("For example: the passage between the school and the shop."),
        required=False,
        max_length=200,
    )
    latitude = forms.FloatField(
        required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    longitude = forms.FloatField(
        required=False, min_value=-180, max_value=180, widget=forms.HiddenInput
    )
    photo = forms.FileField(
        label=_("Photo (if you want)"),
        required=False,
        help_text=_("A JPG or PNG photo of at most 8 MB. We remove the location data."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail address (if you want)"),
        required=False,
        help_text=_("You get your reference number and link by e-mail."),
        error_messages={"invalid": _("Fill in a valid e-mail address.")},
    )
    contact_phone = forms.RegexField(
        label=_("Your phone number (if you want)"),
        required=False,
        regex=r"^\+?[0-9 ()-]{8,20}$",
        error_messages={"invalid": _("Fill in a phone number, for example 06 12345678.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    wants_updates = forms.BooleanField(
        label=_("Yes, I want to get news about my report by e-mail."), required=False
    )

    def __init__(self, *args: Any, category: Category, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.category = category
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4().hex)
        # all(), not filter(): the API prefetches the subcategories.
        children = [c for c in category.children.all() if c.is_active]
        fields: dict[str, forms.Field] = {}
        # A question about acute danger comes first: it can stop the form.
        self.questions = sorted(
            category.questions.all(), key=lambda q: (not q.yes_means_acute_danger, q.order)
        )
        for question in self.questions:
            if question.yes_means_acute_danger:
                fields[f"q_{question.key}"] = self._field(question)
        if children:
            fields["subcategory"] = forms.ModelChoiceField(
                label=_("What is it about?"),
                queryset=category.children.filter(is_active=True),
                widget=forms.RadioSelect,
                empty_label=None,
                error_messages={"required": _("Choose what it is about.")},
            )
        for question in self.questions:
            if not question.yes_means_acute_danger:
                fields[f"q_{question.key}"] = self._field(question)
        # Questions first (a danger question stops the form), then the rest.
        rest = dict(self.fields)
        self.fields = {**fields, **rest}

    @staticmethod
    def _field(question: Question) -> forms.Field:
        required_msg = {"required": _("Answer this question.")}
        if question.kind == QuestionKind.YES_NO:
            return forms.ChoiceField(
                label=question.text,
                choices=YES_NO,
                widget=forms.RadioSelect,
                required=question.required,
                help_text=question.help_text,
                error_messages=required_msg,
            )
        if question.kind == QuestionKind.CHOICE:
            return forms.ChoiceField(
                label=question.text,
                choices=[(c, c) for c in question.choices],
                widget=forms.RadioSelect,
                required=question.required,
                help_text=question.help_text,
                error_messages=required_msg,
            )
        return forms.CharField(
            label=question.text,
            required=question.required,
            max_length=500,
            help_text=question.help_text,
            error_messages=required_msg,
        )

    def signals_acute_danger(self) -> bool:
        """True when the raw answers say someone is in danger now (checked before the rest
        of the form, so an emergency is never held up by a missing field)."""
        if not self.is_bound:
            return False
        return any(
            q.yes_means_acute_danger and self.data.get(f"q_{q.key}") == "yes"
            for q in self.questions
        )

    def clean_photo(self) -> Any:
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        return photo_clean(upload, size=upload.size)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_point = data.get("latitude") is not None and data.get("longitude") is not None
        if data.get("postcode") and not data.get("house_number") and not data.get("address"):
            self.add_error("house_number", _("Fill in the house number too."))
        elif not (data.get("postcode") or data.get("address") or has_point):
            self.add_error("postcode", _("Tell us where it is: a postcode, an address or a place."))
        if not has_point:
            data["latitude"] = data["longitude"] = None
        if data.get("wants_updates") and not data.get("contact_email"):
            self.add_error("contact_email", _("Fill in your e-mail address to get updates."))
        return data

    def answers(self) -> dict[str, Any]:
        return {q.key: self.cleaned_data.get(f"q_{q.key}") for q in self.questions}


class FeedbackForm(forms.Form):
    satisfied = forms.ChoiceField(
        label=_("Are you satisfied?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    text = forms.CharField(
        label=_("Would you like to explain?"),
        help_text=_("If you are not satisfied: tell us what is still wrong."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("satisfied") == "no" and not (data.get("text") or "").strip():
            self.add_error("text", _("Tell us what is still wrong."))
        return data


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"))
    standard_text = forms.ModelChoiceField(
        label=_("Standard text"),
        required=False,
        queryset=StandardText.objects.none(),
        empty_label=_("No standard text"),
        help_text=_("Used when the text below is empty."),
    )
    text = forms.CharField(
        label=_("Message to the reporter"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, status: str, municipality_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [  # type: ignore[attr-defined]
            (s, ReportStatus(s).label) for s in workflow.next_states(status)
        ]
        self.fields["standard_text"].queryset = StandardText.objects.filter(  # type: ignore[attr-defined]
            municipality_id=municipality_id
        )

    def message(self) -> str:
        text = (self.cleaned_data.get("text") or "").strip()
        standard = self.cleaned_data.get("standard_text")
        if not text and standard is not None:
            return str(standard.text)
        return text


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Internal note"),
        help_text=_("Only staff see this note."),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OutreachOutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"),
        help_text=_(
            "What was done and what was agreed. No diagnosis, no care label: "
            "describe what you saw and did."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OutreachFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *OutreachTaskStatus.choices],
    )


class AssignForm(forms.Form):
    team = forms.ModelChoiceField(
        label=_("Team"), required=False, queryset=Team.objects.none(), empty_label=_("No team")
    )
    assignee = forms.ModelChoiceField(
        label=_("Handled by"), required=False, queryset=Team.objects.none(), empty_label="—"
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)

    def __init__(self, *args: Any, municipality_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from omzien.accounts.models import User

        teams = Team.objects.filter(municipality_id=municipality_id, is_active=True)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["assignee"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(report_teams__in=teams).distinct().order_by("display_name")
        )


class DeadlineForm(forms.Form):
    deadline_at = forms.DateTimeField(
        label=_("Deadline"),
        required=False,
        help_text=_("Empty means no deadline."),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class FilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + ReportStatus.choices
    )
    category = forms.ModelChoiceField(
        label=_("Category"), required=False, queryset=Category.objects.none(), empty_label=_("All")
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        required=False,
        queryset=Neighbourhood.objects.none(),
        empty_label=_("All"),
    )
    team = forms.ModelChoiceField(
        label=_("Team"), required=False, queryset=Team.objects.none(), empty_label=_("All")
    )
    satisfied = forms.ChoiceField(
        label=_("Satisfied"),
        required=False,
        choices=[("", _("All")), ("yes", _("Yes")), ("no", _("No")), ("open", _("Not answered"))],
    )
    overdue = forms.BooleanField(label=_("Only overdue reports"), required=False)

    def __init__(
        self, *args: Any, categories: Any, neighbourhoods: Any, teams: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories  # type: ignore[attr-defined]
        self.fields["neighbourhood"].queryset = neighbourhoods  # type: ignore[attr-defined]
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]


class PictureFilterForm(forms.Form):
    """The filters of the public picture (GET). Unknown values show an error, never a 500."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        required=False,
        queryset=Municipality.objects.none(),
        to_field_name="code",
        empty_label=_("All"),
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        required=False,
        queryset=Neighbourhood.objects.none(),
        to_field_name="code",
        empty_label=_("All"),
    )
    period = forms.TypedChoiceField(
        label=_("Period"),
        required=False,
        coerce=int,
        empty_value=12,  # type: ignore[arg-type]
        choices=[("12", _("Last 12 months")), ("3", _("Last 3 months"))],
    )
    subcategory = forms.ChoiceField(label=_("What kind"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("open", _("Open")), ("handled", _("Handled"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        towns = Municipality.objects.filter(
            report_categories__kind__in=picture.PUBLIC_KINDS
        ).distinct()
        self.fields["municipality"].queryset = towns  # type: ignore[attr-defined]
        self.fields["neighbourhood"].queryset = (  # type: ignore[attr-defined]
            Neighbourhood.objects.filter(district__municipality__in=towns)
            .select_related("district__municipality")
            .order_by("name")
        )
        self.fields["subcategory"].choices = [  # type: ignore[attr-defined]
            ("", _("All")),
            *picture.public_subcategories(),
        ]


WEEKDAY_CHOICES = [
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
    ("5", _("Saturday")),
    ("6", _("Sunday")),
]


class RoutingRuleForm(forms.ModelForm):
    """A routing rule of one municipality. The model's own checks (one target, both times
    or neither, everything from this municipality) run on save of the form as well."""

    weekdays = forms.MultipleChoiceField(
        label=_("Days of the week"),
        required=False,
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose no day for every day."),
    )

    class Meta:
        model = RoutingRule
        fields = [
            "name",
            "is_active",
            "category",
            "district",
            "neighbourhood",
            "from_time",
            "until_time",
            "weekdays",
            "outside_office_hours",
            "team",
            "team_kind",
            "to_on_call",
        ]
        widgets = {
            "from_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "until_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        other_town = _("Choose from this municipality.")
        querysets = {
            "category": Category.objects.filter(municipality=municipality).select_related("parent"),
            "district": District.objects.filter(municipality=municipality),
            "neighbourhood": Neighbourhood.objects.filter(district__municipality=municipality),
            "team": Team.objects.filter(municipality=municipality),
        }
        for name, queryset in querysets.items():
            self.fields[name].queryset = queryset  # type: ignore[attr-defined]
            self.fields[name].error_messages["invalid_choice"] = other_town
        self.fields["category"].help_text = _("Empty means every category.")
        self.fields["team"].help_text = _("Or choose a kind of team, or whoever is on call.")
        if self.instance.pk is not None:
            self.initial["weekdays"] = list(self.instance.weekdays)

    def clean_weekdays(self) -> str:
        return "".join(sorted(self.cleaned_data.get("weekdays") or []))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        district, hood = data.get("district"), data.get("neighbourhood")
        if district is not None and hood is not None and hood.district_id != district.pk:
            self.add_error("neighbourhood", _("This neighbourhood is not in the district."))
        return data


def validation_message(error: ValidationError) -> str:
    return " ".join(error.messages)
