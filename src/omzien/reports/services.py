"""Every write of the report point: defaults, reports, status changes, notes, feedback."""

from __future__ import annotations

import datetime
import logging
import math
import secrets
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.accounts.models import Role, User
from omzien.core import permissions
from omzien.core.audit import SYSTEM_LABEL
from omzien.directory.selectors import postcode_point
from omzien.neighbourhoods.models import Municipality, Neighbourhood
from omzien.oncall.selectors import on_call_at
from omzien.reports import routing, workflow
from omzien.reports.defaults import (
    DEFAULT_CATEGORIES,
    DEFAULT_ROUTING_RULES,
    DEFAULT_STANDARD_TEXTS,
)
from omzien.reports.models import (
    Category,
    CategoryKind,
    OutboundMail,
    OutboundMailKind,
    OutboundMailStatus,
    OutreachTask,
    OutreachTaskStatus,
    Priority,
    Question,
    QuestionKind,
    Report,
    ReportEscalation,
    ReportEvent,
    ReportNote,
    ReportPhoto,
    ReportStatus,
    RoutingRule,
    StandardText,
    Team,
    TeamKind,
)
from omzien.reports.photo import CleanPhoto

logger = logging.getLogger(__name__)

#: Letters and digits that cannot be mistaken for each other on the phone (no 0/O, 1/I/L).
REFERENCE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
REPORTER_LABEL = "reporter"
#: What is left of a text after its retention period. Fixed, so it reads the same in
#: every language and in every export.
REDACTED = "[verwijderd na bewaartermijn]"
#: Minutes to wait before the next try of a mail that failed (after the 1st, 2nd, … try).
MAIL_RETRY_MINUTES = (1, 5, 15, 60, 240, 720)
#: The first try plus one per wait; after that the mail is marked failed and logged.
MAIL_MAX_ATTEMPTS = len(MAIL_RETRY_MINUTES) + 1
#: A waiting mail this long past its next try was apparently not picked up by a worker
#: (lost task, or a backend without delayed tasks): `outbound_mails_retry` enqueues it.
MAIL_STALE_AFTER = datetime.timedelta(minutes=10)


class AcuteDanger(Exception):
    """An answer says someone is in danger right now: nothing is saved; call 112."""


@transaction.atomic
def categories_ensure_defaults(*, municipality: Municipality) -> int:
    """Create the default categories, questions and standard texts that are missing.

    Idempotent: run it again and nothing changes; what a municipality edited stays.
    Returns the number of categories created.
    """
    created = 0
    existing = set(municipality.report_categories.values_list("slug", flat=True))
    for order, spec in enumerate(DEFAULT_CATEGORIES):
        if spec["slug"] in existing:
            continue
        amount, unit = spec["deadline"]
        parent = Category.objects.create(
            municipality=municipality,
            slug=spec["slug"],
            name=spec["name"],
            description=spec["description"],
            kind=spec["kind"],
            order=order,
            deadline_amount=amount,
            deadline_unit=unit,
        )
        created += 1
        for child_order, (slug, name) in enumerate(spec["children"]):
            if slug in existing:
                continue
            Category.objects.create(
                municipality=municipality,
                parent=parent,
                slug=slug,
                name=name,
                kind=spec["kind"],
                order=child_order,
            )
            created += 1
        for q_order, question in enumerate(spec["questions"]):
            Question.objects.create(category=parent, order=q_order, **question)
    if not municipality.report_standard_texts.exists():
        for text in DEFAULT_STANDARD_TEXTS:
            StandardText.objects.create(municipality=municipality, **text)
    if not municipality.report_routing_rules.exists():
        categories = {c.slug: c for c in municipality.report_categories.filter(parent=None)}
        for rule_order, spec in enumerate(DEFAULT_ROUTING_RULES):
            values = dict(spec)
            category = categories.get(values.pop("category"))
            if category is not None:
                RoutingRule.objects.create(
                    municipality=municipality, category=category, order=rule_order, **values
                )
    return created


def _new_reference() -> str:
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
    return f"M-{body[:3]}-{body[3:]}"


def _nearest_neighbourhood(
    municipality: Municipality, latitude: float | None, longitude: float | None
) -> Neighbourhood | None:
    """The neighbourhood of this municipality whose centre is closest to the location."""
    if latitude is None or longitude is None:
        return None
    best: tuple[float, Neighbourhood] | None = None
    candidates = Neighbourhood.objects.filter(
        district__municipality=municipality, latitude__isnull=False, longitude__isnull=False
    )
    for hood in candidates:
        dlat = float(hood.latitude or 0) - latitude
        dlon = (float(hood.longitude or 0) - longitude) * math.cos(math.radians(latitude))
        distance = dlat * dlat + dlon * dlon
        if best is None or distance < best[0]:
            best = (distance, hood)
    return best[1] if best else None


def _neighbourhood_of(
    municipality: Municipality, postcode: str, latitude: float | None, longitude: float | None
) -> Neighbourhood | None:
    if latitude is None and postcode:
        point = postcode_point(postcode)
        if point is not None:
            latitude, longitude = point
    return _nearest_neighbourhood(municipality, latitude, longitude)


def _clean_answers(category: Category, answers: dict[str, Any]) -> list[dict[str, str]]:
    """Check the answers against the category's questions; raise AcuteDanger on a yes that
    means danger. Stored as question text + answer, so later edits of a question do not
    change what the reporter said."""
    stored = []
    errors = {}
    for question in category.questions.all():
        value = answers.get(question.key)
        if value in (None, ""):
            if question.required:
                errors[f"q_{question.key}"] = _("Answer this question.")
            continue
        if question.kind == QuestionKind.YES_NO:
            if value not in ("yes", "no"):
                errors[f"q_{question.key}"] = _("Choose yes or no.")
                continue
            if value == "yes" and question.yes_means_acute_danger:
                raise AcuteDanger(question.text)
            shown = _("yes") if value == "yes" else _("no")
        elif question.kind == QuestionKind.CHOICE:
            if value not in question.choices:
                errors[f"q_{question.key}"] = _("Choose one of the options.")
                continue
            shown = str(value)
        else:
            shown = str(value)[:500]
        stored.append({"key": question.key, "question": question.text, "answer": shown})
    if errors:
        raise ValidationError(errors)
    return stored


_NOT_VALIDATED = [
    "reference",
    "submission_key",
    "tracking_token",
    "municipality",
    "category",
    "subcategory",
    "neighbourhood",
]


@dataclass(frozen=True)
class Created:
    report: Report
    created: bool


def report_create(
    *,
    category: Category,
    subcategory: Category | None,
    submission_key: str,
    description: str,
    answers: dict[str, Any] | None = None,
    postcode: str = "",
    house_number: str = "",
    address: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    photo: CleanPhoto | None = None,
    contact_email: str = "",
    contact_phone: str = "",
    wants_updates: bool = False,
) -> Created:
    """Store a report from the public form (no login needed).

    The same `submission_key` twice (a double click, a retry) returns the first report.
    Raises AcuteDanger, saving nothing, when an answer means someone is in danger now.
    A worry about someone never creates or links a Person.
    """
    if not submission_key or len(submission_key) > 64:
        raise ValidationError(_("The form has expired. Please fill it in again."))
    earlier = Report.objects.filter(submission_key=submission_key).first()
    if earlier is not None:
        return Created(earlier, False)
    if category.parent_id is not None or not category.is_active:
        raise ValidationError({"category": _("Choose a category.")})
    if subcategory is not None and (
        subcategory.parent_id != category.pk or not subcategory.is_active
    ):
        raise ValidationError({"subcategory": _("Choose one of the options.")})
    stored_answers = _clean_answers(category, answers or {})
    if not (postcode or address or latitude is not None):
        raise ValidationError(
            {"postcode": _("Tell us where it is: a postcode, an address or a place.")}
        )
    if wants_updates and not contact_email:
        raise ValidationError({"contact_email": _("Fill in your e-mail address to get updates.")})
    municipality = category.municipality
    report = Report(
        municipality=municipality,
        category=category,
        subcategory=subcategory,
        submission_key=submission_key,
        tracking_token=secrets.token_urlsafe(32),
        description=description.strip(),
        answers=stored_answers,
        postcode=postcode.replace(" ", "").upper(),
        house_number=house_number.strip(),
        address=address.strip(),
        latitude=latitude,
        longitude=longitude,
        neighbourhood=_neighbourhood_of(municipality, postcode, latitude, longitude),
        contact_email=contact_email.strip().lower(),
        contact_phone=contact_phone.strip(),
        wants_updates=wants_updates,
        priority=Priority.NORMAL,
    )
    for _attempt in range(5):
        report.reference = _new_reference()
        # The related rows were just read and the database checks the constraints itself:
        # skip their existence queries (the intake's hot path; benchmarks/report_intake.py).
        report.full_clean(exclude=_NOT_VALIDATED, validate_constraints=False)
        try:
            with transaction.atomic():
                report.save()
                if photo is not None:
                    ReportPhoto.objects.create(
                        report=report,
                        content=photo.content,
                        width=photo.width,
                        height=photo.height,
                    )
                ReportEvent.objects.create(
                    report=report,
                    by_label=REPORTER_LABEL,
                    from_status="",
                    to_status=ReportStatus.RECEIVED,
                )
                _route_and_set_deadline(report)
                if category.kind == CategoryKind.PERSON:
                    _outreach_task_create(report)
                if report.contact_email:
                    _mail_confirmation(report)
        except IntegrityError:
            report.pk = None
            # Someone else stored this very submission a moment ago: that is the report.
            earlier = Report.objects.filter(submission_key=submission_key).first()
            if earlier is not None:
                return Created(earlier, False)
            continue  # a reference number clash: draw another one
        break
    else:  # pragma: no cover - 25^6 numbers make five clashes in a row unthinkable
        raise RuntimeError("Could not find a free reference number.")
    return Created(report, True)


def _system_row(report: Report, text: str) -> ReportEvent:
    """A history row written by the system; it does not change the status and the reporter
    does not see it (the tracking page shows status changes only)."""
    return ReportEvent.objects.create(
        report=report,
        by_label=SYSTEM_LABEL,
        from_status="",
        to_status=report.status,
        text=text,
    )


def _route_and_set_deadline(report: Report) -> None:
    """Once, at creation: apply the first matching routing rule and store the deadline.

    Both use the moment the report came in; neither is ever recomputed."""
    when = report.created_at
    report.deadline_at = routing.deadline_for(report, when)
    routed = routing.route(report, when)
    if routed is not None:
        report.team = routed.team
        report.assignee = routed.assignee
        target = routed.team.name if routed.team is not None else ""
        if routed.assignee is not None:
            person = _actor_label(routed.assignee)
            target = f"{person} ({target})" if target else person
        text = _("Forwarded to %(target)s according to rule “%(rule)s”.") % {
            "target": target,
            "rule": routed.rule.name,
        }
    else:
        text = _("No routing rule matched. A coordinator assigns this report.")
    report.save(update_fields=["team", "assignee", "deadline_at"])
    _system_row(report, text)


def _tracking_link(report: Report) -> str:
    return settings.OMZIEN_BASE_URL.rstrip("/") + report.get_tracking_url()


def _mail_confirmation(report: Report) -> OutboundMail:
    return _mail_queue(
        report,
        kind=OutboundMailKind.CONFIRMATION,
        recipients=[report.contact_email],
        subject=_("Your report %(reference)s") % {"reference": report.reference},
        body=_(
            "Thank you for your report. Your reference number is %(reference)s.\n\n"
            "Follow your report with this link:\n%(link)s\n\n"
            "Keep this link to yourself."
        )
        % {"reference": report.reference, "link": _tracking_link(report)},
    )


def _mail_update(report: Report, text: str) -> OutboundMail:
    return _mail_queue(
        report,
        kind=OutboundMailKind.UPDATE,
        recipients=[report.contact_email],
        subject=_("News about your report %(reference)s") % {"reference": report.reference},
        body=_("The status of your report is now: %(status)s.\n\n%(text)s\n\nSee more:\n%(link)s")
        % {"status": report.get_status_display(), "text": text, "link": _tracking_link(report)},
    )


# --- e-mail that is tried again -------------------------------------------------------------


def _mail_queue(
    report: Report, *, kind: str, recipients: list[str], subject: str, body: str
) -> OutboundMail:
    """Store a mail in the caller's transaction; after commit, a task sends it.

    A rolled-back write stores and sends nothing; a mail server that is down loses
    nothing: `outbound_mail_deliver` tries again with growing pauses."""
    mail = OutboundMail.objects.create(
        report=report,
        kind=kind,
        recipients=recipients,
        subject=subject[:200],
        body=body,
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(partial(_mail_enqueue, mail.pk))
    return mail


def _mail_enqueue(mail_id: int, run_after: datetime.datetime | None = None) -> None:
    """Hand a stored mail to the task queue. Never raises: a mail that is not enqueued
    stays waiting, and `outbound_mails_retry` (from `omzien reports_tick`) finds it."""
    from omzien.reports import tasks  # the tasks module imports this one

    send = tasks.outbound_mail_send
    try:
        if run_after is not None:
            if not send.get_backend().supports_defer:
                return  # e.g. the immediate backend: reports_tick tries it again
            send = send.using(run_after=run_after)
        send.enqueue(mail_id)
    except Exception:
        logger.exception("Could not enqueue report mail %s; reports_tick will retry it", mail_id)


def outbound_mail_deliver(*, mail_id: int, now: datetime.datetime | None = None) -> bool:
    """Send one stored mail, if it is waiting and due. Returns True when it was sent.

    The row is locked while sending, so two workers never send the same mail twice. When
    the mail server fails, the attempt is recorded and the mail is enqueued again after
    1, 5, 15, 60, 240 and 720 minutes; then it is marked failed and an error is logged.
    """
    now = now or timezone.now()
    with transaction.atomic():
        mail = OutboundMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.status != OutboundMailStatus.PENDING:
            return False
        if mail.next_attempt_at is not None and mail.next_attempt_at > now:
            return False  # an early duplicate of the task: the planned one follows
        recipients = [r for r in mail.recipients if r]
        if not recipients:
            mail.status = OutboundMailStatus.CANCELLED
            mail.next_attempt_at = None
            mail.save(update_fields=["status", "next_attempt_at", "updated_at"])
            return False
        mail.attempts += 1
        try:
            EmailMessage(subject=mail.subject, body=mail.body, to=recipients).send(
                fail_silently=False
            )
        except Exception as error:  # whatever the mail server or the network does
            mail.last_error = f"{type(error).__name__}: {error}"[:300]
            if mail.attempts >= MAIL_MAX_ATTEMPTS:
                mail.status = OutboundMailStatus.FAILED
                mail.next_attempt_at = None
                logger.error(
                    "Report mail %s (%s, report %s) not sent after %s attempts: %s",
                    mail.pk,
                    mail.kind,
                    mail.report_id,
                    mail.attempts,
                    mail.last_error,
                )
            else:
                wait = MAIL_RETRY_MINUTES[mail.attempts - 1]
                mail.next_attempt_at = now + datetime.timedelta(minutes=wait)
                logger.warning(
                    "Report mail %s not sent (attempt %s), next try in %s minutes: %s",
                    mail.pk,
                    mail.attempts,
                    wait,
                    mail.last_error,
                )
                transaction.on_commit(partial(_mail_enqueue, mail.pk, mail.next_attempt_at))
            mail.save(
                update_fields=["attempts", "last_error", "status", "next_attempt_at", "updated_at"]
            )
            return False
        mail.status = OutboundMailStatus.SENT
        mail.sent_at = now
        mail.next_attempt_at = None
        mail.save(update_fields=["attempts", "status", "sent_at", "next_attempt_at", "updated_at"])
        return True


def outbound_mails_retry(*, now: datetime.datetime | None = None) -> int:
    """Enqueue waiting mails whose planned try is well past: their task was lost, or the
    task backend cannot delay tasks. Duplicates are harmless (see outbound_mail_deliver)."""
    now = now or timezone.now()
    stale = OutboundMail.objects.filter(
        status=OutboundMailStatus.PENDING, next_attempt_at__lte=now - MAIL_STALE_AFTER
    ).values_list("pk", flat=True)
    count = 0
    for pk in stale:
        _mail_enqueue(pk)
        count += 1
    return count


def _actor_label(by: Any) -> str:
    if by is None:
        return SYSTEM_LABEL
    return str(by.get_full_name() or by.get_username())


@transaction.atomic
def report_transition(
    *, report: Report, to: str, by: Any, text: str = "", by_reporter: bool = False
) -> ReportEvent:
    """Move a report to status `to`, if the workflow table allows it, and append history.

    Staff (`by` a user allowed to handle the report) take staff edges; the reporter
    (`by_reporter=True`, through the tracking link) takes reporter edges only.
    """
    locked = Report.objects.select_for_update().get(pk=report.pk)
    rule = workflow.edge(locked.status, to)
    actor_kind = workflow.REPORTER if by_reporter else workflow.STAFF
    if rule is None or rule.by != actor_kind:
        raise ValidationError(
            _("A report cannot go from “%(from)s” to “%(to)s”.")
            % {
                "from": ReportStatus(locked.status).label,
                "to": ReportStatus(to).label if to in ReportStatus.values else to,
            },
            code="transition",
        )
    if not by_reporter:
        permissions.require(by, "reports.handle", locked)
    text = text.strip()
    if rule.text_required and not text:
        raise ValidationError({"text": _("Explain this step in a short text.")}, code="text")
    event = ReportEvent(
        report=locked,
        by=None if by_reporter else by,
        by_label=REPORTER_LABEL if by_reporter else _actor_label(by),
        from_status=locked.status,
        to_status=to,
        text=text,
    )
    event.full_clean(exclude=["by"])
    event.save()
    locked.status = to
    fields = ["status", "updated_at"]
    if to in workflow.FINAL_STATES:
        locked.final_at = timezone.now()
        fields.append("final_at")
    elif locked.final_at is not None:
        locked.final_at = None  # not final any more: the retention periods start again later
        fields.append("final_at")
    if to == ReportStatus.REOPENED:
        # Handled again later, the reporter is asked again.
        locked.satisfied = None
        fields.append("satisfied")
    locked.save(update_fields=fields)
    report.status = to
    report.satisfied = locked.satisfied
    report.final_at = locked.final_at
    if not by_reporter and text and locked.wants_updates and locked.contact_email:
        _mail_update(locked, text)
    return event


@transaction.atomic
def report_note_add(*, report: Report, by: Any, text: str) -> ReportNote:
    permissions.require(by, "reports.handle", report)
    note = ReportNote(report=report, by=by, by_label=_actor_label(by), text=text.strip())
    note.full_clean(exclude=["by"])
    note.save()
    return note


@transaction.atomic
def report_assign(
    *, report: Report, by: Any, team: Team | None, assignee: Any, priority: str
) -> Report:
    """Set the team, the person who handles it and the priority."""
    permissions.require(by, "reports.handle", report)
    if team is not None and team.municipality_id != report.municipality_id:
        raise ValidationError({"team": _("Choose a team of this municipality.")})
    if (
        assignee is not None
        and team is not None
        and not team.members.filter(pk=assignee.pk).exists()
    ):
        raise ValidationError({"assignee": _("This person is not a member of the team.")})
    report.team = team
    report.assignee = assignee
    report.priority = priority
    report.full_clean()
    report.save(update_fields=["team", "assignee", "priority", "updated_at"])
    return report


@transaction.atomic
def report_feedback(*, report: Report, satisfied: bool, text: str = "") -> Report:
    """The reporter answers "Are you satisfied?" once a report is handled.

    Not satisfied asks to reopen it, through the same workflow table.
    """
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.status != ReportStatus.HANDLED or locked.satisfied is not None:
        raise PermissionDenied("feedback")
    text = text.strip()
    if not satisfied:
        if not text:
            raise ValidationError({"text": _("Tell us what is still wrong.")})
        report_transition(
            report=locked, to=ReportStatus.REOPEN_REQUESTED, by=None, text=text, by_reporter=True
        )
    locked.satisfied = satisfied
    locked.feedback = text
    locked.save(update_fields=["satisfied", "feedback", "updated_at"])
    return locked


@transaction.atomic
def report_set_deadline(*, report: Report, by: Any, deadline_at: Any) -> Report:
    """A coordinator moves the deadline. A new deadline may be escalated again."""
    permissions.require(by, "reports.set_deadline", report)
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.deadline_at == deadline_at:
        return locked
    locked.deadline_at = deadline_at
    locked.save(update_fields=["deadline_at", "updated_at"])
    shown = timezone.localtime(deadline_at).strftime("%d-%m-%Y %H:%M") if deadline_at else "–"
    ReportEvent.objects.create(
        report=locked,
        by=by,
        by_label=_actor_label(by),
        from_status="",
        to_status=locked.status,
        text=_("Deadline changed to %(deadline)s.") % {"deadline": shown},
    )
    report.deadline_at = deadline_at
    return locked


def _area_coordinators(report: Report) -> list[str]:
    """The e-mail addresses of the coordinators of the report's area: its municipality,
    and its district and neighbourhood when the report has one."""
    area = Q(roles__municipality_id=report.municipality_id)
    hood = report.neighbourhood
    if hood is not None:
        area |= Q(roles__district_id=hood.district_id) | Q(roles__neighbourhood_id=hood.pk)
    users = User.objects.filter(Q(roles__role=Role.COORDINATOR) & area, is_active=True)
    return sorted({e for e in users.values_list("email", flat=True) if e})


def _escalation_recipients(report: Report, now: Any) -> tuple[list[str], bool]:
    """The leads of the report's team and whoever is on call in its district now. When
    there is neither, the coordinators of the area (the second value is then True)."""
    emails: list[str] = []
    if report.team is not None:
        emails += [u.email for u in report.team.leads.filter(is_active=True)]
    if report.neighbourhood is not None:
        shift = on_call_at(report.neighbourhood, now).primary
        if shift is not None and shift.user.is_active:
            emails.append(shift.user.email)
    found = sorted({e for e in emails if e})
    if found:
        return found, False
    return _area_coordinators(report), True


def reports_escalate(*, now: Any = None) -> int:
    """Escalate every overdue, open report once per deadline. Returns how many.

    Idempotent: a `ReportEscalation` per (report, deadline) is stored in the same
    transaction as the history row; a second run (or a second worker) finds it and skips.
    """
    now = now or timezone.now()
    count = 0
    done = ReportEscalation.objects.filter(
        report=models.OuterRef("pk"), deadline_at=models.OuterRef("deadline_at")
    )
    candidates = Report.objects.overdue(now).exclude(models.Exists(done))
    for pk in candidates.values_list("pk", flat=True):
        if _escalate_one(pk, now):
            count += 1
    return count


def _escalate_one(pk: int, now: Any) -> bool:
    try:
        with transaction.atomic():
            report = (
                Report.objects.select_for_update(of=("self",))
                .select_related("team", "neighbourhood", "category")
                .get(pk=pk)
            )
            if (
                report.deadline_at is None
                or report.deadline_at >= now
                or report.status in workflow.FINAL_STATES
            ):
                return False
            recipients, fallback = _escalation_recipients(report, now)
            ReportEscalation.objects.create(
                report=report, deadline_at=report.deadline_at, recipients=len(recipients)
            )
            if fallback:
                text = _(
                    "Deadline passed. There is no team lead and nobody is on call: sent to "
                    "the coordinators of the area (%(count)s)."
                )
            else:
                text = _(
                    "Deadline passed. Sent to the team lead and whoever is on call (%(count)s)."
                )
            _system_row(report, text % {"count": len(recipients)})
            if recipients:
                _mail_escalation(report, recipients)
    except IntegrityError:
        return False  # another run escalated it a moment ago
    return True


def _mail_escalation(report: Report, recipients: list[str]) -> OutboundMail:
    # No details of the report in the mail: only where to look.
    link = settings.OMZIEN_BASE_URL.rstrip("/") + report.get_absolute_url()
    return _mail_queue(
        report,
        kind=OutboundMailKind.ESCALATION,
        recipients=recipients,
        subject=_("Report %(reference)s is overdue") % {"reference": report.reference},
        body=_(
            "The deadline of report %(reference)s has passed and it is not handled yet.\n\n"
            "See the report:\n%(link)s"
        )
        % {"reference": report.reference, "link": link},
    )


@transaction.atomic
def routing_rule_move(*, rule: RoutingRule, by: Any, up: bool) -> None:
    """Swap a rule with the one before (up) or after it, then number them 0, 1, 2, …"""
    permissions.require(by, "reports.manage_routing", rule.municipality)
    rules = list(
        RoutingRule.objects.select_for_update()
        .filter(municipality_id=rule.municipality_id)
        .order_by("order", "pk")
    )
    index = next(i for i, r in enumerate(rules) if r.pk == rule.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(rules):
        rules[index], rules[other] = rules[other], rules[index]
    for order, item in enumerate(rules):
        if item.order != order:
            item.order = order
            item.save(update_fields=["order", "updated_at"])


# --- outreach tasks (worries about someone) -------------------------------------------------


def _outreach_team(report: Report) -> Team | None:
    """The team the report was routed to; else an outreach team that may see the category."""
    if report.team is not None and report.team.is_active:
        return report.team
    teams = Team.objects.filter(
        municipality_id=report.municipality_id,
        kind=TeamKind.MENTAL_HEALTH_OUTREACH,
        is_active=True,
    )
    category = report.category_id
    return (
        teams.filter(responsible_for=category).order_by("pk").first()
        or teams.filter(may_view=category).order_by("pk").first()
    )


def _outreach_task_create(report: Report) -> OutreachTask:
    """A worry about someone gets an outreach task, never a person record."""
    task = OutreachTask.objects.create(report=report, team=_outreach_team(report))
    if task.team is not None:
        text = _("Outreach task for %(team)s.") % {"team": task.team.name}
    else:
        text = _("Outreach task without a team. A coordinator assigns it.")
    _system_row(report, text)
    return task


@transaction.atomic
def outreach_task_take(*, task: OutreachTask, by: Any) -> OutreachTask:
    """A member of the task's team (or a coordinator of the area) takes the task."""
    permissions.require(by, "reports.outreach_task", task)
    locked = OutreachTask.objects.select_for_update().get(pk=task.pk)
    if locked.status != OutreachTaskStatus.OPEN:
        raise ValidationError(_("The outreach task is already done."))
    if locked.taken_by_id == by.pk:
        return locked
    locked.taken_by = by
    locked.taken_at = timezone.now()
    locked.save(update_fields=["taken_by", "taken_at", "updated_at"])
    _system_row(task.report, _("Outreach task taken by %(name)s.") % {"name": _actor_label(by)})
    task.taken_by, task.taken_at = locked.taken_by, locked.taken_at
    return locked


@transaction.atomic
def outreach_task_complete(*, task: OutreachTask, by: Any, outcome: str) -> OutreachTask:
    """Close the task with what was done. The outcome stays out of the (unchangeable)
    history, so the privacy job can remove it later."""
    permissions.require(by, "reports.outreach_task", task)
    locked = OutreachTask.objects.select_for_update().get(pk=task.pk)
    if locked.status != OutreachTaskStatus.OPEN:
        raise ValidationError(_("The outreach task is already done."))
    outcome = outcome.strip()
    if not outcome:
        raise ValidationError({"outcome": _("Write down what was done.")})
    now = timezone.now()
    if locked.taken_by_id is None:
        locked.taken_by, locked.taken_at = by, now
    locked.status = OutreachTaskStatus.DONE
    locked.done_at = now
    locked.outcome = outcome
    locked.full_clean(exclude=["report", "team", "taken_by"])
    locked.save(
        update_fields=["taken_by", "taken_at", "status", "done_at", "outcome", "updated_at"]
    )
    _system_row(task.report, _("Outreach task done by %(name)s.") % {"name": _actor_label(by)})
    return locked


# --- privacy jobs ---------------------------------------------------------------------------


def contact_retention_days() -> int:
    return int(settings.REPORTS_CONTACT_RETENTION_DAYS)


def person_details_retention_days() -> int:
    return int(settings.REPORTS_PERSON_DETAILS_RETENTION_DAYS)


def _finished_before(cutoff: datetime.datetime) -> Any:
    """Reports in a final state since before `cutoff` (a reopened report has no final_at)."""
    return Report.objects.filter(status__in=workflow.FINAL_STATES, final_at__lte=cutoff)


def reports_anonymise_contact(*, now: datetime.datetime | None = None) -> int:
    """Remove the reporter's contact details from reports that reached a final state
    `REPORTS_CONTACT_RETENTION_DAYS` ago (and were not reopened since). Returns how many
    reports had contact details. Idempotent: a second run finds nothing."""
    now = now or timezone.now()
    days = contact_retention_days()
    cutoff = now - datetime.timedelta(days=days)
    candidates = _finished_before(cutoff).filter(contact_anonymised_at__isnull=True)
    count = 0
    for pk in candidates.values_list("pk", flat=True):
        count += _anonymise_contact_one(pk, now=now, cutoff=cutoff, days=days)
    return count


@transaction.atomic
def _anonymise_contact_one(
    pk: int, *, now: datetime.datetime, cutoff: datetime.datetime, days: int
) -> int:
    report = Report.objects.select_for_update().get(pk=pk)
    if (
        report.status not in workflow.FINAL_STATES
        or report.final_at is None
        or report.final_at > cutoff
        or report.contact_anonymised_at is not None
    ):
        return 0  # reopened, or done by another run a moment ago
    had_contact = bool(report.contact_email or report.contact_phone or report.wants_updates)
    report.contact_email = ""
    report.contact_phone = ""
    report.wants_updates = False
    report.contact_anonymised_at = now
    report.save(
        update_fields=["contact_email", "contact_phone", "wants_updates", "contact_anonymised_at"]
    )
    # The copies of the address in the mails to the reporter go as well.
    to_reporter = OutboundMail.objects.filter(
        report=report, kind__in=[OutboundMailKind.CONFIRMATION, OutboundMailKind.UPDATE]
    )
    to_reporter.filter(status=OutboundMailStatus.PENDING).update(
        status=OutboundMailStatus.CANCELLED, next_attempt_at=None
    )
    to_reporter.update(recipients=[])
    if not had_contact:
        return 0
    _system_row(
        report,
        _(
            "The contact details of the reporter were removed after %(days)s days "
            "(retention period)."
        )
        % {"days": days},
    )
    return 1


def reports_redact_person_details(*, now: datetime.datetime | None = None) -> int:
    """Replace the free-text details of worries about someone by a fixed marker
    `REPORTS_PERSON_DETAILS_RETENTION_DAYS` after a final state (not reopened since).

    Category, status, neighbourhood and dates stay, so statistics still work. The
    history rows stay as they are (append-only). Returns how many reports; idempotent."""
    now = now or timezone.now()
    days = person_details_retention_days()
    cutoff = now - datetime.timedelta(days=days)
    candidates = _finished_before(cutoff).filter(
        category__kind=CategoryKind.PERSON, details_redacted_at__isnull=True
    )
    count = 0
    for pk in candidates.values_list("pk", flat=True):
        count += _redact_person_details_one(pk, now=now, cutoff=cutoff, days=days)
    return count


def _redacted_answers(report: Report) -> list[dict[str, str]]:
    """Keep answers to yes/no and choice questions (fixed options, useful for statistics);
    every other answer, unknown questions included, is free text and goes."""
    fixed = set(
        Question.objects.filter(
            category_id=report.category_id, kind__in=[QuestionKind.YES_NO, QuestionKind.CHOICE]
        ).values_list("key", flat=True)
    )
    kept = []
    for answer in report.answers or []:
        item = dict(answer)
        if item.get("key") not in fixed:
            item["answer"] = REDACTED
        kept.append(item)
    return kept


@transaction.atomic
def _redact_person_details_one(
    pk: int, *, now: datetime.datetime, cutoff: datetime.datetime, days: int
) -> int:
    report = Report.objects.select_for_update(of=("self",)).select_related("category").get(pk=pk)
    if (
        report.category.kind != CategoryKind.PERSON
        or report.status not in workflow.FINAL_STATES
        or report.final_at is None
        or report.final_at > cutoff
        or report.details_redacted_at is not None
    ):
        return 0
    report.description = REDACTED
    report.answers = _redacted_answers(report)
    if report.feedback:
        report.feedback = REDACTED
    # Where someone lives says who it is: only the neighbourhood stays.
    report.address = REDACTED if report.address else ""
    report.postcode = ""
    report.house_number = ""
    report.latitude = None
    report.longitude = None
    report.details_redacted_at = now
    report.save(
        update_fields=[
            "description",
            "answers",
            "feedback",
            "address",
            "postcode",
            "house_number",
            "latitude",
            "longitude",
            "details_redacted_at",
        ]
    )
    ReportPhoto.objects.filter(report=report).delete()
    ReportNote.objects.filter(report=report).update(text=REDACTED)
    OutreachTask.objects.filter(report=report).exclude(outcome="").update(outcome=REDACTED)
    OutboundMail.objects.filter(report=report, kind=OutboundMailKind.UPDATE).update(body=REDACTED)
    _system_row(
        report,
        _(
            "The details of this worry about someone were removed after %(days)s days "
            "(retention period): description, answers, address, photo, feedback, notes "
            "and the outcome of the outreach task."
        )
        % {"days": days},
    )
    return 1


def reports_privacy(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Both privacy jobs, as the background task runs them."""
    now = now or timezone.now()
    return {
        "redacted": reports_redact_person_details(now=now),
        "anonymised": reports_anonymise_contact(now=now),
    }


@transaction.atomic
def routing_rule_save(*, rule: RoutingRule, by: Any) -> RoutingRule:
    """Add or change a rule (from the staff form). A new rule goes last; checked by the
    model (one target, both times or neither, everything from this municipality)."""
    permissions.require(by, "reports.manage_routing", rule.municipality)
    if rule.pk is None:
        orders = list(
            RoutingRule.objects.select_for_update()
            .filter(municipality_id=rule.municipality_id)
            .values_list("order", flat=True)
        )
        rule.order = max(orders, default=-1) + 1
    rule.full_clean()
    rule.save()
    return rule


@transaction.atomic
def routing_rule_delete(*, rule: RoutingRule, by: Any) -> None:
    """Remove a rule; the others are numbered 0, 1, 2, … again."""
    permissions.require(by, "reports.manage_routing", rule.municipality)
    municipality_id = rule.municipality_id
    rule.delete()
    rules = RoutingRule.objects.select_for_update().filter(municipality_id=municipality_id)
    for order, item in enumerate(rules.order_by("order", "pk")):
        if item.order != order:
            item.order = order
            item.save(update_fields=["order", "updated_at"])
