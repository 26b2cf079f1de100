from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One recorded action in this tenant.

    The actor is a person of the public schema, referenced by id and label rather than a
    foreign key: a cross-schema FK would make deleting a person query every tenant's table.
    """

    action = models.CharField(
        max_length=64,
        db_index=True,
        help_text=_("Ce qui s'est passé, sous la forme `domaine.verbe`."),
        verbose_name=_("action"),
    )
    summary = models.CharField(
        max_length=500, blank=True, help_text=_("Ce qui s'est passé, en clair."), verbose_name=_("résumé")
    )
    target_type = models.CharField(
        max_length=64, blank=True, help_text=_("Type de l'objet concerné."), verbose_name=_("type de la cible")
    )
    target_id = models.CharField(
        max_length=64,
        blank=True,
        help_text=_("Identifiant de l'objet concerné."),
        verbose_name=_("identifiant de la cible"),
    )
    actor_id = models.BigIntegerField(null=True, blank=True, verbose_name=_("identifiant de l'acteur·rice"))
    actor_label = models.CharField(
        max_length=200, blank=True, help_text=_("Qui a agi, tel qu'affiché alors."), verbose_name=_("acteur·rice")
    )
    # Channel the action came through: graphql, rest, admin, cli.
    via = models.CharField(
        max_length=16, blank=True, help_text=_("Canal : graphql, rest, admin ou cli."), verbose_name=_("canal")
    )
    created_at = models.DateTimeField(
        auto_now_add=True, db_index=True, help_text=_("Date à laquelle c'est arrivé."), verbose_name=_("créé le")
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("entrée du journal")
        verbose_name_plural = _("journal")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"
