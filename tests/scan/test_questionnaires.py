"""Anonymous resident questionnaires: group figures only, small groups suppressed."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import NoReverseMatch, reverse
from tests.conftest import make_user

from omzien.accounts.models import Role
from omzien.neighbourhoods.models import Municipality
from omzien.scan import instruments as ins
from omzien.scan import selectors, services
from omzien.scan.models import Response

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 2)

#: Hand-worked 6-item answer sets (items 3, 4, 7, 8, 9, 10) and their totals.
SIX = [
    ({3: "no", 4: "yes", 7: "yes", 8: "yes", 9: "no", 10: "no"}, 0),
    ({3: "yes", 4: "yes", 7: "yes", 8: "yes", 9: "no", 10: "no"}, 1),
    ({3: "more_or_less", 4: "no", 7: "yes", 8: "yes", 9: "no", 10: "no"}, 2),
    ({3: "yes", 4: "no", 7: "no", 8: "more_or_less", 9: "yes", 10: "yes"}, 6),
    ({3: "yes", 4: "no", 7: "yes", 8: "more_or_less", 9: "yes", 10: "yes"}, 5),
]
COHESION_ALL_AGREE = {1: "disagree", 2: "agree", 3: "agree", 4: "agree", 5: "agree"}  # 7.5


@pytest.fixture
def campaign(areas: Any, builder: Any) -> Any:
    return services.campaign_create(
        actor=builder, neighbourhood=areas.neighbourhood, title="Hoe gaat het?"
    )


def submit(campaign: Any, loneliness: dict, cohesion: dict | None = None) -> Response:
    return services.response_submit(
        campaign=campaign, today=TODAY, loneliness=loneliness, cohesion=cohesion or {}
    )


def test_figures_are_group_figures_from_hand_worked_answers(campaign: Any, builder: Any) -> None:
    for answers, expected in SIX:
        assert ins.score_loneliness(ins.FORM_6, answers).total == expected
        submit(campaign, answers, COHESION_ALL_AGREE)
    results = selectors.campaign_results(viewer=builder, campaign=campaign)
    assert results.respondents == 5
    assert results.loneliness_mean.value == pytest.approx(2.8)  # (0+1+2+6+5)/5
    # lonely = moderate or worse (>= 2): 3 of 5; severe (>= 5): 2 of 5
    assert results.share_lonely.value == 60
    assert results.share_severely_lonely.value == 40
    assert results.cohesion_mean.value == 7.5  # (3 + 3 + 3 + 3 + 3) / 2
    # emotional (3, 9, 10): 0, 1, 1, 3, 3 -> 1.6; social (4, 7, 8): 0, 0, 1, 3, 2 -> 1.2
    assert results.emotional_mean.value == pytest.approx(1.6)
    assert results.social_mean.value == pytest.approx(1.2)


def test_groups_under_five_are_suppressed(campaign: Any, builder: Any, as_user: Any) -> None:
    for answers, _total in SIX[:4]:
        submit(campaign, answers, COHESION_ALL_AGREE)
    results = selectors.campaign_results(viewer=builder, campaign=campaign)
    assert results.respondents_suppressed and results.respondents is None
    assert results.loneliness_mean is None and results.cohesion_mean is None
    page = as_user(builder).get(campaign.get_absolute_url()).content.decode()
    assert "Minder dan 5 mensen" in page
    assert "4 mensen" not in page


def test_a_figure_with_too_few_valid_scores_is_suppressed(campaign: Any, builder: Any) -> None:
    for answers, _total in SIX:
        submit(campaign, answers)  # nobody answers the cohesion statements
    submit(campaign, {3: "yes"}, COHESION_ALL_AGREE)  # too many missing for a total
    results = selectors.campaign_results(viewer=builder, campaign=campaign)
    assert results.respondents == 6
    assert results.loneliness_mean.value == pytest.approx(2.8)
    assert results.loneliness_mean.respondents == 5
    assert results.cohesion_mean.suppressed


def test_eleven_item_five_point_campaign(areas: Any, builder: Any) -> None:
    campaign = services.campaign_create(
        actor=builder,
        neighbourhood=areas.neighbourhood,
        title="Lang",
        loneliness_form="djg11",
        answer_scale=5,
        include_cohesion=False,
    )
    # Emotional items "nee!" (0), social items "ja!" (0) -> 0; the fifth set: all "min of meer"
    calm = {n: ("no_strong" if n in (2, 3, 5, 6, 9, 10) else "yes_strong") for n in range(1, 12)}
    for _ in range(4):
        submit(campaign, calm)
    submit(campaign, dict.fromkeys(range(1, 12), "more_or_less"))
    results = selectors.campaign_results(viewer=builder, campaign=campaign)
    assert results.loneliness_mean.value == pytest.approx(2.2)  # 11 / 5
    assert results.share_lonely.value == 20
    assert results.share_severely_lonely.value == 20  # 11: very severely lonely
    assert results.cohesion_mean is None
    with pytest.raises(ValidationError):
        submit(campaign, {1: "yes", 2: "agree"})  # not a loneliness answer


def test_response_keeps_no_identity(campaign: Any) -> None:
    fields = {field.name for field in Response._meta.get_fields()}
    assert fields == {"id", "campaign", "submitted_on", "answers"}
    assert Response not in admin.site._registry
    with pytest.raises(NoReverseMatch):
        reverse("scan:response", args=[1])


def test_public_questionnaire_is_anonymous_and_once_per_browser(client: Any, campaign: Any) -> None:
    url = reverse("scan:questionnaire", args=[campaign.code])
    page = client.get(url)
    assert page.status_code == 200
    assert "Ik ervaar een leegte om me heen." in page.content.decode()
    assert "min of meer" in page.content.decode()
    response = client.post(url, {"l3": "yes", "l4": "no", "c1": "agree"}, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    assert "zonder je naam" in response.content.decode()
    stored = Response.objects.get()
    assert stored.answers == {"loneliness": {"3": "yes", "4": "no"}, "cohesion": {"1": "agree"}}
    assert "10.1.2.3" not in str(stored.answers)
    again = client.post(url, {"l3": "no"})
    assert "al ingevuld" in again.content.decode()
    assert Response.objects.count() == 1


def test_public_questionnaire_errors(client: Any, campaign: Any) -> None:
    url = reverse("scan:questionnaire", args=[campaign.code])
    assert client.post(url, {}).status_code == 200
    assert "Beantwoord minstens één vraag." in client.post(url, {}).content.decode()
    assert client.post(url, {"l3": "misschien"}).status_code == 200
    assert Response.objects.count() == 0
    start = client.get(reverse("scan:questionnaire_start"), {"code": "onbekend"})
    assert "Deze code kennen we niet" in start.content.decode()
    found = client.get(reverse("scan:questionnaire_start"), {"code": campaign.code.upper()})
    assert found.status_code == 302
    assert client.get(reverse("scan:questionnaire", args=["onbekend"])).status_code == 404


def test_closed_questionnaire_takes_no_answers(client: Any, campaign: Any, builder: Any) -> None:
    services.campaign_set_open(actor=builder, campaign=campaign, is_open=False)
    assert client.get(reverse("scan:questionnaire", args=[campaign.code])).status_code == 404
    with pytest.raises(ValidationError):
        submit(campaign, {3: "yes"})


def test_analyst_sees_group_figures_but_nothing_else(
    as_user: Any, areas: Any, campaign: Any, analyst: Any
) -> None:
    for answers, _total in SIX:
        submit(campaign, answers, COHESION_ALL_AGREE)
    client = as_user(analyst)
    page = client.get(campaign.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "2,8" in html or "2.8" in html
    assert campaign.code not in html  # the public code is for staff to hand out
    assert (
        client.get(reverse("scan:neighbourhood", args=[areas.neighbourhood.code])).status_code
        == 403
    )
    assert "Hoe gaat het?" in client.get(reverse("scan:index")).content.decode()


def test_analyst_elsewhere_and_residents_are_refused(
    as_user: Any, campaign: Any, resident: Any
) -> None:
    elsewhere = Municipality.objects.create(code="GM0599", name="Rotterdam")
    stranger = make_user(Role.ANALYST, elsewhere)
    with pytest.raises(PermissionDenied):
        selectors.campaign_results(viewer=stranger, campaign=campaign)
    assert as_user(stranger).get(campaign.get_absolute_url()).status_code == 403
    assert as_user(resident.user).get(campaign.get_absolute_url()).status_code == 403


def test_only_staff_create_or_close_questionnaires(
    areas: Any, analyst: Any, campaign: Any, as_user: Any
) -> None:
    with pytest.raises(PermissionDenied):
        services.campaign_create(actor=analyst, neighbourhood=areas.neighbourhood, title="X")
    response = as_user(analyst).post(reverse("scan:campaign_toggle", args=[campaign.pk]))
    assert response.status_code == 403
    campaign.refresh_from_db()
    assert campaign.is_open
