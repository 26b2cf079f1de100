"""GraphQL root fields of the events domain: the outbox, for space admins."""

import graphene

from imedia_core.events.models import OutboxEvent as OutboxEventModel
from imedia_core.permissions import Perm

from ..core.connection import ConnectionField
from ..core.permissions import require
from .types import OutboxEvent


class EventsQueries(graphene.ObjectType):
    outbox_events = ConnectionField(
        OutboxEvent,
        type=graphene.String(description="Only events of this type (e.g. `contribution.published`)."),
        pending=graphene.Boolean(description="Only events not yet dispatched (true) or only dispatched ones (false)."),
        description="This space's domain events, newest first: what left or will leave through the event hook "
        "and the webhooks (space admins).",
    )

    def resolve_outbox_events(root, info, type=None, pending=None, **kwargs):
        require(info, Perm.MANAGE_TENANT)
        events = OutboxEventModel.objects.order_by("-id")
        if type:
            events = events.filter(type=type)
        if pending is not None:
            events = events.filter(dispatched_at__isnull=pending)
        return events
