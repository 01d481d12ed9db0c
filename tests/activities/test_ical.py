"""iCal feeds per activity and per neighbourhood."""

from __future__ import annotations

from typing import Any

from django.test import Client
from icalendar import Calendar
from tests.activities.conftest import Cafe

from omzien.activities import services


def _events(response: Any) -> list[Any]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_the_activity_feed_has_every_coming_session_and_marks_cancellations(
    cafe: Cafe, client: Client, coordinator: Any
) -> None:
    services.session_cancel(user=coordinator, session=cafe.sessions[1], note="Vakantie")
    events = _events(client.get(f"/activiteiten/{cafe.activity.pk}/agenda.ics"))
    assert len(events) == 12
    first = events[0]
    assert str(first["summary"]) == "Eetcafé De Linde"
    assert first.decoded("dtstart") == cafe.sessions[0].starts_at
    assert first.decoded("dtend") == cafe.sessions[0].ends_at
    assert str(first["uid"]) == f"sessie-{cafe.sessions[0].pk}@omzien"
    assert str(first["url"]).endswith(f"/activiteiten/{cafe.activity.pk}/")
    statuses = [str(e["status"]) for e in events]
    assert statuses[1] == "CANCELLED"
    assert statuses.count("CONFIRMED") == 11


def test_the_neighbourhood_feed_has_only_its_own_activities(
    cafe: Cafe, client: Client, areas: Any
) -> None:
    events = _events(client.get(f"/activiteiten/buurt/{areas.neighbourhood.code}/agenda.ics"))
    assert len(events) == 12
    assert _events(client.get(f"/activiteiten/buurt/{areas.elsewhere.code}/agenda.ics")) == []
    assert client.get("/activiteiten/buurt/BU00000000/agenda.ics").status_code == 404


def test_the_activity_page_links_to_its_feed(cafe: Cafe, client: Client) -> None:
    page = client.get(f"/activiteiten/{cafe.activity.pk}/").content.decode()
    assert f'href="/activiteiten/{cafe.activity.pk}/agenda.ics"' in page
