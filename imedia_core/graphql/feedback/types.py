"""GraphQL types of official responses, commitments and the "you said, we did" ledger.

Lists read what their root resolver prefetched for the requested selection (``*_prefetches``),
so a page costs a constant number of SQL queries; resolved elsewhere (a mutation payload, a
``node``, a contribution fetched by the participation types) they fall back to one query each,
with the same visibility rules. ``Response`` and ``Commitment`` are also the types of the
``responses`` / ``commitments`` fields of the participation domain's ``Contribution``: use
``contribution_feedback_prefetches`` there to keep its lists constant too.
"""

from __future__ import annotations

import datetime as dt

import graphene
from django.db.models import Prefetch
from django.utils import timezone

from imedia_core.content.sanitize import clean_html, plain_text
from imedia_core.feedback import models
from imedia_core.participation.models import Contribution, ContributionStatus
from imedia_core.permissions import Perm

from ..core.connection import CountableConnection
from ..core.context import principal_of
from ..core.enums import described_enum
from ..core.errors import error_codes, error_type
from ..core.nodes import TenantNode
from ..core.types_base import ModelObjectType
from ..library.types import phase_queryset

# Types of other domains, by path (they refer back to these).
CONTRIBUTION_TYPE = "imedia_core.graphql.participation.types.Contribution"
PHASE_TYPE = "imedia_core.graphql.cycle.types.Phase"

FeedbackErrorCode = error_codes(
    "FeedbackErrorCode",
    "Why a response or commitment mutation failed.",
    {
        "INVALID_TRANSITION": "The decision or status cannot follow the current one (see the state machines).",
        "CONTRIBUTION_NOT_PUBLISHED": "Only published contributions can be answered or linked to a commitment.",
        "ALREADY_PUBLISHED": "A published response is part of the record and no longer changes.",
        "COMMITMENT_CLOSED": "The commitment is done or not done: its status, progress and due date are final.",
        "NOT_LINKED": "The commitment does not answer that contribution.",
    },
)
FeedbackError = error_type(
    "FeedbackError", FeedbackErrorCode, "An error returned by a response or commitment mutation."
)

ResponseDecisionEnum = described_enum(
    "ResponseDecision",
    models.Decision,
    "What an official response decides.",
    {
        models.Decision.UNDER_STUDY.value: "Under study (à l'étude): an interim answer, a decision will follow.",
        models.Decision.ACCEPTED.value: "Accepted (acceptée).",
        models.Decision.PARTLY_ACCEPTED.value: "Partly accepted (acceptée en partie).",
        models.Decision.DECLINED.value: "Declined (refusée), always with a reason.",
    },
)
ResponseStatusEnum = described_enum(
    "ResponseStatus",
    models.ResponseStatus,
    "Whether a response is public.",
    {
        models.ResponseStatus.DRAFT.value: "A draft, seen only by people who may respond.",
        models.ResponseStatus.PUBLISHED.value: "Published: public, final, and part of the record.",
    },
)
CommitmentStatusEnum = described_enum(
    "CommitmentStatus",
    models.CommitmentStatus,
    "Where a commitment stands.",
    {
        models.CommitmentStatus.PLANNED.value: "Planned (prévu): not started yet.",
        models.CommitmentStatus.IN_PROGRESS.value: "In progress (en cours).",
        models.CommitmentStatus.DONE.value: "Done (fait): closed, progress 100.",
        models.CommitmentStatus.NOT_DONE.value: "Not done (non fait): closed, with the reason in `outcome`.",
    },
)


class TimelineEntryKind(graphene.Enum):
    class Meta:
        description = 'What a step of a contribution\'s "you said, we did" timeline is.'

    SUBMITTED = "submitted"
    RESPONSE = "response"
    COMMITMENT_CREATED = "commitment_created"
    COMMITMENT_UPDATE = "commitment_update"
    COMMITMENT_DONE = "commitment_done"
    COMMITMENT_NOT_DONE = "commitment_not_done"

    @property
    def description(self):
        return {
            "SUBMITTED": "The contribution was published (you said).",
            "RESPONSE": "An official response was published.",
            "COMMITMENT_CREATED": "A commitment answering it was made.",
            "COMMITMENT_UPDATE": "A dated step of a commitment (progress, start, postponement, note).",
            "COMMITMENT_DONE": "A commitment was done (we did).",
            "COMMITMENT_NOT_DONE": "A commitment was not done, with the reason.",
        }[self.name]


def can_respond(info) -> bool:
    return principal_of(info).has(Perm.RESPOND)


def _value(choice):
    return getattr(choice, "value", choice)


def _cached(obj, name):
    """A prefetched relation's rows, or None when it was not prefetched."""
    cache = getattr(obj, "_prefetched_objects_cache", {})
    return cache.get(name)


# --- querysets and prefetches ------------------------------------------------------------------


def visible_responses(queryset, info):
    """Readers see published responses to published contributions; people who may respond also
    see drafts (and responses to contributions since withdrawn or hidden)."""
    if can_respond(info):
        return queryset
    return queryset.filter(status=models.ResponseStatus.PUBLISHED, contribution__status=ContributionStatus.PUBLISHED)


def published_contributions():
    return Contribution.objects.filter(status=ContributionStatus.PUBLISHED)


def response_queryset(info, *, published_only: bool = False):
    queryset = models.Response.objects.order_by("published_at", "created_at", "id")
    if published_only:
        return queryset.published()
    return visible_responses(queryset, info)


def update_queryset():
    return models.CommitmentUpdate.objects.order_by("date", "created_at", "id")


def commitment_prefetches(info, fields: set[str], *, timeline: bool = False) -> list:
    """What a list of commitments needs for the selected ``fields`` (one query per relation)."""
    prefetches = []
    if "updates" in fields or timeline:
        prefetches.append(Prefetch("updates", queryset=update_queryset()))
    if "contributions" in fields:
        contributions = published_contributions().order_by("published_at", "id")
        prefetches.append(Prefetch("contributions", queryset=contributions))
    if "phase" in fields:
        prefetches.append(Prefetch("phase", queryset=phase_queryset(info)))
    return prefetches


def commitment_queryset(info=None, fields: set[str] | None = None, *, timeline: bool = False):
    queryset = models.Commitment.objects.with_overdue(timezone.localdate())
    if info is not None and fields:
        queryset = queryset.prefetch_related(*commitment_prefetches(info, fields, timeline=timeline))
    return queryset


def contribution_feedback_prefetches(info, fields: set[str], commitment_fields: set[str] = frozenset()) -> list:
    """Prefetches for a page of contributions whose ``responses`` / ``commitments`` are
    selected (``fields``: the contribution's selected field names; ``commitment_fields``:
    those selected under ``commitments``). For the participation domain's lists."""
    prefetches = []
    if "responses" in fields:
        prefetches.append(Prefetch("responses", queryset=response_queryset(info)))
    if "commitments" in fields:
        commitments = commitment_queryset(info, set(commitment_fields)).order_by("created_at", "id")
        prefetches.append(Prefetch("commitments", queryset=commitments))
    return prefetches


# --- types -----------------------------------------------------------------------------------


class Response(ModelObjectType):
    class Meta:
        model = models.Response
        interfaces = (TenantNode,)
        connection_class = CountableConnection
        fields = ("responder_label", "capacity")
        description = (
            "An official response to a contribution, by a professional or a decision-maker. A contribution may "
            "get several over time; the latest published one is its current decision. Readers see published "
            "responses only."
        )

    contribution = graphene.Field(graphene.NonNull(CONTRIBUTION_TYPE), description="The contribution it answers.")
    decision = graphene.Field(ResponseDecisionEnum, required=True, description="What it decides.")
    decision_label = graphene.String(required=True, description="The decision in French, e.g. « Acceptée en partie ».")
    text = graphene.String(required=True, description="The answer, sanitised HTML.")
    text_plain = graphene.String(required=True, description="The answer as plain text (for e-mails, SMS, previews).")
    reason = graphene.String(
        required=True, description="Why (always given to decline or to revise a decision); empty otherwise."
    )
    status = graphene.Field(ResponseStatusEnum, required=True, description="Draft or published.")
    published_at = graphene.DateTime(description="When it was published; null for a draft.")
    created_at = graphene.DateTime(required=True, description="When it was written.")
    updated_at = graphene.DateTime(required=True, description="Last change (drafts only change).")

    @classmethod
    def get_queryset(cls, queryset, info):
        return visible_responses(super().get_queryset(queryset, info), info)

    def resolve_contribution(root, info):
        return root.contribution

    def resolve_decision(root, info):
        return _value(root.decision)

    def resolve_decision_label(root, info):
        return root.get_decision_display()

    def resolve_text(root, info):
        return clean_html(root.text)

    def resolve_text_plain(root, info):
        return plain_text(root.text, multiline=True)

    def resolve_status(root, info):
        return _value(root.status)


class CommitmentUpdate(ModelObjectType):
    class Meta:
        model = models.CommitmentUpdate
        interfaces = (TenantNode,)
        fields = ("date", "progress", "due_date")
        description = "A dated step of a commitment's timeline: a note, and maybe a new progress, status or due date."

    text = graphene.String(required=True, description="What happened, plain text.")
    status = graphene.Field(CommitmentStatusEnum, description="The new status when it changed at this step.")
    previous_status = graphene.Field(CommitmentStatusEnum, description="The status before, when it changed.")
    previous_due_date = graphene.Date(description="The due date before, when it moved.")
    author_label = graphene.String(required=True, description="Who recorded it, as shown.")
    created_at = graphene.DateTime(required=True, description="When it was recorded.")

    def resolve_status(root, info):
        return root.status or None

    def resolve_previous_status(root, info):
        return root.previous_status or None


class Commitment(ModelObjectType):
    class Meta:
        model = models.Commitment
        interfaces = (TenantNode,)
        connection_class = CountableConnection
        fields = ("title", "owner_label", "due_date", "progress", "closed_at")
        description = (
            "What will be done, by whom and by when, in answer to one or more contributions: the "
            '"we did" of "you said, we did", with its progress, status and dated timeline.'
        )

    description = graphene.String(required=True, description="Details, sanitised HTML.")
    status = graphene.Field(CommitmentStatusEnum, required=True, description="Where it stands.")
    status_label = graphene.String(required=True, description="The status in French, e.g. « Non fait ».")
    outcome = graphene.String(
        required=True, description="Why it was not done (always given for NOT_DONE), or what it achieved."
    )
    is_overdue = graphene.Boolean(
        required=True, description="Its due date has passed and it is still PLANNED or IN_PROGRESS."
    )
    phase = graphene.Field(PHASE_TYPE, description="Phase of the cycle it belongs to (when visible to the viewer).")
    contributions = graphene.List(
        graphene.NonNull(CONTRIBUTION_TYPE),
        required=True,
        description="The published contributions it answers, oldest first.",
    )
    updates = graphene.List(
        graphene.NonNull(CommitmentUpdate), required=True, description="Its timeline, in date order."
    )
    created_by_label = graphene.String(required=True, description="Who made the commitment, as shown.")
    created_at = graphene.DateTime(required=True, description="When it was made.")
    updated_at = graphene.DateTime(required=True, description="Last change, timeline included.")

    @classmethod
    def get_queryset(cls, queryset, info):
        queryset = super().get_queryset(queryset, info)
        if "is_overdue" not in queryset.query.annotations:
            queryset = queryset.with_overdue(timezone.localdate())
        return queryset

    def resolve_description(root, info):
        return clean_html(root.description)

    def resolve_status(root, info):
        return _value(root.status)

    def resolve_status_label(root, info):
        return root.get_status_display()

    def resolve_is_overdue(root, info):
        value = getattr(root, "is_overdue", None)
        if value is None:  # a single object not loaded through a list (e.g. built in Python)
            return models.Commitment.objects.with_overdue().filter(pk=root.pk).values_list("is_overdue", flat=True)[0]
        return value

    def resolve_phase(root, info):
        if root.phase_id is None:
            return None
        if "phase" in root._state.fields_cache:  # prefetched (None when not visible)
            return root.phase
        return phase_queryset(info).filter(pk=root.phase_id).first()

    def resolve_contributions(root, info):
        rows = _cached(root, "contributions")
        if rows is not None:
            return rows
        return root.contributions.filter(status=ContributionStatus.PUBLISHED).order_by("published_at", "id")

    def resolve_updates(root, info):
        rows = _cached(root, "updates")
        return rows if rows is not None else update_queryset().filter(commitment=root)


class TimelineEntry(graphene.ObjectType):
    class Meta:
        description = (
            "One step of a contribution's story, from what was said to what was done: submitted, responses, "
            "commitments made, their dated updates, done or not done."
        )

    kind = graphene.Field(TimelineEntryKind, required=True, description="What happened.")
    date = graphene.Date(required=True, description="The day it happened (the order of the timeline).")
    at = graphene.DateTime(description="The moment it happened, when known (dated steps only carry a day).")
    title = graphene.String(required=True, description="A one-line French summary, e.g. « Réponse : acceptée ».")
    text = graphene.String(required=True, description="Details as plain text (may be empty).")
    decision = graphene.Field(ResponseDecisionEnum, description="For RESPONSE: the decision.")
    status = graphene.Field(CommitmentStatusEnum, description="For commitment steps: the status after this step.")
    progress = graphene.Int(description="For commitment steps: the progress after this step, when it was given.")
    response = graphene.Field(Response, description="For RESPONSE: the response.")
    commitment = graphene.Field(Commitment, description="For commitment steps: the commitment.")
    update = graphene.Field(CommitmentUpdate, description="For COMMITMENT_UPDATE, _DONE, _NOT_DONE: the step.")


_KIND_RANK = {"submitted": 0, "response": 1, "commitment_created": 2}


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment)


def build_timeline(contribution, responses, commitments) -> list[TimelineEntry]:
    """The story of one contribution, in order, from rows already loaded (no query)."""
    rows: list[tuple[tuple, TimelineEntry]] = []
    submitted = contribution.published_at or contribution.created_at
    rows.append(
        (
            (_day(submitted), submitted, 0),
            TimelineEntry(
                kind="submitted",
                date=_day(submitted),
                at=submitted,
                title=f"Contribution publiée : « {contribution.title} »",
                text=contribution.author_label or "",
            ),
        )
    )
    for response in responses:
        at = response.published_at or response.created_at
        who = response.responder_label + (f", {response.capacity}" if response.capacity else "")
        rows.append(
            (
                (_day(at), at, 1),
                TimelineEntry(
                    kind="response",
                    date=_day(at),
                    at=at,
                    title=f"Réponse : {response.get_decision_display().lower()} ({who})",
                    text=plain_text(response.text, multiline=True)
                    + (f"\n\nMotif : {response.reason}" if response.reason else ""),
                    decision=_value(response.decision),
                    response=response,
                ),
            )
        )
    for commitment in commitments:
        at = commitment.created_at
        rows.append(
            (
                (_day(at), at, 2),
                TimelineEntry(
                    kind="commitment_created",
                    date=_day(at),
                    at=at,
                    title=f"Engagement : {commitment.title}",
                    text=f"Porté par {commitment.owner_label}, échéance le {commitment.due_date:%d/%m/%Y}.",
                    status="planned",
                    commitment=commitment,
                ),
            )
        )
        for step in _cached(commitment, "updates") or []:
            kind = {"done": "commitment_done", "not_done": "commitment_not_done"}.get(step.status, "commitment_update")
            title = {
                "commitment_done": f"Fait : {commitment.title}",
                "commitment_not_done": f"Non fait : {commitment.title}",
            }.get(kind, f"Point d'étape : {commitment.title}")
            rows.append(
                (
                    (step.date, step.created_at, 3),
                    TimelineEntry(
                        kind=kind,
                        date=step.date,
                        title=title,
                        text=step.text,
                        status=step.status or None,
                        progress=step.progress,
                        commitment=commitment,
                        update=step,
                    ),
                )
            )
    rows.sort(key=lambda row: row[0])
    return [entry for _, entry in rows]


class YouSaidWeDidItem(ModelObjectType):
    class Meta:
        model = Contribution
        # Another type of the participation domain's model: keep graphene-django's model ->
        # type registry pointing at the participation domain's own Contribution type.
        skip_registry = True
        use_connection = True
        connection_class = CountableConnection
        fields = ("title",)
        description = (
            'A contribution of the "you said, we did" ledger: what was said, the responses it got, the '
            "commitments that followed and their updates, in order."
        )

    contribution = graphene.Field(
        graphene.NonNull(CONTRIBUTION_TYPE), description="The contribution itself (you said)."
    )
    submitted_at = graphene.DateTime(required=True, description="When the contribution was published.")
    current_decision = graphene.Field(
        ResponseDecisionEnum, description="The latest published response's decision; null when none was published."
    )
    last_activity_at = graphene.DateTime(
        required=True, description="Latest response, commitment or update: the ledger's order, newest first."
    )
    responses = graphene.List(
        graphene.NonNull(Response), required=True, description="Its published responses, oldest first."
    )
    commitments = graphene.List(
        graphene.NonNull(Commitment), required=True, description="The commitments answering it, oldest first."
    )
    timeline = graphene.List(
        graphene.NonNull(TimelineEntry),
        required=True,
        description="The whole story in order: submitted, responses, commitments made, their updates, "
        "done or not done.",
    )

    def resolve_contribution(root, info):
        return root

    def resolve_submitted_at(root, info):
        return root.published_at or root.created_at

    def resolve_current_decision(root, info):
        return getattr(root, "current_decision", None)

    def resolve_last_activity_at(root, info):
        return getattr(root, "last_activity", None) or root.published_at or root.created_at

    def resolve_responses(root, info):
        rows = _cached(root, "responses")
        return rows if rows is not None else response_queryset(info, published_only=True).filter(contribution=root)

    def resolve_commitments(root, info):
        rows = _cached(root, "commitments")
        return (
            rows if rows is not None else commitment_queryset().filter(contributions=root).order_by("created_at", "id")
        )

    def resolve_timeline(root, info):
        responses = YouSaidWeDidItem.resolve_responses(root, info)
        commitments = YouSaidWeDidItem.resolve_commitments(root, info)
        if _cached(root, "commitments") is None:  # not from the feed's prefetch: load the steps now
            commitments = commitments.prefetch_related(Prefetch("updates", queryset=update_queryset()))
        return build_timeline(root, list(responses), list(commitments))


__all__ = [
    "Commitment",
    "CommitmentUpdate",
    "FeedbackError",
    "Response",
    "TimelineEntry",
    "YouSaidWeDidItem",
    "contribution_feedback_prefetches",
]
