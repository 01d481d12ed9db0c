"""The gap warning: one e-mail per district, day and set of gaps; run as a background task."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from tests.oncall.conftest import add_shift, at

from omzien.oncall import services
from omzien.oncall.models import GapAlert

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinators_hear_about_gaps_once_a_day(
    areas: Any,
    coordinator: Any,
    district_coordinator: Any,
    professional: Any,
    time_machine: Any,
    clock: Any,
) -> None:
    add_shift(areas.district, professional, at(12, 2, 17), at(12, 3, 9))
    assert services.gaps_notify() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {coordinator.email, district_coordinator.email}
    assert "Niemand bereikbaar op 9 momenten in Oost" == message.subject
    assert "Donderdag 3 december 17:00" in message.body
    assert "/bereikbaarheid/wijk/WK036301/" in message.body
    # Later the same day, with the same gaps: nothing new.
    time_machine.move_to(at(12, 2, 15), tick=False)
    assert services.gaps_notify() == 0
    assert len(mail.outbox) == 1
    # The gaps change: a new warning that day.
    add_shift(areas.district, professional, at(12, 3, 17), at(12, 4, 9))
    assert services.gaps_notify() == 1
    assert "8 momenten" in mail.outbox[1].subject
    # The next day the same gaps are sent again, once.
    time_machine.move_to(at(12, 3, 10), tick=False)
    services.gaps_notify()
    services.gaps_notify()
    assert len(mail.outbox) == 3
    assert GapAlert.objects.count() == 3


def test_no_mail_without_gaps_or_without_a_rota(
    areas: Any, coordinator: Any, professional: Any, settings: Any, clock: Any
) -> None:
    # District West has no rota at all: nobody is warned about it.
    assert services.gaps_notify() == 0
    # Oost covered every evening, night and weekend for two weeks: no gaps.
    add_shift(areas.district, professional, at(12, 2, 0), at(12, 17, 0))
    assert services.gaps_notify() == 0
    assert mail.outbox == []


def test_the_tick_command_enqueues_the_warning_for_the_worker(
    areas: Any, coordinator: Any, professional: Any, clock: Any
) -> None:
    add_shift(areas.district, professional, at(12, 2, 17), at(12, 3, 9))
    call_command("oncall_tick", verbosity=0)
    call_command("oncall_tick", verbosity=0)  # twice: still one e-mail
    assert DBTaskResult.objects.count() == 2
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert len(mail.outbox) == 1


def test_a_failing_mail_server_means_the_warning_is_tried_again(
    areas: Any, coordinator: Any, professional: Any, clock: Any, monkeypatch: Any
) -> None:
    import smtplib

    from django.core.mail.backends.locmem import EmailBackend

    add_shift(areas.district, professional, at(12, 2, 17), at(12, 3, 9))

    def broken(self: Any, messages: Any) -> int:
        raise smtplib.SMTPServerDisconnected("the mail server is down")

    with monkeypatch.context() as patched:
        patched.setattr(EmailBackend, "send_messages", broken)
        with pytest.raises(smtplib.SMTPServerDisconnected):
            services.gaps_notify()
    assert not GapAlert.objects.exists()
    assert services.gaps_notify() == 1
    assert len(mail.outbox) == 1
