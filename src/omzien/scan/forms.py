from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.scan import instruments
from omzien.scan.framework import dna_questions
from omzien.scan.models import (
    ActionPoint,
    AnswerScale,
    Campaign,
    LonelinessForm,
    Participant,
    ParticipantKind,
)

UNKNOWN = "?"


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("Title (optional)"), max_length=150, required=False)


class ParticipantForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Takes part as"), choices=ParticipantKind.choices, widget=forms.RadioSelect
    )
    email = forms.EmailField(
        label=_("E-mail address of their account"),
        required=False,
        help_text=_("For someone with an account. They fill in their own scores."),
    )
    guest_name = forms.CharField(
        label=_("Or: name of a guest without an account"),
        max_length=150,
        required=False,
        help_text=_("You type in the scores of a guest yourself."),
    )
    name_with_comments = forms.BooleanField(
        label=_("This resident agrees that their name is shown with their comments"),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        email = (data.get("email") or "").strip()
        name = (data.get("guest_name") or "").strip()
        if not email and not name and not self.errors:
            raise forms.ValidationError(_("Give an e-mail address or a name."))
        if email and name:
            raise forms.ValidationError(_("Give an e-mail address or a name, not both."))
        return data


def score_field_name(point: ActionPoint) -> str:
    return "score_" + point.code.replace(".", "_")


def comment_field_name(point: ActionPoint) -> str:
    return "comment_" + point.code.replace(".", "_")


class ScoresForm(forms.Form):
    """One score (1-5 or "weet ik niet") and a comment per action point. No JavaScript."""

    def __init__(self, *args: Any, points: list[ActionPoint], participant: Participant, **kw: Any):
        super().__init__(*args, **kw)
        self.points = points
        existing = {score.action_point_id: score for score in participant.scores.all()}
        choices = [(str(v), str(v)) for v in range(1, 6)] + [(UNKNOWN, _("I don't know"))]
        for point in points:
            score = existing.get(point.pk)
            self.fields[score_field_name(point)] = forms.ChoiceField(
                label=f"{point.code} {point.title}",
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                initial=(
                    None
                    if score is None
                    else (UNKNOWN if score.value is None else str(score.value))
                ),
            )
            self.fields[comment_field_name(point)] = forms.CharField(
                label=_("Comment on %(code)s (optional)") % {"code": point.code},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial="" if score is None else score.comment,
            )

    def rows(self) -> list[tuple[ActionPoint, Any, Any]]:
        return [
            (point, self[score_field_name(point)], self[comment_field_name(point)])
            for point in self.points
        ]

    def scores(self) -> dict[str, tuple[int | None, str]]:
        """Only the points that got an answer: an untouched point is not saved."""
        result: dict[str, tuple[int | None, str]] = {}
        for point in self.points:
            value = self.cleaned_data.get(score_field_name(point)) or ""
            comment = self.cleaned_data.get(comment_field_name(point)) or ""
            if not value:
                if comment.strip():
                    self.add_error(
                        score_field_name(point),
                        _("Choose a score or 'I don't know' to go with your comment."),
                    )
                continue
            result[point.code] = (None if value == UNKNOWN else int(value), comment)
        return result


class DnaForm(forms.Form):
    def __init__(self, *args: Any, answers: dict[str, str] | None = None, **kw: Any):
        super().__init__(*args, **kw)
        answers = answers or {}
        self.sections: list[tuple[Any, list[str]]] = []
        current: tuple[Any, list[str]] | None = None
        for key, section, text in dna_questions():
            if current is None or current[0] is not section:
                current = (section, [])
                self.sections.append(current)
            self.fields[key] = forms.CharField(
                label=text,
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=answers.get(key, ""),
            )
            current[1].append(key)

    def grouped(self) -> list[tuple[Any, list[Any]]]:
        return [(section, [self[key] for key in keys]) for section, keys in self.sections]


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    loneliness_form = forms.ChoiceField(
        label=_("Loneliness questions"),
        choices=LonelinessForm.choices,
        required=False,
        initial=LonelinessForm.SIX,
        widget=forms.RadioSelect,
    )
    answer_scale = forms.TypedChoiceField(
        label=_("Answers for the loneliness questions"),
        choices=AnswerScale.choices,
        coerce=int,
        initial=AnswerScale.THREE,
        widget=forms.RadioSelect,
    )
    include_cohesion = forms.BooleanField(
        label=_("Ask the five questions about the neighbourhood (social cohesion)"),
        required=False,
        initial=True,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("loneliness_form") and not data.get("include_cohesion"):
            raise forms.ValidationError(_("Choose at least one set of questions."))
        return data


class QuestionnaireForm(forms.Form):
    """The public, anonymous questionnaire. Every question may be skipped."""

    def __init__(self, *args: Any, campaign: Campaign, **kw: Any):
        super().__init__(*args, **kw)
        self.loneliness_keys: list[str] = []
        self.cohesion_keys: list[str] = []
        if campaign.loneliness_form:
            scale = (
                instruments.FIVE_POINT if campaign.answer_scale == 5 else instruments.THREE_POINT
            )
            choices = [(a, instruments.ANSWER_LABELS_NL[a]) for a in scale]
            for item in instruments.loneliness_items(campaign.loneliness_form):
                key = f"l{item.number}"
                self.fields[key] = forms.ChoiceField(
                    label=item.text, choices=choices, required=False, widget=forms.RadioSelect
                )
                self.loneliness_keys.append(key)
        if campaign.include_cohesion:
            choices = [(a, instruments.AGREE_LABELS_NL[a]) for a in instruments.AGREE_SCALE]
            for citem in instruments.COHESION_ITEMS:
                key = f"c{citem.number}"
                self.fields[key] = forms.ChoiceField(
                    label=citem.text, choices=choices, required=False, widget=forms.RadioSelect
                )
                self.cohesion_keys.append(key)

    def loneliness_fields(self) -> list[Any]:
        return [self[key] for key in self.loneliness_keys]

    def cohesion_fields(self) -> list[Any]:
        return [self[key] for key in self.cohesion_keys]

    def loneliness_answers(self) -> dict[int, str | None]:
        return {int(k[1:]): self.cleaned_data.get(k) or None for k in self.loneliness_keys}

    def cohesion_answers(self) -> dict[int, str | None]:
        return {int(k[1:]): self.cleaned_data.get(k) or None for k in self.cohesion_keys}
