"""Listen to check-ins (activities' Attendance) without changing the activities app.

A check-in by a host counts as that host's contribution for the session, and the check-in
of someone who was referred marks their first visit (which starts the follow-up).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from omzien.activities.models import Attendance
from omzien.welcome import services
from omzien.welcome.models import FirstVisit, Referral


@receiver(post_save, sender=Attendance, dispatch_uid="welcome_attendance_saved")
def attendance_saved(sender: Any, instance: Attendance, created: bool, raw: bool, **_: Any) -> None:
    if raw or not created:
        return
    session = instance.session
    if instance.recorded_by_id is not None:
        services.contribution_record_hosting(session=session, host_user_id=instance.recorded_by_id)
    waiting = Referral.objects.filter(
        person_id=instance.person_id,
        activity_id=session.activity_id,
        first_visit=FirstVisit.WAITING,
        session__starts_at__lte=session.ends_at,
    ).select_related("session", "welcomer")
    for referral in waiting:
        services.referral_mark_came(referral=referral)
