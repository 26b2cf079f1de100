"""Keeping the outbox small: dispatched events older than ``IMEDIA_EVENTS_RETENTION_DAYS`` go.

Their webhook deliveries and attempt logs go with them (foreign keys cascade), so the retention
is also the delivery log's. A delivery still pending after that long would mean the workers were
stopped for weeks: retries end far sooner (``max_attempts`` × at most six hours).
Events not yet dispatched are never removed, however old.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import OutboxEvent

BATCH = 5000  # rows per pass, so a first purge of a large outbox never holds locks for long


def purge_dispatched(tenant=None, *, now=None) -> int:
    """Delete up to ``BATCH`` expired dispatched events of the current schema; how many."""
    days = settings.IMEDIA_EVENTS_RETENTION_DAYS
    if days <= 0:
        return 0
    limit = (now or timezone.now()) - timedelta(days=days)
    expired = OutboxEvent.objects.filter(dispatched_at__lt=limit).order_by("id").values_list("pk", flat=True)[:BATCH]
    deleted, _ = OutboxEvent.objects.filter(pk__in=list(expired)).delete()
    return min(deleted, BATCH) if deleted else 0
