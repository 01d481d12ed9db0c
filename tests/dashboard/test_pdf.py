"""The PDF report: cover, every section, sources; no suppressed figure; audit-logged."""

from __future__ import annotations

import io
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader
from tests.dashboard.conftest import HIDDEN_COHESION, Figures

from omzien.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def pdf_text(body: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


@time_machine.travel("2026-11-30 10:00:00+01:00", tick=False)
def test_report_has_cover_sections_sources_and_no_suppressed_figure(
    as_user: Any, analyst: Any, figures: Figures
) -> None:
    url = reverse("dashboard:report_pdf", args=[figures.neighbourhood.code])
    response = as_user(analyst).get(url + "?van=2020-01-01&tot=2026-11-30")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = " ".join(pdf_text(response.content).split())
    assert "Buurtbeeld van Bloemhof" in text
    assert "1 januari 2020 tot en met 30 november 2026" in text
    assert "Gemaakt op 30 november 2026" in text
    assert "De vijf kenmerken (buurtscan)" in text
    assert "Wat bewoners zeggen (vragenlijsten)" in text
    assert "Bronnen" in text and "De Jong Gierveld" in text
    # figures appear: characteristic 1's latest mean and the shares of the large round
    assert "4,0" in text and "60" in text and "40" in text
    assert "minder dan 5 antwoorden" in text
    # ... but never the cohesion mean of the four who answered, nor a name or comment
    assert str(HIDDEN_COHESION).replace(".", ",") not in text
    assert str(HIDDEN_COHESION) not in text
    assert "Geheimnaam" not in text and "geheim blijft" not in text

    entry = AuditEntry.objects.get(category="dashboard")
    assert entry.actor == analyst
    assert entry.action == "export"
    assert entry.subject_id == figures.neighbourhood.pk


def test_a_bad_period_goes_back_to_the_page(as_user: Any, analyst: Any, figures: Figures) -> None:
    url = reverse("dashboard:report_pdf", args=[figures.neighbourhood.code])
    response = as_user(analyst).get(url + "?van=morgen")
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("dashboard:neighbourhood", args=[figures.neighbourhood.code])
    )
    assert not AuditEntry.objects.filter(category="dashboard").exists()


def test_refused_download_is_not_logged(as_user: Any, elsewhere_analyst: Any,
                                        figures: Figures) -> None:  # fmt: skip
    url = reverse("dashboard:report_pdf", args=[figures.neighbourhood.code])
    assert as_user(elsewhere_analyst).get(url).status_code == 403
    assert not AuditEntry.objects.filter(category="dashboard").exists()
