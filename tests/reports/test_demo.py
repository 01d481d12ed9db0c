"""The demo report point: two teams, three reports (one handled); running it again adds
nothing; the demo professional sees the reports in the back office."""

from __future__ import annotations

from typing import Any

from django.test import Client
from tests.conftest import login

from omzien.accounts.models import User
from omzien.people.demo import build_demo
from omzien.reports.demo import build_reports_demo
from omzien.reports.models import Report, ReportStatus, Team


def test_the_demo_builds_teams_and_reports_once(db: Any, client: Client) -> None:
    build_demo()
    first = build_reports_demo()
    build_reports_demo()
    assert (first.teams, first.reports) == (2, 3)
    assert Team.objects.count() == 2
    assert Report.objects.count() == 3
    assert Report.objects.filter(status=ReportStatus.HANDLED).count() == 1
    professional = User.objects.get(email="demo-professional@omzien.invalid")
    login(client, professional)
    page = client.get("/meldingen/").content.decode()
    assert all(r.reference in page for r in Report.objects.all())
