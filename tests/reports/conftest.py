"""The report point of Amsterdam (default categories), a public-space team, an outreach
team and helpers to make reports and photos."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from PIL import Image
from tests.conftest import make_user

from omzien.accounts.models import Role
from omzien.reports import services
from omzien.reports.models import Category, Report, Team, TeamKind


def jpeg_with_exif(size: tuple[int, int] = (64, 48)) -> bytes:
    """A small JPEG carrying EXIF with a GPS block and a camera make."""
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "OmzienCam"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 21.0, 0.0)}  # GPS info
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


@dataclass
class Setup:
    municipality: Any
    place: Category
    dark_passage: Category
    person: Category
    public_space: Team
    outreach: Team
    street_worker: Any  # public space team member
    outreach_worker: Any  # outreach team member
    coordinator: Any


@pytest.fixture
def setup(areas: Any) -> Setup:
    m = areas.municipality
    place = Category.objects.get(municipality=m, slug="onveilige-plek")
    person = Category.objects.get(municipality=m, slug="zorg-om-iemand")
    street_worker = make_user(Role.PROFESSIONAL, areas.district, display_name="Sam Straat")
    outreach_worker = make_user(Role.PROFESSIONAL, areas.district, display_name="Olaf Outreach")
    public_space = Team.objects.create(
        municipality=m, name="Openbare ruimte Oost", kind=TeamKind.PUBLIC_SPACE
    )
    public_space.members.add(street_worker)
    public_space.responsible_for.add(place)
    outreach = Team.objects.create(
        municipality=m, name="Bemoeizorg", kind=TeamKind.MENTAL_HEALTH_OUTREACH
    )
    outreach.members.add(outreach_worker)
    outreach.responsible_for.add(person)
    return Setup(
        municipality=m,
        place=place,
        dark_passage=Category.objects.get(municipality=m, slug="donkere-doorgang"),
        person=person,
        public_space=public_space,
        outreach=outreach,
        street_worker=street_worker,
        outreach_worker=outreach_worker,
        coordinator=make_user(Role.COORDINATOR, m, display_name="Cato Coördinator"),
    )


def place_report(setup: Setup, **kwargs: Any) -> Report:
    values: dict[str, Any] = {
        "category": setup.place,
        "subcategory": setup.dark_passage,
        "submission_key": uuid.uuid4().hex,
        "description": "De doorgang achter de school is heel donker.",
        "answers": {"wanneer": "Als het donker is"},
        "postcode": "1091 AB",
        "house_number": "12",
    }
    values.update(kwargs)
    return services.report_create(**values).report


def person_report(setup: Setup, **kwargs: Any) -> Report:
    values: dict[str, Any] = {
        "category": setup.person,
        "subcategory": setup.person.children.get(slug="niet-gezien"),
        "submission_key": uuid.uuid4().hex,
        "description": "Mijn buurman heb ik al vijf dagen niet gezien.",
        "answers": {"gevaar-nu": "no"},
        "address": "Bloemstraat 4",
    }
    values.update(kwargs)
    return services.report_create(**values).report


def run_worker() -> None:
    """Run every task that is due now, as `omzien db_worker` does, then stop."""
    from django.core.management import call_command

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
