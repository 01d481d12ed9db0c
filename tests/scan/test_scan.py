"""The five-characteristics scan: content, aggregation, trend, pages and permissions."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from tests.conftest import make_user

from omzien.accounts.models import Role
from omzien.scan import selectors, services
from omzien.scan.framework import ACTION_POINT_CODES
from omzien.scan.models import ActionPoint, Characteristic, ParticipantKind, Score

from .conftest import DAY, add_guest

pytestmark = pytest.mark.django_db


def test_the_publication_is_seeded_with_stable_codes() -> None:
    assert list(Characteristic.objects.values_list("title", flat=True)) == [
        "Een open houding",
        "Van betekenis zijn",
        "Inzet voorzieningen en hulpbronnen",
        "Duurzaam in beeld",
        "Veiligheid",
    ]
    codes = list(ActionPoint.objects.values_list("code", flat=True))
    assert codes == list(ACTION_POINT_CODES)
    assert codes[0] == "1.1" and codes[-1] == "5.4" and len(codes) == 16
    point = ActionPoint.objects.get(code="4.2")
    assert point.title == "Zorg voor laagdrempelige toegang"
    assert point.text == "Zorg voor laagdrempelige toegang van professionals."


def test_a_scan_is_aggregated_from_several_participants(scan: Any, builder: Any) -> None:
    anna = add_guest(scan, builder, "Anna")
    bert = add_guest(scan, builder, "Bert", kind=ParticipantKind.KEY_FIGURE)
    cees = add_guest(scan, builder, "Cees", kind=ParticipantKind.PROFESSIONAL)
    services.scores_save(
        actor=builder, participant=anna, scores={"1.1": (2, "Weinig contact."), "1.2": (3, "")}
    )
    services.scores_save(
        actor=builder, participant=bert, scores={"1.1": (4, ""), "1.2": (None, "")}
    )
    services.scores_save(
        actor=builder, participant=cees, scores={"1.1": (5, "Buurtfeest werkt."), "2.1": (1, "")}
    )

    results = selectors.session_results(viewer=builder, session=scan)
    first = results[0]
    point = first.points[0]
    assert point.point.code == "1.1"
    assert point.spread.count == 3
    assert point.spread.mean == pytest.approx(3.7)  # (2 + 4 + 5) / 3
    assert (point.spread.minimum, point.spread.maximum) == (2, 5)
    assert point.spread.distribution == [(1, 0), (2, 1), (3, 0), (4, 1), (5, 1)]
    assert first.points[1].spread.unknown == 1
    assert first.points[1].spread.count == 1
    # The characteristic pools every score of its action points: 2, 4, 5, 3.
    assert first.spread.count == 4
    assert first.spread.mean == pytest.approx(3.5)
    assert results[1].spread.values == [1]
    assert results[4].spread.mean is None


def test_resident_comments_are_anonymous_unless_they_agreed(scan: Any, builder: Any) -> None:
    anna = add_guest(scan, builder, "Anna Geheim")
    bert = add_guest(scan, builder, "Bert Open", agreed=True)
    pim = add_guest(scan, builder, "Pim Prof", kind=ParticipantKind.PROFESSIONAL)
    for who, text in ((anna, "Eerste"), (bert, "Tweede"), (pim, "Derde")):
        services.scores_save(actor=builder, participant=who, scores={"3.1": (3, text)})
    comments = selectors.session_results(viewer=builder, session=scan)[2].points[0].comments
    authors = {c.text: c.author for c in comments}
    assert authors["Eerste"] == "een bewoner"
    assert "Anna" not in " ".join(authors.values())
    assert authors["Tweede"].startswith("Bert Open")
    assert authors["Derde"].startswith("Pim Prof")


def test_repeated_scans_show_a_trend(areas: Any, builder: Any, scan: Any) -> None:
    later = services.session_create(
        actor=builder, neighbourhood=areas.neighbourhood, held_on=DAY + datetime.timedelta(365)
    )
    old = add_guest(scan, builder, "Oud")
    new = add_guest(later, builder, "Nieuw")
    services.scores_save(actor=builder, participant=old, scores={"5.1": (2, ""), "5.2": (2, "")})
    services.scores_save(actor=builder, participant=new, scores={"5.1": (4, ""), "5.2": (5, "")})
    sessions, rows = selectors.neighbourhood_trend(
        viewer=builder, neighbourhood=areas.neighbourhood
    )
    assert sessions == [scan, later]
    safety = rows[4]
    assert [cell.mean for cell in safety.cells] == [2, 4.5]
    assert rows[0].cells[0].mean is None


def test_one_scan_per_neighbourhood_and_date(areas: Any, builder: Any, scan: Any) -> None:
    with pytest.raises(ValidationError):
        services.session_create(actor=builder, neighbourhood=areas.neighbourhood, held_on=DAY)


def test_staff_of_another_area_cannot_create_a_scan(areas: Any, other_professional: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.session_create(
            actor=other_professional, neighbourhood=areas.neighbourhood, held_on=DAY
        )


def test_a_participant_only_fills_in_their_own_scores(scan: Any, builder: Any, areas: Any) -> None:
    one = make_user(Role.VOLUNTEER, areas.neighbourhood, email="een@example.org")
    two = make_user(Role.VOLUNTEER, areas.neighbourhood, email="twee@example.org")
    p1 = services.participant_add(
        actor=builder, session=scan, kind=ParticipantKind.KEY_FIGURE, email="een@example.org"
    )
    services.participant_add(
        actor=builder, session=scan, kind=ParticipantKind.KEY_FIGURE, email="TWEE@example.org"
    )
    with pytest.raises(PermissionDenied):
        services.scores_save(actor=two, participant=p1, scores={"1.1": (3, "")})
    # Staff type in scores for guests only, not for someone with an account.
    with pytest.raises(PermissionDenied):
        services.scores_save(actor=builder, participant=p1, scores={"1.1": (3, "")})
    services.scores_save(actor=one, participant=p1, scores={"1.1": (3, "")})
    assert Score.objects.get(participant=p1).value == 3


def test_participant_by_unknown_email_is_refused(scan: Any, builder: Any) -> None:
    with pytest.raises(ValidationError):
        services.participant_add(
            actor=builder, session=scan, kind=ParticipantKind.RESIDENT, email="niemand@example.org"
        )


# --- pages --------------------------------------------------------------------------------


def test_coordinator_creates_a_scan_adds_people_and_sees_results(
    as_user: Any, areas: Any, coordinator: Any, volunteer: Any
) -> None:
    client = as_user(coordinator)
    page = client.get(reverse("scan:neighbourhood", args=[areas.neighbourhood.code]))
    assert page.status_code == 200
    assert "Nieuwe scan" in page.content.decode()
    response = client.post(
        reverse("scan:session_create", args=[areas.neighbourhood.code]),
        {"held_on": "2026-11-02", "title": "Werksessie"},
    )
    session = areas.neighbourhood.scan_sessions.get()
    assert response.status_code == 302
    add = reverse("scan:participant_add", args=[session.pk])
    assert client.post(add, {"kind": "key_figure", "email": volunteer.email}).status_code == 302
    assert client.post(add, {"kind": "resident", "guest_name": "Gerda"}).status_code == 302
    guest = session.participants.get(guest_name="Gerda")
    fill = reverse("scan:fill_in", args=[guest.pk])
    assert (
        client.post(fill, {"score_1_1": "4", "comment_1_1": "Mooi buurtfeest"}).status_code == 302
    )
    page = client.get(session.get_absolute_url()).content.decode()
    assert "Resultaten per kenmerk" in page
    assert "Mooi buurtfeest" in page
    assert "een bewoner" in page
    assert "<svg" in page and "Gemiddelde" in page


def test_bad_input_reshows_the_form_in_dutch(as_user: Any, scan: Any, builder: Any) -> None:
    guest = add_guest(scan, builder, "Gerda")
    client = as_user(builder)
    fill = reverse("scan:fill_in", args=[guest.pk])
    response = client.post(fill, {"score_1_1": "9"})
    assert response.status_code == 200
    assert "Er klopt nog iets niet" in response.content.decode()
    response = client.post(fill, {"comment_1_2": "Alleen commentaar"})
    assert response.status_code == 200
    assert Score.objects.count() == 0
    add = reverse("scan:participant_add", args=[scan.pk])
    response = client.post(add, {"kind": "resident"})
    assert response.status_code == 200
    assert "Vul een e-mailadres of een naam in." in response.content.decode()
    response = client.post(
        reverse("scan:session_create", args=[scan.neighbourhood.code]), {"held_on": "2026-11-02"}
    )
    assert response.status_code == 200
    assert "Deze buurt heeft al een scan op deze datum." in response.content.decode()


def test_volunteer_fills_in_own_scores_without_javascript(
    client: Any, as_user: Any, scan: Any, builder: Any, volunteer: Any
) -> None:
    me = services.participant_add(
        actor=builder, session=scan, kind=ParticipantKind.KEY_FIGURE, email=volunteer.email
    )
    client = as_user(volunteer)
    assert "Vul je scores in" in client.get(reverse("scan:index")).content.decode()
    fill = reverse("scan:fill_in", args=[me.pk])
    response = client.post(fill, {"score_2_2": "?", "comment_2_2": "Geen idee"})
    assert response.status_code == 302
    score = Score.objects.get(participant=me)
    assert score.value is None and score.comment == "Geen idee"
    # A volunteer does not see the results of the scan.
    assert client.get(scan.get_absolute_url()).status_code == 403


@pytest.mark.parametrize("who", ["other_professional", "resident_user", "analyst"])
def test_others_are_refused(request: Any, as_user: Any, scan: Any, builder: Any, who: str) -> None:
    if who == "resident_user":
        user = request.getfixturevalue("resident").user
    else:
        user = request.getfixturevalue(who)
    guest = add_guest(scan, builder, "Gerda")
    client = as_user(user)
    code = scan.neighbourhood.code
    for url in (
        reverse("scan:neighbourhood", args=[code]),
        reverse("scan:session_create", args=[code]),
        scan.get_absolute_url(),
        reverse("scan:participant_add", args=[scan.pk]),
        reverse("scan:fill_in", args=[guest.pk]),
        reverse("scan:dna", args=[code]),
        reverse("scan:dna_edit", args=[code]),
        reverse("scan:dna_history", args=[code]),
    ):
        assert client.get(url).status_code == 403, url


def test_logged_out_visitors_go_to_login(client: Any, scan: Any) -> None:
    response = client.get(scan.get_absolute_url())
    assert response.status_code == 302
    assert "inloggen" in response["Location"]
