"""PDFs of the early-warning plan (A4) and the wallet-size crisis card, by WeasyPrint.

Nothing is fetched while rendering: the documents carry their own styles, and the URL
fetcher refuses every URL except inline ``data:`` ones, so a name or text in the plan
can never make the server reach out to the network or read a local file.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

#: Width and height of the crisis card in millimetres (ISO/IEC 7810 ID-1, a bank card).
CARD_MM = (85.6, 54.0)


class NoFetching(URLFetcher):
    """Refuses every URL but ``data:``; WeasyPrint then leaves the resource out."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        raise ValueError(f"omzien renders PDFs without fetching anything: {url[:80]}")


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    html = render_to_string(template, context)
    document = HTML(string=html, base_url=None, url_fetcher=NoFetching())
    pdf: bytes = document.write_pdf()
    return pdf
