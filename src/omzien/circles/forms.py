from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from omzien.accounts.models import STAFF_ROLES, Role, User
from omzien.circles.models import AgreementStatus, Circle, Continuation, Meeting
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.models import ConsentMethod, Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.display_name} ({obj.neighbourhood.name})"


class CircleForm(forms.ModelForm):
    class Meta:
        model = Circle
        fields = [
            "name",
            "neighbourhood",
            "goal",
            "coach",
            "volunteer",
            "starts_on",
            "planned_end_on",
        ]
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 4}),
            "starts_on": DATE,
            "planned_end_on": DATE,
        }
        help_texts = {
            "name": _("For example: Buurtcirkel Lindehof."),
            "goal": _("What the group wants, in the words of the participants."),
        }

    def __init__(self, *args: Any, neighbourhoods: QuerySet[Neighbourhood], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = neighbourhoods  # type: ignore[attr-defined]
        ids = list(neighbourhoods.values_list("pk", flat=True))
        users = User.objects.filter(is_active=True).order_by("display_name", "email")
        # Who can be coach or volunteer somewhere in these neighbourhoods; the service
        # checks the exact neighbourhood.
        self.fields["coach"].queryset = _role_holders(users, STAFF_ROLES, ids)  # type: ignore[attr-defined]
        self.fields["volunteer"].queryset = _role_holders(users, [Role.VOLUNTEER], ids)  # type: ignore[attr-defined]
        if self.instance.pk:
            del self.fields["neighbourhood"]


def _role_holders(users: QuerySet[User], roles: Any, neighbourhood_ids: list[int]) -> Any:
    """Accounts holding one of `roles` for an area containing one of the neighbourhoods."""
    areas = Neighbourhood.objects.filter(pk__in=neighbourhood_ids)
    covering = (
        Q(roles__neighbourhood__in=areas)
        | Q(roles__district__in=areas.values("district_id"))
        | Q(roles__municipality__in=areas.values("district__municipality_id"))
    )
    return users.filter(covering, roles__role__in=list(roles)).distinct()


class MembershipForm(forms.Form):
    person = PersonChoiceField(label=_("Who takes part"), queryset=Person.objects.none())
    agreed_how = forms.ChoiceField(
        label=_("How did they say yes to taking part?"),
        choices=ConsentMethod.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people.select_related("neighbourhood")  # type: ignore[attr-defined]


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["starts_at", "topic", "location", "place"]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args: Any, locations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = locations  # type: ignore[attr-defined]
        self.fields["location"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("location") and not (data.get("place") or "").strip():
            self.add_error("place", _("Choose a place from the social map or write one down."))
        return data


class AgreementForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("Who made the agreement"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    text = forms.CharField(
        label=_("What did they agree?"),
        max_length=300,
        help_text=_("For example: Ans and Karim do the shopping together on Fridays."),
    )
    made_on = forms.DateField(label=_("Made on"), widget=DATE)

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people  # type: ignore[attr-defined]
        self.fields["people"].label_from_instance = lambda p: p.first_name  # type: ignore[attr-defined]


class AgreementStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("How is it going?"), choices=AgreementStatus.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)


class EvaluationForm(forms.Form):
    """The coach's evaluation, and per participant three optional short answers."""

    went_well = forms.CharField(
        label=_("What went well?"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    brought = forms.CharField(
        label=_("What did the circle bring the participants?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    continues = forms.ChoiceField(
        label=_("Does the group carry on by itself?"),
        choices=Continuation.choices,
        widget=forms.RadioSelect,
    )
    coach_summary = forms.CharField(
        label=_("Your summary as the coach"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = people
        choices = [("", _("(no answer)")), *Continuation.choices]
        for person in people:
            name = person.first_name
            self.fields[f"p{person.pk}_went_well"] = forms.CharField(
                label=_("%(name)s: what went well?") % {"name": name},
                max_length=500,
                required=False,
            )
            self.fields[f"p{person.pk}_brought"] = forms.CharField(
                label=_("%(name)s: what did the circle bring you?") % {"name": name},
                max_length=500,
                required=False,
            )
            self.fields[f"p{person.pk}_continues"] = forms.ChoiceField(
                label=_("%(name)s: do you carry on with the group?") % {"name": name},
                choices=choices,
                required=False,
            )

    def coach_fields(self) -> list[Any]:
        return [self[name] for name in ("went_well", "brought", "continues", "coach_summary")]

    def participant_fields(self) -> list[tuple[Person, list[Any]]]:
        return [
            (p, [self[f"p{p.pk}_{k}"] for k in ("went_well", "brought", "continues")])
            for p in self.people
        ]

    def answers(self) -> dict[int, dict[str, str]]:
        data = self.cleaned_data
        return {
            p.pk: {k: data.get(f"p{p.pk}_{k}", "") for k in ("went_well", "brought", "continues")}
            for p in self.people
        }
