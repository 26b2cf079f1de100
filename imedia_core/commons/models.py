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

from imedia_core.search import SEARCH_CONFIG
from tenants.models import PolicyArea


class PracticeSourceKind(models.TextChoices):
    RESOURCE = "resource", "Ressource du centre de ressources"
    COMMITMENT = "commitment", "Engagement tenu"
    INITIATIVE = "initiative", "Initiative rédigée"


class PracticeStatus(models.TextChoices):
    PUBLISHED = "published", "Publiée dans les communs"
    UNPUBLISHED = "unpublished", "Retirée des communs"


class PracticeLicence(models.TextChoices):
    CC_BY_SA_4 = "CC BY-SA 4.0", "Creative Commons Attribution – Partage dans les mêmes conditions 4.0"
    CC_BY_4 = "CC BY 4.0", "Creative Commons Attribution 4.0"
    CC_BY_NC_SA_4 = "CC BY-NC-SA 4.0", "Creative Commons Attribution – Pas d'utilisation commerciale – Partage 4.0"
    CC0 = "CC0 1.0", "Creative Commons Zéro (domaine public)"
    ETALAB_2 = "Licence Ouverte 2.0", "Licence Ouverte / Open Licence 2.0 (Etalab)"


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
        help_text="Programme that shared it.",
    )
    source_programme = models.CharField(max_length=200, help_text="Name of the programme, when shared.")
    source_territory = models.CharField(max_length=200, blank=True, help_text="Territory of the programme.")
    policy_area = models.CharField(
        max_length=32, choices=PolicyArea.choices, default=PolicyArea.OTHER, help_text="Public policy of the programme."
    )
    source_kind = models.CharField(
        max_length=16, choices=PracticeSourceKind.choices, help_text="What it was made from."
    )
    # Primary key of the source row *in the source tenant's schema* (none for an initiative):
    # shown to the source programme only, never resolved from another programme.
    source_id = models.BigIntegerField(null=True, blank=True, help_text="Id of the source in its programme.")
    resource_kind = models.CharField(
        max_length=16, default="method", help_text="Kind of resource an adaptation becomes (library ResourceKind)."
    )

    # The snapshot.
    title = models.CharField(max_length=200, help_text="Title, plain text.")
    summary = models.TextField(blank=True, help_text="A short summary, plain text.")
    body = models.TextField(blank=True, help_text="The practice, sanitised HTML.")
    what_worked = models.TextField(blank=True, help_text="What worked, plain text.")
    conditions = models.TextField(blank=True, help_text="Conditions of success, plain text.")
    themes = ArrayField(models.CharField(max_length=80), default=list, blank=True, help_text="Theme labels.")
    phases = ArrayField(models.CharField(max_length=80), default=list, blank=True, help_text="Phase labels.")
    # Normalised labels (slugified: case and accents ignored) so filters match across programmes.
    theme_keys = ArrayField(models.CharField(max_length=80), default=list, blank=True, editable=False)
    phase_keys = ArrayField(models.CharField(max_length=80), default=list, blank=True, editable=False)
    licence = models.CharField(
        max_length=32, choices=PracticeLicence.choices, default=PracticeLicence.CC_BY_SA_4, help_text="Licence."
    )

    # Consent and personal data: both confirmed explicitly by the person sharing.
    consent_given = models.BooleanField(default=False, help_text="The programme consented to share it.")
    personal_data_removed = models.BooleanField(default=False, help_text="Personal data were removed (confirmed).")
    scrubbed_count = models.PositiveIntegerField(default=0, help_text="E-mail addresses and phone numbers removed.")
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_by_label = models.CharField(max_length=200, blank=True, help_text="Who consented and shared, as shown then.")
    shared_at = models.DateTimeField(help_text="When it was shared (consent given).")

    status = models.CharField(
        max_length=16, choices=PracticeStatus.choices, default=PracticeStatus.PUBLISHED, db_index=True
    )
    unpublished_at = models.DateTimeField(null=True, blank=True, help_text="When it was withdrawn.")
    unpublished_by_label = models.CharField(max_length=200, blank=True, help_text="Who withdrew it.")
    updated_at = models.DateTimeField(auto_now=True)

    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("what_worked", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
        + SearchVector("conditions", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-shared_at", "-id"]
        verbose_name = "pratique partagée"
        verbose_name_plural = "pratiques partagées"
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

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="adaptations")
    adopting_tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="adaptations")
    # Primary key of the draft resource in the adopting tenant's schema.
    resource_id = models.BigIntegerField(help_text="Id of the adapted resource in the adopting programme.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "adaptation"
        constraints = [
            models.UniqueConstraint(fields=["practice", "adopting_tenant"], name="adaptation_once_per_tenant"),
        ]

    def __str__(self):
        return f"{self.practice_id} → {self.adopting_tenant_id}"
