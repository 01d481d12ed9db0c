from __future__ import annotations

import csv
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.accounts.models import STAFF_ROLES, Role
from omzien.accounts.selectors import neighbourhoods_for_roles, user_roles
from omzien.core import permissions
from omzien.core.forms import add_errors, query_without_page
from omzien.people import selectors, services
from omzien.people.forms import (
    AuditFilterForm,
    ConsentForm,
    ContactForm,
    EraseConfirmForm,
    NoteForm,
    ProfileForm,
    RecordedConsentForm,
    RegisterPersonForm,
    SignupForm,
)
from omzien.people.models import Consent, Person, Term


def _own_person(request: HttpRequest) -> Person:
    person = selectors.person_of(request.user)
    if person is None:
        raise Http404(_("You do not have a resident profile."))
    return person


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("people:start")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.person_signup(
                email=data["email"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                neighbourhood=data["neighbourhood"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            login(request, person.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your account is ready."))
            return redirect("people:my_profile")
    return render(request, "people/signup.html", {"form": form})


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """The home page: one section for each role the user holds, about their own area."""
    user = request.user
    roles = user_roles(user)
    person = selectors.person_of(user)
    context: dict[str, Any] = {"person": person, "roles": roles}
    if person is not None:
        context["neighbourhood"] = person.neighbourhood
        context["consents_in_force"] = person.consents.in_force().count()
        context["access_count"] = (
            selectors.audit_entries_about_person(person).exclude(actor_id=user.pk).count()
        )
    if roles & set(STAFF_ROLES):
        areas = neighbourhoods_for_roles(user, STAFF_ROLES)
        context["staff_areas"] = areas
        context["people_count"] = selectors.persons_visible_to(user).count()
    if Role.VOLUNTEER in roles:
        context["volunteer_areas"] = neighbourhoods_for_roles(user, [Role.VOLUNTEER])
        others = selectors.persons_visible_to(user).exclude(user_id=user.pk)  # type: ignore[misc]
        context["consented_people"] = others[:20]
    if Role.ANALYST in roles or Role.COORDINATOR in roles:
        context["figure_areas"] = neighbourhoods_for_roles(user, [Role.ANALYST, Role.COORDINATOR])
    return render(request, "people/start.html", context)


@login_required
def my_profile(request: HttpRequest) -> HttpResponse:
    person = _own_person(request)
    return render(
        request,
        "people/my_profile.html",
        {
            "person": person,
            "contact": selectors.person_contact_details(viewer=request.user, person=person),
        },
    )


def _profile_edit(request: HttpRequest, person: Person, template: str, done: str) -> HttpResponse:
    permissions.require(request.user, "people.edit_profile", person)
    form = ProfileForm.for_person(person, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        terms = Term.objects.in_bulk([*data["talents"], *data["interests"], *data["wishes"]])
        try:
            services.person_update_profile(
                actor=request.user,
                person=person,
                talents=[terms[pk] for pk in data.pop("talents")],
                interests=[terms[pk] for pk in data.pop("interests")],
                wishes=[terms[pk] for pk in data.pop("wishes")],
                languages=data.pop("languages"),
                **data,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(done)
    return render(request, template, {"form": form, "person": person})


@login_required
def my_profile_edit(request: HttpRequest) -> HttpResponse:
    return _profile_edit(
        request, _own_person(request), "people/profile_form.html", "people:my_profile"
    )


@login_required
def my_contact_edit(request: HttpRequest) -> HttpResponse:
    person = _own_person(request)
    return _contact_edit(request, person, "people:my_profile")


def _contact_edit(request: HttpRequest, person: Person, done: str) -> HttpResponse:
    permissions.require(request.user, "people.edit_contact", person)
    contact = selectors.person_contact_details(viewer=request.user, person=person)
    initial = contact.__dict__ if contact else {}
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update_contact(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The contact details are saved."))
            return redirect(done)
    return render(request, "people/contact_form.html", {"form": form, "person": person})


def _consent_from_form(request: HttpRequest, person: Person, form: ConsentForm) -> bool:
    """Grant the consent a valid form describes; False (with errors on the form) if refused."""
    data = form.cleaned_data
    recorded = {key: data[key] for key in ("method", "given_on") if key in data}
    try:
        services.consent_grant(
            actor=request.user,
            person=person,
            category=data["category"],
            purpose=data["purpose"],
            grantee_user=data.get("grantee_user"),
            grantee_role=data["grantee_role"],
            valid_from=data["valid_from"],
            valid_until=data["valid_until"],
            **recorded,
        )
    except ValidationError as error:
        add_errors(form, error)
        return False
    return True


@login_required
def my_consents(request: HttpRequest) -> HttpResponse:
    person = _own_person(request)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _consent_from_form(request, person, form):
        messages.success(request, _("Your consent is saved."))
        return redirect("people:my_consents")
    return render(
        request,
        "people/my_consents.html",
        {"person": person, "consents": selectors.consents_of(person), "form": form},
    )


@login_required
@require_POST
def consent_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    consent = get_object_or_404(Consent.objects.select_related("person"), pk=pk)
    try:
        services.consent_revoke(actor=request.user, consent=consent)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The consent is withdrawn. It stops working now."))
    if selectors.is_self(request.user, consent.person):
        return redirect("people:my_consents")
    return redirect(consent.person)


@login_required
def my_access_log(request: HttpRequest) -> HttpResponse:
    person = _own_person(request)
    entries = selectors.audit_entries_about_person(person).exclude(actor_id=request.user.pk)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "people/my_access_log.html", {"person": person, "page": page})


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    person = _own_person(request)
    form = EraseConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.person_erase(actor=request.user, person=person)
        logout(request)
        return render(request, "people/erased.html")
    return render(request, "people/my_data.html", {"person": person, "form": form})


def _json_download(data: dict[str, Any], name: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def my_data_download(request: HttpRequest) -> HttpResponse:
    person = _own_person(request)
    data = services.person_export(actor=request.user, person=person)
    return _json_download(data, f"omzien-mijn-gegevens-{timezone.localdate()}.json")


@login_required
def people_list(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "people.list")
    people = selectors.persons_visible_to(request.user).exclude(user_id=request.user.pk)  # type: ignore[misc]
    query = request.GET.get("q", "").strip()
    if query:
        people = people.filter(Q(first_name__icontains=query) | Q(last_name__icontains=query))
    page = Paginator(people, 25).get_page(request.GET.get("page"))
    template = "people/_people_table.html" if request.htmx else "people/people_list.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {
            "page": page,
            "q": query,
            "query": query_without_page(request),
            "may_register": permissions.can(request.user, "people.register", None),
        },
    )


@login_required
def person_register(request: HttpRequest) -> HttpResponse:
    areas = neighbourhoods_for_roles(request.user, STAFF_ROLES)
    if not areas.exists():
        raise PermissionDenied
    form = RegisterPersonForm(request.POST or None, neighbourhoods=areas)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.person_register(actor=request.user, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(name)s is registered.") % {"name": person.display_name})
            return redirect(person)
    return render(request, "people/register.html", {"form": form})


def _person_or_403(request: HttpRequest, pk: int) -> Person:
    try:
        return selectors.person_for_viewer(viewer=request.user, pk=pk)
    except Person.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_or_403(request, pk)
    user = request.user
    open_categories = selectors.consented_categories(viewer=user, person=person)
    context = {
        "person": person,
        "open_categories": open_categories,
        "contact": selectors.person_contact_details(viewer=user, person=person),
        "notes": selectors.person_notes(viewer=user, person=person),
        "may_record_consent": permissions.can(user, "people.record_consent", person),
        "may_add_note": permissions.can(user, "people.add_note", person),
        "may_edit_profile": permissions.can(user, "people.edit_profile", person),
        "may_edit_contact": permissions.can(user, "people.edit_contact", person),
        "may_export": permissions.can(user, "people.export", person),
        "may_erase": permissions.can(user, "people.erase", person),
        "may_view_access": permissions.can(user, "people.view_access_log", person),
        # the matching app's rule: unknown (False) when matching is not installed
        "may_post_listing": permissions.can(user, "matching.post_for", person),
        "note_form": NoteForm(),
    }
    if context["may_record_consent"]:
        context["consents"] = selectors.consents_of(person)
    if context["may_view_access"]:
        context["access_entries"] = selectors.audit_entries_about_person(person)[:20]
    return render(request, "people/person_detail.html", context)


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_or_403(request, pk)
    return _profile_edit(request, person, "people/profile_form.html", person.get_absolute_url())


@login_required
def person_contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_or_403(request, pk)
    return _contact_edit(request, person, person.get_absolute_url())


@login_required
def person_consent_new(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_or_403(request, pk)
    permissions.require(request.user, "people.record_consent", person)
    form = RecordedConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _consent_from_form(request, person, form):
        messages.success(request, _("The consent is recorded."))
        return redirect(person)
    return render(request, "people/consent_recorded_form.html", {"form": form, "person": person})


@login_required
@require_POST
def person_note_new(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_or_403(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_add(actor=request.user, person=person, text=form.cleaned_data["text"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The note is saved."))
    else:
        messages.error(request, _("The note is empty or too long."))
    return redirect(person)


@login_required
@require_POST
def person_export(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_or_403(request, pk)
    data = services.person_export(actor=request.user, person=person)
    return _json_download(data, f"omzien-persoon-{person.pk}-{timezone.localdate()}.json")


@login_required
def person_erase(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_or_403(request, pk)
    permissions.require(request.user, "people.erase", person)
    form = EraseConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.person_erase(actor=request.user, person=person)
        messages.success(request, _("The personal data is erased."))
        return redirect("people:list")
    return render(request, "people/person_erase.html", {"person": person, "form": form})


def _audit_entries(request: HttpRequest) -> tuple[AuditFilterForm, Any]:
    permissions.require(request.user, "people.view_audit_log")
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, selectors.audit_entries_visible_to(
        request.user, **{k: v for k, v in filters.items() if v}
    )


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    form, entries = _audit_entries(request)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    template = "people/_audit_table.html" if request.htmx else "people/audit_log.html"  # type: ignore[attr-defined]
    return render(
        request, template, {"form": form, "page": page, "query": query_without_page(request)}
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
def audit_log_csv(request: HttpRequest) -> StreamingHttpResponse:
    _form, entries = _audit_entries(request)
    writer = csv.writer(_Echo())

    def rows() -> Any:
        yield writer.writerow(
            ["when", "who", "about_person_id", "what", "action", "purpose", "detail"]
        )
        for entry in entries.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    entry.at.isoformat(),
                    entry.actor_label,
                    entry.subject_id,
                    entry.category,
                    entry.action,
                    entry.purpose,
                    entry.detail,
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="omzien-logboek-{timezone.localdate()}.csv"'
    )
    return response


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "people.view_aggregates")
    areas = neighbourhoods_for_roles(request.user, [Role.ANALYST, Role.COORDINATOR])
    code = request.GET.get("buurt")
    neighbourhood = get_object_or_404(areas, code=code) if code else areas.first()
    if neighbourhood is None:
        raise PermissionDenied
    result = selectors.neighbourhood_figures(viewer=request.user, neighbourhood=neighbourhood)
    return render(request, "people/figures.html", {"figures": result, "areas": areas})
