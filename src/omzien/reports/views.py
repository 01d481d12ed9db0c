from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from omzien.core import permissions
from omzien.core.audit import audit_record
from omzien.core.forms import add_errors, query_without_page
from omzien.neighbourhoods.models import Municipality, Neighbourhood
from omzien.reports import picture, selectors, services, workflow
from omzien.reports.forms import (
    AssignForm,
    DeadlineForm,
    FeedbackForm,
    FilterForm,
    NoteForm,
    OutreachFilterForm,
    OutreachOutcomeForm,
    PictureFilterForm,
    ReportForm,
    RoutingRuleForm,
    TransitionForm,
)
from omzien.reports.models import Category, Report, ReportStatus, RoutingRule

POLICE_NON_EMERGENCY = "0900-8844"


def _private(response: HttpResponse) -> HttpResponse:
    """Pages behind a tracking link: never cached or indexed. (The site-wide referrer policy,
    same-origin, already keeps the link from leaking to other sites; "no-referrer" would
    make the browser send `Origin: null` and break the feedback form's CSRF check.)"""
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "no-store"
    return response


def start(request: HttpRequest) -> HttpResponse:
    municipalities = Municipality.objects.filter(
        report_categories__parent=None, report_categories__is_active=True
    ).distinct()
    groups = [(m, selectors.public_categories(m)) for m in municipalities]
    return render(
        request,
        "reports/start.html",
        {"groups": groups, "police": POLICE_NON_EMERGENCY},
    )


@never_cache
def report_form(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    category = get_object_or_404(
        Category.objects.select_related("municipality"),
        municipality__code=code,
        slug=slug,
        parent=None,
        is_active=True,
    )
    form = ReportForm(request.POST or None, request.FILES or None, category=category)
    if request.method == "POST":
        # An emergency is never held up by the rest of the form.
        if form.signals_acute_danger():
            return render(
                request, "reports/danger.html", {"police": POLICE_NON_EMERGENCY}, status=200
            )
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = services.report_create(
                    category=category,
                    subcategory=data.get("subcategory"),
                    submission_key=data["submission_key"],
                    description=data["description"],
                    answers=form.answers(),
                    postcode=data.get("postcode") or "",
                    house_number=data.get("house_number") or "",
                    address=data.get("address") or "",
                    latitude=data.get("latitude"),
                    longitude=data.get("longitude"),
                    photo=data.get("photo"),
                    contact_email=data.get("contact_email") or "",
                    contact_phone=data.get("contact_phone") or "",
                    wants_updates=bool(data.get("wants_updates")),
                )
            except services.AcuteDanger:
                return render(request, "reports/danger.html", {"police": POLICE_NON_EMERGENCY})
            except ValidationError as error:
                add_errors(form, error)
            else:
                return redirect("reports:thanks", token=result.report.tracking_token)
    return render(request, "reports/form.html", {"form": form, "category": category})


def thanks(request: HttpRequest, token: str) -> HttpResponse:
    report = selectors.report_by_token(token)
    if report is None:
        raise Http404
    link = request.build_absolute_uri(report.get_tracking_url())
    return _private(render(request, "reports/thanks.html", {"report": report, "link": link}))


def track(request: HttpRequest, token: str) -> HttpResponse:
    report = selectors.report_by_token(token)
    if report is None:
        raise Http404
    may_answer = report.status == ReportStatus.HANDLED and report.satisfied is None
    form = FeedbackForm(request.POST or None) if may_answer else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.report_feedback(
                    report=report,
                    satisfied=form.cleaned_data["satisfied"] == "yes",
                    text=form.cleaned_data.get("text") or "",
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Thank you for your answer."))
                return redirect("reports:track", token=token)
    events = [e for e in report.events.all() if e.from_status]
    return _private(
        render(
            request,
            "reports/track.html",
            {"report": report, "events": events, "form": form},
        )
    )


@login_required
def staff_list(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "reports.back_office")
    reports = selectors.reports_visible_to(request.user)
    municipality_ids = reports.values("municipality_id")
    form = FilterForm(
        request.GET or None,
        categories=Category.objects.filter(municipality_id__in=municipality_ids, parent=None),
        neighbourhoods=Neighbourhood.objects.filter(district__municipality_id__in=municipality_ids),
        teams=selectors.teams_visible_to(request.user),
    )
    if form.is_valid():
        reports = selectors.reports_filtered(reports, form.cleaned_data, timezone.now())
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/staff_list.html",
        {
            "form": form,
            "page_obj": page,
            "query": query_without_page(request),
            "now": timezone.now(),
            "title": _("Reports"),
            # Coordinators of a whole municipality order its routing rules.
            "may_route": bool(selectors.staff_scope(request.user).municipality_ids),
        },
    )


@login_required
def staff_overdue(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "reports.back_office")
    now = timezone.now()
    reports = selectors.overdue_reports_visible_to(request.user, now)
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/staff_list.html",
        {
            "form": None,
            "page_obj": page,
            "query": query_without_page(request),
            "now": now,
            "title": _("Overdue reports"),
        },
    )


@login_required
def routing_rules(request: HttpRequest) -> HttpResponse:
    # Only coordinators of a whole municipality see (and order) its rules.
    if not selectors.staff_scope(request.user).municipality_ids:
        raise PermissionDenied
    rules = selectors.routing_rules_for(request.user)
    municipalities = Municipality.objects.filter(
        pk__in=selectors.staff_scope(request.user).municipality_ids
    ).order_by("name")
    return render(
        request,
        "reports/routing_rules.html",
        {"rules": rules, "municipalities": municipalities},
    )


def _routing_municipality(request: HttpRequest, code: str) -> Municipality:
    municipality = get_object_or_404(Municipality, code=code)
    permissions.require(request.user, "reports.manage_routing", municipality)
    return municipality


def _routing_rule(request: HttpRequest, pk: int) -> RoutingRule:
    rule = get_object_or_404(RoutingRule.objects.select_related("municipality"), pk=pk)
    permissions.require(request.user, "reports.manage_routing", rule.municipality)
    return rule


def _routing_rule_form(
    request: HttpRequest, municipality: Municipality, rule: RoutingRule | None
) -> HttpResponse:
    form = RoutingRuleForm(request.POST or None, instance=rule, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            services.routing_rule_save(rule=form.instance, by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("reports:routing_rules")
    return render(
        request,
        "reports/routing_rule_form.html",
        {"form": form, "rule": rule, "municipality": municipality},
    )


@login_required
def routing_rule_add(request: HttpRequest, code: str) -> HttpResponse:
    return _routing_rule_form(request, _routing_municipality(request, code), None)


@login_required
def routing_rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    rule = _routing_rule(request, pk)
    return _routing_rule_form(request, rule.municipality, rule)


@login_required
def routing_rule_delete(request: HttpRequest, pk: int) -> HttpResponse:
    rule = _routing_rule(request, pk)
    if request.method == "POST":
        services.routing_rule_delete(rule=rule, by=request.user)
        messages.success(request, _("The rule is deleted."))
        return redirect("reports:routing_rules")
    return render(request, "reports/routing_rule_delete.html", {"rule": rule})


@login_required
@require_POST
def routing_rule_move(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(RoutingRule.objects.select_related("municipality"), pk=pk)
    services.routing_rule_move(rule=rule, by=request.user, up=request.POST.get("move") == "up")
    messages.success(request, _("Saved."))
    return redirect("reports:routing_rules")


def _staff_report(request: HttpRequest, reference: str) -> Report:
    report = selectors.report_for_staff(viewer=request.user, reference=reference)
    if report is None:
        raise Http404
    return report


@login_required
def outreach_tasks(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "reports.back_office")
    form = OutreachFilterForm(request.GET or None)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    tasks = selectors.outreach_tasks_visible_to(request.user, status=status)
    page = Paginator(tasks, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/outreach_tasks.html",
        {"form": form, "page_obj": page, "query": query_without_page(request)},
    )


def _outreach_action(
    request: HttpRequest, report: Report, task: Any, action: str, form: OutreachOutcomeForm
) -> bool:
    """Take or finish the outreach task. True when done; errors go on the form."""
    if task is None:
        raise PermissionDenied
    try:
        if action == "task_take":
            services.outreach_task_take(task=task, by=request.user)
            return True
        if form.is_valid():
            services.outreach_task_complete(
                task=task, by=request.user, outcome=form.cleaned_data["outcome"]
            )
            return True
    except ValidationError as error:
        add_errors(form, error)
    return False


@login_required
def staff_detail(request: HttpRequest, reference: str) -> HttpResponse:
    report = _staff_report(request, reference)
    may_handle = permissions.can(request.user, "reports.handle", report)
    task = selectors.outreach_task_for(viewer=request.user, report=report)
    post = request.POST if request.method == "POST" else None
    action = request.POST.get("action") if post else None
    outcome_form = OutreachOutcomeForm(post if action == "task_done" else None, prefix="o")
    if post and action in ("task_take", "task_done"):
        # The outreach task has its own permission: its team, or the area's coordinators.
        if _outreach_action(request, report, task, action, outcome_form):
            messages.success(request, _("Saved."))
            return redirect(report.get_absolute_url())
        post = None
    elif post and not may_handle:
        raise PermissionDenied
    transition_form = TransitionForm(
        post if action == "transition" else None,
        status=report.status,
        municipality_id=report.municipality_id,
        prefix="t",
    )
    note_form = NoteForm(post if action == "note" else None, prefix="n")
    assign_form = AssignForm(
        post if action == "assign" else None,
        municipality_id=report.municipality_id,
        prefix="a",
        initial={"team": report.team, "assignee": report.assignee, "priority": report.priority},
    )
    may_set_deadline = permissions.can(request.user, "reports.set_deadline", report)
    deadline_form = DeadlineForm(
        post if action == "deadline" else None,
        prefix="d",
        initial={"deadline_at": report.deadline_at},
    )
    if post:
        done = False
        try:
            if action == "deadline":
                if not may_set_deadline:
                    raise PermissionDenied
                if deadline_form.is_valid():
                    services.report_set_deadline(
                        report=report,
                        by=request.user,
                        deadline_at=deadline_form.cleaned_data.get("deadline_at"),
                    )
                    done = True
            elif action == "transition" and transition_form.is_valid():
                services.report_transition(
                    report=report,
                    to=transition_form.cleaned_data["to"],
                    by=request.user,
                    text=transition_form.message(),
                )
                done = True
            elif action == "note" and note_form.is_valid():
                services.report_note_add(
                    report=report, by=request.user, text=note_form.cleaned_data["note"]
                )
                done = True
            elif action == "assign" and assign_form.is_valid():
                services.report_assign(
                    report=report,
                    by=request.user,
                    team=assign_form.cleaned_data.get("team"),
                    assignee=assign_form.cleaned_data.get("assignee"),
                    priority=assign_form.cleaned_data["priority"],
                )
                done = True
        except ValidationError as error:
            form: Any = {
                "transition": transition_form,
                "note": note_form,
                "deadline": deadline_form,
            }.get(action or "", assign_form)
            add_errors(form, error)
        if done:
            messages.success(request, _("Saved."))
            return redirect(report.get_absolute_url())
    return render(
        request,
        "reports/staff_detail.html",
        {
            "report": report,
            "events": report.events.select_related("by"),
            "notes": report.notes.all(),
            "may_handle": may_handle,
            "transition_form": transition_form if workflow.next_states(report.status) else None,
            "note_form": note_form,
            "assign_form": assign_form,
            "deadline_form": deadline_form if may_set_deadline else None,
            "task": task,
            "outcome_form": outcome_form,
            "overdue": report.deadline_at is not None
            and report.deadline_at < timezone.now()
            and report.status not in workflow.FINAL_STATES,
        },
    )


@login_required
def staff_photo(request: HttpRequest, reference: str) -> HttpResponse:
    report = get_object_or_404(Report.objects.select_related("category"), reference=reference)
    if not permissions.can(request.user, "reports.view", report):
        raise Http404
    photo = getattr(report, "photo", None)
    if photo is None:
        raise Http404
    if report.is_about_a_person:
        audit_record(
            actor=request.user,
            subject=report,
            category="report_person",
            purpose="reports",
            detail=f"{report.reference} photo",
        )
    response = HttpResponse(bytes(photo.content), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response


def _picture(request: HttpRequest) -> tuple[PictureFilterForm, picture.Picture]:
    form = PictureFilterForm(request.GET or None)
    filters: dict[str, Any] = {"months": 12}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "months": data.get("period") or 12,
            "municipality": data.get("municipality"),
            "neighbourhood": data.get("neighbourhood"),
            "subcategory": data.get("subcategory") or "",
            "status": data.get("status") or "",
        }
    return form, picture.public_picture(now=timezone.now(), **filters)


def public_map(request: HttpRequest) -> HttpResponse:
    """The public picture of reported unsafe places: counts only, no login."""
    form, result = _picture(request)
    query = request.GET.urlencode() if form.is_bound and form.is_valid() else ""
    response = render(
        request,
        "reports/picture.html",
        {"form": form, "picture": result, "map_points": result.map_points(), "query": query},
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


def public_map_geojson(request: HttpRequest) -> HttpResponse:
    form, result = _picture(request)
    if form.is_bound and not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    response = JsonResponse(result.geojson(), content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=300"
    return response
