"""Who may read what in self-diagnostics: one rule per kind of row, for GraphQL lists and
``node(id:)`` lookups, REST and anything else that reads.

- Questionnaires (and their dimensions and items): readers see published ones; people who may
  read unpublished content see drafts and archives too.
- Groups: staff holding ``RUN_DIAGNOSTIC`` only.
- Runs: staff see every run; a signed-in person, the runs they answered; others none.
- A run's results: staff see every member (pseudonymised); a participant of the run — signed in,
  or anonymous with their participant token — sees their own row and the group's figures, those
  only once at least ``GROUP_MINIMUM`` people answered, so nobody can work out another member's
  answers from them. Anyone else sees nothing (the run is reported as not found, not as
  forbidden).
- Comparing a run's results with another run of the same group: whoever sees the results may see
  the other run's group figures, under the same minimum.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from imedia_core.context import ServiceContext
from imedia_core.errors import ServiceError
from imedia_core.permissions import Perm

from .models import Diagnostic, Participant, Run
from .results import DEFAULT_WEAKEST, RunResults, compute
from .services import participant_by_token, participant_of

# Fewest respondents for a participant to see the group's figures (staff always see them).
GROUP_MINIMUM = 3


# --- rows ----------------------------------------------------------------------------------


def visible_diagnostics(ctx: ServiceContext, queryset: QuerySet) -> QuerySet:
    return queryset if ctx.has(Perm.READ_UNPUBLISHED) else queryset.visible()


def visible_parts(ctx: ServiceContext, queryset: QuerySet) -> QuerySet:
    """Dimensions or items (anything with a ``diagnostic``): those of the visible diagnostics."""
    if ctx.has(Perm.READ_UNPUBLISHED):
        return queryset
    return queryset.filter(diagnostic__in=Diagnostic.objects.visible())


def visible_groups(ctx: ServiceContext, queryset: QuerySet) -> QuerySet:
    return queryset if ctx.has(Perm.RUN_DIAGNOSTIC) else queryset.none()


def visible_runs(ctx: ServiceContext, queryset: QuerySet) -> QuerySet:
    if ctx.has(Perm.RUN_DIAGNOSTIC):
        return queryset
    if ctx.user_id is not None:
        return queryset.filter(participants__user_id=ctx.user_id).distinct()
    return queryset.none()


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RunAccess:
    staff: bool
    participant: Participant | None


def access_to(ctx: ServiceContext, run: Run, participant_token: str | None = None) -> RunAccess | None:
    staff = ctx.has(Perm.RUN_DIAGNOSTIC)
    participant = participant_of(ctx, run, participant_token)
    if participant is None and ctx.user_id is not None:
        # A signed-in person who answered anonymously earlier, on this device.
        participant = participant_by_token(run, participant_token)
    if not staff and participant is None:
        return None
    return RunAccess(staff=staff, participant=participant)


def results_for(
    ctx: ServiceContext, run: Run, *, participant_token: str | None = None, weakest: int = DEFAULT_WEAKEST
) -> RunResults | None:
    """``run``'s results as the caller may see them, or None when they may not see them at all."""
    access = access_to(ctx, run, participant_token)
    if access is None:
        return None
    return compute(
        run,
        viewer_participant_id=access.participant.pk if access.participant else None,
        members_visible=access.staff,
        can_read_unpublished=ctx.has(Perm.READ_UNPUBLISHED),
        weakest=weakest,
        tenant=ctx.tenant,
        group_minimum=_group_minimum(ctx),
    )


def _group_minimum(ctx: ServiceContext) -> int:
    return 0 if ctx.has(Perm.RUN_DIAGNOSTIC) else GROUP_MINIMUM


@dataclass(frozen=True)
class Comparison:
    """Another run of the group, to show beside a run's results: its group score per dimension,
    in the results' order (None where withheld or unanswered)."""

    run: Run
    scores: list[float | None]

    @property
    def caption(self) -> str:
        return f"{self.run.title} ({self.run.held_on:%d/%m/%Y})"


def comparison_for(ctx: ServiceContext, results: RunResults, wanted: str | None) -> Comparison | None:
    """What ``results`` (as ``results_for`` gave them to the caller) are compared with: nothing
    (``wanted`` empty), the group's previous closed run (``previous``; None if there is none), or
    the run whose primary key ``wanted`` is, of the same diagnostic and group. Group figures
    only, withheld from participants below ``GROUP_MINIMUM`` respondents as the run's own are.
    Raises INVALID_COMPARE (field ``compare``) for any other run."""
    if not wanted:
        return None
    if wanted == "previous":
        previous = results.previous
        return Comparison(previous.run, [score for _, score in previous.scores]) if previous else None
    run = results.run
    other = (
        Run.objects.select_related("diagnostic", "group")
        .filter(pk=int(wanted) if wanted.isdigit() else 0, diagnostic_id=run.diagnostic_id, group_id=run.group_id)
        .exclude(pk=run.pk)
        .first()
    )
    if other is None:
        raise ServiceError.single(
            "INVALID_COMPARE", "« compare » doit désigner une autre passation du même groupe.", "compare"
        )
    other_results = compute(
        other, members_visible=False, weakest=0, tenant=ctx.tenant, group_minimum=_group_minimum(ctx)
    )
    return Comparison(other, [dimension.score for dimension in other_results.dimensions])
