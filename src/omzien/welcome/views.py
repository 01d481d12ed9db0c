from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.activities.models import Activity, Session, SessionStatus
from omzien.core import permissions
from omzien.core.forms import add_errors
from omzien.people.models import Person
from omzien.people.selectors import person_of
from omzien.welcome import selectors, services
from omzien.welcome.forms import FollowUpForm, ReferralForm, TaskForm, WelcomerForm
from omzien.welcome.models import ActivityTask, FirstVisit, FollowUp, Referral, TaskClaim


def _own_person(request: HttpRequest) -> Person:
    person = person_of(request.user)
    if person is None:
        raise Http404(_("You do not have a resident profile."))
    return person


def _check_in_url(session_id: int) -> str:
    return reverse("activities:check_in", args=[session_id])


def _pk(value: str) -> int:
    if not value.isdigit():  # a crafted or broken form: nothing to find
        raise Http404
    return int(value)


# --- tasks (residents) ------------------------------------------------------------------


@login_required
def tasks(request: HttpRequest) -> HttpResponse:
    """Small tasks at coming activities in the resident's neighbourhood: take one on, or
    give it back."""
    person = _own_person(request)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "take":
                task = get_object_or_404(ActivityTask, pk=_pk(request.POST.get("task", "")))
                session = get_object_or_404(Session, pk=_pk(request.POST.get("session", "")))
                services.task_take(user=request.user, person=person, task=task, session=session)
                messages.success(request, _("Thank you! You do: %(task)s.") % {"task": task.name})
            elif action == "give_back":
                claim = get_object_or_404(
                    TaskClaim, pk=_pk(request.POST.get("claim", "")), person=person
                )
                services.task_give_back(user=request.user, claim=claim)
                messages.success(request, _("That is fine. Someone else can do it now."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("welcome:tasks")
    return render(
        request,
        "welcome/tasks.html",
        {"sessions": selectors.tasks_to_take(person=person)},
    )


@login_required
def contributions(request: HttpRequest) -> HttpResponse:
    """ "Wat ik bijdraag": only ever the signed-in person's own contributions."""
    person = _own_person(request)
    return render(
        request,
        "welcome/contributions.html",
        {"summary": selectors.own_contributions(person=person)},
    )


# --- tasks (hosts) ------------------------------------------------------------------------


@login_required
def activity_tasks(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.select_related("neighbourhood"), pk=pk)
    permissions.require(request.user, "welcome.manage_tasks", activity)
    coming = Session.objects.filter(
        activity=activity, status=SessionStatus.PLANNED, ends_at__gt=timezone.now()
    ).order_by("starts_at")[:12]
    sessions = Session.objects.filter(pk__in=[s.pk for s in coming]).select_related("activity")
    form = TaskForm(
        request.POST if request.POST.get("action") == "add" else None,
        sessions=sessions,
        instance=ActivityTask(activity=activity),
    )
    if request.method == "POST":
        if request.POST.get("action") == "stop":
            task = get_object_or_404(
                ActivityTask, pk=_pk(request.POST.get("task", "")), activity=activity
            )
            services.task_deactivate(user=request.user, task=task)
            messages.success(request, _("The task is removed."))
            return redirect("welcome:activity_tasks", pk=activity.pk)
        if form.is_valid():
            try:
                services.task_save(user=request.user, task=form.instance)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The task is added."))
                return redirect("welcome:activity_tasks", pk=activity.pk)
    return render(
        request,
        "welcome/activity_tasks.html",
        {
            "activity": activity,
            "tasks": selectors.tasks_of_activity(user=request.user, activity=activity),
            "form": form,
        },
    )


@login_required
@require_POST
def claim_done(request: HttpRequest, pk: int) -> HttpResponse:
    """On the check-in page: the host taps that a task was done (or undoes it)."""
    claim = get_object_or_404(
        TaskClaim.objects.select_related("task__activity__neighbourhood", "session", "person"),
        pk=pk,
    )
    try:
        if request.POST.get("action") == "not_done":
            services.task_mark_not_done(user=request.user, claim=claim)
        else:
            services.task_mark_done(user=request.user, claim=claim)
            messages.success(
                request,
                _("Thank you, %(name)s! %(task)s is done.")
                % {"name": claim.person.first_name, "task": claim.task.name},
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_check_in_url(claim.session_id) + "#tasks")


# --- the warm welcome ---------------------------------------------------------------------


@login_required
def referrals(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "welcome/referrals.html",
        {
            "referrals": selectors.referrals_made_by(request.user)[:100],
            "follow_ups": selectors.follow_ups_for(request.user)[:100],
            "heads_ups": selectors.heads_ups_for_host(request.user)[:100],
            "may_refer": selectors.referable_people(request.user).exists(),
        },
    )


@login_required
def referral_new(request: HttpRequest) -> HttpResponse:
    people = selectors.referable_people(request.user)
    if not people.exists():
        raise Http404(_("There is nobody you can refer."))
    initial = {}
    if request.GET.get("persoon", "").isdigit():
        initial["person"] = request.GET["persoon"]
    form = ReferralForm(
        request.POST or None,
        initial=initial,
        people=people,
        sessions=selectors.sessions_to_refer_to(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = services.referral_create(
                user=request.user,
                person=data["person"],
                session=data["session"],
                own_words=data["own_words"],
                person_agreed=data["person_agreed"],
                agreed_method=data["agreed_method"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Thank you. The hosts know that %(name)s is coming.")
                % {"name": referral.person.first_name},
            )
            return redirect("welcome:referrals")
    return render(request, "welcome/referral_form.html", {"form": form})


@login_required
def referral(request: HttpRequest, pk: int) -> HttpResponse:
    referral = get_object_or_404(
        Referral.objects.select_related(
            "person", "activity__neighbourhood", "session", "welcomer", "referrer"
        ),
        pk=pk,
    )
    referral = selectors.referral_detail(user=request.user, referral=referral)
    may_assign = permissions.can(request.user, "welcome.assign_welcomer", referral)
    form = None
    if may_assign:
        candidates = services.welcomer_candidates(referral.activity)
        candidates = [p for p in candidates if p.pk != referral.person_id]
        form = WelcomerForm(
            request.POST or None,
            candidates=candidates,
            initial={"welcomer": str(referral.welcomer_id or "")},
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.referral_assign_welcomer(
                    user=request.user, referral=referral, welcomer=form.cleaned_data["welcomer"]
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The welcomer is saved."))
                return redirect(referral.get_absolute_url())
    elif request.method == "POST":
        permissions.require(request.user, "welcome.assign_welcomer", referral)
    return render(
        request,
        "welcome/referral.html",
        {
            "referral": referral,
            "form": form,
            "may_check_in": permissions.can(request.user, "welcome.record_visit", referral)
            and referral.first_visit == FirstVisit.WAITING,
        },
    )


@login_required
@require_POST
def referral_visit(request: HttpRequest, pk: int) -> HttpResponse:
    """On the check-in page: the newcomer is here."""
    referral = get_object_or_404(
        Referral.objects.select_related("person", "activity__neighbourhood", "session"), pk=pk
    )
    try:
        services.referral_record_visit(user=request.user, referral=referral)
        messages.success(request, _("Welcome, %(name)s!") % {"name": referral.person.first_name})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_check_in_url(referral.session_id) + "#newcomers")


@login_required
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = get_object_or_404(
        FollowUp.objects.select_related(
            "referral__person", "referral__activity", "referral__session", "referral__welcomer"
        ),
        pk=pk,
    )
    follow_up = selectors.follow_up_detail(user=request.user, follow_up=follow_up)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_record(
                user=request.user,
                follow_up=follow_up,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Thank you. Your answer is saved."))
            return redirect("welcome:referrals")
    return render(request, "welcome/follow_up.html", {"follow_up": follow_up, "form": form})
