"""Create or update omzien's own taxonomies (used by a data migration and the demo)."""

from __future__ import annotations

from typing import Any

from omzien.directory.models import stable_uuid
from omzien.directory.taxonomy import TAXONOMIES, walk


def seed_taxonomies(taxonomy_model: Any, term_model: Any) -> None:
    for tax in TAXONOMIES:
        taxonomy, _created = taxonomy_model.objects.update_or_create(
            id=stable_uuid("taxonomy", tax.slug),
            defaults={
                "slug": tax.slug,
                "name": f"omzien: {tax.nl}",
                "description": tax.description,
                "version": "1",
            },
        )
        for term, parent_code, order in walk(tax.terms):
            term_model.objects.update_or_create(
                id=stable_uuid("term", tax.slug, term.code),
                defaults={
                    "taxonomy": taxonomy,
                    "code": term.code,
                    "name": term.nl,
                    "name_en": term.en,
                    "language": "nl",
                    "order": order,
                    "parent_id": (
                        stable_uuid("term", tax.slug, parent_code) if parent_code else None
                    ),
                },
            )
