from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_public_pages_are_dutch_by_default(client) -> None:
    for url in ["/", "/privacy/", "/toegankelijkheid/", "/account/inloggen/", "/aanmelden/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="nl">' in response.content.decode()
    assert "Een buurt voor iedereen" in client.get("/").content.decode()


def test_browser_language_does_not_override_dutch(client) -> None:
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nl">' in body


def test_language_switch_to_english(client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body and "A neighbourhood for everyone" in body


def test_not_found_page_is_dutch(client) -> None:
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "We kunnen deze pagina niet vinden" in response.content.decode()


def test_navigation_shows_only_what_the_role_may_use(
    client, as_user, resident, coordinator
) -> None:
    as_user(resident.user)
    body = client.get("/start/").content.decode()
    assert 'href="/mijn/profiel/"' in body and 'href="/logboek/"' not in body
    as_user(coordinator)
    body = client.get("/start/").content.decode()
    assert 'href="/logboek/"' in body and 'href="/mijn/profiel/"' not in body


def test_dutch_translation_is_complete() -> None:
    po = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES" / "django.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    header_end = lines.index("")  # the header entry is the only one with an empty msgid
    untranslated = [
        lines[i - 1]
        for i, line in enumerate(lines)
        if i > header_end
        and re.fullmatch(r'msgstr(\[\d\])? ""', line)
        and not (i + 1 < len(lines) and lines[i + 1].startswith('"'))
    ]
    assert not untranslated, untranslated[:5]
    assert not [line for line in lines if line.startswith("#, fuzzy")]
    mo = po.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime - 1


def test_server_error_page_is_dutch(rf) -> None:
    from omzien.core.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Er ging bij ons iets mis" in response.content.decode()


def test_passwords_are_hashed_with_argon2(resident) -> None:
    assert resident.user.password.startswith("argon2")
