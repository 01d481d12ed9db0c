"""Background work for activities (Django's tasks API; run `omzien db_worker`).

`omzien activities_tick` enqueues both tasks; run it from cron every 15 minutes or so.
Both are idempotent, so an extra run or two workers at once do no harm.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from omzien.activities import services


@task()
def absence_scan() -> dict[str, int]:
    """Open signals for regulars who stopped coming; close them for people who came back."""
    result = services.absence_scan()
    return {"created": result.created, "closed": result.closed, "checked": result.checked}


@task()
def signals_escalate() -> int:
    """Give overdue signal tasks to the next contact in the person's plan."""
    return services.signals_escalate()


@task()
def sessions_generate_all() -> int:
    """Keep twelve weeks of sessions ahead for every active activity."""
    created = 0
    # Only forward: the past has the sessions it had (a changed rule does not rewrite it).
    since = timezone.now()
    for activity in services.Activity.objects.filter(is_active=True):
        created += len(services.sessions_generate(activity=activity, since=since))
    return created
