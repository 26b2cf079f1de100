"""Delivered webhooks are kept ``IMEDIA_RETENTION_WEBHOOK_DELIVERIES_DAYS`` days (docs/privacy.md),
their attempt logs with them; failed and pending ones stay until their event goes (the events'
own retention)."""

from imedia_core.plugin_api import retention_limit

from .models import Delivery, DeliveryStatus

BATCH = 5000


def purge_delivered(tenant=None, *, now=None) -> int:
    """Delete up to ``BATCH`` delivered webhooks past their retention in the current schema."""
    limit = retention_limit("IMEDIA_RETENTION_WEBHOOK_DELIVERIES_DAYS", now=now)
    if limit is None:
        return 0
    expired = list(
        Delivery.objects.filter(status=DeliveryStatus.SUCCEEDED, delivered_at__lt=limit)
        .order_by("id")
        .values_list("pk", flat=True)[:BATCH]
    )
    if not expired:
        return 0
    Delivery.objects.filter(pk__in=expired).delete()
    return len(expired)
