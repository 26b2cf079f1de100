"""Mutations of the webhooks plugin (space admins: ``MANAGE_TENANT``); rules in ``services``."""

import graphene

from imedia_core.plugin_api import BaseMutation, MutationError, Perm, get_or_not_found, service_context

from . import models, services
from .types import WebhookDelivery, WebhookError, WebhookSubscription


class WebhookSubscriptionCreateInput(graphene.InputObjectType):
    class Meta:
        description = "A new webhook subscription."

    url = graphene.String(required=True, description="Receiver address, http or https (at most 500 characters).")
    events = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Event types: exact (`contribution.published`), a domain (`contribution.*`) or `*` for all.",
    )
    description = graphene.String(description="What the receiver is, for people (at most 200 characters).")
    is_active = graphene.Boolean(description="Deliver right away (default true).")
    secret = graphene.String(
        description="Signing secret to use (24 to 128 characters); a strong one is generated when omitted."
    )


class WebhookSubscriptionUpdateInput(graphene.InputObjectType):
    class Meta:
        description = "Changes to a webhook subscription: omitted or null fields stay as they are."

    url = graphene.String(description="Receiver address, http or https.")
    events = graphene.List(graphene.NonNull(graphene.String), description="Event types (replaces the list).")
    description = graphene.String(description="What the receiver is, for people.")
    is_active = graphene.Boolean(
        description="Turn deliveries on or off; turning a disabled subscription on clears its failure count. "
        "Deliveries queued meanwhile are sent once it is active again."
    )


def _data(data) -> dict:
    return {key: data.get(key) for key in ("url", "events", "description", "is_active", "secret") if key in data}


def get_subscription(global_id, field="id") -> models.Subscription:
    return get_or_not_found(
        models.Subscription.objects.all(),
        global_id,
        "WebhookSubscription",
        "Aucun abonnement webhook avec cet identifiant dans cet espace.",
        field=field,
    )


class WebhookSubscriptionCreate(BaseMutation):
    class Arguments:
        input = WebhookSubscriptionCreateInput(required=True, description="The subscription's fields.")

    class Meta:
        description = "Subscribe a receiver to this space's events. The signing secret is returned once, here."
        error_type = WebhookError
        permission = Perm.MANAGE_TENANT

    subscription = graphene.Field(WebhookSubscription, description="The new subscription; null on error.")
    secret = graphene.String(description="The signing secret: store it now, it is never shown again.")

    @classmethod
    def perform_mutation(cls, root, info, principal, input):
        subscription, secret = services.create_subscription(service_context(info), _data(input))
        return cls(subscription=subscription, secret=secret, errors=[])


class WebhookSubscriptionUpdate(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the subscription.")
        input = WebhookSubscriptionUpdateInput(required=True, description="The fields to change.")

    class Meta:
        description = "Change a webhook subscription (address, events, description, on/off)."
        error_type = WebhookError
        permission = Perm.MANAGE_TENANT

    subscription = graphene.Field(WebhookSubscription, description="The subscription after the change.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id, input):
        subscription = services.update_subscription(service_context(info), get_subscription(id), _data(input))
        return cls(subscription=subscription, errors=[])


class WebhookSubscriptionDelete(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the subscription.")

    class Meta:
        description = "Delete a webhook subscription with its delivery log. Cannot be undone."
        error_type = WebhookError
        permission = Perm.MANAGE_TENANT

    deleted_id = graphene.ID(description="Global ID of the deleted subscription; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id):
        services.delete_subscription(service_context(info), get_subscription(id))
        return cls(deleted_id=id, errors=[])


class WebhookRotateSecret(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the subscription.")
        secret = graphene.String(description="The new secret (24 to 128 characters); generated when omitted.")

    class Meta:
        description = (
            "Give a subscription a new signing secret, returned once. During the space's grace period (24 hours "
            "by default) deliveries carry a signature with each secret, so the receiver can switch without loss."
        )
        error_type = WebhookError
        permission = Perm.MANAGE_TENANT

    subscription = graphene.Field(WebhookSubscription, description="The subscription after the rotation.")
    secret = graphene.String(description="The new signing secret: store it now, it is never shown again.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id, secret=None):
        subscription = get_subscription(id)
        new_secret = services.rotate_secret(service_context(info), subscription, secret=secret)
        subscription.refresh_from_db()
        return cls(subscription=subscription, secret=new_secret, errors=[])


class WebhookReplay(BaseMutation):
    class Arguments:
        delivery_id = graphene.ID(description="Global ID of a delivery to send again.")
        event_id = graphene.UUID(
            description="An event's id (the `Idempotency-Key` receivers saw): send it again to every active "
            "subscription that matches it, including ones created since."
        )
        subscription_id = graphene.ID(description="With `eventId`: only to this subscription.")

    class Meta:
        description = (
            "Send a delivery, or an event, again now (give `deliveryId` or `eventId`). Receivers get the same "
            "`Idempotency-Key` as before; the attempt log keeps growing."
        )
        error_type = WebhookError
        permission = Perm.MANAGE_TENANT

    deliveries = graphene.List(
        graphene.NonNull(WebhookDelivery), description="The deliveries queued again; null on error."
    )

    @classmethod
    def perform_mutation(cls, root, info, principal, delivery_id=None, event_id=None, subscription_id=None):
        if (delivery_id is None) == (event_id is None):
            raise MutationError("INVALID", "Donnez soit « deliveryId », soit « eventId ».")
        if delivery_id is not None:
            delivery = get_or_not_found(
                models.Delivery.objects.all(),
                delivery_id,
                "WebhookDelivery",
                "Aucun envoi webhook avec cet identifiant dans cet espace.",
                field="deliveryId",
            )
            deliveries = [services.replay_delivery(service_context(info), delivery)]
        else:
            subscription = get_subscription(subscription_id, "subscriptionId") if subscription_id else None
            deliveries = services.replay_event(service_context(info), event_id, subscription=subscription)
        return cls(deliveries=deliveries, errors=[])
