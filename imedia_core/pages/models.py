from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from imedia_core.content.models import Publishable


class Page(Publishable):
    """A page in a tree; its ``path`` is its ancestors' slugs and its own, joined by ``/``."""

    REVISION_FIELDS = ("title", "slug", "summary", "body", "parent", "position", "status", "publish_at")

    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Page parente."),
        verbose_name=_("page parente"),
    )
    slug = models.SlugField(
        max_length=120, help_text=_("Dernier segment du chemin de la page."), verbose_name=_("identifiant")
    )
    path = models.CharField(
        max_length=600,
        unique=True,
        editable=False,
        help_text=_("Chemin complet, par exemple `projet/equipe`."),
        verbose_name=_("chemin"),
    )
    position = models.PositiveIntegerField(
        default=0, help_text=_("Rang parmi les pages sœurs."), verbose_name=_("rang")
    )
    title = models.CharField(max_length=200, help_text=_("Titre."), verbose_name=_("titre"))
    summary = models.TextField(blank=True, help_text=_("Un court résumé, texte brut."), verbose_name=_("résumé"))
    body = models.TextField(blank=True, help_text=_("Le contenu, HTML nettoyé."), verbose_name=_("texte"))
    # Lets a list prefetch its revisions in one query; deleting the page deletes them.
    revisions = GenericRelation("content.Revision")

    class Meta:
        verbose_name_plural = _("pages")
        ordering = ["path"]
        verbose_name = _("page")

    def __str__(self):
        return self.title


class NewsItem(Publishable):
    """A news item: what was done, decided or is coming."""

    REVISION_FIELDS = ("title", "slug", "summary", "body", "status", "publish_at")

    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text=_("Identifiant utilisé dans les adresses."),
        verbose_name=_("identifiant"),
    )
    title = models.CharField(max_length=200, help_text=_("Titre."), verbose_name=_("titre"))
    summary = models.TextField(blank=True, help_text=_("Un court résumé, texte brut."), verbose_name=_("résumé"))
    body = models.TextField(blank=True, help_text=_("Le contenu, HTML nettoyé."), verbose_name=_("texte"))
    revisions = GenericRelation("content.Revision")

    class Meta:
        verbose_name_plural = _("actualités")
        ordering = ["-publish_at", "-published_at", "-id"]
        verbose_name = _("actualité")

    def __str__(self):
        return self.title
