"""Every write of the scan app."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from omzien.accounts.models import User
from omzien.core import permissions
from omzien.core.audit import audit_record
from omzien.core.models import AuditAction
from omzien.neighbourhoods.models import Neighbourhood
from omzien.scan import instruments
from omzien.scan.framework import dna_questions
from omzien.scan.models import (
    ActionPoint,
    Campaign,
    DnaProfileVersion,
    LonelinessForm,
    Participant,
    ParticipantKind,
    Response,
    ScanSession,
    Score,
)


@transaction.atomic
def session_create(
    *, actor: Any, neighbourhood: Neighbourhood, held_on: datetime.date, title: str = ""
) -> ScanSession:
    """Start a scan of `neighbourhood` on `held_on`."""
    permissions.require(actor, "scan.manage", neighbourhood)
    session = ScanSession(
        neighbourhood=neighbourhood, held_on=held_on, title=title.strip(), created_by=actor
    )
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def participant_add(
    *,
    actor: Any,
    session: ScanSession,
    kind: str,
    email: str = "",
    guest_name: str = "",
    name_with_comments: bool = False,
) -> Participant:
    """Add someone with an account (by e-mail address) or a named guest without one."""
    permissions.require(actor, "scan.manage", session.neighbourhood)
    user = None
    email = email.strip()
    guest_name = guest_name.strip()
    if email and guest_name:
        raise ValidationError(_("Give an e-mail address or a name, not both."))
    if email:
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise ValidationError({"email": _("There is no account with this e-mail address.")})
    participant = Participant(
        session=session,
        user=user,
        guest_name=guest_name,
        kind=kind,
        # Only a resident's name is held back; the yes is recorded for residents only.
        name_with_comments=name_with_comments if kind == ParticipantKind.RESIDENT else True,
    )
    participant.full_clean()
    try:
        with transaction.atomic():
            participant.save()
    except IntegrityError as error:
        raise ValidationError(_("This person already takes part in this scan.")) from error
    return participant


@transaction.atomic
def scores_save(
    *, actor: Any, participant: Participant, scores: Mapping[str, tuple[int | None, str]]
) -> int:
    """Save a participant's scores, keyed by action point code: (1-5 or None, comment).

    Saving again replaces the earlier score for that point. Returns how many were saved.
    """
    permissions.require(actor, "scan.fill_in", participant)
    points = {point.code: point for point in ActionPoint.objects.all()}
    unknown = set(scores) - set(points)
    if unknown:
        raise ValidationError(_("Unknown action point."))
    saved = 0
    for code, (value, comment) in scores.items():
        score = Score.objects.filter(participant=participant, action_point=points[code]).first()
        if score is None:
            score = Score(participant=participant, action_point=points[code])
        score.value = value
        score.comment = comment.strip()
        score.full_clean()
        score.save()
        saved += 1
    return saved


@transaction.atomic
def dna_profile_save(
    *, actor: Any, neighbourhood: Neighbourhood, answers: Mapping[str, str]
) -> DnaProfileVersion | None:
    """Save the buurt-DNA profile as a new version. Nothing is saved when nothing changed."""
    permissions.require(actor, "scan.manage", neighbourhood)
    keys = [key for key, _section, _text in dna_questions()]
    cleaned = {key: (answers.get(key) or "").strip() for key in keys}
    cleaned = {key: value for key, value in cleaned.items() if value}
    # Lock the neighbourhood row so two people saving at once get numbers 1 and 2.
    Neighbourhood.objects.select_for_update().filter(pk=neighbourhood.pk).first()
    latest = DnaProfileVersion.objects.filter(neighbourhood=neighbourhood).order_by("-number")
    previous = latest.first()
    if previous is not None and previous.answers == cleaned:
        return None
    number = (
        DnaProfileVersion.objects.filter(neighbourhood=neighbourhood).aggregate(Max("number"))[
            "number__max"
        ]
        or 0
    ) + 1
    version = DnaProfileVersion(
        neighbourhood=neighbourhood,
        number=number,
        answers=cleaned,
        created_by=actor,
        created_by_label=actor.get_full_name(),
    )
    version.full_clean()
    version.save()
    audit_record(
        actor=actor,
        subject=neighbourhood,
        category="buurt_dna",
        action=AuditAction.WRITE,
        detail=f"version {number}",
    )
    return version


def _new_code() -> str:
    # Easy to type from a flyer: no 0/O or 1/l/I.
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


@transaction.atomic
def campaign_create(
    *,
    actor: Any,
    neighbourhood: Neighbourhood,
    title: str,
    loneliness_form: str = LonelinessForm.SIX,
    answer_scale: int = 3,
    include_cohesion: bool = True,
) -> Campaign:
    permissions.require(actor, "scan.manage", neighbourhood)
    code = _new_code()
    while Campaign.objects.filter(code=code).exists():
        code = _new_code()
    campaign = Campaign(
        neighbourhood=neighbourhood,
        title=title.strip(),
        code=code,
        loneliness_form=loneliness_form,
        answer_scale=answer_scale,
        include_cohesion=include_cohesion,
        created_by=actor,
    )
    campaign.full_clean()
    campaign.save()
    return campaign


@transaction.atomic
def campaign_set_open(*, actor: Any, campaign: Campaign, is_open: bool) -> Campaign:
    permissions.require(actor, "scan.manage", campaign.neighbourhood)
    campaign.is_open = is_open
    campaign.save(update_fields=["is_open", "updated_at"])
    return campaign


def _check_answers(answers: Mapping[int, str | None], allowed: tuple[str, ...]) -> dict[str, str]:
    cleaned = {}
    for number, answer in answers.items():
        if answer in (None, ""):
            continue
        if answer not in allowed:
            raise ValidationError(_("This answer is not possible."))
        cleaned[str(number)] = str(answer)
    return cleaned


@transaction.atomic
def response_submit(
    *,
    campaign: Campaign,
    today: datetime.date,
    loneliness: Mapping[int, str | None] | None = None,
    cohesion: Mapping[int, str | None] | None = None,
) -> Response:
    """Store one anonymous set of answers. No person, account or address is taken in."""
    if not campaign.is_open:
        raise ValidationError(_("This questionnaire is closed."))
    answers: dict[str, dict[str, str]] = {}
    if campaign.loneliness_form:
        allowed = instruments.FIVE_POINT if campaign.answer_scale == 5 else instruments.THREE_POINT
        numbers = {item.number for item in instruments.loneliness_items(campaign.loneliness_form)}
        given = {n: a for n, a in (loneliness or {}).items() if n in numbers}
        answers["loneliness"] = _check_answers(given, allowed)
    if campaign.include_cohesion:
        numbers = {item.number for item in instruments.COHESION_ITEMS}
        given = {n: a for n, a in (cohesion or {}).items() if n in numbers}
        answers["cohesion"] = _check_answers(given, instruments.AGREE_SCALE)
    if not any(answers.values()):
        raise ValidationError(_("Answer at least one question."))
    response = Response(campaign=campaign, submitted_on=today, answers=answers)
    response.full_clean()
    response.save()
    return response


@transaction.atomic
def framework_sync() -> None:
    """Make the characteristics and action points in the database match
    `scan.framework` (the data migration does the same; tests that flush the database
    call this to put them back)."""
    from omzien.scan.framework import CHARACTERISTICS
    from omzien.scan.models import Characteristic

    order = 0
    for spec in CHARACTERISTICS:
        characteristic, _created = Characteristic.objects.update_or_create(
            number=spec.number, defaults={"title": spec.title, "description": spec.description}
        )
        for point in spec.action_points:
            order += 1
            ActionPoint.objects.update_or_create(
                code=point.code,
                defaults={
                    "characteristic": characteristic,
                    "title": point.title,
                    "text": point.text,
                    "order": order,
                },
            )
