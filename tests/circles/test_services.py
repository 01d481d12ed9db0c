"""The rules of a neighbourhood circle: size, dates, status, attendance with consent,
agreements and the closing evaluation. Messages are asserted in Dutch."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from tests.circles.conftest import TODAY, Setup, add_members, consent_attendance
from tests.conftest import make_user
from tests.factories import PersonFactory

from omzien.accounts.models import Role
from omzien.circles import services
from omzien.circles.models import (
    Agreement,
    AgreementStatus,
    Circle,
    CircleStatus,
    Continuation,
    Meeting,
    MeetingAttendance,
    Membership,
    ParticipantAnswer,
)
from omzien.core.models import AuditEntry
from omzien.people.models import ConsentMethod
from omzien.people.services import person_erase


def _messages(error: Any) -> str:
    return " ".join(error.value.messages)


def _meeting(setup: Setup, days: int = 1) -> Meeting:
    return services.meeting_save(
        user=setup.coach,
        meeting=Meeting(
            circle=setup.circle,
            starts_at=timezone.now() + datetime.timedelta(days=days),
            topic="Kennismaken",
            place="Buurthuis",
        ),
    )


# --- size ------------------------------------------------------------------------------------


def test_size_warns_below_eight_and_above_twelve_but_does_not_block(setup: Setup) -> None:
    assert services.size_warning(7) == (
        "Deze cirkel heeft 7 deelnemers. Een cirkel heeft meestal 8 tot 12 deelnemers."
    )
    assert services.size_warning(1).startswith("Deze cirkel heeft 1 deelnemer.")
    assert services.size_warning(8) == ""
    assert services.size_warning(12) == ""
    assert services.size_warning(13) == (
        "Deze cirkel heeft 13 deelnemers. Dat is meer dan gebruikelijk (8 tot 12)."
    )
    # Three participants are allowed: it is only a warning.
    add_members(setup, setup.residents[:3])
    assert setup.circle.memberships.active().count() == 3


def test_a_sixteenth_participant_is_refused(setup: Setup, areas: Any) -> None:
    people = setup.residents + [
        PersonFactory(neighbourhood=areas.sibling, first_name=f"Extra{n}") for n in range(6)
    ]
    add_members(setup, people[:15])
    with pytest.raises(ValidationError) as error:
        add_members(setup, people[15:16])
    assert _messages(error) == (
        "Een buurtcirkel heeft hoogstens 15 deelnemers. Begin liever een tweede cirkel."
    )
    assert setup.circle.memberships.count() == 15
    # Someone stops: there is room again.
    services.membership_end(user=setup.coach, membership=setup.circle.memberships.first())
    add_members(setup, people[15:16])
    assert setup.circle.memberships.active().count() == 15


def test_a_person_is_in_a_circle_only_once(setup: Setup) -> None:
    ans = setup.residents[0]
    add_members(setup, [ans])
    with pytest.raises(ValidationError) as error:
        add_members(setup, [ans])
    assert _messages(error) == "Ans zit al in deze cirkel."
    # Also after stopping: they are still on the list of the circle.
    services.membership_end(user=setup.coach, membership=Membership.objects.get(person=ans))
    with pytest.raises(ValidationError):
        add_members(setup, [ans])
    assert Membership.objects.filter(person=ans).count() == 1


def test_only_residents_of_the_district_take_part(setup: Setup, areas: Any) -> None:
    far = PersonFactory(neighbourhood=areas.elsewhere, first_name="Verre")
    with pytest.raises(ValidationError) as error:
        add_members(setup, [far])
    assert "Alleen bewoners van deze buurt of wijk" in _messages(error)
    # The sibling neighbourhood is in the same district: that is fine.
    add_members(setup, [PersonFactory(neighbourhood=areas.sibling, first_name="Buur")])


def test_the_coach_and_volunteer_are_not_participants(setup: Setup, areas: Any) -> None:
    volunteer_person = PersonFactory(
        neighbourhood=areas.neighbourhood, user=setup.volunteer, first_name="Vera"
    )
    with pytest.raises(ValidationError) as error:
        add_members(setup, [volunteer_person])
    assert "zijn geen deelnemer" in _messages(error)


# --- the circle itself -------------------------------------------------------------------------


def test_the_planned_end_must_be_after_the_start(setup: Setup, areas: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.circle_save(
            user=setup.coach,
            circle=Circle(
                name="Te kort",
                neighbourhood=areas.neighbourhood,
                coach=setup.coach,
                starts_on=TODAY,
                planned_end_on=TODAY,
            ),
        )
    assert error.value.message_dict["planned_end_on"] == [
        "De geplande einddatum moet na de startdatum liggen."
    ]
    assert Circle.objects.count() == 1


def test_a_professional_only_starts_a_circle_they_coach(setup: Setup, areas: Any) -> None:
    other = make_user(Role.PROFESSIONAL, areas.district, display_name="Otto")
    new = Circle(
        name="Nieuwe cirkel",
        neighbourhood=areas.neighbourhood,
        coach=setup.coach,
        starts_on=TODAY,
        planned_end_on=TODAY + datetime.timedelta(days=200),
    )
    with pytest.raises(ValidationError) as error:
        services.circle_save(user=other, circle=new)
    assert "waarvan je zelf de coach bent" in _messages(error)
    # A coordinator may start one for a coach.
    services.circle_save(user=setup.coordinator, circle=new)
    assert new.pk is not None


def test_coach_and_volunteer_must_hold_their_role_in_the_area(setup: Setup, areas: Any) -> None:
    resident_user = make_user(Role.RESIDENT, areas.neighbourhood)
    far_volunteer = make_user(Role.VOLUNTEER, areas.elsewhere)
    circle = setup.circle
    circle.volunteer = far_volunteer
    with pytest.raises(ValidationError) as error:
        services.circle_save(user=setup.coach, circle=circle)
    assert error.value.message_dict["volunteer"] == [
        "De vrijwilliger moet vrijwilliger zijn in deze buurt."
    ]
    circle.refresh_from_db()
    circle.coach = resident_user
    with pytest.raises(ValidationError) as error:
        services.circle_save(user=setup.coordinator, circle=circle)
    assert "professional of coördinator" in _messages(error)


def test_status_goes_forming_running_ended_and_never_back(setup: Setup) -> None:
    with pytest.raises(ValidationError) as error:
        services.circle_start(user=setup.coach, circle=setup.circle)
    assert _messages(error) == "Voeg eerst deelnemers toe voordat de cirkel begint."
    add_members(setup, setup.residents[:8])
    circle = services.circle_start(user=setup.coach, circle=setup.circle)
    assert circle.status == CircleStatus.RUNNING
    with pytest.raises(ValidationError) as error:
        services.circle_start(user=setup.coach, circle=circle)
    assert _messages(error) == "Alleen een cirkel in opbouw kan beginnen."
    services.circle_close(
        user=setup.coach,
        circle=circle,
        went_well="Samen koken.",
        brought="Nieuwe contacten.",
        continues=Continuation.YES,
        coach_summary="Goed gegaan.",
    )
    circle.refresh_from_db()
    assert circle.status == CircleStatus.ENDED and circle.ended_on == TODAY
    for write in (
        lambda: services.circle_start(user=setup.coach, circle=circle),
        lambda: add_members(setup, setup.residents[8:9]),
        lambda: _meeting(setup),
        lambda: services.circle_save(user=setup.coach, circle=circle),
    ):
        with pytest.raises(ValidationError):
            write()


def test_a_meeting_cannot_be_before_the_circle_starts(setup: Setup) -> None:
    with pytest.raises(ValidationError) as error:
        _meeting(setup, days=-3)
    assert error.value.message_dict["starts_at"] == [
        "Een bijeenkomst kan niet voor de start van de cirkel zijn (05-10-2026)."
    ]
    assert not Meeting.objects.exists()


# --- attendance -------------------------------------------------------------------------------


def test_named_attendance_only_with_attendance_consent(setup: Setup) -> None:
    ans, karim, joke = setup.residents[:3]
    consent_attendance(ans)
    add_members(setup, [ans, karim])
    meeting = _meeting(setup)
    services.meeting_attendance_record(user=setup.volunteer, meeting=meeting, person=ans)
    assert MeetingAttendance.objects.filter(meeting=meeting, person=ans).exists()
    entry = AuditEntry.objects.filter(subject_id=ans.pk, category="attendance").first()
    assert entry is not None and entry.action == "write"
    with pytest.raises(ValidationError) as error:
        services.meeting_attendance_record(user=setup.coach, meeting=meeting, person=karim)
    assert _messages(error) == (
        "Karim heeft geen toestemming gegeven om de naam op te schrijven. "
        "Tel deze persoon zonder naam."
    )
    consent_attendance(joke)  # consent, but not in the circle
    with pytest.raises(ValidationError) as error:
        services.meeting_attendance_record(user=setup.coach, meeting=meeting, person=joke)
    assert _messages(error) == "Joke zit niet in deze cirkel."
    # Karim is counted without a name; the count never goes below zero.
    services.meeting_head_count_change(user=setup.coach, meeting=meeting, delta=1)
    services.meeting_head_count_change(user=setup.coach, meeting=meeting, delta=-1)
    meeting = services.meeting_head_count_change(user=setup.coach, meeting=meeting, delta=-1)
    assert meeting.head_count == 0
    assert MeetingAttendance.objects.filter(person=karim).count() == 0


def test_withdrawn_consent_stops_named_attendance(setup: Setup) -> None:
    ans = setup.residents[0]
    consent = consent_attendance(ans)
    add_members(setup, [ans])
    meeting = _meeting(setup)
    consent.revoked_at = timezone.now()
    consent.save()
    with pytest.raises(ValidationError):
        services.meeting_attendance_record(user=setup.coach, meeting=meeting, person=ans)


def test_others_cannot_record_attendance(setup: Setup, areas: Any) -> None:
    ans = setup.residents[0]
    consent_attendance(ans)
    add_members(setup, [ans])
    meeting = _meeting(setup)
    professional = make_user(Role.PROFESSIONAL, areas.district)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.meeting_attendance_record(user=professional, meeting=meeting, person=ans)


# --- agreements ---------------------------------------------------------------------------------


def test_agreements_are_between_participants(setup: Setup) -> None:
    ans, karim, joke = setup.residents[:3]
    add_members(setup, [ans, karim])
    with pytest.raises(ValidationError) as error:
        services.agreement_add(
            user=setup.coach, circle=setup.circle, people=[ans], text="Alleen", made_on=TODAY
        )
    assert _messages(error) == "Een afspraak maak je met minstens twee deelnemers."
    with pytest.raises(ValidationError) as error:
        services.agreement_add(
            user=setup.coach,
            circle=setup.circle,
            people=[ans, joke],
            text="Samen fietsen",
            made_on=TODAY,
        )
    assert _messages(error) == "Kies alleen deelnemers van deze cirkel."
    agreement = services.agreement_add(
        user=setup.volunteer,
        circle=setup.circle,
        people=[ans, karim],
        text="Ans en Karim doen samen boodschappen op vrijdag",
        made_on=TODAY,
    )
    assert agreement.status == AgreementStatus.KEPT
    assert sorted(p.first_name for p in agreement.people.all()) == ["Ans", "Karim"]
    services.agreement_update_status(
        user=setup.coach, agreement=agreement, status=AgreementStatus.CHANGED, note="Nu op zaterdag"
    )
    agreement.refresh_from_db()
    assert agreement.status == "changed" and agreement.status_changed_on == TODAY
    assert agreement.get_status_display() == "gewijzigd"


# --- evaluation ---------------------------------------------------------------------------------


def test_closing_stores_the_evaluation_and_participants_answers(setup: Setup) -> None:
    ans, karim, joke = setup.residents[:3]
    add_members(setup, [ans, karim, joke])
    services.circle_start(user=setup.coach, circle=setup.circle)
    evaluation = services.circle_close(
        user=setup.coach,
        circle=setup.circle,
        went_well="We kennen elkaar nu.",
        brought="Hulp bij boodschappen.",
        continues=Continuation.PARTLY,
        coach_summary="De groep gaat deels zelf verder.",
        answers={
            ans.pk: {"went_well": "De wandelingen", "brought": "", "continues": "yes"},
            karim.pk: {"went_well": "", "brought": "", "continues": ""},  # said nothing
            joke.pk: {"went_well": "", "brought": "Een vriendin", "continues": "unsure"},
        },
    )
    answers = {
        a.person.first_name: a for a in ParticipantAnswer.objects.filter(evaluation=evaluation)
    }
    assert sorted(answers) == ["Ans", "Joke"]
    assert answers["Ans"].went_well == "De wandelingen"
    assert answers["Joke"].get_continues_display() == "weet ik nog niet"
    with pytest.raises(ValidationError) as error:
        services.circle_close(
            user=setup.coach,
            circle=setup.circle,
            went_well="x",
            brought="x",
            continues="yes",
            coach_summary="x",
        )
    assert _messages(error) == "Deze cirkel is al afgerond."


def test_an_empty_evaluation_is_refused_and_nothing_is_saved(setup: Setup) -> None:
    add_members(setup, setup.residents[:2])
    with pytest.raises(ValidationError):
        services.circle_close(
            user=setup.coach,
            circle=setup.circle,
            went_well="",
            brought="",
            continues="",
            coach_summary="",
        )
    setup.circle.refresh_from_db()
    assert setup.circle.status == CircleStatus.FORMING


def test_an_answer_from_someone_outside_the_circle_is_refused(setup: Setup) -> None:
    add_members(setup, setup.residents[:2])
    outsider = setup.residents[5]
    with pytest.raises(ValidationError):
        services.circle_close(
            user=setup.coach,
            circle=setup.circle,
            went_well="a",
            brought="b",
            continues="no",
            coach_summary="c",
            answers={outsider.pk: {"went_well": "Ik was er niet"}},
        )
    setup.circle.refresh_from_db()
    assert setup.circle.status == CircleStatus.FORMING
    assert not ParticipantAnswer.objects.exists()


# --- erasure ------------------------------------------------------------------------------------


def test_erasing_a_person_removes_them_from_circles(setup: Setup) -> None:
    ans, karim = setup.residents[:2]
    consent_attendance(ans)
    add_members(setup, [ans, karim])
    meeting = _meeting(setup)
    services.meeting_attendance_record(user=setup.coach, meeting=meeting, person=ans)
    agreement = services.agreement_add(
        user=setup.coach, circle=setup.circle, people=[ans, karim], text="Samen", made_on=TODAY
    )
    person_erase(actor=setup.coordinator, person=ans)
    assert not Membership.objects.filter(person=ans).exists()
    assert not MeetingAttendance.objects.filter(person=ans).exists()
    assert list(Agreement.objects.get(pk=agreement.pk).people.all()) == [karim]
    assert ConsentMethod.SPOKEN  # the other participant is untouched
    assert Membership.objects.filter(person=karim).exists()


def test_nothing_changes_after_the_circle_ended(setup: Setup) -> None:
    ans, karim = setup.residents[:2]
    consent_attendance(ans)
    add_members(setup, [ans, karim])
    meeting = _meeting(setup)
    agreement = services.agreement_add(
        user=setup.coach, circle=setup.circle, people=[ans, karim], text="Samen", made_on=TODAY
    )
    services.circle_close(
        user=setup.coach,
        circle=setup.circle,
        went_well="a",
        brought="b",
        continues=Continuation.NO,
        coach_summary="c",
    )
    meeting.refresh_from_db()
    agreement.refresh_from_db()
    for write in (
        lambda: services.meeting_attendance_record(user=setup.coach, meeting=meeting, person=ans),
        lambda: services.meeting_head_count_change(user=setup.coach, meeting=meeting, delta=1),
        lambda: services.agreement_update_status(
            user=setup.coach, agreement=agreement, status=AgreementStatus.ENDED
        ),
        lambda: services.membership_end(
            user=setup.coach, membership=Membership.objects.get(person=ans)
        ),
    ):
        with pytest.raises(ValidationError) as error:
            write()
        assert _messages(error) == "Deze cirkel is afgerond. Je kunt niets meer veranderen."
    assert not MeetingAttendance.objects.exists()
