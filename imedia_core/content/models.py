from django.conf import settings  # noqa: F401  (documented settings live there)
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from imedia_core.errors import ServiceError


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publié")
    ARCHIVED = "archived", _("Archivé")


class PublishableQuerySet(models.QuerySet):
    def visible(self, now=None):
        """What readers without the right to see drafts may see: published, and due."""
        now = now or timezone.now()
        return self.filter(status=PublicationStatus.PUBLISHED).filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=now)
        )

    def for_reader(self, can_read_unpublished: bool):
        return self.all() if can_read_unpublished else self.visible()


class Publishable(models.Model):
    """Draft / published / archived, with scheduled publication (``publish_at`` in the future:
    published but not visible before then)."""

    status = models.CharField(
        max_length=16,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
        help_text=_("État de publication."),
        verbose_name=_("état"),
    )
    publish_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Date à laquelle un élément publié devient visible (vide : tout de suite)."),
        verbose_name=_("publier le"),
    )
    published_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Date de la première publication."), verbose_name=_("publié le")
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("Date de création."), verbose_name=_("créé le"))
    updated_at = models.DateTimeField(
        auto_now=True, help_text=_("Date de la dernière modification."), verbose_name=_("modifié le")
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_visible(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED and (
            self.publish_at is None or self.publish_at <= timezone.now()
        )


def mark_published(item: "Publishable", publish_at=None, now=None) -> bool:
    """Publish ``item`` by the one rule every content type follows; the caller saves it.

    No ``publish_at``: published now. A future one: scheduled, hidden from readers until then.
    A past one: backdated, published since then (imported or late-entered content keeps its
    date). A date without a time zone is refused (``INVALID`` on ``publish_at``): it would be read
    in the server's zone, not the author's. ``published_at``, the first publication, is set once: to ``publish_at`` when given,
    else now (a schedule that is brought forward counts as not yet published). Returns whether
    the publication is scheduled.
    """
    require_time_zone(publish_at)
    now = now or timezone.now()
    item.status = PublicationStatus.PUBLISHED
    item.publish_at = publish_at
    if item.published_at is not None and item.published_at > now:
        item.published_at = None  # only ever scheduled, never visible: its first publication is this one
    stamp_first_publication(item, now)
    return publish_at is not None and publish_at > now


def require_time_zone(value, field: str = "publish_at"):
    """Refuse a date without a time zone (``INVALID``): it would be read in the server's zone,
    not the author's. Returns the value."""
    if value is not None and timezone.is_naive(value):
        raise ServiceError.single("INVALID", "Précisez le fuseau horaire de la date.", field)
    return value


def stamp_first_publication(item: "Publishable", now=None) -> None:
    """Set ``published_at`` on a published item that has none: its ``publish_at``, else now."""
    if item.status == PublicationStatus.PUBLISHED and item.published_at is None:
        item.published_at = item.publish_at or now or timezone.now()


class Revision(models.Model):
    """A snapshot of one object taken on every save, numbered per object, restorable."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("type de contenu"))
    object_id = models.BigIntegerField(verbose_name=_("identifiant de l'objet"))
    number = models.PositiveIntegerField(
        help_text=_("1 pour le premier enregistrement, puis 2, 3…"), verbose_name=_("numéro")
    )
    data = models.JSONField(
        help_text=_("Les champs modifiables de l'objet (et ses relations ordonnées) à cet enregistrement."),
        verbose_name=_("données"),
    )
    summary = models.CharField(
        max_length=300, blank=True, help_text=_("Ce qui a changé, si l'auteur·rice l'a dit."), verbose_name=_("résumé")
    )
    author_id = models.BigIntegerField(null=True, blank=True, verbose_name=_("identifiant de l'auteur·rice"))
    author_label = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Qui a enregistré, tel qu'affiché alors."),
        verbose_name=_("auteur·rice"),
    )
    created_at = models.DateTimeField(
        auto_now_add=True, help_text=_("Date de l'enregistrement."), verbose_name=_("créé le")
    )

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "number"], name="revision_number_unique")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="revision_object_idx")]

    def __str__(self):
        return f"{self.content_type.model} #{self.object_id} v{self.number}"
