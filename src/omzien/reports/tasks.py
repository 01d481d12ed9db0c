"""Background work of the report point (Django's tasks API; run `omzien db_worker`).

`omzien reports_tick` enqueues the periodic tasks; run it from cron every 15 minutes or so.
Each is idempotent: one escalation per report and deadline, each privacy job once per
report, a mail is sent once. Mails are enqueued by the services after commit.
"""

from __future__ import annotations

from django_tasks import task

from omzien.reports import services


@task()
def reports_escalate() -> int:
    """Send overdue, unfinished reports to the team lead and whoever is on call."""
    return services.reports_escalate()


@task()
def reports_privacy() -> dict[str, int]:
    """Remove reporters' contact details and the details of worries about someone once
    their retention periods have passed."""
    return services.reports_privacy()


@task()
def outbound_mail_send(mail_id: int) -> bool:
    """Send one stored report mail; on failure it enqueues itself again, later."""
    return services.outbound_mail_deliver(mail_id=mail_id)


@task()
def outbound_mails_retry() -> int:
    """Enqueue waiting report mails whose task got lost."""
    return services.outbound_mails_retry()
