"""Root fields of the webhooks plugin. They answer PLUGIN_DISABLED in a space that turned the
plugin off (the schema builder guards every root field a plugin contributes)."""

import graphene

from imedia_core.plugin_api import ConnectionField, Perm, event_types, pk_from_global_id, require, selected_fields

from . import models
from .mutations import (
    WebhookReplay,
    WebhookRotateSecret,
    WebhookSubscriptionCreate,
    WebhookSubscriptionDelete,
    WebhookSubscriptionUpdate,
)
from .types import WebhookDelivery, WebhookDeliveryStatusEnum, WebhookEventType, WebhookSubscription


class WebhookDeliveryFilterInput(graphene.InputObjectType):
    class Meta:
        description = "Narrow the webhook deliveries (all filters combine)."

    subscription = graphene.ID(description="Only deliveries of this subscription (global ID).")
    status = graphene.List(graphene.NonNull(WebhookDeliveryStatusEnum), description="Only these statuses.")
    event_type = graphene.String(description="Only this event type.")
    event_id = graphene.UUID(description="Only deliveries of this event.")
    since = graphene.DateTime(description="Only deliveries queued at or after this time.")


class WebhookQueries(graphene.ObjectType):
    webhook_subscriptions = ConnectionField(
        WebhookSubscription,
        is_active=graphene.Boolean(description="Only active (true) or inactive (false) subscriptions."),
        description="This space's webhook subscriptions, oldest first (space admins).",
    )
    webhook_deliveries = ConnectionField(
        WebhookDelivery,
        filter=WebhookDeliveryFilterInput(description="Narrow the list."),
        description="This space's webhook deliveries, newest first, with their attempt log (space admins).",
    )
    webhook_event_types = graphene.List(
        graphene.NonNull(WebhookEventType),
        required=True,
        description="The documented event types a subscription can ask for (others may be emitted by plugins).",
    )

    def resolve_webhook_subscriptions(root, info, is_active=None, **kwargs):
        require(info, Perm.MANAGE_TENANT)
        queryset = models.Subscription.objects.all()
        return queryset if is_active is None else queryset.filter(is_active=is_active)

    def resolve_webhook_deliveries(root, info, filter=None, **kwargs):
        require(info, Perm.MANAGE_TENANT)
        queryset = models.Delivery.objects.all()
        filter = filter or {}
        if filter.get("subscription"):
            queryset = queryset.filter(subscription_id=pk_from_global_id(filter["subscription"], "WebhookSubscription"))
        if filter.get("status"):
            queryset = queryset.filter(status__in=[getattr(s, "value", s) for s in filter["status"]])
        if filter.get("event_type"):
            queryset = queryset.filter(event_type=filter["event_type"])
        if filter.get("event_id"):
            queryset = queryset.filter(event__event_id=filter["event_id"])
        if filter.get("since"):
            queryset = queryset.filter(created_at__gte=filter["since"])
        fields = selected_fields(info, ("edges", "node"))
        related = ["event"]  # eventId and payload; a join, not a query
        if "subscription" in fields:
            related.append("subscription")
        queryset = queryset.select_related(*related)
        if "attemptLog" in fields:
            queryset = queryset.prefetch_related("attempt_log")
        return queryset

    def resolve_webhook_event_types(root, info):
        require(info, Perm.MANAGE_TENANT)
        return [WebhookEventType(name=name, description=text) for name, text in event_types().items()]


class WebhookMutations(graphene.ObjectType):
    webhook_subscription_create = WebhookSubscriptionCreate.Field()
    webhook_subscription_update = WebhookSubscriptionUpdate.Field()
    webhook_subscription_delete = WebhookSubscriptionDelete.Field()
    webhook_rotate_secret = WebhookRotateSecret.Field()
    webhook_replay = WebhookReplay.Field()
