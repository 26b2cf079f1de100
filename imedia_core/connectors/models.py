"""Links to external participatory platforms, their mapping rules and the answers sent back.

A ``Link`` lives in the tenant schema: one programme space linked to one external space (a
Decidim participatory process, a Consul instance, an adhocracy+ project). Its credentials are
stored encrypted (``connectors.secrets``) and never leave the server.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from imedia_core.participation.models import ContributionKind


class Direction(models.TextChoices):
    IN = "in", _("Entrant (la plateforme vers imedia)")
    OUT = "out", _("Sortant (les réponses vers la plateforme)")
    BOTH = "both", _("Dans les deux sens")


class Link(models.Model):
    platform = models.CharField(
        max_length=40, help_text=_("La plateforme (Decidim, Consul, adhocracy+…)."), verbose_name=_("plateforme")
    )
    name = models.CharField(max_length=200, help_text=_("Un nom pour s'y retrouver."), verbose_name=_("nom"))
    # Checked by connectors.services (https only, no private address), not by a form's URLField.
    base_url = models.CharField(
        max_length=500, help_text=_("L'adresse de la plateforme, en https://."), verbose_name=_("adresse")
    )
    space = models.JSONField(
        default=dict, blank=True, help_text=_("L'espace lié sur la plateforme."), verbose_name=_("espace externe")
    )
    # Fernet token of the JSON credentials (connectors.secrets): never returned by any door.
    credentials_token = models.TextField(
        blank=True, default="", editable=False, verbose_name=_("identifiants chiffrés")
    )
    credentials_changed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("identifiants changés le"))
    direction = models.CharField(max_length=8, choices=Direction.choices, default=Direction.IN, verbose_name=_("sens"))
    schedule_minutes = models.PositiveIntegerField(
        default=60,
        help_text=_("Synchronisation toutes les N minutes (0 : seulement à la demande)."),
        verbose_name=_("fréquence (minutes)"),
    )
    full_sync_hours = models.PositiveIntegerField(
        default=24,
        help_text=_("Un passage complet toutes les N heures repère ce qui a disparu de la plateforme."),
        verbose_name=_("passage complet (heures)"),
    )
    is_active = models.BooleanField(default=True, verbose_name=_("actif"))

    # --- status ---------------------------------------------------------------------------
    last_sync_at = models.DateTimeField(null=True, blank=True, verbose_name=_("dernière synchronisation"))
    last_success_at = models.DateTimeField(null=True, blank=True, verbose_name=_("dernier succès"))
    last_full_at = models.DateTimeField(null=True, blank=True, verbose_name=_("dernier passage complet"))
    last_error_code = models.CharField(
        max_length=20, blank=True, default="", verbose_name=_("code de la dernière erreur")
    )
    last_error_message = models.CharField(max_length=500, blank=True, default="", verbose_name=_("dernière erreur"))
    last_error_at = models.DateTimeField(null=True, blank=True, verbose_name=_("dernière erreur le"))
    created_count = models.PositiveIntegerField(default=0, verbose_name=_("créés"))
    updated_count = models.PositiveIntegerField(default=0, verbose_name=_("mis à jour"))
    unchanged_count = models.PositiveIntegerField(default=0, verbose_name=_("inchangés"))
    hidden_count = models.PositiveIntegerField(default=0, verbose_name=_("masqués ou supprimés"))
    skipped_count = models.PositiveIntegerField(default=0, verbose_name=_("ignorés"))
    # The pass under way: where to resume, since when (None: a full pass), when it started.
    cursor = models.TextField(blank=True, default="", verbose_name=_("curseur"))
    pass_started_at = models.DateTimeField(null=True, blank=True, verbose_name=_("passage commencé le"))
    pass_since = models.DateTimeField(null=True, blank=True, verbose_name=_("passage incrémental depuis"))
    pass_full = models.BooleanField(default=False, verbose_name=_("passage complet en cours"))
    # Start of the last completed pass: the next incremental pass asks for what changed since.
    synced_until = models.DateTimeField(null=True, blank=True, verbose_name=_("synchronisé jusqu'au"))
    sync_requested_at = models.DateTimeField(null=True, blank=True, verbose_name=_("synchronisation demandée le"))
    full_requested = models.BooleanField(default=False, verbose_name=_("passage complet demandé"))
    # The lease that keeps two workers from syncing the same link at once.
    lease_until = models.DateTimeField(null=True, blank=True, verbose_name=_("verrou jusqu'à"))
    lease_owner = models.CharField(max_length=64, blank=True, default="", verbose_name=_("verrou détenu par"))

    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("créé le"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("modifié le"))

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("lien de connecteur")
        verbose_name_plural = _("liens de connecteur")

    def __str__(self):
        return self.name

    @property
    def takes_in(self) -> bool:
        return self.direction in (Direction.IN, Direction.BOTH)

    @property
    def sends_out(self) -> bool:
        return self.direction in (Direction.OUT, Direction.BOTH)

    @property
    def has_credentials(self) -> bool:
        return bool(self.credentials_token)


class KindRule(models.Model):
    """An external kind (a Decidim proposal, a Consul debate…) becomes this kind of contribution."""

    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="kind_rules", verbose_name=_("lien"))
    external_kind = models.CharField(max_length=40, verbose_name=_("type sur la plateforme"))
    kind = models.CharField(max_length=16, choices=ContributionKind.choices, verbose_name=_("type de contribution"))

    class Meta:
        ordering = ["external_kind"]
        verbose_name = _("correspondance de type")
        verbose_name_plural = _("correspondances de type")
        constraints = [models.UniqueConstraint(fields=["link", "external_kind"], name="connector_kind_rule_once")]

    def __str__(self):
        return f"{self.external_kind} → {self.kind}"


class StepRule(models.Model):
    """An external step (a Decidim process step) belongs to this phase of the cycle."""

    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="step_rules", verbose_name=_("lien"))
    external_step = models.CharField(max_length=100, verbose_name=_("étape sur la plateforme"))
    phase = models.ForeignKey("cycle.Phase", on_delete=models.CASCADE, related_name="+", verbose_name=_("phase"))

    class Meta:
        ordering = ["external_step"]
        verbose_name = _("correspondance d'étape")
        verbose_name_plural = _("correspondances d'étape")
        constraints = [models.UniqueConstraint(fields=["link", "external_step"], name="connector_step_rule_once")]

    def __str__(self):
        return f"{self.external_step} → {self.phase_id}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("À envoyer")
    SENT = "sent", _("Envoyée")
    FAILED = "failed", _("Échec définitif")
    UNSUPPORTED = "unsupported", _("Non prise en charge par la plateforme")


class Delivery(models.Model):
    """An answer queued for the platform an item came from: the delivery log of the out direction."""

    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("lien"))
    contribution = models.ForeignKey(
        "participation.Contribution", on_delete=models.CASCADE, related_name="+", verbose_name=_("contribution")
    )
    external_id = models.CharField(max_length=200, verbose_name=_("identifiant sur la plateforme"))
    state = models.CharField(max_length=16, verbose_name=_("état envoyé"))
    text = models.TextField(verbose_name=_("texte envoyé"))
    # The same answer (link, item, state, text) is queued once and sent once.
    idempotency_key = models.CharField(max_length=64, unique=True, verbose_name=_("clé d'idempotence"))
    status = models.CharField(
        max_length=16,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        db_index=True,
        verbose_name=_("état"),
    )
    attempts = models.PositiveIntegerField(default=0, verbose_name=_("tentatives"))
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True, verbose_name=_("prochaine tentative"))
    last_error_code = models.CharField(max_length=20, blank=True, default="", verbose_name=_("code d'erreur"))
    last_error = models.CharField(max_length=500, blank=True, default="", verbose_name=_("dernière erreur"))
    reference = models.CharField(max_length=200, blank=True, default="", verbose_name=_("référence sur la plateforme"))
    as_comment = models.BooleanField(default=False, verbose_name=_("envoyée en commentaire"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("créée le"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("envoyée le"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("réponse envoyée à la plateforme")
        verbose_name_plural = _("réponses envoyées aux plateformes")

    def __str__(self):
        return f"{self.external_id} : {self.state}"
