"""The report point's JSON API under /api/reports/ (issue 5, point 10).

Public (no login): the categories with their questions, creating a report, following it
with the tracking token and answering "are you satisfied?". Private (session or token, as
the rest of the API): the back office list, detail and status changes. Everything goes
through the same forms, selectors and services as the HTML pages, so the API accepts and
refuses the same input and shows each person the same reports.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from omzien.core import permissions
from omzien.neighbourhoods.models import Neighbourhood
from omzien.reports import selectors, services, workflow
from omzien.reports.forms import FilterForm, ReportForm
from omzien.reports.models import Category, Report, ReportStatus
from omzien.reports.views import POLICE_NON_EMERGENCY

router = Router(tags=["reports"])

INVALID = "Invalid input / ongeldige invoer"
NOT_FOUND = "Not found / niet gevonden"


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class DangerOut(Schema):
    detail: str
    acute_danger: bool = True
    emergency_number: str = "112"
    police_non_emergency: str = POLICE_NON_EMERGENCY
    message: str


# --- categories ------------------------------------------------------------------------


class QuestionOut(Schema):
    key: str
    text: str
    help_text: str
    kind: str
    choices: list[str]
    required: bool
    acute_danger: bool = Field(alias="yes_means_acute_danger")


class SubcategoryOut(Schema):
    id: int
    slug: str
    name: str


class CategoryOut(Schema):
    id: int
    municipality: str = Field(alias="municipality.code")
    slug: str
    name: str
    description: str
    kind: str
    subcategories: list[SubcategoryOut]
    questions: list[QuestionOut]

    @staticmethod
    def resolve_subcategories(obj: Category) -> list[Category]:
        return [c for c in obj.children.all() if c.is_active]

    @staticmethod
    def resolve_questions(obj: Category) -> list[Any]:
        # The acute-danger question first, as on the form.
        return sorted(obj.questions.all(), key=lambda q: (not q.yes_means_acute_danger, q.order))


@router.get("/categories", response={200: list[CategoryOut]}, auth=None)
def list_categories(request: HttpRequest, municipality: str | None = None) -> Any:
    categories = (
        Category.objects.filter(parent=None, is_active=True)
        .select_related("municipality")
        .prefetch_related("children", "questions")
        .order_by("municipality__name", "order", "name")
    )
    if municipality:
        categories = categories.filter(municipality__code__iexact=municipality)
    return list(categories)


# --- create ----------------------------------------------------------------------------


class ReportIn(Schema):
    submission_key: str = Field(
        min_length=1,
        max_length=64,
        description="A random key made by the client; the same key again returns the "
        "first report (a double click or a retry creates one report).",
    )
    category: int | str = Field(
        description="A main category: its id, or its slug with `municipality`."
    )
    municipality: str | None = Field(default=None, description="Municipality code (CBS).")
    subcategory: int | str | None = Field(default=None, description="Id or slug.")
    answers: dict[str, str | bool | None] = Field(
        default_factory=dict, description="Question key → answer (yes/no questions: true/false)."
    )
    description: str = ""
    postcode: str = ""
    house_number: str | int = ""
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    contact_email: str = ""
    contact_phone: str = ""
    wants_updates: bool = False


class CreatedOut(Schema):
    reference: str
    tracking_token: str
    tracking_url: str
    status: str
    created: bool


def _invalid(errors: dict[str, list[str]]) -> ValidationError:
    return ValidationError(dict(errors))


def _category_of(payload: ReportIn) -> Category:
    # Questions and subcategories are read once, for the form and for the service.
    categories = (
        Category.objects.select_related("municipality")
        .prefetch_related("questions", "children")
        .filter(parent=None, is_active=True)
    )
    if isinstance(payload.category, int):
        found = categories.filter(pk=payload.category).first()
    elif payload.municipality:
        found = categories.filter(
            municipality__code__iexact=payload.municipality, slug=payload.category
        ).first()
    else:
        raise _invalid(
            {
                "municipality": [
                    "Give the municipality code with a category slug / geef de "
                    "gemeentecode bij een categorienaam"
                ]
            }
        )
    if found is None:
        raise _invalid({"category": ["Unknown category / onbekende categorie"]})
    return found


def _subcategory_id(category: Category, value: int | str | None) -> int | None:
    if value in (None, ""):
        return None
    field = "pk" if isinstance(value, int) else "slug"
    child = next(
        (c for c in category.children.all() if c.is_active and getattr(c, field) == value), None
    )
    if child is None:
        raise _invalid({"subcategory": ["Unknown subcategory / onbekende subcategorie"]})
    return child.pk


def _answer(value: str | bool | None) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value or ""


def _form_errors(form: ReportForm) -> dict[str, list[str]]:
    """The form's errors under the API's field names (`q_key` → `answers.key`)."""
    errors: dict[str, list[str]] = {}
    for field, messages in form.errors.get_json_data().items():
        name = f"answers.{field[2:]}" if field.startswith("q_") else field
        errors[name] = [m["message"] for m in messages]
    return errors


@router.post(
    "/",
    response={201: CreatedOut, 200: CreatedOut, 400: ErrorOut, 422: DangerOut},
    auth=None,
    summary="Make a report",
)
def create_report(request: HttpRequest, payload: ReportIn) -> Any:
    category = _category_of(payload)
    data: dict[str, Any] = {
        "submission_key": payload.submission_key,
        "description": payload.description,
        "postcode": payload.postcode,
        "house_number": str(payload.house_number),
        "address": payload.address,
        "contact_email": payload.contact_email,
        "contact_phone": payload.contact_phone,
    }
    if payload.latitude is not None and payload.longitude is not None:
        data["latitude"], data["longitude"] = payload.latitude, payload.longitude
    if payload.wants_updates:
        data["wants_updates"] = "on"
    subcategory = _subcategory_id(category, payload.subcategory)
    if subcategory is not None:
        data["subcategory"] = subcategory
    for key, value in payload.answers.items():
        data[f"q_{key}"] = _answer(value)
    form = ReportForm(data, category=category)
    # An emergency is never held up by the rest of the input.
    if form.signals_acute_danger():
        return _danger()
    if not form.is_valid():
        raise ValidationError(_form_errors(form))
    cleaned = form.cleaned_data
    try:
        result = services.report_create(
            category=category,
            subcategory=cleaned.get("subcategory"),
            submission_key=cleaned["submission_key"],
            description=cleaned["description"],
            answers=form.answers(),
            postcode=cleaned.get("postcode") or "",
            house_number=cleaned.get("house_number") or "",
            address=cleaned.get("address") or "",
            latitude=cleaned.get("latitude"),
            longitude=cleaned.get("longitude"),
            contact_email=cleaned.get("contact_email") or "",
            contact_phone=cleaned.get("contact_phone") or "",
            wants_updates=bool(cleaned.get("wants_updates")),
        )
    except services.AcuteDanger:
        return _danger()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise ValidationError(
                {
                    (f"answers.{k[2:]}" if k.startswith("q_") else k): v
                    for k, v in error.message_dict.items()
                }
            ) from error
        raise
    report = result.report
    body = {
        "reference": report.reference,
        "tracking_token": report.tracking_token,
        "tracking_url": request.build_absolute_uri(report.get_tracking_url()),
        "status": report.status,
        "created": result.created,
    }
    return Status(201 if result.created else 200, body)


def _danger() -> Any:
    return Status(
        422,
        {
            "detail": "Acute danger: call 112 now; nothing was saved / Acuut gevaar: bel nu "
            "112; er is niets opgeslagen",
            "message": "Is er nu direct gevaar? Bel 112. Geen spoed, wel politie nodig? "
            f"Bel {POLICE_NON_EMERGENCY}.",
        },
    )


# --- tracking and feedback (public, by token) ------------------------------------------


class PublicEventOut(Schema):
    at: datetime.datetime
    status: str
    status_label: str
    text: str


class TrackingOut(Schema):
    reference: str
    status: str
    status_label: str
    category: str
    subcategory: str | None
    created_at: datetime.datetime
    satisfied: bool | None
    may_give_feedback: bool
    history: list[PublicEventOut]


def _tracking(report: Report) -> dict[str, Any]:
    # Status changes only: system rows (routing, escalation) and internal notes stay inside.
    events = [e for e in report.events.all() if e.from_status]
    return {
        "reference": report.reference,
        "status": report.status,
        "status_label": str(ReportStatus(report.status).label),
        "category": report.category.name,
        "subcategory": report.subcategory.name if report.subcategory else None,
        "created_at": report.created_at,
        "satisfied": report.satisfied,
        "may_give_feedback": report.status == ReportStatus.HANDLED and report.satisfied is None,
        "history": [
            {
                "at": e.at,
                "status": e.to_status,
                "status_label": str(ReportStatus(e.to_status).label),
                "text": e.text,
            }
            for e in events
        ],
    }


def _by_token(token: str) -> Report:
    report = selectors.report_by_token(token)
    if report is None:
        raise HttpError(404, NOT_FOUND)
    return report


@router.get("/track/{token}", response={200: TrackingOut, 404: ErrorOut}, auth=None)
def track_report(request: HttpRequest, token: str) -> Any:
    return _tracking(_by_token(token))


class FeedbackIn(Schema):
    satisfied: bool
    text: str = Field(default="", max_length=2000)


@router.post(
    "/track/{token}/feedback",
    response={200: TrackingOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    auth=None,
)
def give_feedback(request: HttpRequest, token: str, payload: FeedbackIn) -> Any:
    report = _by_token(token)
    try:
        services.report_feedback(report=report, satisfied=payload.satisfied, text=payload.text)
    except PermissionDenied:
        return Status(
            409,
            {
                "detail": "Feedback is possible once, after the report is handled / u kunt "
                "één keer reageren, als de melding is afgehandeld",
                "errors": {},
            },
        )
    return _tracking(_by_token(token))


# --- back office (session or token) ---------------------------------------------------


class NamedOut(Schema):
    id: int
    name: str


class CategoryBriefOut(Schema):
    id: int
    slug: str
    name: str
    kind: str


class NeighbourhoodOut(Schema):
    code: str
    name: str


class ReportBriefOut(Schema):
    reference: str
    status: str
    status_label: str
    category: CategoryBriefOut
    subcategory: CategoryBriefOut | None
    neighbourhood: NeighbourhoodOut | None
    team: NamedOut | None
    priority: str
    created_at: datetime.datetime
    deadline_at: datetime.datetime | None
    overdue: bool
    satisfied: bool | None


class ReportPageOut(Schema):
    items: list[ReportBriefOut]
    count: int


class StaffEventOut(Schema):
    at: datetime.datetime
    by: str
    from_status: str
    to_status: str
    text: str


class NoteOut(Schema):
    at: datetime.datetime
    by: str
    text: str


class AnswerOut(Schema):
    key: str = ""
    question: str
    answer: str


class ReportDetailOut(ReportBriefOut):
    description: str
    answers: list[AnswerOut]
    postcode: str
    house_number: str
    address: str
    latitude: float | None
    longitude: float | None
    contact_email: str
    contact_phone: str
    wants_updates: bool
    assignee: str | None
    feedback: str
    has_photo: bool
    next_states: list[str]
    history: list[StaffEventOut]
    notes: list[NoteOut]


def _brief(report: Report, now: datetime.datetime) -> dict[str, Any]:
    def category(c: Category | None) -> dict[str, Any] | None:
        return None if c is None else {"id": c.pk, "slug": c.slug, "name": c.name, "kind": c.kind}

    hood = report.neighbourhood
    return {
        "reference": report.reference,
        "status": report.status,
        "status_label": str(ReportStatus(report.status).label),
        "category": category(report.category),
        "subcategory": category(report.subcategory),
        "neighbourhood": {"code": hood.code, "name": hood.name} if hood else None,
        "team": {"id": report.team.pk, "name": report.team.name} if report.team else None,
        "priority": report.priority,
        "created_at": report.created_at,
        "deadline_at": report.deadline_at,
        "overdue": report.deadline_at is not None
        and report.deadline_at < now
        and report.status not in workflow.FINAL_STATES,
        "satisfied": report.satisfied,
    }


class ReportFilter(Schema):
    status: str | None = None
    category: int | None = None
    neighbourhood: str | None = Field(default=None, description="CBS code or id")
    team: int | None = None
    satisfied: str | None = Field(default=None, description="yes, no or open")
    overdue: bool = False
    limit: int = Field(default=50, ge=1, le=500)
    offset: int = Field(default=0, ge=0)


@router.get("/", response={200: ReportPageOut, 400: ErrorOut}, summary="Reports I may see")
def list_reports(request: HttpRequest, filters: Query[ReportFilter]) -> Any:
    user = request.user
    permissions.require(user, "reports.back_office")
    reports = selectors.reports_visible_to(user)
    municipality_ids = reports.values("municipality_id")
    data = filters.dict(exclude={"limit", "offset"})
    hood = data.get("neighbourhood")
    if hood and not str(hood).isdigit():
        found = Neighbourhood.objects.filter(code__iexact=hood).values_list("pk", flat=True)
        data["neighbourhood"] = found.first() or -1
    form = FilterForm(
        {k: ("on" if v is True else v) for k, v in data.items() if v not in (None, False, "")},
        categories=Category.objects.filter(municipality_id__in=municipality_ids, parent=None),
        neighbourhoods=Neighbourhood.objects.filter(district__municipality_id__in=municipality_ids),
        teams=selectors.teams_visible_to(user),
    )
    if not form.is_valid():
        raise ValidationError(
            {k: [m["message"] for m in v] for k, v in form.errors.get_json_data().items()}
        )
    now = timezone.now()
    reports = selectors.reports_filtered(reports, form.cleaned_data, now)
    count = reports.count()
    page = reports[filters.offset : filters.offset + filters.limit]
    return {"items": [_brief(r, now) for r in page], "count": count}


def _staff_report(request: HttpRequest, reference: str) -> Report:
    # Audit-logs every read of a worry about someone, as the detail page does.
    report = selectors.report_for_staff(viewer=request.user, reference=reference)
    if report is None:
        raise HttpError(404, NOT_FOUND)
    return report


def _detail(report: Report) -> dict[str, Any]:
    out = _brief(report, timezone.now())
    out.update(
        {
            "description": report.description,
            "answers": report.answers,
            "postcode": report.postcode,
            "house_number": report.house_number,
            "address": report.address,
            "latitude": report.latitude,
            "longitude": report.longitude,
            "contact_email": report.contact_email,
            "contact_phone": report.contact_phone,
            "wants_updates": report.wants_updates,
            "assignee": (report.assignee.get_full_name() or report.assignee.get_username())
            if report.assignee
            else None,
            "feedback": report.feedback,
            "has_photo": hasattr(report, "photo"),
            "next_states": workflow.next_states(report.status),
            "history": [
                {
                    "at": e.at,
                    "by": e.by_label,
                    "from_status": e.from_status,
                    "to_status": e.to_status,
                    "text": e.text,
                }
                for e in report.events.all()
            ],
            "notes": [{"at": n.at, "by": n.by_label, "text": n.text} for n in report.notes.all()],
        }
    )
    return out


@router.get("/{reference}", response={200: ReportDetailOut, 404: ErrorOut})
def get_report(request: HttpRequest, reference: str) -> Any:
    return _detail(_staff_report(request, reference))


class TransitionIn(Schema):
    to: str = Field(min_length=1, max_length=20)
    text: str = Field(default="", max_length=3000)


@router.post(
    "/{reference}/transition",
    response={200: ReportDetailOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def transition_report(request: HttpRequest, reference: str, payload: TransitionIn) -> Any:
    report = _staff_report(request, reference)
    services.report_transition(report=report, to=payload.to, by=request.user, text=payload.text)
    return _detail(_staff_report(request, reference))


def schema_error_body(errors: list[dict[str, Any]]) -> dict[str, Any]:
    """django-ninja's schema errors in the shape of the other errors of this API."""
    out: dict[str, list[str]] = {}
    for error in errors:
        loc = [
            str(p) for p in error.get("loc", ()) if p not in ("body", "payload", "query", "filters")
        ]
        out.setdefault(".".join(loc) or "__all__", []).append(str(error.get("msg", "")))
    return {"detail": INVALID, "errors": out}
