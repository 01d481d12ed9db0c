"""Every write of the report point: defaults, reports, status changes, notes, feedback."""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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
)
from omzien.reports.photo import CleanPhoto

#: Letters and digits that cannot be mistaken for each other on the phone (no 0/O, 1/I/L).
REFERENCE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
REPORTER_LABEL = "reporter"


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
        report.full_clean(exclude=["reference", "submission_key", "tracking_token"])
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
    if report.contact_email:
        transaction.on_commit(lambda: _mail_confirmation(report))
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


def _mail_confirmation(report: Report) -> None:
    send_mail(
        subject=_("Your report %(reference)s") % {"reference": report.reference},
        message=_(
            "Thank you for your report. Your reference number is %(reference)s.\n\n"
            "Follow your report with this link:\n%(link)s\n\n"
            "Keep this link to yourself."
        )
        % {"reference": report.reference, "link": _tracking_link(report)},
        from_email=None,
        recipient_list=[report.contact_email],
        fail_silently=True,
    )


def _mail_update(report: Report, text: str) -> None:
    send_mail(
        subject=_("News about your report %(reference)s") % {"reference": report.reference},
        message=_(
            "The status of your report is now: %(status)s.\n\n%(text)s\n\nSee more:\n%(link)s"
        )
        % {"status": report.get_status_display(), "text": text, "link": _tracking_link(report)},
        from_email=None,
        recipient_list=[report.contact_email],
        fail_silently=True,
    )


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
    if to == ReportStatus.REOPENED:
        # Handled again later, the reporter is asked again.
        locked.satisfied = None
        fields.append("satisfied")
    locked.save(update_fields=fields)
    report.status = to
    report.satisfied = locked.satisfied
    if not by_reporter and text and locked.wants_updates and locked.contact_email:
        transaction.on_commit(lambda: _mail_update(locked, text))
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


def _escalation_recipients(report: Report, now: Any) -> list[str]:
    """The leads of the report's team and whoever is on call in its district now."""
    emails: list[str] = []
    if report.team is not None:
        emails += [u.email for u in report.team.leads.filter(is_active=True)]
    if report.neighbourhood is not None:
        shift = on_call_at(report.neighbourhood, now).primary
        if shift is not None and shift.user.is_active:
            emails.append(shift.user.email)
    return sorted({e for e in emails if e})


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
            recipients = _escalation_recipients(report, now)
            ReportEscalation.objects.create(
                report=report, deadline_at=report.deadline_at, recipients=len(recipients)
            )
            _system_row(
                report,
                _("Deadline passed. Sent to the team lead and whoever is on call (%(count)s).")
                % {"count": len(recipients)},
            )
            if recipients:
                transaction.on_commit(lambda: _mail_escalation(report, recipients))
    except IntegrityError:
        return False  # another run escalated it a moment ago
    return True


def _mail_escalation(report: Report, recipients: list[str]) -> None:
    # No details of the report in the mail: only where to look.
    link = settings.OMZIEN_BASE_URL.rstrip("/") + report.get_absolute_url()
    send_mail(
        subject=_("Report %(reference)s is overdue") % {"reference": report.reference},
        message=_(
            "The deadline of report %(reference)s has passed and it is not handled yet.\n\n"
            "See the report:\n%(link)s"
        )
        % {"reference": report.reference, "link": link},
        from_email=None,
        recipient_list=recipients,
        fail_silently=True,
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
