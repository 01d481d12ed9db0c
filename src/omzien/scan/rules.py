"""Permission rules for the scan. See omzien.core.permissions.

Staff of the area (professionals, among them the community builder, and coordinators)
run scans, keep the buurt-DNA profile and the questionnaires. A participant fills in only
their own scores. Questionnaire results are group figures; analysts of the area may see
those too, never a single response (there is no page for one).
"""

from __future__ import annotations

from typing import Any

from omzien.accounts.models import STAFF_ROLES, Role
from omzien.accounts.selectors import user_has_role, user_has_role_for
from omzien.core.permissions import rule
from omzien.neighbourhoods.models import Neighbourhood
from omzien.scan.models import Campaign, Participant, ScanSession


def staff_for(user: Any, neighbourhood: Neighbourhood | None) -> bool:
    return user_has_role_for(user, STAFF_ROLES, neighbourhood)


@rule("scan.use")
def use(user: Any, _obj: Any) -> bool:
    """Sees the scan pages at all (the navigation item)."""
    return user_has_role(user, [*STAFF_ROLES, Role.ANALYST])


@rule("scan.manage")
def manage(user: Any, neighbourhood: Neighbourhood) -> bool:
    """Create scans, add participants, see results, keep the buurt-DNA and questionnaires."""
    return staff_for(user, neighbourhood)


@rule("scan.view_session")
def view_session(user: Any, session: ScanSession) -> bool:
    return staff_for(user, session.neighbourhood)


@rule("scan.fill_in")
def fill_in(user: Any, participant: Participant) -> bool:
    """Your own scores; staff of the area type in a guest's scores (a guest has no login)."""
    if participant.user_id is not None:
        return bool(participant.user_id == user.pk)
    return staff_for(user, participant.session.neighbourhood)


@rule("scan.view_questionnaire_results")
def view_questionnaire_results(user: Any, campaign: Campaign) -> bool:
    return staff_for(user, campaign.neighbourhood) or user_has_role_for(
        user, [Role.ANALYST], campaign.neighbourhood
    )
