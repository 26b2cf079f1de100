"""Webhook subscriptions and deliveries, in the tenant's schema: a tenant's receivers only
ever see that tenant's events (the delivery rows live next to its outbox)."""

import fnmatch
import uuid

from django.db import models

from imedia_core.plugin_api import OutboxEvent


class Subscription(models.Model):
    """A receiver URL that gets the events it subscribed to, signed with its secret."""

    url = models.URLField(max_length=500, help_text="Receiver (http or https).")
    # Event types: exact ("contribution.published"), a domain ("contribution.*") or everything ("*").
    events = models.JSONField(default=list, help_text="Event types delivered: exact, `domain.*` or `*`.")
    description = models.CharField(max_length=200, blank=True)
    # Needed in clear to sign; never returned by the API after creation or rotation.
    secret = models.CharField(max_length=128)
    # The secret before the last rotation, still signed with until then (rotation grace period).
    previous_secret = models.CharField(max_length=128, blank=True)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    consecutive_failures = models.PositiveIntegerField(default=0, help_text="Failed attempts since the last success.")
    disabled_at = models.DateTimeField(null=True, blank=True, help_text="When it was disabled automatically.")
    disabled_reason = models.CharField(max_length=300, blank=True)
    created_by_id = models.BigIntegerField(null=True, blank=True)
    created_by_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "abonnement webhook"
        verbose_name_plural = "abonnements webhook"

    def __str__(self):
        return self.description or self.url

    def matches(self, event_type: str) -> bool:
        return any(pattern == "*" or fnmatch.fnmatchcase(event_type, pattern) for pattern in self.events)

    @property
    def secret_hint(self) -> str:
        return f"…{self.secret[-4:]}" if self.secret else ""


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "En attente"
    SUCCEEDED = "succeeded", "Réussie"
    FAILED = "failed", "Abandonnée"


class Delivery(models.Model):
    """One event for one subscription. At most one row per (subscription, event): the event hook
    may run twice (at least once), the receiver still gets one delivery (retried as needed)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, help_text="X-Imedia-Delivery.")
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(OutboxEvent, on_delete=models.CASCADE, related_name="webhook_deliveries")
    event_type = models.CharField(max_length=64, db_index=True)
    status = models.CharField(max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # Lease: a worker owns the delivery until then; if it dies, the lease expires and another
    # worker sends again (the receiver de-duplicates on the event id).
    locked_until = models.DateTimeField(null=True, blank=True)
    lease_token = models.UUIDField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = "envoi webhook"
        verbose_name_plural = "envois webhook"
        constraints = [
            models.UniqueConstraint(fields=["subscription", "event"], name="webhooks_one_delivery_per_event")
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=models.Q(status="pending"),
                name="webhooks_delivery_due_idx",
            )
        ]

    def __str__(self):
        return f"{self.event_type} → {self.subscription_id} ({self.status})"


class DeliveryAttempt(models.Model):
    """The log of a delivery: one row per HTTP attempt."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    number = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True, help_text="Start of the response body (truncated).")
    error = models.CharField(max_length=500, blank=True)
    succeeded = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        verbose_name = "tentative d'envoi"
        verbose_name_plural = "tentatives d'envoi"

    def __str__(self):
        return f"#{self.number} {self.status_code or self.error}"
