"""Root fields of the feedback domain: official responses, commitments and the public
"you said, we did" ledger."""

import graphene
from django.db.models import Prefetch

from imedia_core.feedback import models

from ..core.connection import ConnectionField
from ..core.nodes import pk_from_global_id
from ..library.types import selected_fields
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
from .types import Commitment, Response, YouSaidWeDidItem, commitment_queryset, response_queryset

SEARCH_DESCRIPTION = (
    'French full-text search (stemming, accents ignored; web-search syntax: `"exact phrase"`, `-excluded`, `or`)'
)


def feed_prefetches(info) -> list:
    """One query per relation for the whole page, whatever its size."""
    fields = selected_fields(info, ("edges", "node"))
    timeline = "timeline" in fields
    prefetches = []
    if "responses" in fields or timeline:
        prefetches.append(Prefetch("responses", queryset=response_queryset(info, published_only=True)))
    if "commitments" in fields or timeline:
        commitment_fields = selected_fields(info, ("edges", "node", "commitments"))
        commitment_fields |= selected_fields(info, ("edges", "node", "timeline", "commitment"))
        commitments = commitment_queryset(info, commitment_fields, timeline=timeline).order_by("created_at", "id")
        prefetches.append(Prefetch("commitments", queryset=commitments))
    return prefetches


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
        return filters.you_said_we_did(filter, search).prefetch_related(*feed_prefetches(info))

    def resolve_commitments(root, info, filter=None, search=None, **kwargs):
        return filters.commitments(info, selected_fields(info, ("edges", "node")), filter, search)

    def resolve_commitment(root, info, id):
        pk = pk_from_global_id(id, "Commitment")
        if pk is None:
            return None
        return commitment_queryset(info, selected_fields(info)).filter(pk=pk).first()

    def resolve_responses(root, info, filter=None, **kwargs):
        return filters.responses(info, filter)

    def resolve_response(root, info, id):
        pk = pk_from_global_id(id, "Response")
        if pk is None:
            return None
        return response_queryset(info).select_related("contribution").filter(pk=pk).first()


class FeedbackMutations(graphene.ObjectType):
    """Mutations of responses and commitments."""

    response_create = ResponseCreate.Field(description=ResponseCreate._meta.description)
    response_update = ResponseUpdate.Field(description=ResponseUpdate._meta.description)
    response_publish = ResponsePublish.Field(description=ResponsePublish._meta.description)
    response_delete = ResponseDelete.Field(description=ResponseDelete._meta.description)
    commitment_create = CommitmentCreate.Field(description=CommitmentCreate._meta.description)
    commitment_update = CommitmentUpdateMutation.Field(description=CommitmentUpdateMutation._meta.description)
    commitment_add_update = CommitmentAddUpdate.Field(description=CommitmentAddUpdate._meta.description)
    commitment_link_contributions = CommitmentLinkContributions.Field(
        description=CommitmentLinkContributions._meta.description
    )
    commitment_unlink_contributions = CommitmentUnlinkContributions.Field(
        description=CommitmentUnlinkContributions._meta.description
    )


__all__ = ["FeedbackMutations", "FeedbackQueries", "models"]
