from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.directory import selectors, taxonomy
from omzien.directory.models import (
    Kind,
    Organization,
    Publication,
    ScheduleKind,
    Service,
    ServiceStatus,
    TaxonomyTerm,
    Weekday,
)
from omzien.neighbourhoods.models import Neighbourhood

ORDER_CHOICES = [
    ("relevance", _("best match")),
    ("distance", _("nearest first")),
    ("name", _("name A–Z")),
]
RADIUS_CHOICES = [
    ("", _("any distance")),
    ("0.5", "500 m"),
    ("1", "1 km"),
    ("2", "2 km"),
    ("5", "5 km"),
]


def _term_choices(slug: str) -> list[tuple[str, str]]:
    choices = []
    for term in selectors.facet_terms(slug):
        label = term.label if term.parent_id is None else f"– {term.label}"
        choices.append((str(term.id), label))
    return choices


class SearchForm(forms.Form):
    """The social-map search: every field optional; bad values are reported, not fatal."""

    q = forms.CharField(label=_("What are you looking for?"), required=False, max_length=200)
    kind = forms.MultipleChoiceField(
        label=_("Kind"),
        required=False,
        choices=[c for c in Kind.choices if c[0] != Kind.OTHER],
        widget=forms.CheckboxSelectMultiple,
    )
    theme = forms.MultipleChoiceField(label=_("Theme"), required=False)
    target_group = forms.MultipleChoiceField(label=_("For whom"), required=False)
    inclusion = forms.MultipleChoiceField(
        label=_("Easy to join"), required=False, widget=forms.CheckboxSelectMultiple
    )
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        required=False,
        queryset=Neighbourhood.objects.select_related("district").order_by("name"),
        empty_label=_("All neighbourhoods"),
    )
    postcode = forms.RegexField(
        label=_("Near postcode"),
        required=False,
        regex=r"^\s*\d{4}\s*([A-Za-z]{2})?\s*$",
        error_messages={"invalid": _("Fill in a postcode, for example 9901 AB.")},
    )
    radius = forms.ChoiceField(label=_("Distance"), required=False, choices=RADIUS_CHOICES)
    order = forms.ChoiceField(label=_("Order"), required=False, choices=ORDER_CHOICES)
    drafts = forms.BooleanField(label=_("Also show drafts"), required=False)

    def __init__(self, *args: Any, show_drafts: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["theme"].choices = _term_choices(taxonomy.THEME)
        fields["target_group"].choices = _term_choices(taxonomy.TARGET_GROUP)
        fields["inclusion"].choices = [
            (term.code, term.label) for term in selectors.facet_terms(taxonomy.INCLUSION)
        ]
        if not show_drafts:
            del self.fields["drafts"]

    def params(self, **extra: Any) -> selectors.SearchParams:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        radius = data.get("radius")
        postcode = data.get("postcode") or ""
        return selectors.SearchParams(
            q=data.get("q") or "",
            kinds=data.get("kind") or [],
            themes=list(data.get("theme") or []),
            target_groups=list(data.get("target_group") or []),
            inclusion=data.get("inclusion") or [],
            open_now=bool(data.get("open_now")),
            neighbourhood=data.get("neighbourhood"),
            postcode=postcode,
            radius_km=float(radius) if radius else (2.0 if postcode else None),
            order=data.get("order") or ("distance" if postcode else "relevance"),
            include_drafts=bool(data.get("drafts")),
            **extra,
        )


class TermMultipleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.label if obj.parent_id is None else f"– {obj.label}"


def _terms(slug: str) -> Any:
    return TaxonomyTerm.objects.filter(taxonomy__slug=slug).order_by("parent__order", "order")


class ServiceForm(forms.Form):
    """An entry as a coordinator edits it: the entry, its main location and its terms."""

    name = forms.CharField(label=_("Name"), max_length=250)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    subkind = TermMultipleField(
        label=_("More precisely"),
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("What happens there"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    organization_name = forms.CharField(
        label=_("Organisation"),
        max_length=250,
        required=False,
        help_text=_("Leave empty for a place without an organisation, such as a square."),
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"), queryset=Neighbourhood.objects.order_by("name")
    )
    status = forms.ChoiceField(label=_("Status"), choices=ServiceStatus.choices)
    publication = forms.ChoiceField(label=_("Publication"), choices=Publication.choices)
    alert = forms.CharField(label=_("Notice (for example: closed for renovation)"), required=False)
    location_name = forms.CharField(label=_("Name of the place"), max_length=250, required=False)
    address_1 = forms.CharField(label=_("Street and number"), max_length=250, required=False)
    postal_code = forms.RegexField(
        label=_("Postcode"),
        required=False,
        regex=r"^\d{4}\s?[A-Za-z]{2}$",
        error_messages={"invalid": _("Fill in a postcode, for example 9901 AB.")},
    )
    city = forms.CharField(label=_("Town"), max_length=120, required=False)
    latitude = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180
    )
    url = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("E-mail address"), required=False)
    application_process = forms.CharField(
        label=_("How to take part"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    fees_description = forms.CharField(label=_("Costs"), required=False)
    eligibility_description = forms.CharField(label=_("For whom"), required=False)
    minimum_age = forms.IntegerField(label=_("Minimum age"), required=False, min_value=0)
    maximum_age = forms.IntegerField(label=_("Maximum age"), required=False, min_value=0)
    themes = TermMultipleField(
        label=_("Themes"),
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = TermMultipleField(
        label=_("For whom especially"),
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    inclusion = TermMultipleField(
        label=_("Easy to join"),
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    TERM_FIELDS = {
        "subkind": taxonomy.KIND,
        "themes": taxonomy.THEME,
        "target_groups": taxonomy.TARGET_GROUP,
        "inclusion": taxonomy.INCLUSION,
    }

    def __init__(self, *args: Any, neighbourhoods: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, slug in self.TERM_FIELDS.items():
            field = self.fields[name]
            assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101
            field.queryset = _terms(slug)
        if neighbourhoods is not None:
            field = self.fields["neighbourhood"]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
            field.queryset = neighbourhoods

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error("maximum_age", _("The maximum age cannot be below the minimum age."))
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        return data

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in self.TERM_FIELDS:
            data.pop(name, None)
        organization_name = data.pop("organization_name", "")
        neighbourhood = data["neighbourhood"]
        data["organization"] = (
            Organization.objects.filter(name__iexact=organization_name.strip()).first()
            or Organization.objects.create(
                name=organization_name.strip(),
                municipality_id=neighbourhood.district.municipality_id,
            )
            if organization_name.strip()
            else None
        )
        for name in ("postal_code",):
            if data.get(name):
                data[name] = data[name].upper().replace(" ", "")
                data[name] = f"{data[name][:4]} {data[name][4:]}"
        return data

    def terms(self) -> list[TaxonomyTerm]:
        return [term for name in self.TERM_FIELDS for term in self.cleaned_data.get(name) or []]

    @classmethod
    def initial_for(cls, service: Service) -> dict[str, Any]:
        terms = selectors.terms_of(service)
        sal = service.service_at_locations.select_related("location").first()
        location = sal.location if sal else None
        address = location.address if location else None
        initial: dict[str, Any] = {
            name: getattr(service, name)
            for name in (
                "name",
                "kind",
                "description",
                "status",
                "publication",
                "alert",
                "url",
                "email",
                "application_process",
                "fees_description",
                "eligibility_description",
                "minimum_age",
                "maximum_age",
            )
        }
        initial["neighbourhood"] = service.neighbourhood_id
        initial["organization_name"] = service.organization.name if service.organization else ""
        if location:
            initial.update(
                location_name=location.name,
                latitude=location.latitude,
                longitude=location.longitude,
            )
        if address:
            initial.update(
                address_1=address.address_1, postal_code=address.postal_code, city=address.city
            )
        for name, slug in cls.TERM_FIELDS.items():
            initial[name] = [t.pk for t in terms if t.taxonomy and t.taxonomy.slug == slug]
        return initial


class ScheduleRowForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ScheduleKind.choices, required=False)
    byday = forms.MultipleChoiceField(
        label=_("Days"),
        choices=Weekday.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opens_at = forms.TimeField(label=_("Opens at"), required=False)
    closes_at = forms.TimeField(label=_("Closes at"), required=False)
    valid_from = forms.DateField(label=_("From (date)"), required=False)
    valid_to = forms.DateField(label=_("Until (date)"), required=False)
    description = forms.CharField(label=_("Note"), required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["byday"] = ",".join(data.get("byday") or [])
        return data


ScheduleFormSet = forms.formset_factory(ScheduleRowForm, extra=2, can_delete=True)


class SuggestionForm(forms.Form):
    name = forms.CharField(label=_("Name of the place or activity"), max_length=250)
    kind = forms.ChoiceField(
        label=_("What kind of place is it?"),
        choices=[("", _("I don't know")), *Kind.choices],
        required=False,
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"), queryset=Neighbourhood.objects.order_by("name")
    )
    description = forms.CharField(
        label=_("What happens there?"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    address = forms.CharField(label=_("Address or where it is"), max_length=250, required=False)
    how_to_reach = forms.CharField(
        label=_("How can people get in touch?"), max_length=250, required=False
    )


class CorrectionForm(forms.Form):
    message = forms.CharField(
        label=_("What is not right?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("For example: the opening hours have changed, or it has stopped."),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Why not?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The person who made the suggestion will see this."),
    )
