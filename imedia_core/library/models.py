from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models

from imedia_core.content.models import Publishable
from imedia_core.search import SEARCH_CONFIG


class ResourceKind(models.TextChoices):
    METHOD = "method", "Méthode"
    TOOL = "tool", "Outil"
    GUIDE = "guide", "Guide"
    DOCUMENT = "document", "Document"
    VIDEO = "video", "Vidéo"
    LINK = "link", "Lien"
    TEMPLATE = "template", "Modèle"
    TESTIMONY = "testimony", "Témoignage"


class Audience(models.TextChoices):
    CITIZENS = "citizens", "Citoyen·nes et usager·es"
    PROFESSIONALS = "professionals", "Professionnel·les"
    DECISION_MAKERS = "decision_makers", "Décideur·euses"
    FACILITATORS = "facilitators", "Animateur·rices"


class Provenance(models.TextChoices):
    LOCAL = "local", "Production locale"
    IMPORTED = "imported", "Importée"
    ADAPTED = "adapted", "Adaptée des communs"


class ReadingLevel(models.TextChoices):
    STANDARD = "standard", "Courant"
    SIMPLIFIED = "simplified", "Simplifié"
    EASY_TO_READ = "easy_to_read", "Facile à lire et à comprendre (FALC)"


class Theme(models.Model):
    name = models.CharField(max_length=120, help_text="Name of the theme.")
    slug = models.SlugField(max_length=120, unique=True, help_text="Identifier used in filters and URLs.")
    description = models.TextField(blank=True, help_text="What the theme covers.")

    class Meta:
        ordering = ["name"]
        verbose_name = "thème"

    def __str__(self):
        return self.name


class Resource(Publishable):
    """An item of the resource centre."""

    REVISION_FIELDS = (
        "kind",
        "title",
        "slug",
        "summary",
        "body",
        "audiences",
        "external_url",
        "licence",
        "language",
        "provenance",
        "source",
        "author",
        "reading_level",
        "status",
        "publish_at",
    )
    REVISION_M2M = ("themes",)

    kind = models.CharField(max_length=16, choices=ResourceKind.choices, help_text="What kind of resource it is.")
    title = models.CharField(max_length=200, help_text="Title.")
    slug = models.SlugField(max_length=200, unique=True, help_text="Identifier used in URLs.")
    summary = models.TextField(blank=True, help_text="A short summary, plain text.")
    body = models.TextField(blank=True, help_text="The content, sanitised HTML.")
    themes = models.ManyToManyField(Theme, blank=True, related_name="resources", help_text="Themes it belongs to.")
    audiences = ArrayField(
        models.CharField(max_length=20, choices=Audience.choices),
        default=list,
        blank=True,
        help_text="Who it is for.",
    )
    external_url = models.URLField(max_length=500, blank=True, help_text="Where it lives, if elsewhere.")
    licence = models.CharField(max_length=100, blank=True, help_text="Licence, e.g. CC BY-SA 4.0.")
    language = models.CharField(max_length=10, default="fr", help_text="Language of the content (BCP 47).")
    provenance = models.CharField(
        max_length=16, choices=Provenance.choices, default=Provenance.LOCAL, help_text="Where it comes from."
    )
    source = models.CharField(max_length=300, blank=True, help_text="Original source, for imported or adapted items.")
    author = models.CharField(max_length=200, blank=True, help_text="Author or organisation, as credited.")
    reading_level = models.CharField(
        max_length=16, choices=ReadingLevel.choices, default=ReadingLevel.STANDARD, help_text="How easy it is to read."
    )
    # Lineage of a resource adapted from the good-practice commons (imedia_core.commons): the
    # practice's id in the public schema and a label persisted here, so the copy keeps saying
    # where it comes from even after the practice is withdrawn from the commons.
    adapted_from_practice_id = models.BigIntegerField(
        null=True, blank=True, db_index=True, help_text="Commons practice it was adapted from (public schema id)."
    )
    adapted_from_programme = models.CharField(
        max_length=200, blank=True, help_text="Programme that shared the practice it was adapted from."
    )
    lineage_label = models.CharField(max_length=500, blank=True, help_text="Where it comes from, for people.")
    adapted_at = models.DateTimeField(null=True, blank=True, help_text="When it was adapted from the commons.")
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # Not a column (no migration): lets a page of resources prefetch its revisions in one query.
    revisions = GenericRelation("content.Revision", related_query_name="resource")

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = "ressource"
        indexes = [
            GinIndex(fields=["search_vector"], name="resource_search_idx"),
            GinIndex(fields=["audiences"], name="resource_audiences_idx"),
        ]

    def __str__(self):
        return self.title


class ResourceFile(models.Model):
    """A file attached to a resource, stored under the tenant's own media folder."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="resources/%Y/%m/", max_length=300)
    original_name = models.CharField(max_length=255, help_text="File name as uploaded (cleaned).")
    content_type = models.CharField(max_length=100, help_text="Media type detected from the content.")
    size = models.PositiveBigIntegerField(help_text="Size in bytes.")
    sha256 = models.CharField(max_length=64, help_text="SHA-256 of the content.")
    created_at = models.DateTimeField(auto_now_add=True, help_text="When it was uploaded.")

    class Meta:
        ordering = ["id"]
        verbose_name = "fichier"

    def __str__(self):
        return self.original_name
