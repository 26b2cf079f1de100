"""GraphQL types of official responses, commitments and the "you said, we did" ledger.

What a viewer may see, the ledger's queries and a contribution's story are the feedback
domain's (``imedia_core.feedback.visibility`` and ``.feed``): these types only read them, so
lists, ``node(id:)`` and the participation domain's ``Contribution.responses`` apply one rule.

Lists read what their root resolver prefetched for the requested selection (``*_prefetches``),
so a page costs a constant number of SQL queries; resolved elsewhere (a mutation payload, a
``node``, a contribution fetched by the participation types) they fall back to one query each,
with the same visibility rules. ``Response`` and ``Commitment`` are also the types of the
``responses`` / ``commitments`` fields of the participation domain's ``Contribution``: use
``contribution_feedback_prefetches`` there to keep its lists constant too.
"""

from __future__ import annotations

import graphene
from django.db.models import Prefetch

from imedia_core.content.sanitize import clean_html, plain_text
from imedia_core.feedback import feed, models
from imedia_core.feedback.feed import StepKind
from imedia_core.feedback.visibility import (
    answered_contributions,
    visible_commitments,
    visible_responses,
    visible_steps,
)
from imedia_core.participation.models import Contribution

from ..core.connection import CountableConnection
from ..core.context import service_context
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


TimelineEntryKind = described_enum(
    "TimelineEntryKind",
    StepKind,
    'What a step of a contribution\'s "you said, we did" timeline is.',
    {
        StepKind.SUBMITTED: "The contribution was published (you said).",
        StepKind.RESPONSE: "An official response was published.",
        StepKind.COMMITMENT_CREATED: "A commitment answering it was made.",
        StepKind.COMMITMENT_UPDATE: "A dated step of a commitment (progress, start, postponement, note).",
        StepKind.COMMITMENT_DONE: "A commitment was done (we did).",
        StepKind.COMMITMENT_NOT_DONE: "A commitment was not done, with the reason.",
    },
)


def _value(choice):
    return getattr(choice, "value", choice)


def _cached(obj, name):
    """A prefetched relation's rows, or None when it was not prefetched."""
    cache = getattr(obj, "_prefetched_objects_cache", {})
    return cache.get(name)


# --- querysets and prefetches ------------------------------------------------------------------


def response_queryset(info):
    """The responses the viewer may see, in the order of a contribution's record."""
    return visible_responses(service_context(info)).order_by("published_at", "created_at", "id")


def contributions_answered():
    """The contributions a commitment shows as answered, oldest first."""
    return answered_contributions().order_by("published_at", "id")


def commitment_prefetches(info, fields: set[str], *, timeline: bool = False) -> list:
    """What a list of commitments needs for the selected ``fields`` (one query per relation)."""
    prefetches = []
    if "updates" in fields or timeline:
        prefetches.append(Prefetch("updates", queryset=feed.timeline_steps(service_context(info))))
    if "contributions" in fields:
        prefetches.append(Prefetch("contributions", queryset=contributions_answered()))
    if "phase" in fields:
        prefetches.append(Prefetch("phase", queryset=phase_queryset(info)))
    return prefetches


def commitment_queryset(info, fields: set[str] | None = None, *, timeline: bool = False):
    """The commitments the viewer may see, with what the selected ``fields`` need."""
    queryset = visible_commitments(service_context(info))
    if fields:
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
        return visible_responses(service_context(info), super().get_queryset(queryset, info))

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

    @classmethod
    def get_queryset(cls, queryset, info):
        return visible_steps(service_context(info), super().get_queryset(queryset, info))

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
        return visible_commitments(service_context(info), super().get_queryset(queryset, info))

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
        return contributions_answered().filter(commitments=root)

    def resolve_updates(root, info):
        rows = _cached(root, "updates")
        return rows if rows is not None else feed.timeline_steps(service_context(info)).filter(commitment=root)


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

    def resolve_kind(root, info):
        return root.kind.value  # the domain's StepKind, served by its value


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
        return rows if rows is not None else feed.ledger_responses(service_context(info)).filter(contribution=root)

    def resolve_commitments(root, info):
        rows = _cached(root, "commitments")
        return rows if rows is not None else feed.ledger_commitments(service_context(info)).filter(contributions=root)

    def resolve_timeline(root, info):
        responses, commitments = _cached(root, "responses"), _cached(root, "commitments")
        if responses is None or commitments is None:  # not from the ledger's prefetch
            return feed.story_of(service_context(info), root)
        return feed.story(root, responses, commitments)


__all__ = [
    "Commitment",
    "CommitmentUpdate",
    "FeedbackError",
    "Response",
    "TimelineEntry",
    "YouSaidWeDidItem",
    "contribution_feedback_prefetches",
]
