"""Root fields of the feedback domain: official responses, commitments and the public
"you said, we did" ledger."""

import graphene

from imedia_core.feedback import feed, models

from ..core.connection import ConnectionField
from ..core.context import service_context
from ..core.nodes import pk_from_global_id
from ..core.selection import selected_fields, selected_fields_at
from . import filters
from .mutations import (
    CommitmentAddUpdate,
    CommitmentCreate,
    CommitmentLinkContributions,
    CommitmentUnlinkContributions,
    CommitmentUpdateMutation,
    ResponseCreate,
    ResponseDelete,
    ResponsePublish,
    ResponseUpdate,
)
from .types import (
    Commitment,
    Response,
    YouSaidWeDidItem,
    commitment_prefetches,
    commitment_queryset,
    response_queryset,
)

SEARCH_DESCRIPTION = (
    'French full-text search (stemming, accents ignored; web-search syntax: `"exact phrase"`, `-excluded`, `or`)'
)


def feed_prefetches(info) -> list:
    """One query per relation for the whole page, whatever its size."""
    fields = selected_fields(info, ("edges", "node"))
    timeline = "timeline" in fields
    commitment_fields = selected_fields_at(
        info, [("edges", "node", "commitments"), ("edges", "node", "timeline", "commitment")]
    )
    return feed.ledger_prefetches(
        service_context(info),
        responses="responses" in fields,
        commitments="commitments" in fields,
        story=timeline,
        commitment_prefetches=commitment_prefetches(info, commitment_fields, timeline=timeline),
    )


class FeedbackQueries(graphene.ObjectType):
    """Root fields of responses and commitments."""

    you_said_we_did = ConnectionField(
        YouSaidWeDidItem,
        filter=filters.YouSaidWeDidFilterInput(description="Narrow the ledger (all filters combine)."),
        search=graphene.String(description=f"{SEARCH_DESCRIPTION} in the contributions' titles and texts."),
        description='The public "you said, we did" ledger: each published contribution that received a published '
        "response or a commitment, with its responses, commitments and their updates in order; the most recently "
        "active first.",
    )
    commitments = ConnectionField(
        Commitment,
        filter=filters.CommitmentFilterInput(description="Narrow the list (all filters combine)."),
        search=graphene.String(description=f"{SEARCH_DESCRIPTION} in titles, owners and descriptions."),
        description="The programme's commitments, soonest due date first (public).",
    )
    commitment = graphene.Field(
        Commitment,
        id=graphene.ID(required=True, description="Global ID of the commitment."),
        description="One commitment; null when no commitment has this ID in this programme.",
    )
    responses = ConnectionField(
        Response,
        filter=filters.ResponseFilterInput(description="Narrow the list (all filters combine)."),
        description="Official responses, newest first. Readers see published responses to published contributions; "
        "people who may respond also see drafts.",
    )
    response = graphene.Field(
        Response,
        id=graphene.ID(required=True, description="Global ID of the response."),
        description="One response; null when absent or not visible to the viewer (drafts).",
    )

    def resolve_you_said_we_did(root, info, filter=None, search=None, **kwargs):
        ledger = feed.ledger(filters.ledger_filters(filter), filters.check_search(search))
        return ledger.prefetch_related(*feed_prefetches(info))

    def resolve_commitments(root, info, filter=None, search=None, **kwargs):
        ctx = service_context(info)
        commitments = feed.commitment_list(ctx, filters.commitment_filters(filter), filters.check_search(search))
        return commitments.prefetch_related(*commitment_prefetches(info, selected_fields(info, ("edges", "node"))))

    def resolve_commitment(root, info, id):
        pk = pk_from_global_id(id, "Commitment")
        if pk is None:
            return None
        return commitment_queryset(info, selected_fields(info)).filter(pk=pk).first()

    def resolve_responses(root, info, filter=None, **kwargs):
        responses = feed.response_list(service_context(info), filters.response_filters(filter))
        return responses.select_related("contribution")

    def resolve_response(root, info, id):
        pk = pk_from_global_id(id, "Response")
        if pk is None:
            return None
        return response_queryset(info).select_related("contribution").filter(pk=pk).first()


class FeedbackMutations(graphene.ObjectType):
    """Mutations of responses and commitments."""

    response_create = ResponseCreate.Field()
    response_update = ResponseUpdate.Field()
    response_publish = ResponsePublish.Field()
    response_delete = ResponseDelete.Field()
    commitment_create = CommitmentCreate.Field()
    commitment_update = CommitmentUpdateMutation.Field()
    commitment_add_update = CommitmentAddUpdate.Field()
    commitment_link_contributions = CommitmentLinkContributions.Field()
    commitment_unlink_contributions = CommitmentUnlinkContributions.Field()


__all__ = ["FeedbackMutations", "FeedbackQueries", "models"]
