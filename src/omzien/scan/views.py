from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.core import permissions
from omzien.core.forms import add_errors
from omzien.neighbourhoods.models import Neighbourhood
from omzien.scan import radar, selectors, services
from omzien.scan.forms import (
    CampaignForm,
    DnaForm,
    ParticipantForm,
    QuestionnaireForm,
    ScoresForm,
    SessionForm,
)
from omzien.scan.models import ActionPoint, Campaign, Participant, ScanSession

#: Set after a questionnaire is sent in; holds no identity, only "this browser answered".
ANSWERED_COOKIE = "omzien_vragenlijst_{code}"


def _neighbourhood(request: HttpRequest, code: str, action: str = "scan.manage") -> Neighbourhood:
    neighbourhood = get_object_or_404(
        Neighbourhood.objects.select_related("district__municipality"), code=code
    )
    permissions.require(request.user, action, neighbourhood)
    return neighbourhood


def _session(request: HttpRequest, pk: int) -> ScanSession:
    session = get_object_or_404(
        ScanSession.objects.select_related("neighbourhood__district__municipality"), pk=pk
    )
    permissions.require(request.user, "scan.view_session", session)
    return session


@login_required
def index(request: HttpRequest) -> HttpResponse:
    participations = list(selectors.participations_of(request.user))
    if not participations and not permissions.can(request.user, "scan.use"):
        raise PermissionDenied("scan.use")
    return render(
        request,
        "scan/index.html",
        {
            "participations": participations,
            "managed": list(selectors.neighbourhoods_managed_by(request.user)),
            "figures": list(selectors.neighbourhoods_with_figures_for(request.user)),
        },
    )


@login_required
def neighbourhood(request: HttpRequest, code: str) -> HttpResponse:
    area = _neighbourhood(request, code)
    sessions, trend = selectors.neighbourhood_trend(viewer=request.user, neighbourhood=area)
    return render(
        request,
        "scan/neighbourhood.html",
        {
            "neighbourhood": area,
            "sessions": list(selectors.sessions_of(area)),
            "trend_sessions": sessions,
            "trend": trend,
            "campaigns": list(selectors.campaigns_of(area)),
            "dna": selectors.dna_latest(viewer=request.user, neighbourhood=area),
        },
    )


@login_required
def session_create(request: HttpRequest, code: str) -> HttpResponse:
    area = _neighbourhood(request, code)
    form = SessionForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(
                actor=request.user, neighbourhood=area, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The scan has been created. Now add the participants."))
            return redirect(session)
    return render(request, "scan/session_form.html", {"neighbourhood": area, "form": form})


@login_required
def session(request: HttpRequest, pk: int) -> HttpResponse:
    scan = _session(request, pk)
    results = selectors.session_results(viewer=request.user, session=scan)
    return render(
        request,
        "scan/session.html",
        {
            "session": scan,
            "participants": list(selectors.session_participants(scan)),
            "results": results,
            "radar": radar.radar_svg(results),
            "form": ParticipantForm(),
        },
    )


@login_required
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    scan = _session(request, pk)
    permissions.require(request.user, "scan.manage", scan.neighbourhood)
    form = ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_add(actor=request.user, session=scan, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The participant has been added."))
            return redirect(scan)
    return render(request, "scan/participant_form.html", {"session": scan, "form": form})


@login_required
def fill_in(request: HttpRequest, pk: int) -> HttpResponse:
    participant = get_object_or_404(
        Participant.objects.select_related("session__neighbourhood__district", "user"), pk=pk
    )
    permissions.require(request.user, "scan.fill_in", participant)
    points = list(ActionPoint.objects.select_related("characteristic").order_by("order"))
    form = ScoresForm(
        request.POST if request.method == "POST" else None, points=points, participant=participant
    )
    if request.method == "POST" and form.is_valid():
        scores = form.scores()
        if form.is_valid():
            try:
                services.scores_save(actor=request.user, participant=participant, scores=scores)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Thank you. Your scores have been saved."))
                if permissions.can(request.user, "scan.view_session", participant.session):
                    return redirect(participant.session)
                return redirect("scan:index")
    return render(request, "scan/fill_in.html", {"participant": participant, "form": form})


@login_required
def dna(request: HttpRequest, code: str) -> HttpResponse:
    area = _neighbourhood(request, code)
    latest = selectors.dna_latest(viewer=request.user, neighbourhood=area)
    return render(
        request,
        "scan/dna.html",
        {"neighbourhood": area, "version": latest, "sections": selectors.dna_profile_view(latest)},
    )


@login_required
def dna_edit(request: HttpRequest, code: str) -> HttpResponse:
    area = _neighbourhood(request, code)
    latest = selectors.dna_latest(viewer=request.user, neighbourhood=area)
    form = DnaForm(
        request.POST if request.method == "POST" else None, answers=latest.answers if latest else {}
    )
    if request.method == "POST" and form.is_valid():
        version = services.dna_profile_save(
            actor=request.user, neighbourhood=area, answers=form.cleaned_data
        )
        if version is None:
            messages.info(request, _("Nothing has changed; no new version was saved."))
        else:
            messages.success(
                request, _("Saved as version %(number)s.") % {"number": version.number}
            )
        return redirect("scan:dna", code=area.code)
    return render(request, "scan/dna_form.html", {"neighbourhood": area, "form": form})


@login_required
def dna_history(request: HttpRequest, code: str) -> HttpResponse:
    area = _neighbourhood(request, code)
    return render(
        request,
        "scan/dna_history.html",
        {
            "neighbourhood": area,
            "entries": selectors.dna_history(viewer=request.user, neighbourhood=area),
        },
    )


@login_required
def campaign_create(request: HttpRequest, code: str) -> HttpResponse:
    area = _neighbourhood(request, code)
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(
                actor=request.user, neighbourhood=area, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The questionnaire is ready. Share the link or code."))
            return redirect(campaign)
    return render(request, "scan/campaign_form.html", {"neighbourhood": area, "form": form})


@login_required
def campaign(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Campaign.objects.select_related("neighbourhood__district"), pk=pk)
    results = selectors.campaign_results(viewer=request.user, campaign=item)
    return render(
        request,
        "scan/campaign.html",
        {
            "campaign": item,
            "results": results,
            "min_group": selectors.MIN_GROUP,
            "may_manage": permissions.can(request.user, "scan.manage", item.neighbourhood),
            "public_url": request.build_absolute_uri(
                redirect("scan:questionnaire", code=item.code).url
            ),
        },
    )


@login_required
@require_POST
def campaign_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Campaign.objects.select_related("neighbourhood__district"), pk=pk)
    services.campaign_set_open(actor=request.user, campaign=item, is_open=not item.is_open)
    return redirect(item)


def questionnaire_start(request: HttpRequest) -> HttpResponse:
    """Public: type the code from the flyer."""
    code = (request.GET.get("code") or "").strip().lower()
    error = ""
    if code:
        if selectors.open_campaign_by_code(code) is not None:
            return redirect("scan:questionnaire", code=code)
        error = _("We do not know this code, or the questionnaire is closed.")
    return render(request, "scan/questionnaire_start.html", {"code": code, "error": error})


def questionnaire(request: HttpRequest, code: str) -> HttpResponse:
    """Public and anonymous: no login, nothing about the person is stored."""
    item = selectors.open_campaign_by_code(code)
    if item is None:
        raise Http404
    cookie = ANSWERED_COOKIE.format(code=item.code)
    if request.COOKIES.get(cookie):
        return render(request, "scan/questionnaire_done.html", {"campaign": item, "again": True})
    form = QuestionnaireForm(request.POST if request.method == "POST" else None, campaign=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit(
                campaign=item,
                today=timezone.localdate(),
                loneliness=form.loneliness_answers(),
                cohesion=form.cohesion_answers(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            response = render(request, "scan/questionnaire_done.html", {"campaign": item})
            response.set_cookie(
                cookie, "1", max_age=60 * 60 * 24 * 365, httponly=True, samesite="Lax"
            )
            return response
    return render(request, "scan/questionnaire.html", {"campaign": item, "form": form})
