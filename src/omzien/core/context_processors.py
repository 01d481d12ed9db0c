from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from omzien.core import navigation


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    resolver = getattr(request, "resolver_match", None)
    current_url_name = (
        f"{resolver.namespace}:{resolver.url_name}" if resolver and resolver.namespace else ""
    )
    return {
        "nav_items": navigation.menu_for(user, current_url_name) if user is not None else [],
        "current_url_name": current_url_name,
        "demo_mode": settings.DEMO,
        "tile_server_url": settings.TILE_SERVER_URL,
        "tile_server_attribution": settings.TILE_SERVER_ATTRIBUTION,
        "min_group_size": settings.OMZIEN_MIN_GROUP_SIZE,
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
