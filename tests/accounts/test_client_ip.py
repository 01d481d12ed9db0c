from __future__ import annotations

from omzien.accounts.client_ip import client_ip


def test_without_proxies_the_socket_address_counts(rf, settings) -> None:
    settings.OMZIEN_PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "10.0.0.9"


def test_behind_one_proxy_a_spoofed_header_is_ignored(rf, settings) -> None:
    settings.OMZIEN_PROXY_COUNT = 1
    # The client wrote "6.6.6.6" itself; the proxy appended the real address.
    request = rf.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert client_ip(request) == "203.0.113.7"
    settings.OMZIEN_PROXY_COUNT = 2
    request = rf.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="203.0.113.7, 10.0.0.5")
    assert client_ip(request) == "203.0.113.7"
    request = rf.get("/", REMOTE_ADDR="10.0.0.9")
    assert client_ip(request) == "10.0.0.9"
