"""Where a person has left traces: the spaces the rights of access and erasure visit.

A person can only write in a space where they hold a token or a role (a token is bound to one
space; the admin needs a role), so every membership and every space token records its space
here, and the row outlives them: a former member's contributions are still found. Platform staff
and operator admins act without membership: their spaces are found through their flags and
operators (``imedia_core.privacy.spaces``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonSpace(models.Model):
    user_id = models.BigIntegerField(db_index=True, verbose_name=_("identifiant de la personne"))
    tenant = models.ForeignKey(
        "tenants.Tenant", on_delete=models.CASCADE, related_name="+", verbose_name=_("programme")
    )
    first_seen_at = models.DateTimeField(auto_now_add=True, verbose_name=_("vue pour la première fois le"))

    class Meta:
        verbose_name = _("espace fréquenté")
        verbose_name_plural = _("espaces fréquentés")
        constraints = [models.UniqueConstraint(fields=["user_id", "tenant"], name="person_space_once")]

    def __str__(self):
        return f"{self.user_id} @ {self.tenant_id}"
