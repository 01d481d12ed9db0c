"""Categories per municipality, creating a report, photos and the reporter's e-mail."""

from __future__ import annotations

import io
import re
import uuid
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from PIL import Image
from tests.reports.conftest import Setup, jpeg_with_exif, person_report, place_report, run_worker

from omzien.neighbourhoods.models import Municipality
from omzien.people.models import Person
from omzien.reports import services
from omzien.reports.models import Category, Question, Report, ReportEvent, ReportStatus
from omzien.reports.photo import MAX_UPLOAD_BYTES, photo_clean


def test_a_new_municipality_gets_the_default_categories(db: Any) -> None:
    m = Municipality.objects.create(code="GM0014", name="Groningen")
    top = set(Category.objects.filter(municipality=m, parent=None).values_list("slug", flat=True))
    assert top == {"zorg-om-iemand", "onveilige-plek", "overlast", "iets-anders"}
    place = Category.objects.get(municipality=m, slug="onveilige-plek")
    assert {"verlichting", "donkere-doorgang"} <= set(place.children.values_list("slug", flat=True))
    danger = Question.objects.get(
        category__municipality=m, category__slug="zorg-om-iemand", key="gevaar-nu"
    )
    assert danger.yes_means_acute_danger and danger.required


def test_defaults_are_idempotent_and_keep_edits(db: Any) -> None:
    m = Municipality.objects.create(code="GM0014", name="Groningen")
    Category.objects.filter(municipality=m, slug="overlast").update(name="Last van de buren")
    before = Category.objects.filter(municipality=m).count()
    questions = Question.objects.filter(category__municipality=m).count()
    assert services.categories_ensure_defaults(municipality=m) == 0
    assert Category.objects.filter(municipality=m).count() == before
    assert Question.objects.filter(category__municipality=m).count() == questions
    assert Category.objects.get(municipality=m, slug="overlast").name == "Last van de buren"


def test_a_deleted_default_category_comes_back(db: Any) -> None:
    m = Municipality.objects.create(code="GM0014", name="Groningen")
    Category.objects.filter(municipality=m, slug="iets-anders").delete()
    assert services.categories_ensure_defaults(municipality=m) == 1


def test_a_choice_question_needs_choices_and_danger_needs_yes_no(setup: Setup) -> None:
    with pytest.raises(ValidationError):
        Question(category=setup.place, key="x", text="?", kind="choice").full_clean()
    with pytest.raises(ValidationError):
        Question(
            category=setup.place, key="y", text="?", kind="text", yes_means_acute_danger=True
        ).full_clean()


def test_a_report_gets_a_reference_a_secret_link_and_a_first_history_row(setup: Setup) -> None:
    report = place_report(setup)
    assert re.fullmatch(r"M-[A-Z0-9]{3}-[A-Z0-9]{3}", report.reference)
    assert len(report.tracking_token) >= 40
    assert report.status == ReportStatus.RECEIVED
    assert report.postcode == "1091AB"
    assert report.answers == [
        {
            "key": "wanneer",
            "question": "Wanneer voelt de plek onveilig?",
            "answer": "Als het donker is",
        }
    ]
    # The first row, then the system's routing row (see test_routing.py).
    event, routed = report.events.all()
    assert (event.from_status, event.to_status) == ("", ReportStatus.RECEIVED)
    assert routed.by_label == "system"


def test_the_same_submission_twice_creates_one_report(setup: Setup) -> None:
    key = uuid.uuid4().hex
    first = services.report_create(
        category=setup.place,
        subcategory=setup.dark_passage,
        submission_key=key,
        description="Donker",
        address="Achter de school",
    )
    second = services.report_create(
        category=setup.place,
        subcategory=setup.dark_passage,
        submission_key=key,
        description="Donker",
        address="Achter de school",
    )
    assert first.created and not second.created
    assert second.report.pk == first.report.pk
    assert Report.objects.count() == 1


def test_the_database_refuses_a_second_report_with_the_same_submission_key(
    setup: Setup,
) -> None:
    report = place_report(setup)
    twin = Report(
        municipality=report.municipality,
        category=report.category,
        reference="M-XXX-XXX",
        tracking_token="other",
        submission_key=report.submission_key,
        description="x",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_acute_danger_saves_nothing(setup: Setup) -> None:
    with pytest.raises(services.AcuteDanger):
        person_report(setup, answers={"gevaar-nu": "yes"})
    assert Report.objects.count() == 0
    assert ReportEvent.objects.count() == 0


def test_a_required_question_must_be_answered(setup: Setup) -> None:
    with pytest.raises(ValidationError) as error:
        person_report(setup, answers={})
    assert "q_gevaar-nu" in error.value.message_dict
    assert Report.objects.count() == 0


def test_a_subcategory_of_another_category_is_refused(setup: Setup) -> None:
    with pytest.raises(ValidationError):
        person_report(setup, subcategory=setup.dark_passage)


def test_a_report_needs_a_location(setup: Setup) -> None:
    with pytest.raises(ValidationError):
        place_report(setup, postcode="", house_number="", address="")


def test_a_worry_about_someone_never_creates_a_person(setup: Setup) -> None:
    before = Person.objects.count()
    report = person_report(setup, contact_email="buur@example.org", wants_updates=True)
    assert Person.objects.count() == before
    assert report.is_about_a_person


def test_the_neighbourhood_follows_from_the_map_point(setup: Setup, areas: Any) -> None:
    areas.neighbourhood.latitude, areas.neighbourhood.longitude = 52.36, 4.93
    areas.neighbourhood.save()
    areas.elsewhere.latitude, areas.elsewhere.longitude = 52.38, 4.85
    areas.elsewhere.save()
    report = place_report(setup, latitude=52.361, longitude=4.931)
    assert report.neighbourhood == areas.neighbourhood


@pytest.mark.django_db(transaction=True)
def test_the_reporter_gets_an_email_with_reference_and_link(setup: Setup) -> None:
    report = place_report(setup, contact_email="Anna@Example.org")
    run_worker()  # the mail is stored and sent by a background task
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    assert report.reference in message.subject
    assert report.get_tracking_url() in message.body


@pytest.mark.django_db(transaction=True)
def test_no_email_without_an_address_and_none_after_a_rollback(setup: Setup) -> None:
    place_report(setup)
    with pytest.raises(RuntimeError), transaction.atomic():
        place_report(setup, contact_email="anna@example.org")
        raise RuntimeError
    run_worker()
    assert mail.outbox == []


def test_a_photo_is_stored_without_exif(setup: Setup) -> None:
    raw = jpeg_with_exif()
    assert Image.open(io.BytesIO(raw)).getexif()  # the test photo really has EXIF
    clean = photo_clean(io.BytesIO(raw), size=len(raw))
    report = place_report(setup, photo=clean)
    stored = Image.open(io.BytesIO(bytes(report.photo.content)))
    assert stored.format == "JPEG"
    assert not stored.getexif()
    assert b"OmzienCam" not in bytes(report.photo.content)
    assert (report.photo.width, report.photo.height) == (64, 48)


def test_a_big_photo_is_scaled_down(db: Any) -> None:
    out = io.BytesIO()
    Image.new("RGB", (3200, 800), "white").save(out, format="PNG")
    clean = photo_clean(io.BytesIO(out.getvalue()))
    assert (clean.width, clean.height) == (1600, 400)


def test_a_file_that_is_not_a_photo_is_refused_in_dutch(db: Any) -> None:
    with pytest.raises(ValidationError) as error:
        photo_clean(io.BytesIO(b"%PDF-1.4 not a photo"))
    assert error.value.messages == ["Dit bestand is geen foto. Kies een JPG- of PNG-bestand."]


def test_a_photo_that_is_too_large_is_refused(db: Any) -> None:
    with pytest.raises(ValidationError) as error:
        photo_clean(io.BytesIO(b"x" * (MAX_UPLOAD_BYTES + 1)))
    assert "te groot" in error.value.messages[0]
