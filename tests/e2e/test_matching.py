"""Matching in a browser: a resident (on a phone) posts an offer; a professional sees the
suggestions with reasons and introduces them; both say yes; only then the contact details
appear. Every page is checked with axe-core."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, expect
from tests.conftest import make_user
from tests.e2e.conftest import assert_accessible, log_in
from tests.factories import PASSWORD

from omzien.accounts.models import Role
from omzien.matching import services
from omzien.matching.models import Listing, Match, MatchState
from omzien.people.models import Term
from omzien.people.services import person_signup


def test_offer_suggestion_introduction_and_both_yes(
    browser: Browser, live_server: Any, transactional_db: Any, areas: Any
) -> None:
    garden = Term.objects.filter(label_nl="Tuinieren").first() or Term.objects.create(
        slug="e2e-tuin", label_nl="Tuinieren", label_en="Gardening"
    )
    anna = person_signup(
        email="anna@example.org",
        password=PASSWORD,
        first_name="Anna",
        neighbourhood=areas.neighbourhood,
    )
    anna.phone = "06-11112222"
    anna.save()
    bram = person_signup(
        email="bram@example.org",
        password=PASSWORD,
        first_name="Bram",
        neighbourhood=areas.neighbourhood,
    )
    bram.phone = "06-33334444"
    bram.save()
    request = services.listing_save(
        actor=anna.user,
        listing=Listing(kind="request", owner=anna, title="Hulp in mijn tuin"),
        terms=[garden.pk],
    )
    professional = make_user(Role.PROFESSIONAL, areas.district, display_name="Pim Pro")

    phone = browser.new_context(
        viewport={"width": 375, "height": 740}, locale="nl-NL", is_mobile=True
    )
    desk = browser.new_context(locale="nl-NL")
    try:
        # Bram offers help, on his phone.
        page = phone.new_page()
        log_in(page, live_server, bram.user)
        page.get_by_role("link", name="Vragen en bieden").first.click()
        assert_accessible(page)
        expect(page.get_by_text("Hulp in mijn tuin")).to_be_visible()
        page.get_by_role("link", name="Ik bied iets").click()
        assert_accessible(page)
        page.get_by_label("Kort: waar gaat het over?").fill("Ik help graag in de tuin")
        page.get_by_label("Tuinieren", exact=True).check()
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_text("Dank je! Je buren kunnen het nu zien.")).to_be_visible()
        assert_accessible(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        offer = Listing.objects.get(kind="offer")

        # The professional sees the suggestion with its reason and introduces them.
        pro = desk.new_page()
        log_in(pro, live_server, professional)
        pro.goto(f"{live_server.url}/samen/{request.pk}/")
        assert_accessible(pro)
        pro.get_by_role("link", name="Suggesties").click()
        assert_accessible(pro)
        expect(pro.get_by_text("Ik help graag in de tuin")).to_be_visible()
        expect(pro.get_by_text("Tuinieren").first).to_be_visible()
        pro.get_by_role("button", name="Voorstellen: Ik help graag in de tuin").click()
        expect(pro.get_by_text("Voorgesteld. Allebei kunnen nu ja of nee zeggen.")).to_be_visible()
        assert_accessible(pro)
        match = Match.objects.get(request=request, offer=offer)
        assert match.state == MatchState.INTRODUCED

        # Bram says yes: Anna's number is not shown yet.
        page.goto(f"{live_server.url}/samen/match/{match.pk}/")
        assert_accessible(page)
        page.get_by_role("button", name="Ja, dat wil ik graag").click()
        expect(page.get_by_text("Je zei ja.")).to_be_visible()
        expect(page.get_by_text("06-11112222")).to_have_count(0)
        assert_accessible(page)

        # Anna says yes too: now both see each other's contact details.
        anna_page = desk.new_page()
        anna_page.context.clear_cookies()
        log_in(anna_page, live_server, anna.user)
        anna_page.goto(f"{live_server.url}/samen/match/{match.pk}/")
        expect(anna_page.get_by_text("06-33334444")).to_have_count(0)
        anna_page.get_by_role("button", name="Ja, dat wil ik graag").click()
        expect(anna_page.get_by_text("06-33334444")).to_be_visible()
        assert_accessible(anna_page)
        page.reload()
        expect(page.get_by_text("06-11112222")).to_be_visible()
        assert_accessible(page)
        match.refresh_from_db()
        assert match.state == MatchState.ACCEPTED
    finally:
        phone.close()
        desk.close()
