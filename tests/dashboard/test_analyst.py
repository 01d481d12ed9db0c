"""An analyst sees the dashboard and group figures, and nothing about a single person.

The test walks every page of the product with the demo data loaded: no page an analyst
can open shows a resident's name, and wherever an analyst gets a page that an account
without any role is refused, that page must be one of the group-figure pages below.
Pages about one person are also checked by name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from tests.conftest import login, make_user

from omzien.accounts.models import Role, User
from omzien.dashboard.selectors import neighbourhoods_visible_to
from omzien.people.models import Person

pytestmark = pytest.mark.django_db

#: What an analyst may see beyond what any account sees: group figures only.
ANALYST_PAGES = {
    "dashboard:index",
    "dashboard:compare",
    "dashboard:neighbourhood",
    "dashboard:report_pdf",
    "people:figures",  # participation figures, suppressed under 5
    "matching:figures",  # reciprocity figures, suppressed under 5
    "scan:index",  # the list of questionnaire rounds with figures
    "scan:campaign",  # one round's group figures
}

#: Pages about one person (or with names and comments): always refused to an analyst.
INDIVIDUAL_PAGES = [
    "people:list",
    "people:detail",
    "people:edit",
    "people:export",
    "people:audit_log",
    "support:network",
    "support:plan",
    "support:plan_pdf",
    "circles:list",
    "circles:detail",
    "activities:session_manage",
    "activities:sign_ups",
    "activities:signal",
    "welcome:referral",
    "reports:staff_list",
    "reports:staff_detail",
    "matching:match",
    "matching:suggestions",
    "matching:round",
    "scan:neighbourhood",
    "scan:session",
    "scan:fill_in",
    "scan:dna",
    "scan:dna_history",
    "oncall:rota",
]

#: Which object fills a URL's parameters: (app.Model, the field the URL uses).
BY_NAME: dict[str, dict[str, tuple[str, str]]] = {
    "people:consent_revoke": {"pk": ("people.Consent", "pk")},
    "directory:review": {"pk": ("directory.Suggestion", "pk")},
    "activities:detail": {"pk": ("activities.Activity", "pk")},
    "activities:edit": {"pk": ("activities.Activity", "pk")},
    "activities:activity_ical": {"pk": ("activities.Activity", "pk")},
    "activities:signal": {"pk": ("activities.AbsenceSignal", "pk")},
    "welcome:activity_tasks": {"pk": ("activities.Activity", "pk")},
    "welcome:claim_done": {"pk": ("welcome.TaskClaim", "pk")},
    "welcome:referral": {"pk": ("welcome.Referral", "pk")},
    "welcome:referral_visit": {"pk": ("welcome.Referral", "pk")},
    "welcome:follow_up": {"pk": ("welcome.FollowUp", "pk")},
    "circles:member_end": {"pk": ("circles.Membership", "pk")},
    "circles:attendance": {"pk": ("circles.Meeting", "pk")},
    "circles:agreement_status": {"pk": ("circles.Agreement", "pk")},
    "reports:routing_rule_add": {"code": ("neighbourhoods.Municipality", "code")},
    "matching:match": {"pk": ("matching.Match", "pk")},
    "scan:session": {"pk": ("scan.ScanSession", "pk")},
    "scan:participant_add": {"pk": ("scan.ScanSession", "pk")},
    "scan:fill_in": {"pk": ("scan.Participant", "pk")},
    "scan:campaign": {"pk": ("scan.Campaign", "pk")},
    "scan:campaign_toggle": {"pk": ("scan.Campaign", "pk")},
    "scan:questionnaire": {"code": ("scan.Campaign", "code")},
    "accounts:api_token_revoke": {"pk": ("accounts.ApiToken", "pk")},
    "support:member_edit": {"member_pk": ("support.NetworkMember", "pk")},
    "support:member_remove": {"member_pk": ("support.NetworkMember", "pk")},
}
AREA = ("neighbourhoods.Neighbourhood", "code")
BY_NAMESPACE: dict[str, dict[str, tuple[str, str]]] = {
    "people": {"pk": ("people.Person", "pk")},
    "support": {"pk": ("people.Person", "pk")},
    "directory": {"pk": ("directory.Service", "pk"), "code": AREA},
    "activities": {"pk": ("activities.Session", "pk"), "code": AREA},
    "circles": {"pk": ("circles.Circle", "pk")},
    "reports": {"reference": ("reports.Report", "reference"), "pk": ("reports.RoutingRule", "pk")},
    "oncall": {"code": ("neighbourhoods.District", "code"), "pk": ("oncall.Shift", "pk")},
    "matching": {"pk": ("matching.Listing", "pk")},
    "scan": {"code": AREA},
    "dashboard": {"code": AREA},
    "neighbourhoods": {"code": AREA},
}  # fmt: skip
SKIPPED_NAMESPACES = {"admin", "api"}  # the admin site asks for is_staff; the API has its own tests
#: Would log the test's accounts out (or switch their language) halfway through the walk.
SKIPPED = {"accounts:logout", "set_language"}


def _patterns() -> Iterator[tuple[str, list[str]]]:
    def walk(patterns: list[Any], namespace: str) -> Iterator[tuple[str, list[str]]]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                if inner in SKIPPED_NAMESPACES:
                    continue
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                if name in SKIPPED:
                    continue
                yield name, list(pattern.pattern.converters)

    yield from walk(get_resolver().url_patterns, "")


def _value(spec: tuple[str, str], municipality_code: str) -> Any:
    model = apps.get_model(spec[0])
    rows = model.objects.order_by("pk")
    fields = {f.name for f in model._meta.get_fields()}
    # Prefer rows in the demo municipality, where the analyst has the role.
    for path in ("neighbourhood__district__municipality__code", "municipality__code",
                 "district__municipality__code"):  # fmt: skip
        if path.split("__")[0] in fields:
            local = rows.filter(**{path: municipality_code})
            if local.exists():
                rows = local
            break
    row = rows.first()
    return None if row is None else getattr(row, spec[1])


def _urls(municipality_code: str) -> Iterator[tuple[str, str]]:
    for name, params in _patterns():
        namespace = name.split(":")[0]
        kwargs = {}
        for param in params:
            spec = BY_NAME.get(name, {}).get(param) or BY_NAMESPACE.get(namespace, {}).get(param)
            value = None if spec is None else _value(spec, municipality_code)
            if value is None:
                break
            kwargs[param] = value
        else:
            yield name, reverse(name, kwargs=kwargs)


def _status(client: Client, url: str) -> int:
    code = client.get(url).status_code
    if code == 405:  # a button's target: try what the button does
        code = client.post(url, {}).status_code
    return code


@pytest.fixture
def demo(settings: Any) -> User:
    settings.DEMO = True
    call_command("load_demo", verbosity=0)
    return User.objects.get(email__startswith="demo-", roles__role=Role.ANALYST)


def test_an_analyst_sees_no_more_than_any_account_except_group_figures(demo: User) -> None:
    analyst = login(Client(), demo)
    nobody = login(Client(), make_user(None, None, display_name="Zonder Rol"))
    municipality = neighbourhoods_visible_to(demo).first().district.municipality.code  # type: ignore[union-attr]
    names = [
        f"{p.first_name} {p.last_name}"
        for p in Person.objects.exclude(last_name="").exclude(user=demo)
    ]
    assert len(names) > 20
    slipped: list[str] = []
    shown: list[str] = []
    checked = 0
    for name, url in _urls(municipality):
        checked += 1
        response = analyst.get(url)
        mine = response.status_code
        if mine == 405:
            response = analyst.post(url, {})
            mine = response.status_code
        if mine < 300:
            shown.append(name)
            body = b"".join(response) if response.streaming else response.content
            # PDFs are compressed; the dashboard's own PDF is read in test_pdf.py.
            text = "" if response["Content-Type"] == "application/pdf" else body.decode()
            seen = [person for person in names if person in text]
            assert seen == [], f"{name} shows {seen[:3]}"
        if mine >= 300 or name in ANALYST_PAGES:
            continue
        if _status(nobody, url) >= 300:
            slipped.append(f"{name} {url} -> {mine}")
    assert checked > 100
    assert "dashboard:neighbourhood" in shown and "activities:signals" in shown
    assert slipped == []
    # Still logged in and allowed at the end: the walk really ran as these accounts.
    assert analyst.get(reverse("dashboard:index")).status_code == 200
    assert nobody.get(reverse("dashboard:index")).status_code == 403


def test_pages_about_one_person_are_refused(demo: User) -> None:
    analyst = login(Client(), demo)
    municipality = neighbourhoods_visible_to(demo).first().district.municipality.code  # type: ignore[union-attr]
    urls = dict(_urls(municipality))
    missing = [name for name in INDIVIDUAL_PAGES if name not in urls]
    assert missing == []  # every one of them has demo data to try
    for name in INDIVIDUAL_PAGES:
        assert _status(analyst, urls[name]) in (403, 404), name


def test_the_analyst_reaches_the_dashboard(demo: User) -> None:
    analyst = login(Client(), demo)
    area = neighbourhoods_visible_to(demo).first()
    assert area is not None
    for url in (
        reverse("dashboard:index"),
        reverse("dashboard:neighbourhood", args=[area.code]),
        f"{reverse('dashboard:compare')}?buurt={area.code}&buurt={neighbourhoods_visible_to(demo)[1].code}",
        f"/api/dashboard/neighbourhoods/{area.code}",
    ):
        assert analyst.get(url).status_code == 200, url
