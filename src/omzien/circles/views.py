from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.accounts.models import STAFF_ROLES
from omzien.accounts.selectors import neighbourhoods_for_roles
from omzien.circles import selectors, services
from omzien.circles.forms import (
    AgreementForm,
    AgreementStatusForm,
    CircleForm,
    EvaluationForm,
    MeetingForm,
    MembershipForm,
)
from omzien.circles.models import Agreement, Circle, Meeting, Membership
from omzien.core import permissions
from omzien.core.forms import add_errors
from omzien.neighbourhoods.models import Neighbourhood
from omzien.people.models import Person


def _circle(request: HttpRequest, pk: int) -> Circle:
    circle = get_object_or_404(
        Circle.objects.select_related("neighbourhood__district", "coach", "volunteer"), pk=pk
    )
    permissions.require(request.user, "circles.manage", circle)
    return circle


@login_required
def circle_list(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "circles.list")
    circles = list(selectors.circles_for_staff(request.user))
    for circle in circles:
        size = getattr(circle, "size", 0)
        circle.size_warning = "" if circle.is_ended else services.size_warning(size)  # type: ignore[attr-defined]
    return render(
        request,
        "circles/list.html",
        {
            "circles": circles,
            "may_create": permissions.can(request.user, "circles.create", None),
        },
    )


@login_required
def circle_create(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "circles.create", None)
    neighbourhoods = neighbourhoods_for_roles(request.user, STAFF_ROLES).order_by("name")
    form = CircleForm(
        request.POST or None,
        neighbourhoods=neighbourhoods,
        initial={"coach": request.user.pk, "starts_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            circle = services.circle_save(user=request.user, circle=form.instance)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The circle is saved. Now add the participants."))
            return redirect(circle)
    return render(request, "circles/circle_form.html", {"form": form, "circle": None})


@login_required
def circle_edit(request: HttpRequest, pk: int) -> HttpResponse:
    circle = _circle(request, pk)
    # The neighbourhood stays; coach and volunteer are chosen from its area.
    neighbourhoods = Neighbourhood.objects.filter(pk=circle.neighbourhood_id)
    form = CircleForm(request.POST or None, instance=circle, neighbourhoods=neighbourhoods)
    if request.method == "POST" and form.is_valid():
        try:
            services.circle_save(user=request.user, circle=form.instance)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(circle)
    return render(request, "circles/circle_form.html", {"form": form, "circle": circle})


@login_required
def circle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    circle = _circle(request, pk)
    detail = selectors.circle_detail(user=request.user, circle=circle)
    return render(
        request,
        "circles/detail.html",
        {
            "d": detail,
            "circle": circle,
            "size_warning": "" if circle.is_ended else services.size_warning(len(detail.members)),
        },
    )


@login_required
@require_POST
def circle_start(request: HttpRequest, pk: int) -> HttpResponse:
    circle = _circle(request, pk)
    try:
        services.circle_start(user=request.user, circle=circle)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The circle has started."))
    return redirect(circle)


@login_required
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    circle = _circle(request, pk)
    form = MembershipForm(
        request.POST or None, people=selectors.candidates(user=request.user, circle=circle)
    )
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_add(
                user=request.user,
                circle=circle,
                person=form.cleaned_data["person"],
                agreed_how=form.cleaned_data["agreed_how"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s takes part in the circle.") % {"name": membership.person.first_name},
            )
            size = circle.memberships.active().count()
            warning = services.size_warning(size)
            if warning:
                messages.warning(request, warning)
            if "again" in request.POST:
                return redirect("circles:member_add", pk=circle.pk)
            return redirect(circle)
    return render(request, "circles/member_form.html", {"form": form, "circle": circle})


@login_required
@require_POST
def member_end(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("circle__neighbourhood", "person"), pk=pk
    )
    permissions.require(request.user, "circles.manage", membership.circle)
    try:
        services.membership_end(user=request.user, membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(name)s no longer takes part.") % {"name": membership.person.first_name}
        )
    return redirect(membership.circle)


@login_required
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    circle = _circle(request, pk)
    form = MeetingForm(
        request.POST or None,
        instance=Meeting(circle=circle),
        locations=selectors.locations_for(circle),
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_save(user=request.user, meeting=form.instance)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect("circles:attendance", pk=meeting.pk)
    return render(request, "circles/meeting_form.html", {"form": form, "circle": circle})


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """On a phone during the meeting: tap who came, count the others."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("circle__neighbourhood", "location"), pk=pk
    )
    permissions.require(request.user, "circles.manage", meeting.circle)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action in {"here", "away"}:
                person_id = request.POST.get("person", "")
                if not person_id.isdigit():  # a crafted or broken form
                    raise Http404
                person = get_object_or_404(Person, pk=int(person_id))
                if action == "here":
                    services.meeting_attendance_record(
                        user=request.user, meeting=meeting, person=person
                    )
                else:
                    services.meeting_attendance_remove(
                        user=request.user, meeting=meeting, person=person
                    )
                return redirect(request.path + f"#person-{person.pk}")
            if action in {"count_up", "count_down"}:
                services.meeting_head_count_change(
                    user=request.user, meeting=meeting, delta=1 if action == "count_up" else -1
                )
                return redirect(request.path + "#count")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(request.path)
    return render(
        request,
        "circles/attendance.html",
        {"meeting": meeting, **selectors.attendance_list(user=request.user, meeting=meeting)},
    )


def _members(circle: Circle) -> list[Person]:
    return [m.person for m in circle.memberships.active().select_related("person")]


@login_required
def agreement_add(request: HttpRequest, pk: int) -> HttpResponse:
    circle = _circle(request, pk)
    people = Person.objects.filter(pk__in=circle.memberships.active().values("person_id")).order_by(
        "first_name", "pk"
    )
    form = AgreementForm(
        request.POST or None, people=people, initial={"made_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_add(user=request.user, circle=circle, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The agreement is saved."))
            return redirect(circle)
    return render(request, "circles/agreement_form.html", {"form": form, "circle": circle})


@login_required
def agreement_status(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement.objects.select_related("circle__neighbourhood"), pk=pk)
    circle = agreement.circle
    permissions.require(request.user, "circles.manage", circle)
    form = AgreementStatusForm(
        request.POST or None, initial={"status": agreement.status, "note": agreement.status_note}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update_status(
                user=request.user, agreement=agreement, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(circle)
    return render(
        request,
        "circles/agreement_status.html",
        {"form": form, "circle": circle, "agreement": agreement},
    )


@login_required
def circle_close(request: HttpRequest, pk: int) -> HttpResponse:
    circle = _circle(request, pk)
    if circle.is_ended:
        messages.error(request, _("This circle has ended. It cannot be changed anymore."))
        return redirect(circle)
    form = EvaluationForm(request.POST or None, people=_members(circle))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.circle_close(
                user=request.user,
                circle=circle,
                went_well=data["went_well"],
                brought=data["brought"],
                continues=data["continues"],
                coach_summary=data["coach_summary"],
                answers=form.answers(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The circle is closed. Thank you for the evaluation."))
            return redirect(circle)
    return render(request, "circles/close.html", {"form": form, "circle": circle})


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """Mijn buurtcirkel: a participant's own circle."""
    circles = selectors.own_circles(request.user)
    if not circles:
        raise Http404
    return render(request, "circles/mine.html", {"circles": circles})
