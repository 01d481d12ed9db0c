"""The dashboard section (page fragment and API) and the "wie verbindt" page."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from tests.insights.conftest import (
    END,
    START,
    activity,
    attend,
    residents,
    session,
)

from omzien.core import dashboard
from omzien.core.models import AuditEntry
from omzien.insights import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy(areas: Any, today: Any) -> dict[str, Any]:
    """Bloemhof residents 0-9 meet each other; 5-9 also meet Vogelbuurt."""
    here = residents(areas.neighbourhood, 15)
    there = residents(areas.sibling, 6)
    attend(session(activity(areas.neighbourhood)), *here[:10])
    attend(session(activity(areas.sibling, "Wandelen")), *here[5:10], *there)
    return {"here": here, "there": there}


def request_for(user: Any, neighbourhood: Any, **extra: Any) -> dashboard.SectionRequest:
    return dashboard.SectionRequest(
        user=user, neighbourhood=neighbourhood, period_start=START, period_end=END, **extra
    )


def test_section_renders_cards_trend_and_table(busy: Any, areas: Any, analyst: Any) -> None:
    rendered = {
        s.key: s for s in dashboard.render_sections(request_for(analyst, areas.neighbourhood))
    }
    html = rendered["insights"].html
    assert "Meedoen" in html
    assert "67%" in html
    assert "meer binnen de eigen groep" in html
    assert "minder dan 5" in html  # e.g. people with one tie
    assert "<table" in html and "K3 2026" in html
    assert "wie-verbindt" not in html  # analysts see no link to named people


def test_coordinators_get_the_link_but_not_in_the_pdf(
    busy: Any, areas: Any, coordinator: Any
) -> None:
    page = {
        s.key: s for s in dashboard.render_sections(request_for(coordinator, areas.neighbourhood))
    }
    assert (
        reverse("insights:connectors", kwargs={"pk": areas.neighbourhood.pk})
        in page["insights"].html
    )
    pdf = {
        s.key: s
        for s in dashboard.render_sections(
            request_for(coordinator, areas.neighbourhood, for_pdf=True)
        )
    }
    assert "wie-verbindt" not in pdf["insights"].html


def test_api_gives_the_same_figures_with_none_for_suppressed(
    busy: Any, areas: Any, analyst: Any
) -> None:
    data = dashboard.api_sections(request_for(analyst, areas.neighbourhood))["insights"]
    figures = {row["key"]: row for row in data["indicators"]}
    assert figures["participation"]["value"] == 67
    assert figures["participation"]["trend"] == [None, None, None, 67]
    assert figures["one_tie"]["value"] is None and figures["one_tie"]["suppressed"]
    assert figures["one_tie"]["n"] is None
    assert data["quarters"][-1] == "K3 2026"


def test_section_hidden_from_others(
    busy: Any, areas: Any, other_professional: Any, volunteer: Any
) -> None:
    for user in (other_professional, volunteer):
        assert "insights" not in {
            s.key for s in dashboard.render_sections(request_for(user, areas.neighbourhood))
        }
        assert "insights" not in dashboard.api_sections(request_for(user, areas.neighbourhood))


# --- wie verbindt ---------------------------------------------------------------------------


def test_connectors_page_for_coordinators(
    busy: Any, areas: Any, coordinator: Any, as_user: Any
) -> None:
    url = reverse("insights:connectors", kwargs={"pk": areas.neighbourhood.pk})
    response = as_user(coordinator).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wie verbindt groepen in Bloemhof" in html
    bridgers = busy["here"][5:10]
    for person in bridgers:
        assert person.first_name in html
    # Residents 0-4 only know Bloemhof people: not shown.
    for person in busy["here"][:5]:
        assert f"<td>{person.first_name}</td>" not in html
    assert person.last_name not in html
    logged = AuditEntry.objects.filter(actor=coordinator, detail="insights: wie verbindt")
    assert sorted(logged.values_list("subject_id", flat=True)) == sorted(p.pk for p in bridgers)


def test_connectors_only_with_consent(busy: Any, areas: Any, coordinator: Any) -> None:
    here = busy["here"]
    # Resident 5 withdraws the attendance consent for organising activities.
    here[5].consents.update(revoked_at=busy["there"][0].created_at)
    people = selectors.connectors(
        viewer=coordinator, neighbourhood=areas.neighbourhood, start=START, end=END
    )
    names = [p.first_name for p in people]
    assert here[5].first_name not in names
    assert len(names) == 4
    assert all(p.neighbourhood == "Bloemhof" and p.groups_reached == 1 for p in people)


def test_connectors_refused_to_everyone_but_coordinators(
    busy: Any, areas: Any, professional: Any, analyst: Any, resident: Any, as_user: Any
) -> None:
    url = reverse("insights:connectors", kwargs={"pk": areas.neighbourhood.pk})
    for user in (professional, analyst, resident.user):
        assert as_user(user).get(url).status_code == 403
    assert not AuditEntry.objects.filter(detail="insights: wie verbindt").exists()


def test_connectors_of_another_area_refused(busy: Any, areas: Any, as_user: Any) -> None:
    from tests.conftest import make_user

    from omzien.accounts.models import Role

    elsewhere = make_user(Role.COORDINATOR, areas.other_district)
    url = reverse("insights:connectors", kwargs={"pk": areas.neighbourhood.pk})
    assert as_user(elsewhere).get(url).status_code == 403
