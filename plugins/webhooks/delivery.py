"""Send due webhook deliveries of the current tenant: sign, POST, log, retry or give up.

A delivery is claimed with a lease (``locked_until``, ``lease_token``) in a short transaction,
sent outside any transaction, then its outcome is recorded in another short one. A worker that
dies between the POST and the record leaves the lease to expire; another worker then sends the
same delivery again with the same ``Idempotency-Key`` (the event id): at least once.
"""

import logging
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta

import httpx
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from imedia_core.plugin_api import Channel, ServiceContext, backoff_delay, changed, envelope_bytes, schedule_job

from .addresses import AddressRefused, check_url
from .config import WebhookConfig, config_for
from .models import Delivery, DeliveryAttempt, DeliveryStatus, Subscription
from .pinning import pinned_client
from .services import signing_secrets
from .signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, signature_header

logger = logging.getLogger("imedia.webhooks")

USER_AGENT = "imedia-webhooks/1"
RESPONSE_EXCERPT = 2000  # characters of the receiver's answer kept in the log
LEASE_MARGIN = timedelta(seconds=30)  # beyond the HTTP timeout, for signing and recording
DEFAULT_LIMIT = 100  # deliveries per job run and tenant, so one tenant cannot hold a worker


@dataclass
class Outcome:
    succeeded: bool
    status_code: int | None = None
    response_body: str = ""
    error: str = ""
    duration_ms: int = 0
    gone: bool = False  # 410: the receiver says the subscription is over


def deliver_due(tenant, *, limit: int = DEFAULT_LIMIT, client: httpx.Client | None = None) -> int:
    """The ``webhooks.deliver`` job: send up to ``limit`` due deliveries, one claim at a time.
    Returns how many were attempted."""
    config = config_for(tenant)
    own_client = client is None
    # Connections go to the addresses checked when they are opened (no DNS rebinding).
    client = client or pinned_client(config.timeout_seconds)
    sent = 0
    try:
        while sent < limit:
            claimed = claim_next(config)
            if claimed is None:
                break
            delivery, token = claimed
            outcome = send(delivery, tenant, client)
            finish(delivery.pk, token, outcome, tenant, config)
            sent += 1
    finally:
        if own_client:
            client.close()
    return sent


def due_deliveries(now):
    return Delivery.objects.filter(
        Q(locked_until__isnull=True) | Q(locked_until__lte=now),
        status=DeliveryStatus.PENDING,
        next_attempt_at__lte=now,
        subscription__is_active=True,
    ).order_by("next_attempt_at", "id")


def claim_next(config: WebhookConfig) -> tuple[Delivery, uuid.UUID] | None:
    """Lease the next due delivery to this worker; None when there is none."""
    with transaction.atomic():
        now = timezone.now()
        delivery = (
            due_deliveries(now)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("subscription", "event")
            .first()
        )
        if delivery is None:
            return None
        token = uuid.uuid4()
        delivery.locked_until = now + timedelta(seconds=config.timeout_seconds) + LEASE_MARGIN
        delivery.lease_token = token
        delivery.save(update_fields=["locked_until", "lease_token"])
    return delivery, token


def build_request(delivery: Delivery, tenant, now: float | None = None) -> tuple[bytes, dict[str, str]]:
    """The body and headers of one attempt (a fresh timestamp and signature each time)."""
    body = envelope_bytes(delivery.event, tenant)
    timestamp = int(now if now is not None else time.time())
    event_id = str(delivery.event.event_id)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Imedia-Event": delivery.event_type,
        "X-Imedia-Event-Id": event_id,
        "Idempotency-Key": event_id,
        "X-Imedia-Delivery": str(delivery.uuid),
        "X-Imedia-Attempt": str(delivery.attempts + 1),
        "X-Imedia-Tenant": tenant.schema_name,
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature_header(signing_secrets(delivery.subscription), timestamp, body),
    }
    return body, headers


def send(delivery: Delivery, tenant, client: httpx.Client) -> Outcome:
    """POST one attempt. Never raises for network or receiver errors: they are an outcome."""
    started = time.monotonic()
    try:
        # Scheme, credentials, literal addresses and local names; the host name's addresses are
        # checked by the client when it connects, on the very answer it connects to.
        check_url(delivery.subscription.url, resolve=False)
        body, headers = build_request(delivery, tenant)
        response = client.post(delivery.subscription.url, content=body, headers=headers)
    except AddressRefused as exc:
        return Outcome(False, error=str(exc)[:500])
    except httpx.TimeoutException:
        return Outcome(False, error="Délai dépassé.", duration_ms=_elapsed(started))
    except httpx.HTTPError as exc:
        return Outcome(False, error=f"Erreur réseau : {exc}"[:500], duration_ms=_elapsed(started))
    excerpt = response.text[:RESPONSE_EXCERPT] if response.content else ""
    ok = 200 <= response.status_code < 300
    return Outcome(
        ok,
        status_code=response.status_code,
        response_body=excerpt,
        error="" if ok else f"Réponse HTTP {response.status_code}.",
        duration_ms=_elapsed(started),
        gone=response.status_code == 410,
    )


def _elapsed(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def finish(delivery_id: int, token: uuid.UUID, outcome: Outcome, tenant, config: WebhookConfig) -> None:
    """Log the attempt and move the delivery on: done, retried later, or given up; count the
    subscription's consecutive failures and disable it past the tenant's limit."""
    retry_in = None
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().get(pk=delivery_id)
        now = timezone.now()
        DeliveryAttempt.objects.create(
            delivery=delivery,
            number=delivery.attempts + 1,
            started_at=now - timedelta(milliseconds=outcome.duration_ms),
            duration_ms=outcome.duration_ms,
            status_code=outcome.status_code,
            response_body=outcome.response_body,
            error=outcome.error,
            succeeded=outcome.succeeded,
        )
        if delivery.lease_token != token:
            # Replayed or taken over meanwhile: the attempt is logged, the new owner decides.
            return
        delivery.attempts += 1
        delivery.last_status_code = outcome.status_code
        delivery.last_error = outcome.error
        delivery.locked_until = None
        delivery.lease_token = None
        if outcome.succeeded:
            delivery.status = DeliveryStatus.SUCCEEDED
            delivery.delivered_at = now
            delivery.next_attempt_at = None
            # End a failure streak, if any. Without one the UPDATE matches no row and takes no
            # lock, so workers delivering to the same subscription do not queue on its row.
            Subscription.objects.filter(pk=delivery.subscription_id, consecutive_failures__gt=0).update(
                consecutive_failures=0
            )
        else:
            subscription = Subscription.objects.select_for_update().get(pk=delivery.subscription_id)
            subscription.consecutive_failures += 1
            if delivery.attempts >= config.max_attempts:
                delivery.status = DeliveryStatus.FAILED
                delivery.next_attempt_at = None
            else:
                retry_in = backoff_delay(
                    delivery.attempts, base=config.backoff_base_seconds, cap=config.backoff_max_seconds
                )
                delivery.next_attempt_at = now + retry_in
            if subscription.is_active and (
                outcome.gone or subscription.consecutive_failures >= config.max_consecutive_failures
            ):
                _disable(subscription, outcome, now)
            subscription.save(update_fields=["consecutive_failures", "is_active", "disabled_at", "disabled_reason"])
        delivery.save()
    if retry_in is not None:
        # Celery engine: come back when the retry is due (the periodic sweep is the safety net).
        schedule_job("webhooks.deliver", tenant.schema_name, countdown=retry_in.total_seconds())


def _disable(subscription: Subscription, outcome: Outcome, now) -> None:
    if outcome.gone:
        reason = "Le récepteur a répondu 410 (Gone) : abonnement désactivé."
    else:
        reason = (
            f"Désactivé automatiquement après {subscription.consecutive_failures} échecs consécutifs "
            f"(dernier : {outcome.error or 'erreur inconnue'})"
        )[:300]
    subscription.is_active = False
    subscription.disabled_at = now
    subscription.disabled_reason = reason
    changed(
        ServiceContext.system(Channel.JOB),
        "webhooks.subscription_disabled",
        subscription,
        payload={"consecutive_failures": subscription.consecutive_failures, "gone": outcome.gone},
        summary=reason,
    )
    logger.warning("webhook subscription %s disabled: %s", subscription.pk, reason)
