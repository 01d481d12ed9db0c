"""Outreach tasks in a browser, on a phone: a member of the outreach team opens the task
list, takes the task of a worry about someone by keyboard and closes it with an outcome.
Every page is checked with axe-core."""

from __future__ import annotations

import uuid
from typing import Any

from playwright.sync_api import Browser, expect
from tests.conftest import make_user
from tests.e2e.conftest import assert_accessible, log_in

from omzien.accounts.models import Role
from omzien.reports import services
from omzien.reports.models import Category, OutreachTask, OutreachTaskStatus, Team, TeamKind


def test_the_outreach_team_takes_and_closes_a_task(
    browser: Browser, live_server: Any, transactional_db: Any, areas: Any
) -> None:
    worker = make_user(Role.PROFESSIONAL, areas.district, display_name="Olaf Outreach")
    person = Category.objects.get(municipality=areas.municipality, slug="zorg-om-iemand")
    team = Team.objects.create(
        municipality=areas.municipality, name="Bemoeizorg", kind=TeamKind.MENTAL_HEALTH_OUTREACH
    )
    team.members.add(worker)
    team.responsible_for.add(person)
    report = services.report_create(
        category=person,
        subcategory=None,
        submission_key=uuid.uuid4().hex,
        description="Mijn buurman heb ik al vijf dagen niet gezien.",
        answers={"gevaar-nu": "no"},
        address="Bloemstraat 4",
    ).report
    phone = browser.new_context(
        viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True
    )
    phone.set_default_timeout(15_000)
    try:
        page = phone.new_page()
        log_in(page, live_server, worker)
        page.goto(live_server.url + "/meldingen/taken/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Taken bij zorg om iemand")
        assert_accessible(page)
        page.get_by_role("link", name=report.reference).click()
        expect(page.locator("#task-status")).to_have_text("Open")
        assert_accessible(page)
        page.get_by_role("button", name="Ik neem deze taak").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        expect(page.locator("#task-taken-by")).to_contain_text("Olaf Outreach")
        page.get_by_role("button", name="Taak afgerond").click()
        expect(page.locator("#id_o-outcome_error")).to_have_text("Dit veld is verplicht.")
        assert_accessible(page)
        page.get_by_label("Uitkomst").fill("Langs geweest. Hij is bij zijn zus.")
        page.get_by_role("button", name="Taak afgerond").click()
        expect(page.locator("#task-status")).to_have_text("Gedaan")
        expect(page.locator("#history")).to_contain_text("Taak afgerond door Olaf Outreach.")
        assert_accessible(page)
    finally:
        phone.close()
    assert OutreachTask.objects.get(report=report).status == OutreachTaskStatus.DONE
