from django.contrib.contenttypes.fields import GenericRelation
from django.db import models

from imedia_core.content.models import Publishable


class Page(Publishable):
    """A page in a tree; its ``path`` is its ancestors' slugs and its own, joined by ``/``."""

    REVISION_FIELDS = ("title", "slug", "summary", "body", "parent", "position", "status", "publish_at")

    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", help_text="Parent page."
    )
    slug = models.SlugField(max_length=120, help_text="Last segment of the page's path.")
    path = models.CharField(max_length=600, unique=True, editable=False, help_text="Full path, e.g. `projet/equipe`.")
    position = models.PositiveIntegerField(default=0, help_text="Order among its siblings.")
    title = models.CharField(max_length=200, help_text="Title.")
    summary = models.TextField(blank=True, help_text="A short summary, plain text.")
    body = models.TextField(blank=True, help_text="The content, sanitised HTML.")
    # Lets a list prefetch its revisions in one query; deleting the page deletes them.
    revisions = GenericRelation("content.Revision")

    class Meta:
        ordering = ["path"]
        verbose_name = "page"

    def __str__(self):
        return self.title


class NewsItem(Publishable):
    """A news item: what was done, decided or is coming."""

    REVISION_FIELDS = ("title", "slug", "summary", "body", "status", "publish_at")

    slug = models.SlugField(max_length=200, unique=True, help_text="Identifier used in URLs.")
    title = models.CharField(max_length=200, help_text="Title.")
    summary = models.TextField(blank=True, help_text="A short summary, plain text.")
    body = models.TextField(blank=True, help_text="The content, sanitised HTML.")
    revisions = GenericRelation("content.Revision")

    class Meta:
        ordering = ["-publish_at", "-published_at", "-id"]
        verbose_name = "actualité"

    def __str__(self):
        return self.title
