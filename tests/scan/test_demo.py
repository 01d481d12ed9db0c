from __future__ import annotations

import pytest

from omzien.people.demo import build_demo
from omzien.scan import selectors
from omzien.scan.demo import build_scan_demo
from omzien.scan.models import Campaign, Response, ScanSession


@pytest.mark.django_db
def test_demo_has_two_scans_a_year_apart_and_questionnaire_figures() -> None:
    build_demo()
    assert build_scan_demo() == 2
    assert build_scan_demo() == 0  # safe to re-run
    sessions = list(ScanSession.objects.order_by("held_on"))
    assert len(sessions) == 2
    assert (sessions[1].held_on - sessions[0].held_on).days == 365
    assert all(s.participants.count() == 5 for s in sessions)
    campaign = Campaign.objects.get()
    assert Response.objects.filter(campaign=campaign).count() >= 5
    coordinator = campaign.created_by
    results = selectors.campaign_results(viewer=coordinator, campaign=campaign)
    assert not results.respondents_suppressed
    assert results.cohesion_mean is not None
