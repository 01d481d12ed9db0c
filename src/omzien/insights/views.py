from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from omzien.core import permissions
from omzien.insights import selectors
from omzien.neighbourhoods.models import Neighbourhood

#: "Wie verbindt" looks at the ties of the last year.
PERIOD = datetime.timedelta(days=365)


@login_required
def connectors(request: HttpRequest, pk: int) -> HttpResponse:
    neighbourhood = get_object_or_404(Neighbourhood, pk=pk)
    permissions.require(request.user, "insights.view_connectors", neighbourhood)
    end = timezone.localdate()
    start = end - PERIOD
    people = selectors.connectors(
        viewer=request.user, neighbourhood=neighbourhood, start=start, end=end
    )
    return render(
        request,
        "insights/connectors.html",
        {"neighbourhood": neighbourhood, "people": people, "start": start, "end": end},
    )
