"""GraphQL type of the outbox (space admins: ``MANAGE_TENANT``)."""

import graphene

from imedia_core.events import models
from imedia_core.permissions import Perm

from ..core.connection import CountableConnection
from ..core.nodes import TenantNode
from ..core.types_base import ModelObjectType


class OutboxEvent(ModelObjectType):
    class Meta:
        model = models.OutboxEvent
        interfaces = (TenantNode,)
        connection_class = CountableConnection
        fields = ("created_at",)  # every field is declared below, with its description
        description = "A domain event of this space, from its transactional outbox (space admins)."
        read_permission = Perm.MANAGE_TENANT

    event_id = graphene.UUID(required=True, description="Its id: receivers de-duplicate on it (`Idempotency-Key`).")
    type = graphene.String(required=True, description="What happened, as `domain.verb` (see docs/webhooks.md).")
    subject_type = graphene.String(required=True, description="Kind of object it is about (empty if none).")
    subject_id = graphene.String(required=True, description="Identifier of that object (empty if none).")
    payload = graphene.JSONString(required=True, description="The event's data: ids and non-personal fields.")
    created_at = graphene.DateTime(required=True, description="When it happened (its transaction's time).")
    dispatched_at = graphene.DateTime(description="When every enabled plugin handled it; null while pending.")
    attempts = graphene.Int(required=True, description="Failed dispatch attempts so far.")
    last_error = graphene.String(required=True, description="Error of the last failed attempt (empty if none).")
    next_attempt_at = graphene.DateTime(description="Not retried before this time (after a failure).")
