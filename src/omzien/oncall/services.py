"""Writes for the on-call rota: shifts, copying a week, and the gap warning."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from omzien.accounts.models import STAFF_ROLES
from omzien.core.permissions import require
from omzien.neighbourhoods.models import District
from omzien.oncall import selectors
from omzien.oncall.models import GapAlert, Shift, ShiftKind

SHIFT_FIELDS = ("user", "kind", "starts_at", "ends_at", "mobile")


def _lock(district: District) -> None:
    """Serialise rota writes per district, so two coordinators cannot both add a primary."""
    District.objects.select_for_update().filter(pk=district.pk).first()


def _check(shift: Shift) -> None:
    """Rules across rows: the person works here, one primary and one back-up at a time,
    and nobody is on two shifts at once."""
    shift.full_clean()
    if not selectors.user_works_in_district(shift.user, STAFF_ROLES, shift.district):
        raise ValidationError({"user": _("This person has no professional role in this district.")})
    others = (
        Shift.objects.filter(district=shift.district)
        .overlapping(shift.starts_at, shift.ends_at)
        .exclude(pk=shift.pk)
    )
    if others.filter(user=shift.user).exists():
        raise ValidationError({"user": _("This person already has a shift at this time.")})
    if others.filter(kind=shift.kind).exists():
        if shift.kind == ShiftKind.PRIMARY:
            raise ValidationError(
                _(
                    "Someone else is already on call at this time. "
                    "Change the times, or add this shift as back-up."
                )
            )
        raise ValidationError(_("Someone else is already back-up at this time."))


@transaction.atomic
def shift_create(
    *,
    actor: Any,
    district: District,
    user: Any,
    kind: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    mobile: str,
) -> Shift:
    """Put someone on the district's rota."""
    require(actor, "oncall.manage", district)
    _lock(district)
    shift = Shift(
        district=district,
        user=user,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        mobile=mobile,
        created_by=actor,
    )
    _check(shift)
    shift.save()
    return shift


@transaction.atomic
def shift_update(*, actor: Any, shift: Shift, **changes: Any) -> Shift:
    """Change a shift's person, kind, times or number."""
    require(actor, "oncall.manage", shift.district)
    unknown = set(changes) - set(SHIFT_FIELDS)
    if unknown:
        raise TypeError(f"Cannot change {', '.join(sorted(unknown))}.")
    _lock(shift.district)
    for name, value in changes.items():
        setattr(shift, name, value)
    _check(shift)
    shift.save(update_fields=[*changes, "updated_at"])
    return shift


@transaction.atomic
def shift_delete(*, actor: Any, shift: Shift) -> None:
    require(actor, "oncall.manage", shift.district)
    shift.delete()


@dataclass
class CopyResult:
    copied: int = 0
    skipped: int = 0
    source_week: datetime.date | None = None


def _week_start(moment: datetime.datetime) -> datetime.datetime:
    local = timezone.localtime(moment)
    monday = local.date() - datetime.timedelta(days=local.weekday())
    return timezone.make_aware(datetime.datetime.combine(monday, datetime.time()))


@transaction.atomic
def shifts_copy_week(
    *, actor: Any, district: District, now: datetime.datetime | None = None
) -> CopyResult:
    """Copy the last week that has shifts (Monday to Sunday, from this week up to the end
    of the two weeks shown) to the week after it, at the same local clock times.

    Click again to fill the week after that. A copy that would clash with a shift already
    there (or whose person no longer works here) is skipped and counted."""
    require(actor, "oncall.manage", district)
    _lock(district)
    now = now or timezone.now()
    horizon = now + datetime.timedelta(days=selectors.gap_days())
    last = (
        Shift.objects.filter(district=district, starts_at__lt=horizon)
        .order_by("-starts_at")
        .first()
    )
    result = CopyResult()
    if last is None:
        return result
    source = _week_start(last.starts_at)
    result.source_week = timezone.localtime(source).date()
    source_end = _week_start(source + datetime.timedelta(days=8))
    for shift in Shift.objects.filter(
        district=district, starts_at__gte=source, starts_at__lt=source_end
    ).select_related("user"):
        start = timezone.localtime(shift.starts_at)
        end = timezone.localtime(shift.ends_at)
        copy = Shift(
            district=district,
            user=shift.user,
            kind=shift.kind,
            # Same clock time a week later, also across a clock change.
            starts_at=timezone.make_aware(start.replace(tzinfo=None) + datetime.timedelta(7)),
            ends_at=timezone.make_aware(end.replace(tzinfo=None) + datetime.timedelta(7)),
            mobile=shift.mobile,
            created_by=actor,
        )
        try:
            _check(copy)
        except ValidationError:
            result.skipped += 1
            continue
        copy.save()
        result.copied += 1
    return result


# --- gap warnings ---------------------------------------------------------------------------


def _today_window(now: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """From midnight today for two weeks: fixed for the whole day, so the warning is too."""
    local = timezone.localtime(now)
    start = timezone.make_aware(datetime.datetime.combine(local.date(), datetime.time()))
    end_day = local.date() + datetime.timedelta(days=selectors.gap_days())
    return start, timezone.make_aware(datetime.datetime.combine(end_day, datetime.time()))


def districts_with_rota(now: datetime.datetime) -> list[District]:
    """Districts that keep a rota: a shift in the past four weeks or later."""
    since = now - datetime.timedelta(days=28)
    return list(
        District.objects.filter(oncall_shifts__ends_at__gte=since).distinct().order_by("code")
    )


def gaps_notify(*, now: datetime.datetime | None = None) -> int:
    """Tell each district's coordinators about gaps in the coming two weeks.

    Idempotent: one e-mail per district, day and set of gaps. Returns the e-mails queued."""
    now = now or timezone.now()
    sent = 0
    for district in districts_with_rota(now):
        sent += _gaps_notify_district(district=district, now=now)
    return sent


@transaction.atomic
def _gaps_notify_district(*, district: District, now: datetime.datetime) -> int:
    start, end = _today_window(now)
    gaps = [g for g in selectors.coverage_gaps(district, start, end) if g.ends_at > now]
    if not gaps:
        return 0
    recipients = [u.email for u in selectors.coordinators_of(district)]
    if not recipients:
        return 0
    try:
        with transaction.atomic():
            alert = GapAlert.objects.create(
                district=district,
                day=timezone.localtime(now).date(),
                fingerprint=selectors.gaps_fingerprint(gaps),
                gap_count=len(gaps),
                recipients=len(recipients),
            )
    except IntegrityError:
        return 0  # already sent today for exactly these gaps
    url = settings.OMZIEN_BASE_URL.rstrip("/") + reverse(
        "oncall:rota", kwargs={"code": district.code}
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Nobody on call at %(count)s moments in %(district)s") % {
            "count": len(gaps),
            "district": district.name,
        }
        body = render_to_string(
            "oncall/email/gaps.txt", {"district": district, "gaps": gaps, "url": url}
        )

    def send() -> None:
        try:
            send_mail(subject, body, None, recipients, fail_silently=False)
        except Exception:
            # Forget the alert, so that the next run tries again; the task shows the failure.
            GapAlert.objects.filter(pk=alert.pk).delete()
            raise

    transaction.on_commit(send)
    return 1
