"""The support network: the person keeps it, others only with consent (and logged); the
circle map and its table show the same people; a small network gets a kind hint."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from tests.conftest import login
from tests.support.conftest import network_consent

from omzien.core.models import AuditEntry
from omzien.people.services import consent_revoke
from omzien.support import selectors, services
from omzien.support.models import ContactFrequency, NetworkMember, Relation

pytestmark = pytest.mark.django_db


def add(person: Any, actor: Any, name: str, frequency: str, **extra: Any) -> NetworkMember:
    return services.network_member_save(
        actor=actor,
        person=person,
        name=name,
        relation=extra.pop("relation", Relation.FRIEND),
        frequency=frequency,
        **extra,
    )


def network_url(person: Any) -> str:
    return f"/ondersteuning/{person.pk}/netwerk/"


def test_a_resident_adds_people_through_the_form(client: Any, resident: Any) -> None:
    login(client, resident.user)
    response = client.get("/ondersteuning/mijn-netwerk/")
    assert response.status_code == 302 and response["Location"] == network_url(resident)
    response = client.post(
        f"{network_url(resident)}nieuw/",
        {
            "name": "Els",
            "relation": "family",
            "description": "mijn zus",
            "frequency": "weekly",
            "call_when_less_well": "on",
            "phone": "06 12345678",
        },
    )
    assert response.status_code == 302
    member = NetworkMember.objects.get(person=resident)
    assert (member.name, member.frequency, member.call_when_less_well) == ("Els", "weekly", True)
    # Nobody else looked, so nothing is logged for the person's own work.
    assert not AuditEntry.objects.filter(category="network").exists()


def test_bad_input_re_shows_the_form_with_dutch_errors(client: Any, resident: Any) -> None:
    login(client, resident.user)
    response = client.post(
        f"{network_url(resident)}nieuw/",
        {"name": "", "relation": "family", "frequency": "hourly", "phone": "bel me"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dit veld is verplicht" in page
    assert "Vul een telefoonnummer in met cijfers" in page
    assert "is geen beschikbare keuze" in page
    assert not NetworkMember.objects.exists()


def test_linking_an_account_by_e_mail(client: Any, resident: Any, other_resident: Any) -> None:
    member = add(
        resident, resident.user, "Bram", ContactFrequency.WEEKLY, account_email="BRAM@example.org"
    )
    assert member.user == other_resident.user
    with pytest.raises(ValidationError) as error:
        add(resident, resident.user, "Niemand", "weekly", account_email="nobody@example.org")
    assert "account_email" in error.value.error_dict
    with pytest.raises(ValidationError):
        add(resident, resident.user, "Ik", "weekly", account_email="anna@example.org")


def test_the_circle_map_and_the_table_show_the_same_people(client: Any, resident: Any) -> None:
    members = [
        add(resident, resident.user, "Els", ContactFrequency.DAILY, call_when_less_well=True),
        add(resident, resident.user, "Mo <b>", ContactFrequency.WEEKLY),
        add(resident, resident.user, "Karin", ContactFrequency.MONTHLY),
        add(resident, resident.user, "Opa Jan", ContactFrequency.LESS),
    ]
    login(client, resident.user)
    page = client.get(network_url(resident)).content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    table = page[page.index('<table id="network-table"') : page.index("</table>")]
    assert 'role="img"' in svg and 'aria-labelledby="map-title map-desc"' in svg
    assert "Mo &lt;b&gt;" in svg and "<b>" not in svg  # names are escaped
    # Coordinates are plain numbers, never a Dutch decimal comma.
    coordinates = re.findall(r' (?:cx|cy|x|y)="([^"]*)"', svg)
    assert coordinates and all(re.fullmatch(r"-?\d+(\.\d+)?", c) for c in coordinates)
    for member in members:
        assert f'data-member="{member.pk}"' in svg
        assert f'data-member="{member.pk}"' in table
    # Same people, same order (inner ring first) in map and table.
    assert re.findall(r'data-member="(\d+)"', svg) == re.findall(r'data-member="(\d+)"', table)
    # The description names every ring and everyone in it.
    desc = svg[svg.index("<desc") : svg.index("</desc>")]
    assert "Elke dag: Els." in desc and "Minder vaak: Opa Jan." in desc
    # Four people with at least monthly contact (3): no hint about a small network.
    assert "Wil je meer mensen om je heen?" not in page


def test_a_small_network_gets_a_kind_hint(client: Any, resident: Any) -> None:
    add(resident, resident.user, "Els", ContactFrequency.WEEKLY)
    add(resident, resident.user, "Karin", ContactFrequency.MONTHLY)
    add(resident, resident.user, "Oom Piet", ContactFrequency.LESS)  # does not count
    network = selectors.person_network(viewer=resident.user, person=resident)
    assert network.regular_count == 2 and network.is_small
    login(client, resident.user)
    page = client.get(network_url(resident)).content.decode()
    assert "Wil je meer mensen om je heen?" in page
    assert "/activiteiten/" in page
    add(resident, resident.user, "Mo", ContactFrequency.DAILY)
    page = client.get(network_url(resident)).content.decode()
    assert "Wil je meer mensen om je heen?" not in page


def test_others_see_the_network_only_with_consent_and_every_view_is_logged(
    client: Any, resident: Any, professional: Any, other_resident: Any, volunteer: Any
) -> None:
    add(resident, resident.user, "Els", ContactFrequency.WEEKLY)
    # Staff of the area without consent, another resident and a volunteer: refused.
    for user in (professional, other_resident.user, volunteer):
        login(client, user)
        assert client.get(network_url(resident)).status_code == 403
        assert client.get(f"{network_url(resident)}nieuw/").status_code == 403
    assert not AuditEntry.objects.filter(category="network").exists()
    given = network_consent(resident, professional)
    login(client, professional)
    page = client.get(network_url(resident)).content.decode()
    assert "Els" in page and "Dit wordt vastgelegd" in page
    entry = AuditEntry.objects.get(category="network")
    assert (entry.actor, entry.action, entry.purpose) == (professional, "read", "support")
    assert (entry.subject_type, entry.subject_id) == ("people.person", resident.pk)
    client.get(network_url(resident))
    assert AuditEntry.objects.filter(category="network", action="read").count() == 2
    # Withdrawn: refused again.
    consent_revoke(actor=resident.user, consent=given)
    assert client.get(network_url(resident)).status_code == 403


def test_staff_with_consent_keep_the_network_up_to_date(
    client: Any, registered_person: Any, professional: Any, other_professional: Any
) -> None:
    with pytest.raises(PermissionDenied):
        add(registered_person, professional, "Els", ContactFrequency.WEEKLY)
    network_consent(registered_person, professional)
    login(client, professional)
    response = client.post(
        f"{network_url(registered_person)}nieuw/",
        {"name": "Buurman Ger", "relation": "neighbour", "frequency": "daily"},
    )
    assert response.status_code == 302
    member = NetworkMember.objects.get(person=registered_person)
    writes = AuditEntry.objects.filter(category="network", action="write", actor=professional)
    assert writes.count() == 1
    assert client.get(f"{network_url(registered_person)}{member.pk}/").status_code == 200
    assert AuditEntry.objects.filter(
        category="network", action="read", actor=professional, detail=f"network member {member.pk}"
    ).exists()
    response = client.post(
        f"{network_url(registered_person)}{member.pk}/",
        {"name": "Buurman Gerrit", "relation": "neighbour", "frequency": "weekly"},
    )
    member.refresh_from_db()
    assert (member.name, member.frequency) == ("Buurman Gerrit", "weekly")
    # A professional elsewhere, without consent, cannot change or remove them.
    login(client, other_professional)
    assert client.post(f"{network_url(registered_person)}{member.pk}/", {}).status_code == 403
    assert (
        client.post(f"{network_url(registered_person)}{member.pk}/verwijderen/").status_code == 403
    )
    login(client, professional)
    client.post(f"{network_url(registered_person)}{member.pk}/verwijderen/")
    assert not NetworkMember.objects.exists()
    assert writes.count() == 3  # added, changed, removed


def test_a_member_of_someone_else_is_not_found(client: Any, resident: Any, other_resident: Any):
    theirs = add(other_resident, other_resident.user, "Karin", ContactFrequency.WEEKLY)
    login(client, resident.user)
    assert client.get(f"{network_url(resident)}{theirs.pk}/").status_code == 404
    assert client.get("/ondersteuning/999999/netwerk/").status_code == 404


def test_the_person_detail_page_links_the_network_for_those_with_consent(
    client: Any, resident: Any, professional: Any
) -> None:
    login(client, professional)
    page = client.get(f"/bewoners/{resident.pk}/").content.decode()
    assert network_url(resident) not in page
    network_consent(resident, professional)
    page = client.get(f"/bewoners/{resident.pk}/").content.decode()
    assert network_url(resident) in page


def test_the_network_page_does_not_query_per_person(
    client: Any, resident: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(12):
        add(resident, resident.user, f"Buur {n}", ContactFrequency.values[n % 4])
    login(client, resident.user)
    client.get(network_url(resident))  # warm up the session
    with django_assert_max_num_queries(10):
        response = client.get(network_url(resident))
    assert response.content.decode().count("<tr data-member=") == 12
