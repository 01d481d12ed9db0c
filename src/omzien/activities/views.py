from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.activities import ical, selectors, services
from omzien.activities.forms import (
    AbsenceForm,
    ActivityForm,
    DescriptionForm,
    NewcomerForm,
    OutcomeForm,
    SessionCancelForm,
    SessionMoveForm,
    SignUpForOtherForm,
)
from omzien.activities.models import (
    AbsenceSignal,
    Activity,
    ActivityKind,
    ActivityRoleKind,
    Admission,
    Session,
    SignalStatus,
    SignUp,
)
from omzien.core import permissions
from omzien.core.forms import add_errors
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.models import Person
from omzien.people.selectors import person_of
from omzien.people.services import person_register_newcomer

#: Calendar feeds cover the coming thirteen weeks (sessions exist twelve weeks ahead).
FEED_DAYS = 91
#: The neighbourhood agenda shows this many weeks (the week filter offers each).
AGENDA_WEEKS = 8


def agenda(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "activities/agenda.html",
        {
            "sessions": selectors.agenda(),
            "neighbourhoods": selectors.neighbourhoods_with_activities(),
            "may_manage": permissions.can(request.user, "activities.manage", None),
        },
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(
        Activity.objects.select_related("neighbourhood", "location", "service"),
        pk=pk,
        is_active=True,
    )
    sessions = list(selectors.agenda(days=56).filter(activity=activity))
    me = person_of(request.user)
    mine = (
        {s.session_id: s for s in SignUp.objects.filter(person=me, session__in=sessions)}
        if me is not None and activity.admission == Admission.SIGN_UP
        else {}
    )
    return render(
        request,
        "activities/detail.html",
        {
            "activity": activity,
            "sessions": [(s, mine.get(s.pk)) for s in sessions],
            "me": me,
            "may_check_in": permissions.can(request.user, "activities.check_in", activity),
            "may_manage": permissions.can(
                request.user, "activities.manage", activity.neighbourhood
            ),
            "may_describe": permissions.can(request.user, "activities.edit_description", activity),
        },
    )


def neighbourhood_agenda(request: HttpRequest, code: str) -> HttpResponse:
    """The public agenda of one neighbourhood, filtered by kind and week (plain GET)."""
    neighbourhood = get_object_or_404(Neighbourhood, code=code)
    weeks = selectors.agenda_weeks(weeks=AGENDA_WEEKS)
    kind = request.GET.get("soort", "")
    if kind not in ActivityKind.values:
        kind = ""
    week = next((w for w in weeks if w.isoformat() == request.GET.get("week", "")), None)
    sessions = selectors.agenda(
        neighbourhood=neighbourhood, days=AGENDA_WEEKS * 7, kind=kind, week=week
    )
    return render(
        request,
        "activities/neighbourhood_agenda.html",
        {
            "neighbourhood": neighbourhood,
            "sessions": sessions,
            "kinds": ActivityKind.choices,
            "kind": kind,
            "weeks": weeks,
            "week": week,
        },
    )


def activity_ical(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk, is_active=True)
    sessions = selectors.agenda(days=FEED_DAYS).filter(activity=activity)
    return _ical_response(ical.feed(sessions, name=activity.name), f"activiteit-{pk}.ics")


def neighbourhood_ical(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_object_or_404(Neighbourhood, code=code)
    sessions = selectors.agenda(neighbourhood=neighbourhood, days=FEED_DAYS)
    name = _("Activities in %(name)s") % {"name": neighbourhood.name}
    return _ical_response(ical.feed(sessions, name=name), f"buurt-{code}.ics")


def _ical_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    """The host's page on a phone: tap who is here, add a newcomer, count others."""
    session = get_object_or_404(Session.objects.select_related("activity__neighbourhood"), pk=pk)
    permissions.require(request.user, "activities.check_in", session.activity)
    newcomer = NewcomerForm(request.POST if request.POST.get("action") == "newcomer" else None)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action in {"here", "here_trusted", "away", "absent", "absent_undo"}:
                person_id = request.POST.get("person", "")
                if not person_id.isdigit():  # a crafted or broken form: nobody to find
                    raise Http404
                person = get_object_or_404(Person, pk=int(person_id))
                if action == "away":
                    services.attendance_remove(user=request.user, session=session, person=person)
                elif action == "absent":
                    services.absence_announce(user=request.user, person=person, session=session)
                elif action == "absent_undo":
                    services.absence_withdraw(user=request.user, person=person, session=session)
                else:
                    services.attendance_record(
                        user=request.user,
                        session=session,
                        person=person,
                        with_trusted_person=action == "here_trusted",
                    )
                return redirect(request.path + f"#person-{person.pk}")
            if action in {"count_up", "count_down"}:
                services.head_count_change(
                    user=request.user, session=session, delta=1 if action == "count_up" else -1
                )
                return redirect(request.path + "#count")
            if action == "newcomer" and newcomer.is_valid():
                first_name = newcomer.cleaned_data["first_name"]
                if newcomer.cleaned_data["consent"]:
                    person = person_register_newcomer(
                        actor=request.user,
                        neighbourhood=session.activity.neighbourhood,
                        first_name=first_name,
                    )
                    services.attendance_record(user=request.user, session=session, person=person)
                    messages.success(request, _("Welcome, %(name)s!") % {"name": first_name})
                else:
                    services.head_count_change(user=request.user, session=session, delta=1)
                    messages.success(request, _("Welcome! Counted without a name."))
                return redirect(request.path)
        except ValidationError as error:
            if action != "newcomer":
                # A tap has no form to show the error on: say it at the top of the page.
                messages.error(request, " ".join(error.messages))
                return redirect(request.path)
            add_errors(newcomer, error)
    return render(
        request,
        "activities/check_in.html",
        {
            "session": session,
            "people": selectors.check_in_list(user=request.user, session=session),
            "newcomer": newcomer,
        },
    )


@login_required
def signals(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "activities/signals.html",
        {"signals": selectors.signals_for(request.user)},
    )


@login_required
def signal(request: HttpRequest, pk: int) -> HttpResponse:
    signal = get_object_or_404(
        AbsenceSignal.objects.select_related("person", "activity__neighbourhood", "last_seen"),
        pk=pk,
    )
    signal = selectors.signal_detail(user=request.user, signal=signal)
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.signal_record_outcome(
                user=request.user,
                signal=signal,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("Thank you. Your answer is saved."))
            return redirect("activities:signals")
        except ValidationError as error:
            add_errors(form, error)
    step = services.current_step(signal)
    return render(
        request,
        "activities/signal.html",
        {
            "signal": signal,
            "steps": signal.steps.select_related("user", "contact"),
            "current": step,
            "form": form,
            "may_answer": signal.status == SignalStatus.OPEN
            and step is not None
            and (step.user_id == request.user.pk or services.staff_may_close(request.user, signal)),
        },
    )


# --- staff: create and edit activities, cancel and move sessions ---------------------------


def _activity_form(request: HttpRequest, *, initial: dict | None = None) -> ActivityForm:
    choices = selectors.activity_form_choices(request.user)
    return ActivityForm(
        request.POST if request.method == "POST" else None, initial=initial, **choices
    )


@login_required
def activity_create(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "activities.manage", None)
    form = _activity_form(request, initial={"admission": Admission.WALK_IN})
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_save(
                user=request.user,
                activity=form.apply(Activity()),
                hosts=form.cleaned_data["hosts"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect(activity)
    return render(request, "activities/activity_form.html", {"form": form, "activity": None})


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff of the neighbourhood edit everything; a host only the description."""
    activity = get_object_or_404(Activity.objects.select_related("neighbourhood"), pk=pk)
    if not permissions.can(request.user, "activities.manage", activity.neighbourhood):
        return _describe(request, activity)
    hosts = [
        r.person for r in activity.roles.filter(role=ActivityRoleKind.HOST).select_related("person")
    ]
    form = _activity_form(request, initial=ActivityForm.initial_for(activity, hosts))
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_save(
                user=request.user,
                activity=form.apply(activity),
                hosts=form.cleaned_data["hosts"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect(activity)
    sessions = activity.sessions.filter(ends_at__gte=timezone.now()).order_by("starts_at")[:12]
    return render(
        request,
        "activities/activity_form.html",
        {"form": form, "activity": activity, "sessions": sessions},
    )


def _describe(request: HttpRequest, activity: Activity) -> HttpResponse:
    permissions.require(request.user, "activities.edit_description", activity)
    form = DescriptionForm(
        request.POST if request.method == "POST" else None,
        initial={"description": activity.description},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_describe(
                user=request.user, activity=activity, description=form.cleaned_data["description"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect(activity)
    return render(request, "activities/describe.html", {"form": form, "activity": activity})


@login_required
def session_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel (with a reason), restore or move one session."""
    session = get_object_or_404(Session.objects.select_related("activity__neighbourhood"), pk=pk)
    permissions.require(request.user, "activities.manage", session.activity.neighbourhood)
    action = request.POST.get("action", "")
    cancel = SessionCancelForm(request.POST if action == "cancel" else None)
    move = SessionMoveForm(
        request.POST if action == "move" else None,
        initial={
            "date": timezone.localtime(session.starts_at).date(),
            "time": timezone.localtime(session.starts_at).time(),
        },
    )
    if request.method == "POST":
        try:
            if action == "cancel" and cancel.is_valid():
                services.session_cancel(
                    user=request.user, session=session, note=cancel.cleaned_data["note"]
                )
                messages.success(request, _("The session is cancelled."))
                return redirect(session.activity)
            if action == "restore":
                services.session_restore(user=request.user, session=session)
                messages.success(request, _("The session takes place again."))
                return redirect(session.activity)
            if action == "move" and move.is_valid():
                services.session_move(
                    user=request.user,
                    session=session,
                    starts_at=move.cleaned_data["starts_at"],
                    note=move.cleaned_data["note"],
                )
                messages.success(request, _("The session has a new time."))
                return redirect(session.activity)
        except ValidationError as error:
            add_errors(move if action == "move" else cancel, error)
            session.refresh_from_db()
    return render(
        request,
        "activities/session_manage.html",
        {"session": session, "cancel": cancel, "move": move},
    )


# --- signing up and "I won't be there" ----------------------------------------------------


@login_required
def session_sign_up(request: HttpRequest, pk: int) -> HttpResponse:
    """A resident signs up for a session, or takes their sign-up back (POST only)."""
    session = get_object_or_404(Session.objects.select_related("activity"), pk=pk)
    if request.method != "POST":
        return redirect(session.activity)
    me = person_of(request.user)
    if me is None:
        messages.error(request, _("Make your own profile first, then you can sign up."))
        return redirect(session.activity)
    try:
        if request.POST.get("action") == "cancel":
            signup = get_object_or_404(SignUp, session=session, person=me)
            services.signup_cancel(user=request.user, signup=signup)
            messages.success(request, _("You are signed off. Thank you for letting us know."))
        else:
            signup = services.signup_create(user=request.user, session=session, person=me)
            if signup.is_waiting:
                messages.success(
                    request, _("It is full. You are on the waiting list. We e-mail you.")
                )
            else:
                messages.success(request, _("You are signed up. See you there!"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(session.activity.get_absolute_url() + f"#session-{session.pk}")


@login_required
def session_sign_ups(request: HttpRequest, pk: int) -> HttpResponse:
    """Hosts and staff: who has a place, who waits; sign someone up or off for them."""
    session = get_object_or_404(Session.objects.select_related("activity__neighbourhood"), pk=pk)
    permissions.require(request.user, "activities.sign_up_others", session.activity)
    people = Person.objects.filter(
        pk__in=[
            row["person"].pk
            for row in selectors.check_in_list(user=request.user, session=session)
            if row["may_name"]
        ]
    ).order_by("first_name", "last_name")
    action = request.POST.get("action", "")
    form = SignUpForOtherForm(request.POST if action == "add" else None, people=people)
    if request.method == "POST":
        try:
            if action == "add" and form.is_valid():
                person = form.cleaned_data["person"] or person_register_newcomer(
                    actor=request.user,
                    neighbourhood=session.activity.neighbourhood,
                    first_name=form.cleaned_data["first_name"],
                )
                signup = services.signup_create(user=request.user, session=session, person=person)
                messages.success(
                    request,
                    (
                        _("%(name)s is on the waiting list.")
                        if signup.is_waiting
                        else _("%(name)s is signed up.")
                    )
                    % {"name": person.first_name},
                )
                return redirect(request.path)
            if action == "remove":
                signup_id = request.POST.get("signup", "")
                if not signup_id.isdigit():
                    raise Http404
                signup = get_object_or_404(SignUp, pk=int(signup_id), session=session)
                services.signup_cancel(user=request.user, signup=signup)
                messages.success(request, _("The sign-up is taken back."))
                return redirect(request.path)
        except ValidationError as error:
            if action != "add":
                messages.error(request, " ".join(error.messages))
                return redirect(request.path)
            add_errors(form, error)
    confirmed, waiting = selectors.session_signups(user=request.user, session=session)
    return render(
        request,
        "activities/sign_ups.html",
        {"session": session, "confirmed": confirmed, "waiting": waiting, "form": form},
    )


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """A resident's coming sessions: say "I won't be there" (or undo it), see sign-ups."""
    me = person_of(request.user)
    if me is None:
        raise Http404
    form = AbsenceForm(request.POST if request.POST.get("action") == "absent" else None)
    if request.method == "POST":
        session_id = request.POST.get("session", "")
        if not session_id.isdigit():
            raise Http404
        session = get_object_or_404(Session, pk=int(session_id))
        action = request.POST.get("action", "")
        try:
            if action == "absent" and form.is_valid():
                services.absence_announce(
                    user=request.user,
                    person=me,
                    session=session,
                    message=form.cleaned_data["message"],
                )
                messages.success(request, _("Thank you. The host knows you will not come."))
            elif action == "undo":
                services.absence_withdraw(user=request.user, person=me, session=session)
                messages.success(request, _("Good. You are expected again."))
            elif action == "absent":
                messages.error(request, " ".join(str(m) for e in form.errors.values() for m in e))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("activities:mine")
    return render(
        request,
        "activities/mine.html",
        {"rows": selectors.my_sessions(person=me), "form": AbsenceForm()},
    )
