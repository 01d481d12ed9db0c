"""List pages read in a fixed number of queries, however many rows they show."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from tests.conftest import login
from tests.factories import PersonFactory
from tests.welcome.conftest import OWN_WORDS, Lunch

from omzien.people.models import ConsentMethod
from omzien.welcome import services
from omzien.welcome.models import ActivityTask


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_tasks_page_does_not_grow_with_tasks(
    lunch: Lunch, resident: Any, client: Client
) -> None:
    services.task_save(user=lunch.host, task=ActivityTask(activity=lunch.activity, name="Koffie"))
    login(client, resident.user)
    one = _queries(client, "/welkom/meehelpen/")
    for name in ("Tafel dekken", "Afwassen", "Taart bakken"):
        task = services.task_save(
            user=lunch.host, task=ActivityTask(activity=lunch.activity, name=name, places=3)
        )
        services.task_take(
            user=resident.user, person=resident, task=task, session=lunch.sessions[0]
        )
    assert _queries(client, "/welkom/meehelpen/") == one


def test_the_referrals_page_does_not_grow_with_referrals(
    lunch: Lunch, professional: Any, client: Client
) -> None:
    def refer(week: int) -> None:
        services.referral_create(
            user=professional,
            person=PersonFactory(neighbourhood=lunch.activity.neighbourhood),
            session=lunch.sessions[week],
            own_words=OWN_WORDS,
            person_agreed=True,
            agreed_method=ConsentMethod.SPOKEN,
        )

    refer(0)
    login(client, professional)
    one = _queries(client, "/welkom/verwijzingen/")
    for week in (1, 2, 3):
        refer(week)
    assert _queries(client, "/welkom/verwijzingen/") == one
