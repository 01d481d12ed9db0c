"""Background work of the report point (Django's tasks API; run `omzien db_worker`).

`omzien reports_tick` enqueues it; run it from cron every 15 minutes or so. It is
idempotent: one escalation per report and deadline.
"""

from __future__ import annotations

from django_tasks import task

from omzien.reports import services


@task()
def reports_escalate() -> int:
    """Send overdue, unfinished reports to the team lead and whoever is on call."""
    return services.reports_escalate()
