"""Webhook subscriptions and deliveries, in the tenant's schema: a tenant's receivers only
ever see that tenant's events (the delivery rows live next to its outbox)."""

import fnmatch
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from imedia_core.plugin_api import OutboxEvent


class Subscription(models.Model):
    """A receiver URL that gets the events it subscribed to, signed with its secret."""

    url = models.URLField(
        max_length=500, help_text=_("Destinataire (http ou https)."), verbose_name=_("adresse de réception")
    )
    # Event types: exact ("contribution.published"), a domain ("contribution.*") or everything ("*").
    events = models.JSONField(
        default=list,
        help_text=_("Types d'événements envoyés : exacts, `domaine.*` ou `*`."),
        verbose_name=_("événements"),
    )
    description = models.CharField(max_length=200, blank=True, verbose_name=_("description"))
    # Needed in clear to sign; never returned by the API after creation or rotation.
    secret = models.CharField(max_length=128, verbose_name=_("secret"))
    # The secret before the last rotation, still signed with until then (rotation grace period).
    previous_secret = models.CharField(max_length=128, blank=True, verbose_name=_("secret précédent"))
    previous_secret_expires_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("fin de validité du secret précédent")
    )
    is_active = models.BooleanField(default=True, verbose_name=_("actif"))
    consecutive_failures = models.PositiveIntegerField(
        default=0, help_text=_("Tentatives échouées depuis le dernier succès."), verbose_name=_("échecs consécutifs")
    )
    disabled_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Date de la désactivation automatique."), verbose_name=_("désactivé le")
    )
    disabled_reason = models.CharField(max_length=300, blank=True, verbose_name=_("motif de la désactivation"))
    created_by_id = models.BigIntegerField(null=True, blank=True, verbose_name=_("identifiant du créateur"))
    created_by_label = models.CharField(max_length=200, blank=True, verbose_name=_("créé par"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("créé le"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("modifié le"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("abonnement webhook")
        verbose_name_plural = _("abonnements webhook")

    def __str__(self):
        return self.description or self.url

    def matches(self, event_type: str) -> bool:
        return any(pattern == "*" or fnmatch.fnmatchcase(event_type, pattern) for pattern in self.events)

    @property
    def secret_hint(self) -> str:
        return f"…{self.secret[-4:]}" if self.secret else ""


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    SUCCEEDED = "succeeded", _("Réussie")
    FAILED = "failed", _("Abandonnée")


class Delivery(models.Model):
    """One event for one subscription. At most one row per (subscription, event): the event hook
    may run twice (at least once), the receiver still gets one delivery (retried as needed)."""

    uuid = models.UUIDField(
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("X-Imedia-Delivery."),
        verbose_name=_("identifiant unique"),
    )
    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("abonnement")
    )
    event = models.ForeignKey(
        OutboxEvent, on_delete=models.CASCADE, related_name="webhook_deliveries", verbose_name=_("événement")
    )
    event_type = models.CharField(max_length=64, db_index=True, verbose_name=_("type d'événement"))
    status = models.CharField(
        max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING, verbose_name=_("état")
    )
    attempts = models.PositiveIntegerField(default=0, verbose_name=_("tentatives"))
    next_attempt_at = models.DateTimeField(null=True, blank=True, verbose_name=_("prochaine tentative"))
    # Lease: a worker owns the delivery until then; if it dies, the lease expires and another
    # worker sends again (the receiver de-duplicates on the event id).
    locked_until = models.DateTimeField(null=True, blank=True, verbose_name=_("réservé jusqu'au"))
    lease_token = models.UUIDField(null=True, blank=True, verbose_name=_("jeton de réservation"))
    last_status_code = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("dernier code de réponse")
    )
    last_error = models.CharField(max_length=500, blank=True, verbose_name=_("dernière erreur"))
    delivered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("envoyé le"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("créé le"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("modifié le"))

    class Meta:
        ordering = ["-id"]
        verbose_name = _("envoi webhook")
        verbose_name_plural = _("envois webhook")
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

    delivery = models.ForeignKey(
        Delivery, on_delete=models.CASCADE, related_name="attempt_log", verbose_name=_("envoi")
    )
    number = models.PositiveIntegerField(verbose_name=_("numéro"))
    started_at = models.DateTimeField(verbose_name=_("commencée le"))
    duration_ms = models.PositiveIntegerField(default=0, verbose_name=_("durée (ms)"))
    status_code = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("code de réponse"))
    response_body = models.TextField(
        blank=True, help_text=_("Début du corps de la réponse (tronqué)."), verbose_name=_("corps de la réponse")
    )
    error = models.CharField(max_length=500, blank=True, verbose_name=_("erreur"))
    succeeded = models.BooleanField(default=False, verbose_name=_("réussie"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("tentative d'envoi")
        verbose_name_plural = _("tentatives d'envoi")

    def __str__(self):
        return f"#{self.number} {self.status_code or self.error}"
