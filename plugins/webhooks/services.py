"""Business rules of webhook subscriptions, deliveries and replays.

Each function that changes something takes the caller's ``ServiceContext`` first, is one
transaction, raises ``ServiceError`` (codes of ``WebhookErrorCode``) to refuse, and records the
change with ``changed()``: an audit entry and a ``webhooks.*`` event (declared in ``plugin.py``).
Payloads carry ids, event types and flags, never a secret nor the receiver's address (which may
hold a token).
"""

import re
import secrets
import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from imedia_core.plugin_api import OutboxEvent, ServiceContext, ServiceError, changed

from .addresses import AddressRefused, check_url
from .config import config_for
from .models import Delivery, DeliveryStatus, Subscription

SECRET_PREFIX = "whsec_"
MAX_EVENT_PATTERNS = 50
_PATTERN = re.compile(r"^(\*|[a-z][a-z0-9_]*\.(\*|[a-z][a-z0-9_]*))$")


def generate_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def clean_url(url) -> str:
    url = (url or "").strip()
    if not url:
        raise ServiceError.single("REQUIRED", "Indiquez l'adresse du récepteur.", "url")
    if len(url) > 500:
        raise ServiceError.single("INVALID", "L'adresse ne doit pas dépasser 500 caractères.", "url")
    try:
        check_url(url, resolve=False)
    except AddressRefused as exc:
        raise ServiceError.single("URL_NOT_ALLOWED", str(exc), "url") from exc
    return url


def clean_events(events) -> list[str]:
    cleaned = list(dict.fromkeys((e or "").strip() for e in events or []))
    if not cleaned:
        raise ServiceError.single("REQUIRED", "Choisissez au moins un type d'événement (ou « * » pour tous).", "events")
    if len(cleaned) > MAX_EVENT_PATTERNS:
        raise ServiceError.single("INVALID", f"Au plus {MAX_EVENT_PATTERNS} types d'événements.", "events")
    for pattern in cleaned:
        if not _PATTERN.match(pattern):
            raise ServiceError.single(
                "INVALID",
                f"Type d'événement invalide : « {pattern} » (attendu : « domaine.verbe », « domaine.* » ou « * »).",
                "events",
            )
    return cleaned


def clean_secret(secret) -> str:
    secret = (secret or "").strip()
    if len(secret) < 24 or len(secret) > 128:
        raise ServiceError.single("INVALID", "Le secret doit compter entre 24 et 128 caractères.", "secret")
    return secret


def _description(value) -> str:
    value = (value or "").strip()
    if len(value) > 200:
        raise ServiceError.single("INVALID", "La description ne doit pas dépasser 200 caractères.", "description")
    return value


def _subscription_payload(subscription: Subscription) -> dict:
    return {"events": list(subscription.events), "is_active": subscription.is_active}


@transaction.atomic
def create_subscription(ctx: ServiceContext, data: dict) -> tuple[Subscription, str]:
    """Create a subscription; returns it with its secret (given, or generated), shown only now."""
    secret = clean_secret(data["secret"]) if data.get("secret") else generate_secret()
    subscription = Subscription.objects.create(
        url=clean_url(data.get("url")),
        events=clean_events(data.get("events")),
        description=_description(data.get("description")),
        is_active=data.get("is_active", True) is not False,
        secret=secret,
        created_by_id=ctx.user_id,
        created_by_label=ctx.label if ctx.actor is not None else "",
    )
    changed(
        ctx,
        "webhooks.subscription_created",
        subscription,
        payload=_subscription_payload(subscription),
        summary=f"Abonnement webhook créé : {subscription.url}",
    )
    return subscription, secret


@transaction.atomic
def update_subscription(ctx: ServiceContext, subscription: Subscription, data: dict) -> Subscription:
    """Change a subscription. Re-activating one clears its failure count and disabling reason."""
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if data.get("url") is not None:
        subscription.url = clean_url(data["url"])
    if data.get("events") is not None:
        subscription.events = clean_events(data["events"])
    if data.get("description") is not None:
        subscription.description = _description(data["description"])
    if data.get("is_active") is not None:
        if data["is_active"] and not subscription.is_active:
            subscription.consecutive_failures = 0
            subscription.disabled_at = None
            subscription.disabled_reason = ""
        subscription.is_active = bool(data["is_active"])
    subscription.save()
    changed(
        ctx,
        "webhooks.subscription_updated",
        subscription,
        payload=_subscription_payload(subscription),
        summary=f"Abonnement webhook modifié : {subscription.url}" + ("" if subscription.is_active else " (désactivé)"),
    )
    return subscription


@transaction.atomic
def delete_subscription(ctx: ServiceContext, subscription: Subscription) -> None:
    """Delete a subscription with its delivery log (recorded first, while it still has its id)."""
    changed(
        ctx,
        "webhooks.subscription_deleted",
        subscription,
        summary=f"Abonnement webhook supprimé : {subscription.url}",
    )
    subscription.delete()


@transaction.atomic
def rotate_secret(ctx: ServiceContext, subscription: Subscription, *, secret: str | None = None) -> str:
    """Give the subscription a new secret (returned, shown only now). During the tenant's grace
    period (``secret_grace_hours``, 24 by default) deliveries are signed with both secrets, so
    the receiver can switch without losing a request."""
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    new_secret = clean_secret(secret) if secret else generate_secret()
    if new_secret == subscription.secret:
        raise ServiceError.single("INVALID", "Le nouveau secret doit différer de l'actuel.", "secret")
    grace = config_for(ctx.tenant).secret_grace_hours
    if grace:
        subscription.previous_secret = subscription.secret
        subscription.previous_secret_expires_at = timezone.now() + timedelta(hours=grace)
    else:
        subscription.previous_secret = ""
        subscription.previous_secret_expires_at = None
    subscription.secret = new_secret
    subscription.save()
    changed(
        ctx,
        "webhooks.secret_rotated",
        subscription,
        summary=f"Secret de l'abonnement webhook renouvelé : {subscription.url}",
    )
    return new_secret


def signing_secrets(subscription: Subscription, now=None) -> list[str]:
    """The secrets a delivery is signed with now: the current one, plus the previous one during
    the rotation grace period."""
    now = now or timezone.now()
    keys = [subscription.secret]
    if (
        subscription.previous_secret
        and subscription.previous_secret_expires_at
        and now < subscription.previous_secret_expires_at
    ):
        keys.append(subscription.previous_secret)
    return keys


def enqueue_deliveries(event: OutboxEvent) -> int:
    """The ``imedia_tenant_event`` hook: one pending delivery per matching active subscription.
    Idempotent (the hook may run twice for one event): existing rows are left as they are."""
    matching = [s for s in Subscription.objects.filter(is_active=True) if s.matches(event.type)]
    if not matching:  # the common case: one query per event, nothing else
        return 0
    now = timezone.now()
    existing = set(Delivery.objects.filter(event=event).values_list("subscription_id", flat=True))
    rows = [
        Delivery(subscription=subscription, event=event, event_type=event.type, next_attempt_at=now)
        for subscription in matching
        if subscription.pk not in existing
    ]
    if rows:
        # ON CONFLICT DO NOTHING: a concurrent run of the hook for the same event is harmless.
        Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _reset(delivery: Delivery, now) -> Delivery:
    delivery.status = DeliveryStatus.PENDING
    delivery.next_attempt_at = now
    # A worker still sending it keeps its attempt in the log but no longer owns the row.
    delivery.locked_until = None
    delivery.lease_token = None
    delivery.save(update_fields=["status", "next_attempt_at", "locked_until", "lease_token", "updated_at"])
    return delivery


def _replay_payload(event: OutboxEvent, deliveries: list[Delivery]) -> dict:
    return {
        "event_id": str(event.event_id),
        "event_type": event.type,
        "subscription_ids": [delivery.subscription_id for delivery in deliveries],
    }


@transaction.atomic
def replay_delivery(ctx: ServiceContext, delivery: Delivery) -> Delivery:
    """Send a delivery again (succeeded or given up, or now rather than at its next retry)."""
    delivery = (
        Delivery.objects.select_for_update(of=("self",)).select_related("subscription", "event").get(pk=delivery.pk)
    )
    if not delivery.subscription.is_active:
        raise ServiceError.single(
            "SUBSCRIPTION_DISABLED",
            "Cet abonnement est désactivé : réactivez-le avant de renvoyer.",
            "deliveryId",
        )
    _reset(delivery, timezone.now())
    changed(
        ctx,
        "webhooks.replayed",
        delivery,
        payload=_replay_payload(delivery.event, [delivery]),
        summary=f"Renvoi de l'événement {delivery.event_type} vers {delivery.subscription.url}",
    )
    return delivery


@transaction.atomic
def replay_event(ctx: ServiceContext, event_id, *, subscription: Subscription | None = None) -> list[Delivery]:
    """Send an event again to every active subscription matching it (or to ``subscription``),
    including subscriptions created after the event."""
    try:
        event_uuid = uuid.UUID(str(event_id))
    except ValueError:
        event_uuid = None
    event = OutboxEvent.objects.filter(event_id=event_uuid).first() if event_uuid else None
    if event is None:
        raise ServiceError.single("NOT_FOUND", "Aucun événement avec cet identifiant dans cet espace.", "eventId")
    subscriptions = Subscription.objects.filter(is_active=True)
    if subscription is not None:
        if not subscription.is_active:
            raise ServiceError.single(
                "SUBSCRIPTION_DISABLED",
                "Cet abonnement est désactivé : réactivez-le avant de renvoyer.",
                "subscriptionId",
            )
        subscriptions = subscriptions.filter(pk=subscription.pk)
    matching = [s for s in subscriptions if s.matches(event.type)]
    if not matching:
        raise ServiceError.single("NO_SUBSCRIPTION", "Aucun abonnement actif ne reçoit ce type d'événement.", "eventId")
    now = timezone.now()
    deliveries = []
    for sub in matching:
        delivery, created = Delivery.objects.select_for_update().get_or_create(
            subscription=sub, event=event, defaults={"event_type": event.type, "next_attempt_at": now}
        )
        deliveries.append(delivery if created else _reset(delivery, now))
        delivery.subscription = sub
    changed(
        ctx,
        "webhooks.replayed",
        event,
        payload=_replay_payload(event, deliveries),
        summary=f"Renvoi de l'événement {event.type} ({event.event_id}) à {len(deliveries)} abonnement(s)",
    )
    return deliveries
