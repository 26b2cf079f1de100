"""GraphQL types of the webhooks plugin (space admins only: ``MANAGE_TENANT``)."""

import graphene

from imedia_core.plugin_api import (
    CountableConnection,
    ModelObjectType,
    Perm,
    TenantNode,
    described_enum,
    envelope,
    error_codes,
    error_type,
)

from . import models

WebhookErrorCode = error_codes(
    "WebhookErrorCode",
    "Why a webhook mutation failed.",
    {
        "URL_NOT_ALLOWED": "The receiver address is refused (not http or https, credentials in it, or a private "
        "address where those are not allowed).",
        "SUBSCRIPTION_DISABLED": "The subscription is disabled; re-activate it first.",
        "NO_SUBSCRIPTION": "No active subscription receives this event type.",
    },
)
WebhookError = error_type("WebhookError", WebhookErrorCode, "An error returned by a webhook mutation.")

WebhookDeliveryStatusEnum = described_enum(
    "WebhookDeliveryStatus",
    models.DeliveryStatus,
    "Where a webhook delivery stands.",
    labels={
        "pending": "Waiting for its first attempt or its next retry.",
        "succeeded": "The receiver answered with a 2xx status.",
        "failed": "Given up after the maximum number of attempts (replay it to try again).",
    },
)


class WebhookSubscription(ModelObjectType):
    class Meta:
        model = models.Subscription
        interfaces = (TenantNode,)
        connection_class = CountableConnection
        fields = ("url",)  # every field is declared below, with its description
        description = "A receiver of this space's events, signed with its secret (space admins)."
        read_permission = Perm.MANAGE_TENANT

    url = graphene.String(required=True, description="Where events are POSTed (http or https).")
    events = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Event types delivered: exact (`contribution.published`), a domain (`contribution.*`) or `*`.",
    )
    description = graphene.String(required=True, description="What the receiver is, for people.")
    is_active = graphene.Boolean(required=True, description="Whether events are delivered to it.")
    secret_hint = graphene.String(
        required=True, description="Last characters of the secret, to tell secrets apart (never the secret)."
    )
    secret_rotation_ends_at = graphene.DateTime(
        description="Until when deliveries are also signed with the previous secret, after a rotation."
    )
    consecutive_failures = graphene.Int(required=True, description="Failed attempts since the last success.")
    disabled_at = graphene.DateTime(description="When it was disabled automatically, if it was.")
    disabled_reason = graphene.String(required=True, description="Why it was disabled automatically (empty if not).")
    created_by = graphene.String(required=True, description="Who created it, as shown then.")
    created_at = graphene.DateTime(required=True, description="When it was created.")
    updated_at = graphene.DateTime(required=True, description="When it was last changed.")

    def resolve_secret_rotation_ends_at(root, info):
        return root.previous_secret_expires_at if root.previous_secret else None

    def resolve_created_by(root, info):
        return root.created_by_label


class WebhookDeliveryAttempt(graphene.ObjectType):
    class Meta:
        description = "One HTTP attempt of a webhook delivery."

    number = graphene.Int(required=True, description="1 for the first attempt, then 2, 3…")
    started_at = graphene.DateTime(required=True, description="When the request started.")
    duration_ms = graphene.Int(required=True, description="How long it took, in milliseconds.")
    status_code = graphene.Int(description="The receiver's HTTP status; null when no answer came.")
    response_body = graphene.String(required=True, description="Start of the receiver's answer (truncated).")
    error = graphene.String(required=True, description="What went wrong (empty on success), in French.")
    succeeded = graphene.Boolean(required=True, description="Whether the receiver answered with a 2xx status.")


class WebhookDelivery(ModelObjectType):
    class Meta:
        model = models.Delivery
        interfaces = (TenantNode,)
        connection_class = CountableConnection
        fields = ("created_at",)  # every field is declared below, with its description
        description = "One event sent (or to send) to one subscription, with its attempt log (space admins)."
        read_permission = Perm.MANAGE_TENANT

    delivery_id = graphene.UUID(required=True, description="Sent as `X-Imedia-Delivery`.")
    subscription = graphene.Field(WebhookSubscription, required=True, description="Where it goes.")
    event_id = graphene.UUID(required=True, description="The event's id, sent as `Idempotency-Key`.")
    event_type = graphene.String(required=True, description="The event's type, sent as `X-Imedia-Event`.")
    status = graphene.Field(WebhookDeliveryStatusEnum, required=True, description="Where it stands.")
    attempts = graphene.Int(required=True, description="Attempts made so far.")
    next_attempt_at = graphene.DateTime(description="When the next attempt is due (pending deliveries).")
    last_status_code = graphene.Int(description="HTTP status of the last attempt; null when none came.")
    last_error = graphene.String(required=True, description="Error of the last attempt (empty if none).")
    delivered_at = graphene.DateTime(description="When the receiver accepted it.")
    created_at = graphene.DateTime(required=True, description="When the event was queued for this subscription.")
    payload = graphene.JSONString(required=True, description="The JSON body sent (the event envelope).")
    attempt_log = graphene.List(
        graphene.NonNull(WebhookDeliveryAttempt), required=True, description="Every attempt, oldest first."
    )

    def resolve_delivery_id(root, info):
        return root.uuid

    def resolve_event_id(root, info):
        return root.event.event_id

    def resolve_status(root, info):
        return models.DeliveryStatus(root.status).value  # a plain str, also on rows changed in memory

    def resolve_payload(root, info):
        return envelope(root.event, info.context.tenant)

    def resolve_attempt_log(root, info):
        return root.attempt_log.all()


class WebhookEventType(graphene.ObjectType):
    class Meta:
        description = "An event type a subscription can ask for."

    name = graphene.String(required=True, description="The type, as `domain.verb`.")
    description = graphene.String(required=True, description="When it happens.")
