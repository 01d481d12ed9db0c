from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from omzien.support.models import (
    PHASE_FIELDS,
    ContactFrequency,
    NetworkMember,
    PlanPhase,
    PlanVersion,
    Relation,
    phone_validator,
)

#: Places for people to call, per phase.
CONTACT_SLOTS = 3

PHASE_INTROS = {
    PlanPhase.WELL: _("How are you when things go well?"),
    PlanPhase.LESS_WELL: _("How are you when things go less well?"),
    PlanPhase.CRISIS: _("What happens in a crisis? This part goes on your crisis card."),
}
FIELD_LABELS = {
    "signs": _("How do I and others notice this?"),
    "helps": _("What helps me"),
    "others_do": _("What others can do"),
    "dont_do": _("What others should not do"),
}


class NetworkMemberForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80)
    relation = forms.ChoiceField(label=_("Who is this for you?"), choices=Relation.choices)
    description = forms.CharField(
        label=_("In your own words (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example: my sister, my buddy from the walking group."),
    )
    frequency = forms.ChoiceField(
        label=_("How often are you in touch?"),
        choices=ContactFrequency.choices,
        widget=forms.RadioSelect,
    )
    call_when_less_well = forms.BooleanField(
        label=_("I may call this person when things go less well"), required=False
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        max_length=30,
        required=False,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    account_email = forms.EmailField(
        label=_("E-mail address of their omzien account (optional)"),
        required=False,
        help_text=_("Only if this person uses omzien. Then you can let them read your plan."),
    )

    @classmethod
    def for_member(cls, member: NetworkMember | None, data: Any = None) -> NetworkMemberForm:
        initial = {}
        if member is not None:
            initial = {
                "name": member.name,
                "relation": member.relation,
                "description": member.description,
                "frequency": member.frequency,
                "call_when_less_well": member.call_when_less_well,
                "phone": member.phone,
                "account_email": member.user.email if member.user else "",
            }
        return cls(data, initial=initial)


class PlanForm(forms.Form):
    """Per phase: four texts in the person's own words and up to three people to call."""

    def __init__(
        self,
        data: Any = None,
        *,
        members: list[NetworkMember] = (),  # type: ignore[assignment]
        version: PlanVersion | None = None,
    ) -> None:
        super().__init__(data)
        self.members = {str(m.pk): m for m in members}
        member_choices = [("", _("Choose from your network"))] + [
            (str(m.pk), f"{m.name} ({m.phone})" if m.phone else m.name) for m in members
        ]
        self.phases: list[dict[str, Any]] = []
        for phase in PlanPhase:
            text_names = []
            for field in PHASE_FIELDS:
                name = f"{phase.value}_{field}"
                self.fields[name] = forms.CharField(
                    label=FIELD_LABELS[field],
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
                if version is not None:
                    self.fields[name].initial = version.phase_text(phase.value, field)
                text_names.append(name)
            existing = (
                [c for c in version.contacts.all() if c.phase == phase.value] if version else []
            )
            slots = []
            for slot in range(1, CONTACT_SLOTS + 1):
                prefix = f"{phase.value}_call{slot}"
                self.fields[f"{prefix}_member"] = forms.ChoiceField(
                    label=_("Person %(n)s to call: from your network") % {"n": slot},
                    choices=member_choices,
                    required=False,
                )
                self.fields[f"{prefix}_name"] = forms.CharField(
                    label=_("or a name"), max_length=80, required=False
                )
                self.fields[f"{prefix}_phone"] = forms.CharField(
                    label=_("and phone number"),
                    max_length=30,
                    required=False,
                    validators=[phone_validator],
                    widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
                )
                if len(existing) >= slot:
                    self.fields[f"{prefix}_name"].initial = existing[slot - 1].name
                    self.fields[f"{prefix}_phone"].initial = existing[slot - 1].phone
                slots.append(prefix)
            self.phases.append(
                {
                    "phase": phase,
                    "intro": PHASE_INTROS[phase],
                    "texts": text_names,
                    "slots": slots,
                }
            )

    def phase_groups(self) -> list[dict[str, Any]]:
        """The bound fields grouped per phase, for the template."""
        return [
            {
                "phase": group["phase"],
                "intro": group["intro"],
                "texts": [self[name] for name in group["texts"]],
                "slots": [
                    (
                        number,
                        self[f"{prefix}_member"],
                        self[f"{prefix}_name"],
                        self[f"{prefix}_phone"],
                    )
                    for number, prefix in enumerate(group["slots"], start=1)
                ],
            }
            for group in self.phases
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        contacts: list[tuple[str, str, str]] = []
        for group in self.phases:
            for prefix in group["slots"]:
                member = self.members.get(data.get(f"{prefix}_member") or "")
                name = (data.get(f"{prefix}_name") or "").strip()
                phone = (data.get(f"{prefix}_phone") or "").strip()
                if f"{prefix}_phone" in self.errors:
                    continue
                if member is not None:
                    name = name or member.name
                    phone = phone or member.phone
                if not name and not phone:
                    continue
                if not phone:
                    self.add_error(
                        f"{prefix}_phone",
                        _("Fill in the phone number of %(name)s.") % {"name": name},
                    )
                    continue
                if not name:
                    self.add_error(f"{prefix}_name", _("Fill in whose number this is."))
                    continue
                contacts.append((group["phase"].value, name, phone))
        data["contacts"] = contacts
        return data

    def texts(self) -> dict[str, str]:
        return {
            name: self.cleaned_data.get(name, "")
            for group in self.phases
            for name in group["texts"]
        }


class ReaderField(forms.ModelMultipleChoiceField):
    """Each candidate with where the person knows them from."""

    network_ids: set[int] = set()  # noqa: RUF012 - replaced per form

    def label_from_instance(self, obj: Any) -> str:
        where = (
            _("in your network") if obj.pk in self.network_ids else _("works in your neighbourhood")
        )
        return f"{obj.get_full_name()} ({where})"


class ReadersForm(forms.Form):
    readers = ReaderField(
        label=_("Who may read my plan?"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only the people you tick. You can change this at any time."),
    )

    def __init__(
        self, data: Any = None, *, candidates: list[Any], network_ids: set[int], **kw: Any
    ) -> None:
        super().__init__(data, **kw)
        field = self.fields["readers"]
        assert isinstance(field, ReaderField)  # noqa: S101 - declared above
        field.queryset = (
            get_user_model()
            .objects.filter(pk__in=[u.pk for u in candidates])
            .order_by("display_name", "email")
        )
        field.network_ids = network_ids
