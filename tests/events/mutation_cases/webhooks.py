"""The webhooks plugin: subscriptions, secret rotation and replays, each successful mutation with its
one ``webhooks.*`` event. Receivers are public host names: the plugin refuses private addresses
(tests/webhooks allows them for its local receiver; here nothing is sent)."""

from imedia_core.events.models import OutboxEvent
from imedia_core.graphql.core.nodes import TenantNode
from plugins.webhooks import services

from . import Case

RECEIVER = "https://crm.example.org/imedia/webhooks"
PAYLOAD = "errors { field code message }"


def _subscription(ctx):
    subscription, _ = services.create_subscription(ctx["service"], {"url": RECEIVER, "events": ["contribution.*"]})
    return subscription


def _subscription_id(ctx):
    return TenantNode.to_global_id("WebhookSubscription", _subscription(ctx).pk)


def _delivered_event(ctx):
    """An event already queued for a subscription (as the dispatcher would have done)."""
    _subscription(ctx)
    event = OutboxEvent.objects.create(type="contribution.published", payload={"id": 1})
    services.enqueue_deliveries(event)
    return event


def _delivery_id(ctx):
    delivery = _delivered_event(ctx).webhook_deliveries.get()
    return {"deliveryId": TenantNode.to_global_id("WebhookDelivery", delivery.pk)}


REPLAY = (
    "mutation($deliveryId: ID, $eventId: UUID) "
    f"{{ webhookReplay(deliveryId: $deliveryId, eventId: $eventId) {{ {PAYLOAD} }} }}"
)

CASES = [
    Case(
        mutation="webhookSubscriptionCreate",
        document=(
            "mutation($input: WebhookSubscriptionCreateInput!) "
            f"{{ webhookSubscriptionCreate(input: $input) {{ {PAYLOAD} }} }}"
        ),
        setup=lambda ctx: {"input": {"url": RECEIVER, "events": ["contribution.*", "response.published"]}},
        events=("webhooks.subscription_created",),
    ),
    Case(
        mutation="webhookSubscriptionUpdate",
        document=(
            "mutation($id: ID!, $input: WebhookSubscriptionUpdateInput!) "
            f"{{ webhookSubscriptionUpdate(id: $id, input: $input) {{ {PAYLOAD} }} }}"
        ),
        setup=lambda ctx: {"id": _subscription_id(ctx), "input": {"isActive": False}},
        events=("webhooks.subscription_updated",),
    ),
    Case(
        mutation="webhookSubscriptionDelete",
        document=f"mutation($id: ID!) {{ webhookSubscriptionDelete(id: $id) {{ {PAYLOAD} }} }}",
        setup=lambda ctx: {"id": _subscription_id(ctx)},
        events=("webhooks.subscription_deleted",),
    ),
    Case(
        mutation="webhookRotateSecret",
        document=f"mutation($id: ID!) {{ webhookRotateSecret(id: $id) {{ {PAYLOAD} }} }}",
        setup=lambda ctx: {"id": _subscription_id(ctx)},
        events=("webhooks.secret_rotated",),
    ),
    Case(
        mutation="webhookReplay",
        document=REPLAY,
        setup=_delivery_id,
        events=("webhooks.replayed",),
    ),
    Case(
        mutation="webhookReplay",
        document=REPLAY,
        setup=lambda ctx: {"eventId": str(_delivered_event(ctx).event_id)},
        events=("webhooks.replayed",),
    ),
]
