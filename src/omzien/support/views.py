from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.core import permissions
from omzien.core.forms import add_errors
from omzien.core.models import AuditAction
from omzien.people.models import Person
from omzien.people.selectors import is_self, person_of
from omzien.support import pdf, selectors, services
from omzien.support.circle_map import circle_map
from omzien.support.forms import NetworkMemberForm, PlanForm, ReadersForm
from omzien.support.models import NetworkMember, PlanPhase, PlanVersion


def _person(pk: int) -> Person:
    try:
        return selectors.person_for_support(pk=pk)
    except Person.DoesNotExist as exc:
        raise Http404 from exc


def _posted(request: HttpRequest) -> Any:
    """The POST data, also when it is empty (unticking every box is an answer too)."""
    return request.POST if request.method == "POST" else None


def _own(request: HttpRequest) -> Person:
    person = person_of(request.user)
    if person is None:
        raise Http404(_("You do not have a resident profile."))
    return person


@login_required
def my_network(request: HttpRequest) -> HttpResponse:
    return redirect("support:network", pk=_own(request).pk)


@login_required
def my_plan(request: HttpRequest) -> HttpResponse:
    return redirect("support:plan", pk=_own(request).pk)


@login_required
def shared_with_me(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "support/shared.html",
        {"people": selectors.people_sharing_with(request.user)},
    )


# --- Network --------------------------------------------------------------------------------
@login_required
def network(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(pk)
    result = selectors.person_network(viewer=request.user, person=person)
    return render(
        request,
        "support/network.html",
        {
            "person": person,
            "network": result,
            "map": circle_map(person.first_name, result.members),
            "is_self": is_self(request.user, person),
            "may_edit": permissions.can(request.user, "support.edit_network", person),
        },
    )


def _member_form(request: HttpRequest, person: Person, member: NetworkMember | None) -> Any:
    form = NetworkMemberForm.for_member(member, _posted(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.network_member_save(
                actor=request.user,
                person=person,
                member=member,
                account_email=data.pop("account_email"),
                **data,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your network is saved."))
            return redirect("support:network", pk=person.pk)
    return render(
        request,
        "support/member_form.html",
        {
            "form": form,
            "person": person,
            "member": member,
            "is_self": is_self(request.user, person),
        },
    )


@login_required
def member_new(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(pk)
    permissions.require(request.user, "support.edit_network", person)
    return _member_form(request, person, None)


def _member(request: HttpRequest, person: Person, member_pk: int) -> NetworkMember:
    try:
        return selectors.network_member_for_edit(viewer=request.user, person=person, pk=member_pk)
    except NetworkMember.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def member_edit(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    person = _person(pk)
    return _member_form(request, person, _member(request, person, member_pk))


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    person = _person(pk)
    member = _member(request, person, member_pk)
    services.network_member_remove(actor=request.user, member=member)
    messages.success(request, _("%(name)s is no longer in the network.") % {"name": member.name})
    return redirect("support:network", pk=person.pk)


# --- Plan -----------------------------------------------------------------------------------
def _version_number(request: HttpRequest) -> int | None:
    raw = request.GET.get("versie", "")
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 9:
        raise Http404
    return int(raw)


def _version(
    request: HttpRequest, person: Person, *, action: str = "", detail: str = ""
) -> PlanVersion | None:
    try:
        return selectors.plan_version(
            viewer=request.user,
            person=person,
            number=_version_number(request),
            action=action,
            detail=detail,
        )
    except PlanVersion.DoesNotExist as exc:
        raise Http404 from exc


def _phases(version: PlanVersion | None) -> list[dict[str, Any]]:
    if version is None:
        return []
    contacts = list(version.contacts.all())
    return [
        {
            "phase": phase,
            "signs": version.phase_text(phase.value, "signs"),
            "helps": version.phase_text(phase.value, "helps"),
            "others_do": version.phase_text(phase.value, "others_do"),
            "dont_do": version.phase_text(phase.value, "dont_do"),
            "contacts": [c for c in contacts if c.phase == phase.value],
        }
        for phase in PlanPhase
    ]


@login_required
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(pk)
    version = _version(request, person)
    own = is_self(request.user, person)
    latest = selectors.plan_of(person)
    newest = (
        latest.versions.order_by("-number").values_list("number", flat=True).first()
        if latest
        else None
    )
    return render(
        request,
        "support/plan.html",
        {
            "person": person,
            "version": version,
            "phases": _phases(version),
            "is_newest": version is None or version.number == newest,
            "is_self": own,
            "may_edit": permissions.can(request.user, "support.edit_plan", person),
            "readers": selectors.plan_reader_consents(person) if own else None,
        },
    )


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(pk)
    permissions.require(request.user, "support.edit_plan", person)
    current = selectors.plan_version(viewer=request.user, person=person)
    members = list(person.network_members.order_by("name"))
    form = PlanForm(_posted(request), members=members, version=current)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.plan_save(
                actor=request.user,
                person=person,
                texts=form.texts(),
                contacts=form.cleaned_data["contacts"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Your plan is saved as version %(n)s.") % {"n": version.number}
            )
            return redirect("support:plan", pk=person.pk)
    return render(
        request,
        "support/plan_form.html",
        {
            "form": form,
            "person": person,
            "groups": form.phase_groups(),
            "is_self": is_self(request.user, person),
        },
    )


@login_required
def plan_versions(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(pk)
    versions = selectors.plan_versions(viewer=request.user, person=person)
    return render(
        request,
        "support/plan_versions.html",
        {"person": person, "versions": versions, "is_self": is_self(request.user, person)},
    )


@login_required
def plan_readers(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(pk)
    permissions.require(request.user, "support.choose_plan_readers", person)
    candidates = selectors.plan_reader_candidates(person)
    network_ids = set(
        person.network_members.filter(user__isnull=False).values_list("user_id", flat=True)
    )
    current = selectors.plan_reader_consents(person)
    initial = [c.grantee_user_id for c in current if c.grantee_user_id]
    form = ReadersForm(
        _posted(request),
        candidates=candidates,
        network_ids=network_ids,
        initial={"readers": initial},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_readers_set(
                actor=request.user, person=person, readers=form.cleaned_data["readers"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved. Only the people you chose can read your plan."))
            return redirect("support:plan", pk=person.pk)
    return render(
        request,
        "support/plan_readers.html",
        {
            "form": form,
            "person": person,
            "roles": [c for c in current if c.grantee_role],
        },
    )


def _pdf_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(pk)
    version = _version(request, person, action=AuditAction.EXPORT, detail="PDF of version")
    if version is None:
        raise Http404(_("There is no plan yet."))
    body = pdf.render_pdf(
        "support/pdf/plan.html",
        {"person": person, "version": version, "phases": _phases(version), "now": timezone.now()},
    )
    return _pdf_response(body, f"signaleringsplan-{person.pk}-v{version.number}.pdf")


@login_required
def crisis_card_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(pk)
    version = _version(request, person, action=AuditAction.EXPORT, detail="crisis card of version")
    if version is None:
        raise Http404(_("There is no plan yet."))
    crisis = _phases(version)[2]
    body = pdf.render_pdf(
        "support/pdf/crisis_card.html",
        {
            "person": person,
            "version": version,
            "crisis": crisis,
            "contacts": crisis["contacts"][:3],
        },
    )
    return _pdf_response(body, f"crisiskaart-{person.pk}-v{version.number}.pdf")
