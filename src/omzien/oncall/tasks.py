"""Background work for the on-call rota (Django's tasks API; run `omzien db_worker`).

`omzien oncall_tick` enqueues it; run it from cron once an hour or so. It is idempotent:
coordinators get one e-mail per district, day and set of gaps.
"""

from __future__ import annotations

from django_tasks import task

from omzien.oncall import services


@task()
def gaps_notify() -> int:
    """Warn coordinators about moments in the coming two weeks with nobody on call."""
    return services.gaps_notify()
