from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from omzien.activities import ical, selectors, services
from omzien.activities.forms import NewcomerForm, OutcomeForm
from omzien.activities.models import AbsenceSignal, Activity, Session, SignalStatus
from omzien.core import permissions
from omzien.core.forms import add_errors
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.models import Person
from omzien.people.services import person_register_newcomer

#: Calendar feeds cover the coming thirteen weeks (sessions exist twelve weeks ahead).
FEED_DAYS = 91


def agenda(request: HttpRequest) -> HttpResponse:
    return render(request, "activities/agenda.html", {"sessions": selectors.agenda()})


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(
        Activity.objects.select_related("neighbourhood", "location", "service"),
        pk=pk,
        is_active=True,
    )
    sessions = selectors.agenda(days=56).filter(activity=activity)
    return render(
        request,
        "activities/detail.html",
        {
            "activity": activity,
            "sessions": sessions,
            "may_check_in": permissions.can(request.user, "activities.check_in", activity),
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
            if action in {"here", "here_trusted", "away"}:
                person_id = request.POST.get("person", "")
                if not person_id.isdigit():  # a crafted or broken form: nobody to find
                    raise Http404
                person = get_object_or_404(Person, pk=int(person_id))
                if action == "away":
                    services.attendance_remove(user=request.user, session=session, person=person)
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
