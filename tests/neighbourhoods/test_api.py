from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_area_api_is_public_and_paginated(client, areas, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(2):
        response = client.get("/api/areas/neighbourhoods")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 3
    codes = {item["code"] for item in data["items"]}
    assert codes == {"BU03630101", "BU03630102", "BU03630201"}
    assert data["items"][0]["district"]["municipality"]["code"] == "GM0363"


@pytest.mark.django_db
def test_area_api_filters_and_detail(client, areas) -> None:
    response = client.get("/api/areas/neighbourhoods", {"district": "WK036302"})
    assert [item["code"] for item in response.json()["items"]] == ["BU03630201"]
    response = client.get("/api/areas/neighbourhoods/bu03630101")
    assert response.status_code == 200
    assert response.json()["name"] == "Bloemhof"
    assert client.get("/api/areas/neighbourhoods/BU00000000").status_code == 404
    assert client.get("/api/areas/municipalities").json()["items"][0]["code"] == "GM0363"
    assert client.get("/api/areas/districts", {"municipality": "GM0363"}).json()["count"] == 2


@pytest.mark.django_db
def test_openapi_document(client) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/areas/neighbourhoods" in paths
    assert "/api/me" in paths
    assert "/api/me/consents" in paths
