"""The plan as an A4 PDF and the wallet-size crisis card: they render, have the right page
size, carry the person's own crisis text, fetch nothing, and their downloads are logged."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader
from tests.conftest import login
from tests.support.conftest import consent, write_plan

from omzien.core.models import AuditEntry
from omzien.people.models import ConsentCategory
from omzien.support.pdf import NoFetching, render_pdf

pytestmark = pytest.mark.django_db

MM = 72 / 25.4  # PDF points per millimetre


def pdf_of(response: Any) -> PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(body))


def size_mm(page: Any) -> tuple[float, float]:
    box = page.mediabox
    return round(float(box.width) / MM, 1), round(float(box.height) / MM, 1)


def text_of(reader: PdfReader) -> str:
    return " ".join((page.extract_text() or "") for page in reader.pages).replace("\n", " ")


def test_the_plan_pdf_is_a4_with_the_persons_words(client: Any, resident: Any) -> None:
    write_plan(resident, resident.user)
    login(client, resident.user)
    reader = pdf_of(client.get(f"/ondersteuning/{resident.pk}/plan/signaleringsplan.pdf"))
    assert all(size_mm(page) == (210.0, 297.0) for page in reader.pages)
    text = text_of(reader)
    assert "Signaleringsplan van Anna de Vries" in text
    assert "Bel mijn zus Els en blijf rustig." in text
    assert "06 12345678" in text


def test_the_crisis_card_is_bank_card_sized_front_and_back(client: Any, resident: Any) -> None:
    write_plan(resident, resident.user, crisis_others_do="Bel Els. " + "Blijf rustig. " * 60)
    login(client, resident.user)
    reader = pdf_of(client.get(f"/ondersteuning/{resident.pk}/plan/crisiskaart.pdf"))
    assert len(reader.pages) == 2  # a long text is cut short, never a third page
    for page in reader.pages:
        assert size_mm(page) == (85.6, 54.0)
    text = text_of(reader)
    assert "Crisiskaart" in text and "Anna de Vries" in text
    assert "Ik eet niet meer en blijf binnen." in text
    assert "Bel Els." in text and "Els de Vries" in text and "06 12345678" in text


def test_an_older_version_prints_as_it_was(client: Any, resident: Any) -> None:
    write_plan(resident, resident.user, crisis_others_do="Eerst deze tekst.")
    write_plan(resident, resident.user, crisis_others_do="Nu deze tekst.")
    login(client, resident.user)
    url = f"/ondersteuning/{resident.pk}/plan/crisiskaart.pdf"
    assert "Eerst deze tekst." in text_of(pdf_of(client.get(url + "?versie=1")))
    assert "Nu deze tekst." in text_of(pdf_of(client.get(url)))


def test_a_reader_downloads_are_logged_and_others_are_refused(
    client: Any, resident: Any, professional: Any, volunteer: Any
) -> None:
    write_plan(resident, resident.user)
    consent(resident, professional, ConsentCategory.EARLY_WARNING_PLAN)
    login(client, professional)
    pdf_of(client.get(f"/ondersteuning/{resident.pk}/plan/crisiskaart.pdf"))
    entry = AuditEntry.objects.get(category="plan")
    assert (entry.actor, entry.action, entry.detail) == (
        professional,
        "export",
        "crisis card of version 1",
    )
    login(client, volunteer)
    assert client.get(f"/ondersteuning/{resident.pk}/plan/crisiskaart.pdf").status_code == 403


def test_no_plan_means_no_pdf(client: Any, resident: Any) -> None:
    login(client, resident.user)
    assert client.get(f"/ondersteuning/{resident.pk}/plan/crisiskaart.pdf").status_code == 404


def test_rendering_fetches_nothing() -> None:
    fetcher = NoFetching()
    for url in ("https://example.org/logo.png", "file:///etc/passwd", "http://127.0.0.1/"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    # A document that asks for remote and local files still renders, without them.
    body = render_pdf(
        "support/pdf/plan.html",
        {"person": {"display_name": '<img src="https://example.org/x.png">'}, "phases": []},
    )
    assert body.startswith(b"%PDF-")
