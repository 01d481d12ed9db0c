"""The buurt-DNA profile: versioned, with a history of what changed."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from omzien.core.models import AuditEntry
from omzien.scan import selectors, services
from omzien.scan.framework import DNA_SECTIONS, dna_questions
from omzien.scan.models import DnaProfileVersion

pytestmark = pytest.mark.django_db


def test_the_questionnaire_has_the_appendix_sections() -> None:
    assert [section.title for section in DNA_SECTIONS] == [
        "Sleutelfiguren",
        "Omgeving",
        "Mensen",
        "Georganiseerde omgeving",
        "Bewoners",
        "Actieve buurtbewoners",
        "Professionals",
        "Informele organisatiestructuur / samenwerking",
    ]
    keys = [key for key, _s, _t in dna_questions()]
    assert keys[0] == "sleutelfiguren.1" and len(keys) == len(set(keys))
    assert ("omgeving.1", "Hoe groot is de buurt?") in [(k, t) for k, _s, t in dna_questions()]


def test_saving_creates_versions_and_the_history_shows_changes(areas: Any, builder: Any) -> None:
    area = areas.neighbourhood
    first = services.dna_profile_save(
        actor=builder, neighbourhood=area, answers={"omgeving.1": "Ongeveer 2.000 mensen."}
    )
    assert first is not None and first.number == 1
    same = services.dna_profile_save(
        actor=builder, neighbourhood=area, answers={"omgeving.1": " Ongeveer 2.000 mensen. "}
    )
    assert same is None
    second = services.dna_profile_save(
        actor=builder,
        neighbourhood=area,
        answers={"omgeving.1": "Ongeveer 2.100 mensen.", "bewoners.1": "Los zand."},
    )
    assert second is not None and second.number == 2
    assert DnaProfileVersion.objects.get(number=1).answers == {
        "omgeving.1": "Ongeveer 2.000 mensen."
    }
    history = selectors.dna_history(viewer=builder, neighbourhood=area)
    assert [entry.version.number for entry in history] == [2, 1]
    changes = {c.question: (c.before, c.after) for c in history[0].changes}
    assert changes["Omgeving: Hoe groot is de buurt?"] == (
        "Ongeveer 2.000 mensen.",
        "Ongeveer 2.100 mensen.",
    )
    assert changes["Bewoners: Naar binnen gekeerd of los zand"] == ("", "Los zand.")
    assert AuditEntry.objects.filter(category="buurt_dna", action="write").count() == 2


def test_staff_of_another_area_may_not_save(areas: Any, other_professional: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.dna_profile_save(
            actor=other_professional, neighbourhood=areas.neighbourhood, answers={}
        )


def test_pages(as_user: Any, areas: Any, professional: Any) -> None:
    client = as_user(professional)
    code = areas.neighbourhood.code
    assert "Nog niet ingevuld." in client.get(reverse("scan:dna", args=[code])).content.decode()
    response = client.post(
        reverse("scan:dna_edit", args=[code]), {"sleutelfiguren.1": "Fatima van de buurtkamer."}
    )
    assert response.status_code == 302
    page = client.get(reverse("scan:dna", args=[code])).content.decode()
    assert "Fatima van de buurtkamer." in page and "Versie 1" in page
    client.post(reverse("scan:dna_edit", args=[code]), {"sleutelfiguren.1": "Fatima en Joop."})
    history = client.get(reverse("scan:dna_history", args=[code])).content.decode()
    assert "Versie 2" in history and "Fatima van de buurtkamer." in history
    assert "Fatima en Joop." in history
