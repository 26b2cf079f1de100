import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxEvent(models.Model):
    """A domain event, written in the same transaction as the change it describes.

    A committed change always has its row here and a rolled-back one never does; the dispatcher
    (``imedia_core.events.dispatch``) hands each row to the ``imedia_tenant_event`` hook after the
    commit, at least once. ``event_id`` is the idempotency key receivers de-duplicate on.
    """

    event_id = models.UUIDField(
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Clé d'idempotence."),
        verbose_name=_("identifiant de l'événement"),
    )
    type = models.CharField(
        max_length=64,
        db_index=True,
        help_text=_("Ce qui s'est passé, sous la forme `domaine.verbe`."),
        verbose_name=_("type d'événement"),
    )
    payload = models.JSONField(
        default=dict,
        help_text=_("Les données de l'événement (JSON, pas de donnée personnelle au-delà des identifiants)."),
        verbose_name=_("données"),
    )
    subject_type = models.CharField(
        max_length=64,
        blank=True,
        help_text=_("Type de l'objet dont parle l'événement."),
        verbose_name=_("type du sujet"),
    )
    subject_id = models.CharField(
        max_length=64, blank=True, help_text=_("Identifiant de cet objet."), verbose_name=_("identifiant du sujet")
    )
    actor_id = models.BigIntegerField(null=True, blank=True, verbose_name=_("identifiant de l'acteur·rice"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("créé le"))
    # Dispatch state: NULL until every enabled plugin's hook has run for this event.
    dispatched_at = models.DateTimeField(null=True, blank=True, db_index=True, verbose_name=_("diffusé le"))
    attempts = models.PositiveIntegerField(
        default=0, help_text=_("Tentatives d'envoi échouées jusqu'ici."), verbose_name=_("tentatives")
    )
    last_error = models.TextField(
        blank=True, help_text=_("Erreur de la dernière tentative d'envoi échouée."), verbose_name=_("dernière erreur")
    )
    # After a failed attempt the dispatcher leaves the event alone until then (backoff).
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Ne pas réessayer avant cette date."), verbose_name=_("prochaine tentative")
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        indexes = [
            models.Index(fields=["id"], condition=models.Q(dispatched_at__isnull=True), name="outbox_pending_idx"),
        ]

    def __str__(self):
        return f"{self.type} #{self.pk}"

    @property
    def is_dispatched(self) -> bool:
        return self.dispatched_at is not None
