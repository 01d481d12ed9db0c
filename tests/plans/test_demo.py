from __future__ import annotations

import pytest

from omzien.people.demo import build_demo
from omzien.plans import selectors
from omzien.plans.demo import NEIGHBOURHOOD, build_plans_demo
from omzien.plans.models import Action, ActionStatus, EvaluationMoment, Phase
from omzien.scan.demo import build_scan_demo


@pytest.mark.django_db
def test_demo_plan_has_all_phases_done_actions_evaluations_and_a_recommendation() -> None:
    build_demo()
    build_scan_demo()
    created = build_plans_demo()
    assert created == Action.objects.count() >= 7
    assert build_plans_demo() == 0  # safe to re-run
    actions = Action.objects.filter(plan__neighbourhood__code=NEIGHBOURHOOD)
    assert set(actions.values_list("phase", flat=True)) == set(Phase.values)
    assert actions.filter(status=ActionStatus.DONE).count() >= 2
    assert EvaluationMoment.objects.filter(action__in=actions).exclude(learnt="").exists()
    from_recommendation = actions.get(description__startswith="Aanbeveling uit de scan van")
    assert from_recommendation.intervention is not None
    plan = actions.first().plan
    months = selectors.progress_by_month(plan)
    assert len(months) >= 10  # steps recorded over the past year
    assert months[-1].counts[ActionStatus.DONE] == 2
