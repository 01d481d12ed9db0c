from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from omzien.neighbourhoods.models import District, Municipality, Neighbourhood


@pytest.mark.django_db
class TestCbsCodes:
    @pytest.mark.parametrize("code", ["GM036", "GM03634", "gm0363", "WK0363", "0363", ""])
    def test_invalid_municipality_code_is_refused(self, code: str) -> None:
        with pytest.raises(ValidationError) as info:
            Municipality(code=code, name="X").full_clean()
        assert "code" in info.value.message_dict

    def test_valid_codes_pass(self, areas) -> None:
        areas.neighbourhood.full_clean()
        areas.district.full_clean()
        areas.municipality.full_clean()

    def test_district_code_must_match_municipality(self, areas) -> None:
        district = District(code="WK059901", name="Fout", municipality=areas.municipality)
        with pytest.raises(ValidationError) as info:
            district.full_clean()
        assert "WK0363" in str(info.value.message_dict["code"])

    def test_neighbourhood_code_must_match_district(self, areas) -> None:
        neighbourhood = Neighbourhood(code="BU03630299", name="Fout", district=areas.district)
        with pytest.raises(ValidationError) as info:
            neighbourhood.full_clean()
        assert "BU036301" in str(info.value.message_dict["code"])

    def test_neighbourhood_code_shape(self, areas) -> None:
        with pytest.raises(ValidationError) as info:
            Neighbourhood(code="BU036301", name="Kort", district=areas.district).full_clean()
        assert "BU" in str(info.value.message_dict["code"])

    def test_latitude_without_longitude_is_refused(self, areas) -> None:
        areas.neighbourhood.latitude = 52
        with pytest.raises(ValidationError):
            areas.neighbourhood.full_clean()

    def test_geometry_must_be_a_closed_polygon(self, areas) -> None:
        areas.neighbourhood.geometry = {
            "type": "Polygon",
            "coordinates": [[[4.9, 52.3], [4.91, 52.3], [4.9, 52.31]]],
        }
        with pytest.raises(ValidationError):
            areas.neighbourhood.full_clean()
        areas.neighbourhood.geometry = {
            "type": "Polygon",
            "coordinates": [[[4.9, 52.3], [4.91, 52.3], [4.91, 52.31], [4.9, 52.3]]],
        }
        areas.neighbourhood.full_clean()


@pytest.mark.django_db
def test_admin_refuses_invalid_cbs_code_and_saves_nothing(client, coordinator, areas) -> None:
    from tests.conftest import login, make_user

    admin = make_user(None, None, is_staff=True, is_superuser=True)
    from omzien.accounts.services import totp_device_create

    totp_device_create(user=admin, confirmed=True)
    login(client, admin)
    response = client.post(
        "/beheer/neighbourhoods/municipality/add/",
        {
            "code": "GM12",
            "name": "Nergens",
            "districts-TOTAL_FORMS": 0,
            "districts-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "GM" in response.content.decode()
    assert not Municipality.objects.filter(name="Nergens").exists()
