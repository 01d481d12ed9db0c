"""iCalendar (RFC 5545) feeds of activities, for people's own agenda apps."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from icalendar import Calendar, Event

from omzien.activities.models import Session


def feed(sessions: Iterable[Session], *, name: str) -> bytes:
    """One VEVENT per session; a cancelled session stays in the feed as CANCELLED, so
    agenda apps that already have it take it out."""
    calendar = Calendar()
    calendar.add("prodid", "-//omzien//activiteiten//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    base = settings.OMZIEN_BASE_URL.rstrip("/")
    for session in sessions:
        activity = session.activity
        event = Event()
        event.add("uid", f"sessie-{session.pk}@omzien")
        event.add("dtstamp", session.updated_at)
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("summary", activity.name)
        if activity.description:
            event.add("description", activity.description)
        if activity.location is not None:
            event.add("location", activity.location.name)
        event.add("url", base + activity.get_absolute_url())
        event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()
