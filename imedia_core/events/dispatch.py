"""Hand committed outbox events to the ``imedia_tenant_event`` hook, at least once.

Several workers (processes, machines, Celery tasks) may dispatch the same tenant at once: each
batch is claimed with ``SELECT ... FOR UPDATE SKIP LOCKED``, so a row is handled by one worker at
a time and the others move on. The hook runs inside the claiming transaction, so what a plugin
writes in the database (webhook deliveries, notifications to send) commits together with the
"dispatched" mark: a worker that dies mid-batch rolls both back and the events stay pending.

A hook that raises is recorded on the event (``attempts``, ``last_error``) and the event is
retried after an exponential backoff; the other events of the batch go on. Every enabled
plugin's hook runs again on a retry, so hooks must be idempotent on ``event.event_id``.
"""

import logging
import traceback
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tenants.utils import tenant_context

from imedia_core.pluginhost.manager import hook_for_tenant

from .backoff import backoff_delay
from .models import OutboxEvent

logger = logging.getLogger("imedia.events")

# Bounded so that a tenant with a huge backlog does not starve the others in one worker pass.
MAX_BATCHES_PER_RUN = 20


@dataclass
class DispatchResult:
    dispatched: int = 0
    failed: int = 0

    @property
    def handled(self) -> int:
        return self.dispatched + self.failed


def pending_events(now=None):
    """Events due for dispatch, oldest first."""
    now = now or timezone.now()
    return (
        OutboxEvent.objects.filter(dispatched_at__isnull=True)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("id")
    )


def dispatch_pending(tenant, *, batch_size: int | None = None) -> DispatchResult:
    """Dispatch the due events of ``tenant`` (in its schema), batch after batch."""
    batch_size = batch_size or settings.IMEDIA_EVENTS_BATCH_SIZE
    total = DispatchResult()
    with tenant_context(tenant):
        hook = hook_for_tenant(tenant, "imedia_tenant_event")
        for _ in range(MAX_BATCHES_PER_RUN):
            result = _dispatch_batch(tenant, hook, batch_size)
            total.dispatched += result.dispatched
            total.failed += result.failed
            if result.handled < batch_size:
                break
    return total


def _dispatch_batch(tenant, hook, batch_size: int) -> DispatchResult:
    result = DispatchResult()
    with transaction.atomic():
        events = list(pending_events().select_for_update(skip_locked=True)[:batch_size])
        done = []
        for event in events:
            try:
                with transaction.atomic():  # a savepoint: a failing hook undoes only its own writes
                    hook(tenant=tenant, event=event)
            except Exception as exc:
                _record_failure(event, exc)
                result.failed += 1
            else:
                done.append(event.pk)
        if done:
            # One statement for the batch, in the transaction that holds what the hooks wrote.
            OutboxEvent.objects.filter(pk__in=done).update(dispatched_at=timezone.now(), next_attempt_at=None)
        result.dispatched = len(done)
    return result


def _record_failure(event: OutboxEvent, exc: Exception) -> None:
    event.attempts += 1
    event.last_error = "".join(traceback.format_exception_only(exc)).strip()[:2000]
    event.next_attempt_at = timezone.now() + backoff_delay(
        event.attempts, base=settings.IMEDIA_EVENTS_RETRY_BASE_SECONDS, cap=settings.IMEDIA_EVENTS_RETRY_MAX_SECONDS
    )
    event.save(update_fields=["attempts", "last_error", "next_attempt_at"])
    logger.warning(
        "event %s (%s) failed in a plugin hook, attempt %d: %s", event.event_id, event.type, event.attempts, exc
    )


def retry_now(events) -> int:
    """Make failed, undispatched events due again (admin action, support)."""
    return events.filter(dispatched_at__isnull=True).update(next_attempt_at=None)
