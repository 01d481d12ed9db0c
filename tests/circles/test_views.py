"""The circle pages by role: who may see and change what, "Mijn buurtcirkel", the phone
attendance page, forms with Dutch errors, and the audit log of staff views."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from tests.circles.conftest import TODAY, Setup, add_members, consent_attendance
from tests.conftest import login, make_user
from tests.factories import PersonFactory

from omzien.accounts.models import Role
from omzien.circles import services
from omzien.circles.models import (
    Agreement,
    Circle,
    CircleStatus,
    Evaluation,
    Meeting,
    MeetingAttendance,
    Membership,
)
from omzien.core.models import AuditEntry
from omzien.people.models import Consent, ConsentCategory, ConsentMethod, ConsentPurpose, Person
from omzien.people.services import person_signup


def _participant(setup: Setup, areas: Any, first_name: str, email: str) -> Person:
    person = person_signup(
        email=email,
        password="a-long-test-password-42",
        first_name=first_name,
        last_name="Achternaam",
        neighbourhood=areas.neighbourhood,
    )
    return person


def _meeting(setup: Setup) -> Meeting:
    return services.meeting_save(
        user=setup.coach,
        meeting=Meeting(
            circle=setup.circle,
            starts_at=timezone.now() + datetime.timedelta(hours=2),
            topic="Samen koken",
            place="Buurthuis De Linde",
        ),
    )


@pytest.fixture
def full(setup: Setup, areas: Any) -> dict[str, Any]:
    """Nine participants (Ans with a login), a meeting, agreements, and a second circle
    elsewhere with its own coach and participant."""
    ans = _participant(setup, areas, "Ans", "ans@example.org")
    consent_attendance(ans)
    for person in setup.residents[:4]:
        consent_attendance(person)
    add_members(setup, [ans, *setup.residents[:8]])
    meeting = _meeting(setup)
    karim = setup.residents[1]
    joke, mehmet = setup.residents[2], setup.residents[3]
    services.agreement_add(
        user=setup.coach,
        circle=setup.circle,
        people=[ans, karim],
        text="Ans en Karim doen samen boodschappen op vrijdag",
        made_on=TODAY,
    )
    services.agreement_add(
        user=setup.coach,
        circle=setup.circle,
        people=[joke, mehmet],
        text="Joke helpt Mehmet met zijn tuin",
        made_on=TODAY,
    )
    other_coach = make_user(Role.PROFESSIONAL, areas.other_district, display_name="Olga Elders")
    other = services.circle_save(
        user=other_coach,
        circle=Circle(
            name="Buurtcirkel Haven",
            neighbourhood=areas.elsewhere,
            coach=other_coach,
            starts_on=TODAY,
            planned_end_on=TODAY + datetime.timedelta(days=300),
        ),
    )
    outsider = person_signup(
        email="piet@example.org",
        password="a-long-test-password-42",
        first_name="Piet",
        neighbourhood=areas.elsewhere,
    )
    services.membership_add(
        user=other_coach, circle=other, person=outsider, agreed_how=ConsentMethod.SPOKEN
    )
    return {
        "ans": ans,
        "meeting": meeting,
        "other": other,
        "other_coach": other_coach,
        "outsider": outsider,
    }


def _staff_urls(setup: Setup, full: dict[str, Any]) -> list[str]:
    pk = setup.circle.pk
    agreement = Agreement.objects.filter(circle=setup.circle).first()
    assert agreement is not None
    return [
        f"/buurtcirkels/{pk}/",
        f"/buurtcirkels/{pk}/bewerken/",
        f"/buurtcirkels/{pk}/deelnemers/nieuw/",
        f"/buurtcirkels/{pk}/bijeenkomsten/nieuw/",
        f"/buurtcirkels/bijeenkomst/{full['meeting'].pk}/aanwezig/",
        f"/buurtcirkels/{pk}/afspraken/nieuw/",
        f"/buurtcirkels/afspraak/{agreement.pk}/",
        f"/buurtcirkels/{pk}/afsluiten/",
    ]


def test_coach_volunteer_and_coordinator_open_every_staff_page(
    setup: Setup, full: dict[str, Any], client: Client
) -> None:
    for user in (setup.coach, setup.volunteer, setup.coordinator):
        login(client, user)
        for url in _staff_urls(setup, full):
            assert client.get(url).status_code == 200, (user, url)


def test_others_are_refused_every_staff_page(
    setup: Setup, full: dict[str, Any], client: Client, areas: Any, resident: Any
) -> None:
    outsider_user = full["outsider"].user
    professional = make_user(Role.PROFESSIONAL, areas.district, display_name="Niet de coach")
    far_coordinator = make_user(Role.COORDINATOR, areas.other_district)
    refused = {
        "participant of another circle": outsider_user,
        "a resident": resident.user,
        "the coach of another circle": full["other_coach"],
        "a professional of the area who is not the coach": professional,
        "a coordinator of another district": far_coordinator,
        "a participant of this circle": full["ans"].user,
    }
    for who, user in refused.items():
        login(client, user)
        for url in _staff_urls(setup, full):
            assert client.get(url).status_code == 403, (who, url)
        # Writes are refused too, and change nothing.
        response = client.post(
            f"/buurtcirkels/bijeenkomst/{full['meeting'].pk}/aanwezig/",
            {"action": "here", "person": full["ans"].pk},
        )
        assert response.status_code == 403, who
        assert client.post(f"/buurtcirkels/{setup.circle.pk}/starten/").status_code == 403
    assert not MeetingAttendance.objects.exists()
    assert Circle.objects.get(pk=setup.circle.pk).status == CircleStatus.FORMING
    client.logout()
    assert client.get(f"/buurtcirkels/{setup.circle.pk}/").status_code == 302  # log in first


def test_the_list_shows_circles_per_neighbourhood_with_status_and_size(
    setup: Setup, full: dict[str, Any], client: Client, django_assert_max_num_queries: Any
) -> None:
    login(client, setup.coordinator)
    with django_assert_max_num_queries(12):
        page = client.get("/buurtcirkels/").content.decode()
    assert "Bloemhof" in page and "Havenkwartier" in page
    assert "Buurtcirkel Bloemhof" in page and "Buurtcirkel Haven" in page
    assert "In opbouw" in page
    assert "let op de grootte" in page  # Haven has one participant
    assert "Ans" not in page  # no names on the list
    # A coach sees only their own circle.
    login(client, setup.coach)
    page = client.get("/buurtcirkels/").content.decode()
    assert "Buurtcirkel Bloemhof" in page and "Buurtcirkel Haven" not in page
    # A resident has no list.
    login(client, full["ans"].user)
    assert client.get("/buurtcirkels/").status_code == 403


def test_navigation_shows_circles_to_staff_and_my_circle_to_participants(
    setup: Setup, full: dict[str, Any], client: Client, resident: Any
) -> None:
    login(client, setup.volunteer)
    assert 'href="/buurtcirkels/"' in client.get("/start/").content.decode()
    login(client, full["ans"].user)
    page = client.get("/start/").content.decode()
    assert 'href="/buurtcirkels/mijn/"' in page and 'href="/buurtcirkels/"' not in page
    login(client, resident.user)
    page = client.get("/start/").content.decode()
    assert "/buurtcirkels/" not in page


def test_a_participant_sees_their_own_circle(
    setup: Setup, full: dict[str, Any], client: Client, resident: Any
) -> None:
    login(client, full["ans"].user)
    page = client.get("/buurtcirkels/mijn/").content.decode()
    assert "Mijn buurtcirkel" in page
    assert "Buurtcirkel Bloemhof" in page
    assert "Karim" in page and "Joke" in page  # members' first names
    assert "Jansen" not in page  # never their last names
    assert "Samen koken" in page  # the meeting
    assert "Ans en Karim doen samen boodschappen op vrijdag" in page
    assert "Joke helpt Mehmet" not in page  # not her agreement
    assert "Piet" not in page  # not another circle
    assert "Je coach is Carla." in page
    # Someone in no circle, and someone who stopped, have no such page.
    login(client, resident.user)
    assert client.get("/buurtcirkels/mijn/").status_code == 404
    services.membership_end(user=setup.coach, membership=Membership.objects.get(person=full["ans"]))
    login(client, full["ans"].user)
    assert client.get("/buurtcirkels/mijn/").status_code == 404


def test_staff_views_of_participants_are_audit_logged(
    setup: Setup, full: dict[str, Any], client: Client
) -> None:
    before = AuditEntry.objects.count()
    login(client, setup.volunteer)
    client.get(f"/buurtcirkels/{setup.circle.pk}/")
    logged = AuditEntry.objects.filter(
        actor=setup.volunteer, category="circle", action="read"
    ).values_list("subject_id", flat=True)
    assert set(logged) == set(setup.circle.memberships.values_list("person_id", flat=True))
    assert AuditEntry.objects.count() - before == 9
    # The attendance page logs the people it names.
    client.get(f"/buurtcirkels/bijeenkomst/{full['meeting'].pk}/aanwezig/")
    assert (
        AuditEntry.objects.filter(
            actor=setup.volunteer, detail__startswith="attendance meeting"
        ).count()
        == 5
    )


def test_attendance_page_names_only_people_with_consent(
    setup: Setup, full: dict[str, Any], client: Client
) -> None:
    login(client, setup.coach)
    url = f"/buurtcirkels/bijeenkomst/{full['meeting'].pk}/aanwezig/"
    page = client.get(url).content.decode()
    assert "Ans is er" in page and "Karim is er" in page
    assert "Sanne" not in page  # no consent: not named
    assert "4 deelnemers willen niet op naam worden geregistreerd" in page
    response = client.post(url, {"action": "here", "person": full["ans"].pk})
    assert response.status_code == 302
    assert MeetingAttendance.objects.filter(person=full["ans"]).exists()
    assert "Ans is er niet" in client.get(url).content.decode()
    # Someone without consent, by a crafted POST: refused with a Dutch message.
    sanne = Person.objects.get(first_name="Sanne")
    page = client.post(url, {"action": "here", "person": sanne.pk}, follow=True)
    assert "Sanne heeft geen toestemming gegeven" in page.content.decode()
    assert not MeetingAttendance.objects.filter(person=sanne).exists()
    client.post(url, {"action": "count_up"})
    assert Meeting.objects.get(pk=full["meeting"].pk).head_count == 1
    for bad in ("abc", "", "99999"):
        assert client.post(url, {"action": "here", "person": bad}).status_code == 404


def test_create_form_shows_dutch_errors_and_saves_nothing(
    setup: Setup, client: Client, areas: Any
) -> None:
    login(client, setup.coach)
    data = {
        "name": "Buurtcirkel Vogelbuurt",
        "neighbourhood": areas.sibling.pk,
        "goal": "Samen wandelen",
        "coach": setup.coach.pk,
        "starts_on": "2026-11-01",
        "planned_end_on": "2026-10-01",
    }
    response = client.post("/buurtcirkels/nieuw/", data)
    assert response.status_code == 200
    assert "De geplande einddatum moet na de startdatum liggen." in response.content.decode()
    assert Circle.objects.count() == 1
    data["planned_end_on"] = "2027-06-01"
    data["neighbourhood"] = areas.elsewhere.pk  # not an area of this coach
    response = client.post("/buurtcirkels/nieuw/", data)
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    data["neighbourhood"] = areas.sibling.pk
    response = client.post("/buurtcirkels/nieuw/", data)
    circle = Circle.objects.get(name="Buurtcirkel Vogelbuurt")
    assert response.status_code == 302 and response["Location"] == f"/buurtcirkels/{circle.pk}/"
    assert circle.status == CircleStatus.FORMING


def test_adding_participants_warns_about_the_size(setup: Setup, client: Client, areas: Any) -> None:
    login(client, setup.coach)
    url = f"/buurtcirkels/{setup.circle.pk}/deelnemers/nieuw/"
    page = client.get(url).content.decode()
    assert "Ans" in page  # residents of the area are offered
    ans = setup.residents[0]
    response = client.post(url, {"person": ans.pk, "agreed_how": "spoken"}, follow=True)
    page = response.content.decode()
    assert "Ans doet mee in de cirkel." in page
    assert "Deze cirkel heeft 1 deelnemer. Een cirkel heeft meestal 8 tot 12 deelnemers." in page
    # Without saying how they agreed: a Dutch error.
    response = client.post(url, {"person": setup.residents[1].pk})
    assert response.status_code == 200
    assert "Dit veld is verplicht" in response.content.decode()
    assert setup.circle.memberships.count() == 1


def test_an_agreement_and_its_status_through_the_pages(setup: Setup, client: Client) -> None:
    add_members(setup, setup.residents[:3])
    ans, karim, _joke = setup.residents[:3]
    login(client, setup.volunteer)
    url = f"/buurtcirkels/{setup.circle.pk}/afspraken/nieuw/"
    response = client.post(url, {"people": [ans.pk], "text": "Alleen", "made_on": "2026-10-05"})
    assert "Een afspraak maak je met minstens twee deelnemers." in response.content.decode()
    response = client.post(
        url,
        {
            "people": [ans.pk, karim.pk],
            "text": "Ans en Karim doen samen boodschappen op vrijdag",
            "made_on": "2026-10-05",
        },
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    response = client.post(
        f"/buurtcirkels/afspraak/{agreement.pk}/", {"status": "ended", "note": "Karim verhuisd"}
    )
    assert response.status_code == 302
    page = client.get(f"/buurtcirkels/{setup.circle.pk}/").content.decode()
    assert "Gestopt: Karim verhuisd" in page


def test_closing_with_an_evaluation_through_the_page(setup: Setup, client: Client) -> None:
    add_members(setup, setup.residents[:2])
    ans, karim = setup.residents[:2]
    login(client, setup.coach)
    url = f"/buurtcirkels/{setup.circle.pk}/afsluiten/"
    page = client.get(url).content.decode()
    assert "Ans: wat ging goed?" in page and "Karim: ga je verder met de groep?" in page
    response = client.post(url, {"went_well": "", "continues": "yes"})
    assert response.status_code == 200
    assert "Dit veld is verplicht" in response.content.decode()
    assert not Evaluation.objects.exists()
    response = client.post(
        url,
        {
            "went_well": "Samen eten",
            "brought": "Nieuwe vrienden",
            "continues": "partly",
            "coach_summary": "De groep ziet elkaar nog elke maand.",
            f"p{ans.pk}_went_well": "Het koken",
            f"p{ans.pk}_continues": "yes",
            f"p{karim.pk}_brought": "",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "De cirkel is afgesloten. Dank je voor de evaluatie." in page
    assert "Ging goed: Het koken" in page
    assert "Gedeeltelijk" in page
    circle = Circle.objects.get(pk=setup.circle.pk)
    assert circle.status == CircleStatus.ENDED
    # Closed is closed: the form is not offered again.
    response = client.get(url, follow=True)
    assert "Deze cirkel is afgerond. Je kunt niets meer veranderen." in response.content.decode()


def test_a_person_from_another_district_cannot_be_added_by_a_crafted_post(
    setup: Setup, client: Client, areas: Any
) -> None:
    far = PersonFactory(neighbourhood=areas.elsewhere, first_name="Ver")
    login(client, setup.coordinator)
    response = client.post(
        f"/buurtcirkels/{setup.circle.pk}/deelnemers/nieuw/",
        {"person": far.pk, "agreed_how": "spoken"},
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Membership.objects.exists()


def test_the_volunteer_edits_the_goal_but_not_who_leads(
    setup: Setup, client: Client, areas: Any
) -> None:
    login(client, setup.volunteer)
    url = f"/buurtcirkels/{setup.circle.pk}/bewerken/"
    data = {
        "name": "Buurtcirkel Bloemhof",
        "goal": "Samen wandelen en koken.",
        "coach": setup.coach.pk,
        "volunteer": setup.volunteer.pk,
        "starts_on": "2026-10-05",
        "planned_end_on": "2027-10-05",
    }
    assert client.post(url, data).status_code == 302
    assert Circle.objects.get(pk=setup.circle.pk).goal == "Samen wandelen en koken."
    other_coach = make_user(Role.PROFESSIONAL, areas.district, display_name="Otto Ander")
    response = client.post(url, {**data, "coach": other_coach.pk})
    assert response.status_code == 200
    assert (
        "Alleen de coach of een coördinator kan de coach of de vrijwilliger wijzigen."
        in response.content.decode()
    )
    assert Circle.objects.get(pk=setup.circle.pk).coach == setup.coach


def test_a_volunteer_is_only_offered_people_they_may_see(setup: Setup, client: Client) -> None:
    ans, karim = setup.residents[:2]

    Consent.objects.create(
        person=ans,
        category=ConsentCategory.CONTACT,
        purpose=ConsentPurpose.ACTIVITIES,
        grantee_user=setup.volunteer,
        method=ConsentMethod.SPOKEN,
    )
    login(client, setup.volunteer)
    page = client.get(f"/buurtcirkels/{setup.circle.pk}/deelnemers/nieuw/").content.decode()
    assert "Ans Jansen" in page
    assert "Karim" not in page  # no consent to the volunteer: not shown
    response = client.post(
        f"/buurtcirkels/{setup.circle.pk}/deelnemers/nieuw/",
        {"person": karim.pk, "agreed_how": "spoken"},
    )
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Membership.objects.filter(person=karim).exists()
    # The coach works with everyone in the area and sees both.
    login(client, setup.coach)
    page = client.get(f"/buurtcirkels/{setup.circle.pk}/deelnemers/nieuw/").content.decode()
    assert "Ans Jansen" in page and "Karim Jansen" in page
