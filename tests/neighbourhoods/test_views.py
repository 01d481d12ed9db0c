from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_public_neighbourhood_pages(client, areas, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(3):
        response = client.get("/buurten/")
    assert response.status_code == 200
    assert "Bloemhof" in response.content.decode()
    response = client.get("/buurten/BU03630101/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bloemhof" in body and "Oost" in body
    assert client.get("/buurten/BU99999999/").status_code == 404


@pytest.mark.django_db
def test_small_resident_counts_are_hidden_on_public_page(client, areas, resident) -> None:
    body = client.get("/buurten/BU03630101/").content.decode()
    assert "minder dan 5" in body or "fewer than 5" in body
