from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from omzien.accounts.models import User
from omzien.neighbourhoods.models import Municipality
from omzien.plans.models import ActionStatus, Intervention, Phase
from omzien.plans.services import allowed_next
from omzien.scan.models import ActionPoint, Characteristic

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PointChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.title}"


class StaffChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name())


def _characteristics_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("Characteristics"),
        queryset=Characteristic.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def _points_field() -> PointChoice:
    return PointChoice(
        label=_("Action points"),
        queryset=ActionPoint.objects.order_by("order"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("A chosen action point brings its characteristic along."),
    )


class InterventionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    description = forms.CharField(
        label=_("Description in plain language"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none(), empty_label=None
    )
    characteristics = _characteristics_field()
    action_points = _points_field()
    source_document = forms.CharField(label=_("Source"), max_length=300, required=False)
    source_section = forms.CharField(
        label=_("Section of the source"), max_length=200, required=False
    )
    source_reference = forms.CharField(
        label=_("Organisation or publication named there"), max_length=300, required=False
    )

    def __init__(
        self, *args: Any, municipalities: QuerySet[Municipality] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if municipalities is None:
            del self.fields["municipality"]
        else:
            field = self.fields["municipality"]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - for the type checker
            field.queryset = municipalities

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("characteristics") and not data.get("action_points"):
            raise forms.ValidationError(_("Choose at least one characteristic or action point."))
        return data


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    description = forms.CharField(
        label=_("Description"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices, widget=forms.RadioSelect)
    characteristics = _characteristics_field()
    action_points = _points_field()
    intervention = forms.ModelChoiceField(
        label=_("Intervention (optional)"),
        queryset=Intervention.objects.none(),
        required=False,
    )
    owner_user = StaffChoice(
        label=_("Owner: a staff member"), queryset=User.objects.none(), required=False
    )
    owner_organisation = forms.CharField(
        label=_("Or: a partner organisation"), max_length=150, required=False
    )
    start_on = forms.DateField(label=_("Start date"), widget=DATE)
    due_on = forms.DateField(label=_("Due date"), widget=DATE)

    def __init__(
        self,
        *args: Any,
        staff: QuerySet[User],
        interventions: QuerySet[Intervention],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        owner, intervention = self.fields["owner_user"], self.fields["intervention"]
        assert isinstance(owner, forms.ModelChoiceField)  # noqa: S101 - for the type checker
        assert isinstance(intervention, forms.ModelChoiceField)  # noqa: S101
        owner.queryset = staff
        intervention.queryset = interventions

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_user = data.get("owner_user") is not None
        has_organisation = bool((data.get("owner_organisation") or "").strip())
        if has_user == has_organisation and "owner_user" not in self.errors:
            raise forms.ValidationError(
                _("Choose one owner: a staff member or a partner organisation.")
            )
        start, due = data.get("start_on"), data.get("due_on")
        if start and due and due < start:
            self.add_error("due_on", _("The due date cannot be before the start date."))
        return data


class StatusForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)

    def __init__(self, *args: Any, status: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - for the type checker
        field.choices = [(value, ActionStatus(value).label) for value in allowed_next(status)]


class EvaluationForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    learnt = forms.CharField(
        label=_("What did we learn?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next_step = forms.CharField(
        label=_("Next step"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
