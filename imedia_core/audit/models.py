from django.db import models


class AuditEntry(models.Model):
    """One recorded action in this tenant.

    The actor is a person of the public schema, referenced by id and label rather than a
    foreign key: a cross-schema FK would make deleting a person query every tenant's table.
    """

    action = models.CharField(max_length=64, db_index=True, help_text="What happened, as `domain.verb`.")
    summary = models.CharField(max_length=500, blank=True, help_text="What happened, for people.")
    target_type = models.CharField(max_length=64, blank=True, help_text="Kind of object acted on.")
    target_id = models.CharField(max_length=64, blank=True, help_text="Identifier of the object acted on.")
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=200, blank=True, help_text="Who acted, as shown then.")
    # Channel the action came through: graphql, rest, admin, cli.
    via = models.CharField(max_length=16, blank=True, help_text="Channel: graphql, rest, admin or cli.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True, help_text="When it happened.")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "entrée du journal"
        verbose_name_plural = "journal"

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"
