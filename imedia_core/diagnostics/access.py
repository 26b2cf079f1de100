"""Who may read a run's results: the same rule for GraphQL and REST.

Staff holding ``RUN_DIAGNOSTIC`` see every member (pseudonymised); a participant of the run —
signed in, or anonymous with their participant token — sees their own row and the group's
figures — those only once at least ``GROUP_MINIMUM`` people answered, so nobody can work out
another member's answers from them. Anyone else sees nothing (the run is reported as not
found, not as forbidden).
"""

from __future__ import annotations

from dataclasses import dataclass

from imedia_core.permissions import Perm

from .models import Participant, Run
from .results import DEFAULT_WEAKEST, RunResults, compute
from .services import participant_of

# Fewest respondents for a participant to see the group's figures (staff always see them).
GROUP_MINIMUM = 3


@dataclass(frozen=True)
class RunAccess:
    staff: bool
    participant: Participant | None


def access_to(run: Run, principal, participant_token: str | None = None) -> RunAccess | None:
    staff = principal.has(Perm.RUN_DIAGNOSTIC)
    participant = participant_of(run, user=principal.user, participant_token=participant_token)
    if participant is None and principal.user is not None and participant_token:
        # A signed-in person who answered anonymously earlier, on this device.
        participant = participant_of(run, participant_token=participant_token)
    if not staff and participant is None:
        return None
    return RunAccess(staff=staff, participant=participant)


def results_for(
    run: Run, principal, *, participant_token: str | None = None, weakest: int = DEFAULT_WEAKEST
) -> RunResults | None:
    access = access_to(run, principal, participant_token)
    if access is None:
        return None
    return compute(
        run,
        viewer_participant_id=access.participant.pk if access.participant else None,
        members_visible=access.staff,
        can_read_unpublished=principal.has(Perm.READ_UNPUBLISHED),
        weakest=weakest,
        tenant=principal.tenant,
        group_minimum=0 if access.staff else GROUP_MINIMUM,
    )
