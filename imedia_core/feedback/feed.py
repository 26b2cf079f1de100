"""The "you said, we did" ledger (« vous avez dit, nous avons fait ») and the lists of
responses and commitments: the queries every door runs (GraphQL, REST, the admin, connectors),
visibility first (``visibility``), then filters, in SQL; and the story of one contribution,
told in order from what was said to what was done.

A page of the ledger is one query (current decision and last activity are subqueries); its
responses, commitments and their steps are one prefetch each (``ledger_prefetches``), and the
story is built from those rows without another query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import CharField, DateTimeField, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Greatest
from django.utils import timezone

from imedia_core.content.sanitize import plain_text
from imedia_core.context import ServiceContext
from imedia_core.participation.models import Contribution
from imedia_core.search import search_query

from .models import Commitment, CommitmentStatus, CommitmentUpdate, Response, overdue_condition
from .visibility import answered_contributions, visible_commitments, visible_responses, visible_steps

# --- filters -----------------------------------------------------------------------------------


@dataclass
class PhaseFilter:
    """A phase named by its primary key in this programme, or by its slug in the active cycle."""

    pk: int | None = None
    slug: str = ""

    def condition(self, prefix: str = "") -> Q:
        if self.pk is not None:
            return Q(**{f"{prefix}phase_id": self.pk})
        return Q(**{f"{prefix}phase__slug": self.slug, f"{prefix}phase__cycle__is_active": True})


@dataclass
class LedgerFilters:
    """Every filter is optional; list filters match any of their values."""

    decisions: list[str] = field(default_factory=list)  # the current decision
    commitment_statuses: list[str] = field(default_factory=list)  # of at least one commitment
    overdue: bool | None = None  # True: at least one overdue commitment; False: none
    phase: PhaseFilter | None = None


@dataclass
class CommitmentFilters:
    statuses: list[str] = field(default_factory=list)
    overdue: bool | None = None
    phase: PhaseFilter | None = None
    contribution_id: int | None = None  # answering this contribution


@dataclass
class ResponseFilters:
    decisions: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    contribution_id: int | None = None  # answering this contribution


def _matching(queryset: QuerySet, text: str) -> QuerySet:
    """French full text on the rows' stored ``search_vector`` (web-search syntax); blank: all."""
    if not text:
        return queryset
    return queryset.filter(search_vector=search_query(text))


def _links() -> QuerySet:
    """Links between the outer query's contribution and commitments."""
    return Commitment.contributions.through.objects.filter(contribution_id=OuterRef("pk"))


# --- the ledger --------------------------------------------------------------------------------


def ledger(filters: LedgerFilters | None = None, search: str = "") -> QuerySet:
    """Published contributions with a published response or a commitment, annotated with their
    ``current_decision`` and ``last_activity``, the most recently active first. The ledger is
    public: every viewer sees the same."""
    published = Response.objects.published().filter(contribution_id=OuterRef("pk"))
    latest_response = published.order_by("-published_at", "-id")
    latest_commitment = Commitment.objects.filter(contributions=OuterRef("pk")).order_by("-updated_at")
    queryset = (
        answered_contributions()
        .filter(Exists(published) | Exists(_links()))
        .annotate(
            current_decision=Subquery(latest_response.values("decision")[:1], output_field=CharField()),
            last_activity=Greatest(
                Subquery(latest_response.values("published_at")[:1], output_field=DateTimeField()),
                Subquery(latest_commitment.values("updated_at")[:1], output_field=DateTimeField()),
            ),
        )
    )
    filters = filters or LedgerFilters()
    if filters.decisions:
        queryset = queryset.filter(current_decision__in=filters.decisions)
    if filters.commitment_statuses:
        queryset = queryset.filter(Exists(_links().filter(commitment__status__in=filters.commitment_statuses)))
    if filters.overdue is not None:
        overdue = Exists(_links().filter(overdue_condition(timezone.localdate(), prefix="commitment__")))
        queryset = queryset.filter(overdue if filters.overdue else ~overdue)
    if filters.phase is not None:
        queryset = queryset.filter(filters.phase.condition())
    return _matching(queryset, search).order_by("-last_activity", "-id")


def ledger_responses(ctx: ServiceContext) -> QuerySet:
    """What the ledger shows of a contribution's answers: its published responses, oldest first
    (drafts stay out of the public story, whoever reads)."""
    return visible_responses(ctx, Response.objects.published()).order_by("published_at", "created_at", "id")


def ledger_commitments(ctx: ServiceContext) -> QuerySet:
    """The commitments answering a contribution, oldest first."""
    return visible_commitments(ctx).order_by("created_at", "id")


def timeline_steps(ctx: ServiceContext) -> QuerySet:
    """Steps of commitments' timelines, in date order."""
    return visible_steps(ctx).order_by("date", "created_at", "id")


def ledger_prefetches(
    ctx: ServiceContext, *, responses: bool, commitments: bool, story: bool, commitment_prefetches=()
) -> list[Prefetch]:
    """What a page of the ledger needs, one query per relation: the ``responses`` and the
    ``commitments`` of each contribution, all of it with the commitments' steps for the
    ``story``, and whatever else each commitment needs (``commitment_prefetches``)."""
    prefetches = []
    if responses or story:
        prefetches.append(Prefetch("responses", queryset=ledger_responses(ctx)))
    if commitments or story:
        related = list(commitment_prefetches)
        if story and "updates" not in {getattr(lookup, "prefetch_to", lookup) for lookup in related}:
            related.append(Prefetch("updates", queryset=timeline_steps(ctx)))
        prefetches.append(Prefetch("commitments", queryset=ledger_commitments(ctx).prefetch_related(*related)))
    return prefetches


# --- lists -------------------------------------------------------------------------------------


def commitment_list(ctx: ServiceContext, filters: CommitmentFilters | None = None, search: str = "") -> QuerySet:
    """The programme's commitments the viewer may see, soonest due date first."""
    queryset = visible_commitments(ctx)
    filters = filters or CommitmentFilters()
    if filters.statuses:
        queryset = queryset.filter(status__in=filters.statuses)
    if filters.overdue is not None:
        queryset = queryset.filter(is_overdue=filters.overdue)
    if filters.phase is not None:
        queryset = queryset.filter(filters.phase.condition())
    if filters.contribution_id is not None:
        answering = Commitment.contributions.through.objects.filter(
            commitment_id=OuterRef("pk"), contribution_id=filters.contribution_id
        )
        queryset = queryset.filter(Exists(answering))
    return _matching(queryset, search).order_by("due_date", "id")


def response_list(ctx: ServiceContext, filters: ResponseFilters | None = None) -> QuerySet:
    """The responses the viewer may see, newest first."""
    queryset = visible_responses(ctx)
    filters = filters or ResponseFilters()
    if filters.decisions:
        queryset = queryset.filter(decision__in=filters.decisions)
    if filters.statuses:
        queryset = queryset.filter(status__in=filters.statuses)
    if filters.contribution_id is not None:
        queryset = queryset.filter(contribution_id=filters.contribution_id)
    return queryset.order_by("-created_at", "-id")


# --- the story of one contribution ---------------------------------------------------------------


class StepKind(StrEnum):
    """What a step of a contribution's story is (the GraphQL ``TimelineEntryKind``)."""

    SUBMITTED = "submitted"
    RESPONSE = "response"
    COMMITMENT_CREATED = "commitment_created"
    COMMITMENT_UPDATE = "commitment_update"
    COMMITMENT_DONE = "commitment_done"
    COMMITMENT_NOT_DONE = "commitment_not_done"


@dataclass(frozen=True)
class StoryStep:
    """One step of a contribution's story; ``at`` is known for all but dated timeline steps,
    which carry a day only."""

    kind: str
    date: dt.date
    title: str
    text: str
    at: dt.datetime | None = None
    decision: str | None = None
    status: str | None = None
    progress: int | None = None
    response: Response | None = None
    commitment: Commitment | None = None
    update: CommitmentUpdate | None = None


# Steps of one day: submitted, then responses, then commitments made, then timeline steps.
_RANK = {StepKind.SUBMITTED: 0, StepKind.RESPONSE: 1, StepKind.COMMITMENT_CREATED: 2}
_CLOSING = {CommitmentStatus.DONE: StepKind.COMMITMENT_DONE, CommitmentStatus.NOT_DONE: StepKind.COMMITMENT_NOT_DONE}
_STEP_TITLES = {StepKind.COMMITMENT_DONE: "Fait : {}", StepKind.COMMITMENT_NOT_DONE: "Non fait : {}"}


def _submitted(contribution: Contribution) -> StoryStep:
    at = contribution.published_at or contribution.created_at
    return StoryStep(
        kind=StepKind.SUBMITTED,
        date=timezone.localdate(at),
        at=at,
        title=f"Contribution publiée : « {contribution.title} »",
        text=contribution.author_label or "",
    )


def _answered(response: Response) -> StoryStep:
    at = response.published_at or response.created_at
    who = response.responder_label + (f", {response.capacity}" if response.capacity else "")
    reason = f"\n\nMotif : {response.reason}" if response.reason else ""
    return StoryStep(
        kind=StepKind.RESPONSE,
        date=timezone.localdate(at),
        at=at,
        title=f"Réponse : {response.get_decision_display().lower()} ({who})",
        text=plain_text(response.text, multiline=True) + reason,
        decision=str(response.decision),
        response=response,
    )


def _committed(commitment: Commitment) -> StoryStep:
    return StoryStep(
        kind=StepKind.COMMITMENT_CREATED,
        date=timezone.localdate(commitment.created_at),
        at=commitment.created_at,
        title=f"Engagement : {commitment.title}",
        text=f"Porté par {commitment.owner_label}, échéance le {commitment.due_date:%d/%m/%Y}.",
        status=CommitmentStatus.PLANNED.value,
        commitment=commitment,
    )


def _progressed(commitment: Commitment, step: CommitmentUpdate) -> StoryStep:
    kind = _CLOSING.get(step.status, StepKind.COMMITMENT_UPDATE)
    return StoryStep(
        kind=kind,
        date=step.date,
        title=_STEP_TITLES.get(kind, "Point d'étape : {}").format(commitment.title),
        text=step.text,
        status=step.status or None,
        progress=step.progress,
        commitment=commitment,
        update=step,
    )


def _order(step: StoryStep) -> tuple:
    return (step.date, step.at, _RANK[step.kind])


def story(contribution: Contribution, responses, commitments) -> list[StoryStep]:
    """The story of one contribution, in order, from rows already loaded: its ``responses``
    and ``commitments`` (with their ``updates`` prefetched, else one query each)."""
    keyed = [(_order(step), step) for step in (_submitted(contribution), *map(_answered, responses))]
    for commitment in commitments:
        made = _committed(commitment)
        keyed.append((_order(made), made))
        # A timeline step carries a day only: steps of one day follow the order they were recorded in.
        keyed += [
            ((update.date, update.created_at, 3), _progressed(commitment, update))
            for update in commitment.updates.all()
        ]
    keyed.sort(key=lambda row: row[0])
    return [step for _, step in keyed]


def story_of(ctx: ServiceContext, contribution: Contribution) -> list[StoryStep]:
    """The story of one contribution, loaded in three queries (for a page of one: the admin,
    REST, a connector)."""
    responses = ledger_responses(ctx).filter(contribution=contribution)
    steps = Prefetch("updates", queryset=timeline_steps(ctx))
    commitments = ledger_commitments(ctx).filter(contributions=contribution).prefetch_related(steps)
    return story(contribution, list(responses), list(commitments))
