from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from imedia_core.content.models import Publishable
from imedia_core.search import SEARCH_CONFIG


class ResourceKind(models.TextChoices):
    METHOD = "method", _("Méthode")
    TOOL = "tool", _("Outil")
    GUIDE = "guide", _("Guide")
    DOCUMENT = "document", _("Document")
    VIDEO = "video", _("Vidéo")
    LINK = "link", _("Lien")
    TEMPLATE = "template", _("Modèle")
    TESTIMONY = "testimony", _("Témoignage")


class Audience(models.TextChoices):
    CITIZENS = "citizens", _("Citoyen·nes et usager·es")
    PROFESSIONALS = "professionals", _("Professionnel·les")
    DECISION_MAKERS = "decision_makers", _("Décideur·euses")
    FACILITATORS = "facilitators", _("Animateur·rices")


class Provenance(models.TextChoices):
    LOCAL = "local", _("Production locale")
    IMPORTED = "imported", _("Importée")
    ADAPTED = "adapted", _("Adaptée des communs")


class ReadingLevel(models.TextChoices):
    STANDARD = "standard", _("Courant")
    SIMPLIFIED = "simplified", _("Simplifié")
    EASY_TO_READ = "easy_to_read", _("Facile à lire et à comprendre (FALC)")


class Theme(models.Model):
    name = models.CharField(max_length=120, help_text=_("Nom du thème."), verbose_name=_("nom"))
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text=_("Identifiant utilisé dans les filtres et les adresses."),
        verbose_name=_("identifiant"),
    )
    description = models.TextField(blank=True, help_text=_("Ce que couvre le thème."), verbose_name=_("description"))

    class Meta:
        verbose_name_plural = _("thèmes")
        ordering = ["name"]
        verbose_name = _("thème")

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

    kind = models.CharField(
        max_length=16, choices=ResourceKind.choices, help_text=_("Le type de ressource."), verbose_name=_("type")
    )
    title = models.CharField(max_length=200, help_text=_("Titre."), verbose_name=_("titre"))
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text=_("Identifiant utilisé dans les adresses."),
        verbose_name=_("identifiant"),
    )
    summary = models.TextField(blank=True, help_text=_("Un court résumé, texte brut."), verbose_name=_("résumé"))
    body = models.TextField(blank=True, help_text=_("Le contenu, HTML nettoyé."), verbose_name=_("texte"))
    themes = models.ManyToManyField(
        Theme,
        blank=True,
        related_name="resources",
        help_text=_("Thèmes auxquels elle appartient."),
        verbose_name=_("thèmes"),
    )
    audiences = ArrayField(
        models.CharField(max_length=20, choices=Audience.choices),
        default=list,
        blank=True,
        help_text=_("À qui elle s'adresse."),
        verbose_name=_("publics"),
    )
    external_url = models.URLField(
        max_length=500, blank=True, help_text=_("Où elle se trouve, si ailleurs."), verbose_name=_("lien externe")
    )
    licence = models.CharField(
        max_length=100, blank=True, help_text=_("Licence, par exemple CC BY-SA 4.0."), verbose_name=_("licence")
    )
    language = models.CharField(
        max_length=10, default="fr", help_text=_("Langue du contenu (BCP 47)."), verbose_name=_("langue")
    )
    provenance = models.CharField(
        max_length=16,
        choices=Provenance.choices,
        default=Provenance.LOCAL,
        help_text=_("D'où elle vient."),
        verbose_name=_("provenance"),
    )
    source = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Source d'origine, pour les éléments importés ou adaptés."),
        verbose_name=_("source"),
    )
    author = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Auteur·rice ou organisation, tel que crédité."),
        verbose_name=_("auteur·rice"),
    )
    reading_level = models.CharField(
        max_length=16,
        choices=ReadingLevel.choices,
        default=ReadingLevel.STANDARD,
        help_text=_("Sa facilité de lecture."),
        verbose_name=_("niveau de lecture"),
    )
    # Lineage of a resource adapted from the good-practice commons (imedia_core.commons): the
    # practice's id in the public schema and a label persisted here, so the copy keeps saying
    # where it comes from even after the practice is withdrawn from the commons.
    adapted_from_practice_id = models.BigIntegerField(
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Pratique des communs dont elle est adaptée (identifiant dans le schéma public)."),
        verbose_name=_("pratique d'origine"),
    )
    adapted_from_programme = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Programme qui a partagé la pratique dont elle est adaptée."),
        verbose_name=_("programme d'origine"),
    )
    lineage_label = models.CharField(
        max_length=500, blank=True, help_text=_("D'où elle vient, en clair."), verbose_name=_("provenance affichée")
    )
    adapted_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Date de l'adaptation depuis les communs."), verbose_name=_("adaptée le")
    )
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("index de recherche"),
    )
    # Not a column (no migration): lets a page of resources prefetch its revisions in one query.
    revisions = GenericRelation("content.Revision", related_query_name="resource")

    class Meta:
        verbose_name_plural = _("ressources")
        ordering = ["-updated_at", "-id"]
        verbose_name = _("ressource")
        indexes = [
            GinIndex(fields=["search_vector"], name="resource_search_idx"),
            GinIndex(fields=["audiences"], name="resource_audiences_idx"),
        ]

    def __str__(self):
        return self.title


class ResourceFile(models.Model):
    """A file attached to a resource, stored under the tenant's own media folder."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="files", verbose_name=_("ressource"))
    file = models.FileField(upload_to="resources/%Y/%m/", max_length=300, verbose_name=_("fichier"))
    original_name = models.CharField(
        max_length=255, help_text=_("Nom du fichier tel que déposé (nettoyé)."), verbose_name=_("nom d'origine")
    )
    content_type = models.CharField(
        max_length=100, help_text=_("Type de média détecté d'après le contenu."), verbose_name=_("type de contenu")
    )
    size = models.PositiveBigIntegerField(help_text=_("Taille en octets."), verbose_name=_("taille"))
    sha256 = models.CharField(max_length=64, help_text=_("Empreinte SHA-256 du contenu."), verbose_name=_("SHA-256"))
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("Date du dépôt."), verbose_name=_("créé le"))

    class Meta:
        verbose_name_plural = _("fichiers")
        ordering = ["id"]
        verbose_name = _("fichier")

    def __str__(self):
        return self.original_name
