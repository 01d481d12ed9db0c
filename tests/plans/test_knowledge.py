"""The knowledge base: seeded from the seeds, read-only built-ins, coordinators' own."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from tests.conftest import make_user

from omzien.accounts.models import Role
from omzien.neighbourhoods.models import Municipality
from omzien.plans import selectors, services
from omzien.plans.knowledge import INTERVENTIONS, SEED_001, SEED_002, SEED_003, SEED_004
from omzien.plans.models import Intervention
from omzien.scan.models import ActionPoint

pytestmark = pytest.mark.django_db

NAMED_IN_THE_ISSUE = [
    "ABCD-methode",
    "Buurtcirkel",
    "Kwartiermaken",
    "Mental Health First Aid",
    "Samen Sterk zonder Stigma",
    "een steekje los",
    "Krachtwerk",
    "IPS",
    "Talenten samen benutten",
    "100% talent",
    "WRAP",
    "Sociale netwerkstrategieën",
    "Studio BRUIS",
    "Buurtbemiddeling",
    "Buurtapps",
    "QUEZ",
]


def test_the_seeds_interventions_are_built_in_with_items_and_a_source() -> None:
    built_in = list(Intervention.objects.filter(built_in=True).prefetch_related("action_points"))
    assert len(built_in) == len(INTERVENTIONS) >= 50
    names = " | ".join(i.name for i in built_in)
    for name in NAMED_IN_THE_ISSUE:
        assert name in names, name
    for item in built_in:
        points = list(item.action_points.all())
        assert points, item.key
        assert item.source_document in {SEED_001, SEED_002, SEED_003, SEED_004}
        assert item.source_section
        assert item.municipality_id is None
        assert set(item.characteristics.values_list("pk", flat=True)) == {
            p.characteristic_id for p in points
        }
    ips = Intervention.objects.get(key="ips")
    assert list(ips.action_points.values_list("code", flat=True)) == ["2.3"]
    assert ips.source_section == "2.4 Tools"
    mhfa = Intervention.objects.get(key="mental-health-first-aid")
    assert mhfa.action_points.filter(code="1.2").exists()


def test_knowledge_sync_is_idempotent_and_restores_built_ins() -> None:
    before = Intervention.objects.count()
    Intervention.objects.filter(key="quez").update(
        name="Iets anders", retired_at="2026-01-01T00:00Z"
    )
    assert services.knowledge_sync() == len(INTERVENTIONS)
    assert services.knowledge_sync() == len(INTERVENTIONS)
    assert Intervention.objects.count() == before
    quez = Intervention.objects.get(key="quez")
    assert quez.name == "QUEZ" and quez.retired_at is None


def test_a_coordinator_adds_changes_and_retires_their_own(areas: Any, coordinator: Any) -> None:
    point = ActionPoint.objects.get(code="1.3")
    item = services.intervention_create(
        actor=coordinator,
        municipality=areas.municipality,
        name="Soepmiddag",
        description="Elke week samen soep maken.",
        action_points=[point],
        source_reference="Buurthuis De Linde",
    )
    assert not item.built_in and item.municipality == areas.municipality
    assert list(item.characteristics.values_list("number", flat=True)) == [1]
    services.intervention_update(
        actor=coordinator,
        intervention=item,
        name="Soepmiddag op dinsdag",
        description="Elke dinsdag samen soep maken.",
        action_points=[point, ActionPoint.objects.get(code="2.2")],
    )
    item.refresh_from_db()
    assert item.name == "Soepmiddag op dinsdag"
    assert sorted(item.characteristics.values_list("number", flat=True)) == [1, 2]
    services.intervention_retire(actor=coordinator, intervention=item)
    item.refresh_from_db()
    assert item.retired_at is not None
    assert item not in selectors.interventions_for(areas.neighbourhood)
    assert item not in selectors.knowledge_base(viewer=coordinator)
    assert item in selectors.knowledge_base(viewer=coordinator, include_retired=True)


def test_built_ins_are_read_only_and_others_are_refused(
    areas: Any, coordinator: Any, professional: Any
) -> None:
    abcd = Intervention.objects.get(key="abcd")
    with pytest.raises(PermissionDenied):
        services.intervention_update(
            actor=coordinator, intervention=abcd, name="x", description="y",
            action_points=[ActionPoint.objects.get(code="3.2")],
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.intervention_retire(actor=coordinator, intervention=abcd)
    with pytest.raises(PermissionDenied):
        services.intervention_create(
            actor=professional, municipality=areas.municipality, name="x", description="y",
            action_points=[ActionPoint.objects.get(code="3.2")],
        )  # fmt: skip
    elsewhere = Municipality.objects.create(code="GM0599", name="Rotterdam")
    with pytest.raises(PermissionDenied):
        services.intervention_create(
            actor=coordinator, municipality=elsewhere, name="x", description="y",
            action_points=[ActionPoint.objects.get(code="3.2")],
        )  # fmt: skip
    other = make_user(Role.COORDINATOR, elsewhere, display_name="Otto Anders")
    own = services.intervention_create(
        actor=other, municipality=elsewhere, name="Rotterdamse aanpak", description="z",
        action_points=[ActionPoint.objects.get(code="3.2")],
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.intervention_retire(actor=coordinator, intervention=own)
    # Not recommended or listed outside its own municipality.
    assert own not in selectors.interventions_for(areas.neighbourhood)
    assert own not in selectors.knowledge_base(viewer=coordinator)


def test_an_intervention_needs_a_characteristic_or_point(areas: Any, coordinator: Any) -> None:
    with pytest.raises(ValidationError):
        services.intervention_create(
            actor=coordinator, municipality=areas.municipality, name="Leeg", description="x"
        )
    assert not Intervention.objects.filter(name="Leeg").exists()


def test_pages_and_dutch_form_errors(areas: Any, coordinator: Any, as_user: Any) -> None:
    client = as_user(coordinator)
    page = client.get(reverse("plans:knowledge"))
    assert page.status_code == 200
    assert "Samen Sterk zonder Stigma" in page.content.decode()
    url = reverse("plans:intervention_create")
    response = client.post(
        url, {"name": "", "description": "", "municipality": areas.municipality.pk}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dit veld is verplicht." in html
    response = client.post(
        url, {"name": "Soep", "description": "Samen soep.", "municipality": areas.municipality.pk}
    )
    assert "Kies minstens één kenmerk of actiepunt." in response.content.decode()
    assert not Intervention.objects.filter(name="Soep").exists()
    point = ActionPoint.objects.get(code="1.3")
    response = client.post(
        url,
        {"name": "Soep", "description": "Samen soep.", "municipality": areas.municipality.pk,
         "action_points": [point.pk]},
    )  # fmt: skip
    item = Intervention.objects.get(name="Soep")
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    detail = client.get(item.get_absolute_url()).content.decode()
    assert "toegevoegd door een coördinator in Amsterdam" in detail
    assert client.get(reverse("plans:intervention_edit", args=[item.pk])).status_code == 200
    response = client.post(reverse("plans:intervention_retire", args=[item.pk]))
    assert response.status_code == 302
    abcd = Intervention.objects.get(key="abcd")
    assert client.get(reverse("plans:intervention_edit", args=[abcd.pk])).status_code == 403
    assert client.post(reverse("plans:intervention_retire", args=[abcd.pk])).status_code == 403


def test_who_may_see_the_knowledge_base(
    areas: Any, professional: Any, analyst: Any, resident: Any, as_user: Any, client: Any
) -> None:
    assert as_user(professional).get(reverse("plans:knowledge")).status_code == 200
    assert client.get(reverse("plans:intervention_create")).status_code == 403
    client.logout()
    assert as_user(analyst).get(reverse("plans:knowledge")).status_code == 403
    client.logout()
    assert as_user(resident.user).get(reverse("plans:knowledge")).status_code == 403
    client.logout()
    assert client.get(reverse("plans:knowledge")).status_code == 302  # to the login page


def test_long_words_may_break_on_a_phone() -> None:
    from omzien.plans.templatetags.plans_tags import breakable

    assert breakable("Straatvertegenwoordigers, buurtvaders") == (
        "Straatve\u00adrtegenwo\u00adordigers, buurtvaders"
    )
    assert breakable("Kwartiermaken") == "Kwartiermaken"


def test_the_list_has_no_query_per_intervention(areas: Any, coordinator: Any, as_user: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(coordinator)
    url = reverse("plans:knowledge")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(3):
        services.intervention_create(
            actor=coordinator, municipality=areas.municipality, name=f"Eigen {n}",
            description="x", action_points=[ActionPoint.objects.get(code="1.3")],
        )  # fmt: skip
    with CaptureQueriesContext(connection) as after:
        page = client.get(url)
    assert "Eigen 2" in page.content.decode()
    assert len(after) == len(before)
