"""Each role logs in, visits every page it may use, and every page passes axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from tests.e2e.conftest import assert_accessible, log_in, visit
from tests.factories import PersonFactory

from omzien.accounts.models import Role, User
from omzien.accounts.services import role_assign, totp_device_create
from omzien.people import services
from omzien.people.models import ConsentCategory

PUBLIC_PAGES = [
    "/",
    "/aanmelden/",
    "/account/inloggen/",
    "/account/wachtwoord/vergeten/",
    "/buurten/",
    "/buurten/BU03630101/",
    "/privacy/",
    "/toegankelijkheid/",
]


def test_public_pages(page: Page, live_server, areas) -> None:
    for path in PUBLIC_PAGES:
        visit(page, live_server, path)
    visit(page, live_server, "/bestaat-niet/", status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("We kunnen deze pagina niet vinden")


@pytest.fixture
def world(areas, resident, registered_person, professional, coordinator, volunteer, analyst):
    PersonFactory.create_batch(6, neighbourhood=areas.neighbourhood)
    services.consent_grant(
        actor=resident.user,
        person=resident,
        category=ConsentCategory.CONTACT,
        purpose="support",
        grantee_role=Role.PROFESSIONAL,
    )
    services.consent_grant(
        actor=resident.user,
        person=resident,
        category=ConsentCategory.NOTES,
        purpose="support",
        grantee_user=professional,
    )
    services.consent_grant(
        actor=resident.user,
        person=resident,
        category=ConsentCategory.CONTACT,
        purpose="activities",
        grantee_user=volunteer,
    )
    admin = User.objects.create_superuser("beheer@example.org", "a-long-test-password-42")
    role_assign(user=admin, role=Role.ADMIN, area=areas.municipality)
    totp_device_create(user=admin, confirmed=True)
    return {
        "resident": resident.user,
        "volunteer": volunteer,
        "professional": professional,
        "coordinator": coordinator,
        "analyst": analyst,
        "admin": admin,
        "person": resident,
        "registered": registered_person,
    }


def _pages_for(role: str, world: dict) -> list[str]:
    person, registered = world["person"], world["registered"]
    return {
        "resident": [
            "/mijn/profiel/",
            "/mijn/profiel/wijzigen/",
            "/mijn/contact/",
            "/mijn/toestemmingen/",
            "/mijn/inzage/",
            "/mijn/gegevens/",
            "/account/tokens/",
        ],
        "volunteer": ["/bewoners/", f"/bewoners/{person.pk}/"],
        "professional": [
            "/bewoners/",
            "/bewoners/nieuw/",
            f"/bewoners/{person.pk}/",
            f"/bewoners/{registered.pk}/",
            f"/bewoners/{registered.pk}/wijzigen/",
            f"/bewoners/{registered.pk}/toestemming/",
        ],
        "coordinator": [
            "/bewoners/",
            f"/bewoners/{person.pk}/",
            f"/bewoners/{person.pk}/wissen/",
            "/logboek/",
            "/cijfers/",
        ],
        "analyst": ["/cijfers/"],
        "admin": ["/account/tokens/"],
    }[role]


@pytest.mark.parametrize(
    "role", ["resident", "volunteer", "professional", "coordinator", "analyst", "admin"]
)
def test_role_reaches_home_and_every_page_is_accessible(
    page: Page, live_server, world, role
) -> None:
    log_in(page, live_server, world[role])
    assert_accessible(page)
    # Every item in the role's menu opens and passes axe.
    menu_links = page.locator("nav.main-nav a")
    hrefs = [menu_links.nth(i).get_attribute("href") for i in range(menu_links.count())]
    assert hrefs, "a logged-in user has a menu"
    for path in dict.fromkeys([*hrefs, *_pages_for(role, world)]):
        visit(page, live_server, path)


def test_analyst_is_refused_person_pages(page: Page, live_server, world) -> None:
    log_in(page, live_server, world["analyst"])
    visit(page, live_server, f"/bewoners/{world['person'].pk}/", status=403)
    expect(page.get_by_role("heading", level=1)).to_have_text("Je mag deze pagina niet zien")
