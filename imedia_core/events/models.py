import uuid

from django.db import models


class OutboxEvent(models.Model):
    """A domain event, written in the same transaction as the change it describes.

    A committed change always has its row here and a rolled-back one never does; the dispatcher
    (``imedia_core.events.dispatch``) hands each row to the ``imedia_tenant_event`` hook after the
    commit, at least once. ``event_id`` is the idempotency key receivers de-duplicate on.
    """

    event_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, help_text="Idempotency key.")
    type = models.CharField(max_length=64, db_index=True, help_text="What happened, as `domain.verb`.")
    payload = models.JSONField(default=dict, help_text="The event's data (JSON, no personal data beyond ids).")
    subject_type = models.CharField(max_length=64, blank=True, help_text="Kind of object the event is about.")
    subject_id = models.CharField(max_length=64, blank=True, help_text="Identifier of that object.")
    actor_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Dispatch state: NULL until every enabled plugin's hook has run for this event.
    dispatched_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0, help_text="Failed dispatch attempts so far.")
    last_error = models.TextField(blank=True, help_text="Error of the last failed dispatch attempt.")
    # After a failed attempt the dispatcher leaves the event alone until then (backoff).
    next_attempt_at = models.DateTimeField(null=True, blank=True, help_text="Do not retry before this time.")

    class Meta:
        ordering = ["id"]
        verbose_name = "événement"
        verbose_name_plural = "événements"
        indexes = [
            models.Index(fields=["id"], condition=models.Q(dispatched_at__isnull=True), name="outbox_pending_idx"),
        ]

    def __str__(self):
        return f"{self.type} #{self.pk}"

    @property
    def is_dispatched(self) -> bool:
        return self.dispatched_at is not None
