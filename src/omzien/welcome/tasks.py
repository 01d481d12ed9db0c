"""Background work for the warm welcome (Django's tasks API; run `omzien db_worker`).

`omzien welcome_tick` enqueues it; run it from cron with `activities_tick`. Idempotent.
"""

from __future__ import annotations

from django_tasks import task

from omzien.welcome import services


@task()
def follow_ups_create() -> int:
    """Referrals whose first-visit session passed without a check-in get their follow-up."""
    return services.follow_ups_for_passed_sessions()
