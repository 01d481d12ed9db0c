"""The warm welcome: referring someone, the hosts' heads-up, the first visit and its
follow-up — who may do what, what is logged, and what the e-mail leaves out."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult
from tests.conftest import login, make_user
from tests.welcome.conftest import OWN_WORDS, Lunch, consent_attendance

from omzien.accounts.models import Role
from omzien.activities import services as activity_services
from omzien.activities.models import Attendance
from omzien.core.models import AuditAction, AuditEntry
from omzien.people.models import Consent, ConsentCategory, ConsentMethod, ConsentPurpose
from omzien.people.services import person_erase
from omzien.welcome import services, tasks
from omzien.welcome.models import (
    Contribution,
    ContributionKind,
    FirstVisit,
    FollowUp,
    FollowUpOutcome,
    Referral,
    ReferrerRole,
)


def _refer(lunch: Lunch, user: Any, week: int = 0, **kwargs: Any) -> Referral:
    return services.referral_create(
        user=user,
        person=kwargs.pop("person", lunch.newcomer),
        session=lunch.sessions[week],
        own_words=kwargs.pop("own_words", OWN_WORDS),
        person_agreed=kwargs.pop("person_agreed", True),
        agreed_method=kwargs.pop("agreed_method", ConsentMethod.SPOKEN),
    )


def _heads_up_reads(referral: Referral) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.about("people.person", referral.person_id).filter(
            action=AuditAction.READ, category="welcome"
        )
    )


# --- who may refer ------------------------------------------------------------------------


def test_a_professional_refers_and_the_activitys_welcomer_is_assigned(
    lunch: Lunch, professional: Any
) -> None:
    referral = _refer(lunch, professional)
    assert referral.activity == lunch.activity
    assert referral.referrer_role == ReferrerRole.PROFESSIONAL
    assert referral.welcomer == lunch.welcomer_person
    assert referral.agreed_on == datetime.date(2026, 8, 31)
    assert AuditEntry.objects.about("people.person", lunch.newcomer.pk).get().action == "write"


def test_a_buddy_with_the_persons_consent_may_refer(lunch: Lunch, volunteer: Any) -> None:
    with pytest.raises(PermissionDenied):
        _refer(lunch, volunteer)
    Consent.objects.create(
        person=lunch.newcomer,
        category=ConsentCategory.CONTACT,
        purpose=ConsentPurpose.SUPPORT,
        grantee_user=volunteer,
        method=ConsentMethod.SPOKEN,
    )
    assert _refer(lunch, volunteer).referrer_role == ReferrerRole.BUDDY


def test_someone_who_may_not_see_the_person_cannot_refer_them(
    lunch: Lunch, other_professional: Any, volunteer: Any, client: Client
) -> None:
    # A role consent for all volunteers is not a personal yes to this buddy.
    consent_attendance(lunch.newcomer)
    for outsider in (other_professional, volunteer, lunch.host):
        with pytest.raises(PermissionDenied):
            _refer(lunch, outsider)
        login(client, outsider)
        assert client.get("/welkom/verwijzen/").status_code == 404
    assert not Referral.objects.exists()


def test_the_form_only_offers_people_the_user_may_refer(
    lunch: Lunch, professional: Any, client: Client, areas: Any
) -> None:
    from tests.factories import PersonFactory

    far_away = PersonFactory(neighbourhood=areas.elsewhere, first_name="Zeno")
    login(client, professional)
    page = client.get("/welkom/verwijzen/").content.decode()
    assert "Noor" in page and "Zeno" not in page
    response = client.post(
        "/welkom/verwijzen/",
        {
            "person": far_away.pk,
            "session": lunch.sessions[0].pk,
            "own_words": OWN_WORDS,
            "person_agreed": "on",
            "agreed_method": "spoken",
        },
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Referral.objects.exists()


def test_without_the_persons_yes_nothing_is_saved(
    lunch: Lunch, professional: Any, client: Client
) -> None:
    with pytest.raises(ValidationError) as error:
        _refer(lunch, professional, person_agreed=False, own_words="  ")
    assert set(error.value.message_dict) == {"person_agreed", "own_words"}
    login(client, professional)
    response = client.post(
        "/welkom/verwijzen/",
        {"person": lunch.newcomer.pk, "session": lunch.sessions[0].pk, "own_words": OWN_WORDS},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Verwijs iemand alleen als diegene dat goed vindt." in page
    assert not Referral.objects.exists()


def test_the_form_warns_not_to_write_a_diagnosis(professional: Any, lunch: Lunch, client: Client):
    login(client, professional)
    page = client.get(f"/welkom/verwijzen/?persoon={lunch.newcomer.pk}").content.decode()
    assert "Schrijf nooit een ziekte, diagnose of zorglabel op." in page
    assert "diagnos" not in " ".join(f.name for f in Referral._meta.get_fields())


def test_a_past_or_cancelled_session_cannot_be_chosen(
    lunch: Lunch, professional: Any, time_machine: Any
) -> None:
    activity_services.session_cancel(user=lunch.coordinator, session=lunch.sessions[1])
    with pytest.raises(ValidationError):
        _refer(lunch, professional, week=1)
    time_machine.move_to(lunch.sessions[0].ends_at, tick=False)
    with pytest.raises(ValidationError):
        _refer(lunch, professional, week=0)


# --- the heads-up -------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_hosts_get_a_mail_with_a_link_but_not_the_persons_words(
    lunch: Lunch, professional: Any
) -> None:
    referral = _refer(lunch, professional)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted([lunch.host.email, lunch.welcomer.email])
    assert f"/welkom/verwijzing/{referral.pk}/" in message.body
    assert "Open lunch De Linde" in message.subject
    for secret in (OWN_WORDS, "verlegen", "Noor", lunch.newcomer.last_name):
        assert secret not in message.body and secret not in message.subject


@pytest.mark.django_db(transaction=True)
def test_no_mail_when_the_referral_is_refused(lunch: Lunch, professional: Any) -> None:
    with pytest.raises(ValidationError):
        _refer(lunch, professional, person_agreed=False)
    assert mail.outbox == []


def test_the_host_reads_the_heads_up_and_that_is_logged(
    lunch: Lunch, professional: Any, client: Client
) -> None:
    referral = _refer(lunch, professional)
    login(client, lunch.host)
    page = client.get(f"/welkom/verwijzing/{referral.pk}/").content.decode()
    assert "Ik ben een beetje verlegen" in page
    [entry] = _heads_up_reads(referral)
    assert entry.actor == lunch.host
    assert entry.detail == f"heads-up {referral.pk} (page)"


def test_another_host_or_staff_cannot_read_the_heads_up(
    lunch: Lunch, professional: Any, other_host: Any, volunteer: Any, client: Client
) -> None:
    referral = _refer(lunch, professional)
    for outsider in (other_host, volunteer, lunch.coordinator):
        login(client, outsider)
        assert client.get(f"/welkom/verwijzing/{referral.pk}/").status_code == 403
        assert client.post(f"/welkom/verwijzing/{referral.pk}/", {}).status_code == 403
        assert OWN_WORDS not in client.get("/welkom/verwijzingen/").content.decode()
    assert _heads_up_reads(referral) == []


def test_the_check_in_page_shows_the_heads_up_for_the_first_visit_only(
    lunch: Lunch, professional: Any, client: Client
) -> None:
    referral = _refer(lunch, professional)
    login(client, lunch.host)
    page = client.get(f"/activiteiten/sessie/{lunch.sessions[0].pk}/aanwezig/").content.decode()
    assert "Nieuw vandaag" in page
    assert "Ik ben een beetje verlegen" in page
    assert "Wim Jansen" in page
    [entry] = _heads_up_reads(referral)
    assert entry.detail == f"heads-up {referral.pk} (check-in)"
    later = client.get(f"/activiteiten/sessie/{lunch.sessions[1].pk}/aanwezig/").content.decode()
    assert "verlegen" not in later


def test_staff_checking_people_in_see_the_newcomer_but_not_their_words(
    lunch: Lunch, professional: Any, client: Client
) -> None:
    _refer(lunch, professional)
    login(client, lunch.coordinator)
    page = client.get(f"/activiteiten/sessie/{lunch.sessions[0].pk}/aanwezig/").content.decode()
    assert "Noor is er" in page
    assert "verlegen" not in page


@pytest.mark.django_db(transaction=True)
def test_the_host_chooses_another_welcomer_who_gets_a_mail(
    lunch: Lunch, professional: Any, volunteer: Any, areas: Any, client: Client
) -> None:
    from tests.factories import PersonFactory

    vera = PersonFactory(neighbourhood=areas.neighbourhood, user=volunteer, first_name="Vera")
    referral = _refer(lunch, professional)
    mail.outbox.clear()
    login(client, lunch.welcomer)  # the welcomer may read, not choose
    assert client.post(referral.get_absolute_url(), {"welcomer": vera.pk}).status_code == 403
    login(client, lunch.host)
    response = client.post(referral.get_absolute_url(), {"welcomer": lunch.newcomer.pk})
    assert response.status_code == 200  # the newcomer cannot welcome themself
    response = client.post(referral.get_absolute_url(), {"welcomer": vera.pk})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.welcomer == vera
    assert [m.to for m in mail.outbox] == [[volunteer.email]]
    assert OWN_WORDS not in mail.outbox[0].body
    login(client, volunteer)
    assert client.get(referral.get_absolute_url()).status_code == 200


# --- the first visit and the follow-up -----------------------------------------------------


def test_the_host_checks_the_newcomer_in_without_naming_them(
    lunch: Lunch, professional: Any, client: Client
) -> None:
    referral = _refer(lunch, professional)
    session = lunch.sessions[0]
    login(client, lunch.host)
    response = client.post(f"/welkom/verwijzing/{referral.pk}/gekomen/")
    assert response.status_code == 302
    referral.refresh_from_db()
    session.refresh_from_db()
    assert referral.first_visit == FirstVisit.CAME
    # No consent to be registered by name: counted, not named.
    assert not Attendance.objects.filter(person=lunch.newcomer).exists()
    assert session.head_count == 1
    follow_up = FollowUp.objects.get()
    assert follow_up.user == professional
    assert follow_up.due_at == session.ends_at + datetime.timedelta(days=7)
    welcome = Contribution.objects.get(kind=ContributionKind.WELCOMER)
    assert welcome.person == lunch.welcomer_person
    assert Contribution.objects.get(kind=ContributionKind.HOST).person == lunch.host_person
    # A second tap changes nothing.
    client.post(f"/welkom/verwijzing/{referral.pk}/gekomen/")
    session.refresh_from_db()
    assert session.head_count == 1 and FollowUp.objects.count() == 1


def test_a_named_check_in_marks_the_first_visit_and_the_hosting(
    lunch: Lunch, professional: Any
) -> None:
    consent_attendance(lunch.newcomer)
    referral = _refer(lunch, professional)
    activity_services.attendance_record(
        user=lunch.host, session=lunch.sessions[0], person=lunch.newcomer
    )
    referral.refresh_from_db()
    assert referral.first_visit == FirstVisit.CAME
    assert FollowUp.objects.get().referral == referral
    kinds = sorted(Contribution.objects.values_list("person__first_name", "kind"))
    assert kinds == [("Hanna", "host"), ("Wim", "welcomer")]


def test_others_cannot_check_the_newcomer_in(
    lunch: Lunch, professional: Any, other_host: Any, client: Client
) -> None:
    referral = _refer(lunch, professional)
    for outsider in (other_host, lunch.welcomer):
        login(client, outsider)
        assert client.post(f"/welkom/verwijzing/{referral.pk}/gekomen/").status_code == 403
    referral.refresh_from_db()
    assert referral.first_visit == FirstVisit.WAITING


@pytest.mark.django_db(transaction=True)
def test_follow_ups_for_passed_sessions_are_created_once(
    lunch: Lunch, professional: Any, time_machine: Any
) -> None:
    missed = _refer(lunch, professional, week=0)
    activity_services.session_cancel(user=lunch.coordinator, session=lunch.sessions[2])
    cancelled = services.referral_create(
        user=professional,
        person=lunch.newcomer,
        session=lunch.sessions[3],
        own_words="Ik kom graag.",
        person_agreed=True,
        agreed_method=ConsentMethod.WRITTEN,
    )
    # The cancel came after the referral: move the referral to the cancelled date.
    Referral.objects.filter(pk=cancelled.pk).update(session=lunch.sessions[2])
    mail.outbox.clear()
    time_machine.move_to(lunch.sessions[0].ends_at - datetime.timedelta(minutes=1), tick=False)
    assert services.follow_ups_for_passed_sessions() == 0
    time_machine.move_to(lunch.sessions[2].ends_at, tick=False)
    assert services.follow_ups_for_passed_sessions() == 2
    assert services.follow_ups_for_passed_sessions() == 0
    assert FollowUp.objects.count() == 2
    missed.refresh_from_db()
    cancelled.refresh_from_db()
    assert missed.first_visit == FirstVisit.NOT_SEEN
    assert cancelled.first_visit == FirstVisit.CANCELLED
    assert [m.subject for m in mail.outbox] == ["Hoe was het eerste bezoek?"] * 2
    assert all(OWN_WORDS not in m.body and "Noor" not in m.body for m in mail.outbox)


@pytest.mark.django_db(transaction=True)
def test_the_follow_up_scan_runs_as_a_background_task(
    lunch: Lunch, professional: Any, time_machine: Any
) -> None:
    _refer(lunch, professional)
    time_machine.move_to(lunch.sessions[0].ends_at + datetime.timedelta(hours=1), tick=False)
    call_command("welcome_tick", verbosity=0)
    tasks.follow_ups_create.enqueue()  # twice: still one follow-up
    assert DBTaskResult.objects.count() == 2
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert FollowUp.objects.count() == 1
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_the_referrer_records_how_it_went(
    lunch: Lunch, professional: Any, other_professional: Any, client: Client, time_machine: Any
) -> None:
    referral = _refer(lunch, professional)
    time_machine.move_to(lunch.sessions[0].ends_at, tick=False)
    services.follow_ups_for_passed_sessions()
    follow_up = FollowUp.objects.get(referral=referral)
    for outsider in (other_professional, lunch.host):
        login(client, outsider)
        assert client.get(f"/welkom/navraag/{follow_up.pk}/").status_code == 403
        assert (
            client.post(f"/welkom/navraag/{follow_up.pk}/", {"outcome": "went_well"}).status_code
            == 403
        )
    login(client, professional)
    listing = client.get("/welkom/verwijzingen/").content.decode()
    assert "Hoe was het eerste bezoek van Noor" in listing
    bad = client.post(f"/welkom/navraag/{follow_up.pk}/", {"outcome": "ranking"})
    assert bad.status_code == 200 and "Selecteer een geldige keuze" in bad.content.decode()
    response = client.post(
        f"/welkom/navraag/{follow_up.pk}/",
        {"outcome": FollowUpOutcome.DID_NOT_COME, "note": "Ze was ziek. Ze wil volgende week."},
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.outcome == FollowUpOutcome.DID_NOT_COME
    assert follow_up.note == "Ze was ziek. Ze wil volgende week."
    with pytest.raises(ValidationError):
        services.follow_up_record(
            user=professional, follow_up=follow_up, outcome=FollowUpOutcome.WENT_WELL
        )


def test_erasing_the_person_removes_their_words(lunch: Lunch, professional: Any) -> None:
    _refer(lunch, professional)
    coordinator = make_user(Role.COORDINATOR, lunch.activity.neighbourhood.district.municipality)
    person_erase(actor=coordinator, person=lunch.newcomer)
    assert not Referral.objects.exists()
