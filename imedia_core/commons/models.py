"""The good-practice commons: what programmes chose to share with each other (public schema).

A practice is a *snapshot* taken when a programme's staff share it on purpose: its text, its
provenance (programme, territory, policy area, source kind and id) and the consent given. It
never points into a tenant schema, so reading the commons cannot reach anything a programme did
not publish. An adaptation records only that a programme adapted a practice (never shown to the
source, which sees a count).
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from imedia_core.search import SEARCH_CONFIG
from tenants.models import PolicyArea


class PracticeSourceKind(models.TextChoices):
    RESOURCE = "resource", _("Ressource du centre de ressources")
    COMMITMENT = "commitment", _("Engagement tenu")
    INITIATIVE = "initiative", _("Initiative rédigée")


class PracticeStatus(models.TextChoices):
    PUBLISHED = "published", _("Publiée dans les communs")
    UNPUBLISHED = "unpublished", _("Retirée des communs")


class PracticeLicence(models.TextChoices):
    CC_BY_SA_4 = "CC BY-SA 4.0", _("Creative Commons Attribution – Partage dans les mêmes conditions 4.0")
    CC_BY_4 = "CC BY 4.0", _("Creative Commons Attribution 4.0")
    CC_BY_NC_SA_4 = "CC BY-NC-SA 4.0", _("Creative Commons Attribution – Pas d'utilisation commerciale – Partage 4.0")
    CC0 = "CC0 1.0", _("Creative Commons Zéro (domaine public)")
    ETALAB_2 = "Licence Ouverte 2.0", _("Licence Ouverte / Open Licence 2.0 (Etalab)")


class PracticeQuerySet(models.QuerySet):
    def listed(self):
        """What the commons shows to every programme: published practices."""
        return self.filter(status=PracticeStatus.PUBLISHED)


class Practice(models.Model):
    """A practice shared in the commons by a programme (a snapshot, with provenance and consent)."""

    # Provenance. The tenant FK stays in the public schema; the rest is a copy taken at sharing
    # time, so a later renaming of the programme does not rewrite what was published.
    source_tenant = models.ForeignKey(
        "tenants.Tenant",
        on_delete=models.CASCADE,
        related_name="shared_practices",
        help_text=_("Programme qui l'a partagée."),
        verbose_name=_("programme source"),
    )
    source_programme = models.CharField(
        max_length=200, help_text=_("Nom du programme au moment du partage."), verbose_name=_("programme source")
    )
    source_territory = models.CharField(
        max_length=200, blank=True, help_text=_("Territoire du programme."), verbose_name=_("territoire")
    )
    policy_area = models.CharField(
        max_length=32,
        choices=PolicyArea.choices,
        default=PolicyArea.OTHER,
        help_text=_("Politique publique du programme."),
        verbose_name=_("politique publique"),
    )
    source_kind = models.CharField(
        max_length=16,
        choices=PracticeSourceKind.choices,
        help_text=_("Ce à partir de quoi elle a été rédigée."),
        verbose_name=_("type de source"),
    )
    # Primary key of the source row *in the source tenant's schema* (none for an initiative):
    # shown to the source programme only, never resolved from another programme.
    source_id = models.BigIntegerField(
        null=True,
        blank=True,
        help_text=_("Identifiant de la source dans son programme."),
        verbose_name=_("identifiant de la source"),
    )
    resource_kind = models.CharField(
        max_length=16,
        default="method",
        help_text=_("Type de ressource que devient une adaptation (type de ressource du centre de ressources)."),
        verbose_name=_("type de ressource"),
    )

    # The snapshot.
    title = models.CharField(max_length=200, help_text=_("Titre, texte brut."), verbose_name=_("titre"))
    summary = models.TextField(blank=True, help_text=_("Un court résumé, texte brut."), verbose_name=_("résumé"))
    body = models.TextField(blank=True, help_text=_("La pratique, HTML nettoyé."), verbose_name=_("la pratique"))
    what_worked = models.TextField(
        blank=True, help_text=_("Ce qui a marché, texte brut."), verbose_name=_("ce qui a marché")
    )
    conditions = models.TextField(
        blank=True, help_text=_("Conditions de réussite, texte brut."), verbose_name=_("conditions de réussite")
    )
    themes = ArrayField(
        models.CharField(max_length=80),
        default=list,
        blank=True,
        help_text=_("Libellés des thèmes."),
        verbose_name=_("thèmes"),
    )
    phases = ArrayField(
        models.CharField(max_length=80),
        default=list,
        blank=True,
        help_text=_("Libellés des phases."),
        verbose_name=_("phases"),
    )
    # Normalised labels (slugified: case and accents ignored) so filters match across programmes.
    theme_keys = ArrayField(
        models.CharField(max_length=80), default=list, blank=True, editable=False, verbose_name=_("clés des thèmes")
    )
    phase_keys = ArrayField(
        models.CharField(max_length=80), default=list, blank=True, editable=False, verbose_name=_("clés des phases")
    )
    licence = models.CharField(
        max_length=32,
        choices=PracticeLicence.choices,
        default=PracticeLicence.CC_BY_SA_4,
        help_text=_("Licence."),
        verbose_name=_("licence"),
    )

    # Consent and personal data: both confirmed explicitly by the person sharing.
    consent_given = models.BooleanField(
        default=False, help_text=_("Le programme a consenti à la partager."), verbose_name=_("consentement donné")
    )
    personal_data_removed = models.BooleanField(
        default=False,
        help_text=_("Les données personnelles ont été retirées (confirmé)."),
        verbose_name=_("données personnelles retirées"),
    )
    scrubbed_count = models.PositiveIntegerField(
        default=0, help_text=_("Adresses e-mail et numéros de téléphone retirés."), verbose_name=_("données retirées")
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("partagée par"),
    )
    shared_by_label = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Qui a consenti et partagé, tel qu'affiché alors."),
        verbose_name=_("partagée par"),
    )
    shared_at = models.DateTimeField(
        help_text=_("Date du partage (consentement donné)."), verbose_name=_("partagée le")
    )

    status = models.CharField(
        max_length=16,
        choices=PracticeStatus.choices,
        default=PracticeStatus.PUBLISHED,
        db_index=True,
        verbose_name=_("état"),
    )
    unpublished_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Date du retrait."), verbose_name=_("retirée le")
    )
    unpublished_by_label = models.CharField(
        max_length=200, blank=True, help_text=_("Qui l'a retirée."), verbose_name=_("retirée par")
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("modifié le"))

    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("what_worked", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
        + SearchVector("conditions", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("index de recherche"),
    )

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-shared_at", "-id"]
        verbose_name = _("pratique partagée")
        verbose_name_plural = _("pratiques partagées")
        indexes = [
            GinIndex(fields=["search_vector"], name="practice_search_idx"),
            GinIndex(fields=["theme_keys"], name="practice_theme_keys_idx"),
            GinIndex(fields=["phase_keys"], name="practice_phase_keys_idx"),
            models.Index(fields=["status", "-shared_at"], name="practice_listed_idx"),
        ]
        constraints = [
            # A source object is in the commons at most once at a time (it may be shared again
            # after being withdrawn).
            models.UniqueConstraint(
                fields=["source_tenant", "source_kind", "source_id"],
                condition=models.Q(status="published", source_id__isnull=False),
                name="practice_published_source_unique",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.source_programme})"


class Adaptation(models.Model):
    """A programme adapted a practice into its resource centre. The source programme is shown
    the number of these rows, never the adopting tenant nor its resource."""

    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="adaptations", verbose_name=_("pratique")
    )
    adopting_tenant = models.ForeignKey(
        "tenants.Tenant", on_delete=models.CASCADE, related_name="adaptations", verbose_name=_("programme adoptant")
    )
    # Primary key of the draft resource in the adopting tenant's schema.
    resource_id = models.BigIntegerField(
        help_text=_("Identifiant de la ressource adaptée dans le programme qui l'adopte."),
        verbose_name=_("identifiant de la ressource"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("créé le"))

    class Meta:
        verbose_name_plural = _("adaptations")
        ordering = ["-created_at", "-id"]
        verbose_name = _("adaptation")
        constraints = [
            models.UniqueConstraint(fields=["practice", "adopting_tenant"], name="adaptation_once_per_tenant"),
        ]

    def __str__(self):
        return f"{self.practice_id} → {self.adopting_tenant_id}"
