"""Recommendations from the latest scan, and a plan action made from one."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from omzien.plans import selectors
from omzien.plans.models import Action, ActionStatus, Intervention
from omzien.scan import services as scan_services

from .conftest import DAY, score_scan

pytestmark = pytest.mark.django_db


def test_weak_characteristics_and_points_with_their_interventions(
    areas: Any, builder: Any, weak_scan: Any
) -> None:
    with translation.override("nl"):
        session, found = selectors.recommendations(
            viewer=builder, neighbourhood=areas.neighbourhood
        )
    assert session == weak_scan
    # 3 (mean 2.5) first, then 5 (mean 3.5, but 5.4 scores 2.0); 1 (4.3) is not weak.
    assert [r.characteristic.number for r in found] == [3, 5]
    three, five = found
    assert three.mean == pytest.approx(2.5)
    assert three.reason == "kenmerk 3 scoort 2,5"
    assert [p.point.code for p in three.weak_points] == ["3.1", "3.3"]
    assert (
        three.reasons == "kenmerk 3 scoort 2,5; actiepunt 3.1 scoort 2,0; actiepunt 3.3 scoort 2,5"
    )
    keys = [s.intervention.key for s in three.suggestions]
    # Serving a weak point first; serving the weak characteristic in general after.
    assert keys.index("sociale-kaart") < keys.index("actie-model")
    assert "kwartiermaken" in keys
    served = {s.intervention.key: s.serves for s in three.suggestions}
    assert served["sociale-kaart"] == ["3.1"]
    assert served["actie-model"] == []
    assert served["kwartiermaken"] == ["3.3"]
    # Characteristic 5 itself is fine: only what serves 5.4 is suggested.
    assert {s.intervention.key for s in five.suggestions} == {
        "ontmoetingsplekken-buiten",
        "third-places",
    }
    assert all(s.serves == ["5.4"] for s in five.suggestions)


def test_only_the_latest_scan_counts_and_retired_ones_are_left_out(
    areas: Any, builder: Any, weak_scan: Any
) -> None:
    Intervention.objects.filter(key="third-places").update(retired_at="2026-01-01T00:00Z")
    _session, found = selectors.recommendations(viewer=builder, neighbourhood=areas.neighbourhood)
    assert "third-places" not in {s.intervention.key for r in found for s in r.suggestions}
    later = scan_services.session_create(
        actor=builder, neighbourhood=areas.neighbourhood, held_on=DAY + datetime.timedelta(days=1)
    )
    guest = scan_services.participant_add(
        actor=builder, session=later, kind="resident", guest_name="Cor"
    )
    scan_services.scores_save(actor=builder, participant=guest, scores={"1.1": (4, "")})
    session, found = selectors.recommendations(viewer=builder, neighbourhood=areas.neighbourhood)
    assert session == later and found == []


def test_the_page_shows_why_and_the_source(
    areas: Any, builder: Any, weak_scan: Any, as_user: Any
) -> None:
    page = as_user(builder).get(reverse("plans:recommendations", args=[areas.neighbourhood.code]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "kenmerk 3 scoort 2,5" in html
    assert "Sociale kaart" in html
    assert "Een buurt voor iedereen (Movisie, herziene versie juni 2022)" in html
    assert "lager dan 3" in html
    assert "Maak er een actie van" in html


def test_no_scan_yet(areas: Any, builder: Any, as_user: Any) -> None:
    page = as_user(builder).get(reverse("plans:recommendations", args=[areas.neighbourhood.code]))
    assert "Er is nog geen scan van deze buurt." in page.content.decode()


def test_who_may_see_the_recommendations(
    areas: Any, weak_scan: Any, analyst: Any, other_professional: Any, resident: Any,
    volunteer: Any, as_user: Any, client: Any,
) -> None:  # fmt: skip
    url = reverse("plans:recommendations", args=[areas.neighbourhood.code])
    for user in (analyst, other_professional, resident.user, volunteer):
        client.logout()
        assert as_user(user).get(url).status_code == 403, user
        with pytest.raises(PermissionDenied):
            selectors.recommendations(viewer=user, neighbourhood=areas.neighbourhood)
    assert client.get(reverse("plans:recommendations", args=["BU00000000"])).status_code == 404


def test_an_action_straight_from_a_recommendation(
    areas: Any, builder: Any, weak_scan: Any, as_user: Any
) -> None:
    client = as_user(builder)
    kaart = Intervention.objects.get(key="sociale-kaart")
    url = reverse("plans:action_create", args=[areas.neighbourhood.code])
    page = client.get(url, {"kenmerk": 3, "interventie": kaart.pk})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Ingevuld vanuit een aanbeveling" in html
    assert 'value="Sociale kaart"' in html
    assert "Aanbeveling uit de scan van 02-11-2026: kenmerk 3 scoort 2,5" in html
    form = page.context["form"]
    assert [p.code for p in form.initial["action_points"]] == ["3.1"]
    assert form.initial["intervention"] == kaart
    assert form.initial["owner_user"] == builder
    # An unknown or not recommended intervention gives an empty form, not an error.
    assert client.get(url, {"kenmerk": 1, "interventie": kaart.pk}).status_code == 200
    assert client.get(url, {"kenmerk": "x"}).status_code == 200

    response = client.post(
        url,
        {
            "title": form.initial["title"],
            "description": form.initial["description"],
            "phase": "verkennen",
            "characteristics": [c.pk for c in form.initial["characteristics"]],
            "action_points": [p.pk for p in form.initial["action_points"]],
            "intervention": kaart.pk,
            "owner_user": builder.pk,
            "start_on": "2026-11-09",
            "due_on": "2027-02-01",
        },
    )
    action = Action.objects.get()
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()
    assert action.intervention == kaart and action.status == ActionStatus.PLANNED
    assert list(action.action_points.values_list("code", flat=True)) == ["3.1"]
    assert list(action.characteristics.values_list("number", flat=True)) == [3]
    plan = client.get(reverse("plans:plan", args=[areas.neighbourhood.code])).content.decode()
    assert "Sociale kaart" in plan


def test_a_second_scan_participant_counts_in_the_means(areas: Any, builder: Any) -> None:
    """The recommendation rests on every participant's scores, not the first one's."""
    session = scan_services.session_create(
        actor=builder, neighbourhood=areas.neighbourhood, held_on=DAY
    )
    score_scan(session, builder)
    _s, found = selectors.recommendations(viewer=builder, neighbourhood=areas.neighbourhood)
    assert found[0].weak_points[1].mean == pytest.approx(2.5)  # 3.3: (2 + 3) / 2
