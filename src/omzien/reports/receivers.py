"""Every new municipality starts with the default report categories."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from omzien.neighbourhoods.models import Municipality
from omzien.reports.services import categories_ensure_defaults


@receiver(post_save, sender=Municipality, dispatch_uid="reports_municipality_created")
def municipality_created(sender: Any, instance: Municipality, created: bool, **kwargs: Any) -> None:
    if created and not kwargs.get("raw"):
        categories_ensure_defaults(municipality=instance)
