"""Per-request batching for pages: the page tree a viewer may read is loaded once per request
(one query, bodies deferred), so parents, children and breadcrumbs at any depth cost nothing
more; bodies and revisions of the tree's pages are each loaded in one more query when asked."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType

from imedia_core.content.models import Revision
from imedia_core.pages import models, services
from imedia_core.permissions import Perm

from ..core.context import principal_of

_CACHE_ATTR = "_imedia_page_tree"


def can_read_unpublished(info) -> bool:
    return principal_of(info).has(Perm.READ_UNPUBLISHED)


class PageTree:
    """Every page the viewer may read, indexed by id, path and parent."""

    def __init__(self, can_read_unpublished: bool):
        queryset = models.Page.objects.defer("body").order_by("position", "id")
        pages = list(services.readable_pages(queryset, can_read_unpublished=can_read_unpublished))
        self.by_id = {page.pk: page for page in pages}
        self.by_path = {page.path: page for page in pages}
        self._children = defaultdict(list)
        for page in pages:
            self._children[page.parent_id].append(page)
        self._bodies: dict | None = None
        self._revisions: dict | None = None

    def holds(self, page) -> bool:
        """True for the tree's own instances (their body is deferred)."""
        return self.by_id.get(page.pk) is page

    def children_of(self, page_id) -> list:
        return self._children.get(page_id, [])

    def parent_of(self, page):
        return self.by_id.get(page.parent_id)

    def ancestors_of(self, page) -> list:
        """From the top-level page down to the parent; stops at a page the viewer may not read."""
        chain, current = [], self.by_id.get(page.parent_id)
        while current is not None:
            chain.append(current)
            current = self.by_id.get(current.parent_id)
        return chain[::-1]

    def body_of(self, page) -> str:
        if not self.holds(page):
            return page.body
        if self._bodies is None:
            self._bodies = dict(models.Page.objects.filter(pk__in=self.by_id).values_list("pk", "body"))
        return self._bodies.get(page.pk, "")

    def revisions_of(self, page) -> list:
        if not self.holds(page):
            return list(page.revisions.all())
        if self._revisions is None:
            self._revisions = defaultdict(list)
            content_type = ContentType.objects.get_for_model(models.Page)
            for revision in Revision.objects.filter(content_type=content_type, object_id__in=list(self.by_id)):
                self._revisions[revision.object_id].append(revision)
        return self._revisions.get(page.pk, [])


def page_tree(info) -> PageTree:
    tree = getattr(info.context, _CACHE_ATTR, None)
    if tree is None:
        tree = PageTree(can_read_unpublished(info))
        setattr(info.context, _CACHE_ATTR, tree)
    return tree


def forget_page_tree(info) -> None:
    """After a change to pages, later fields of the same request must see it."""
    if hasattr(info.context, _CACHE_ATTR):
        delattr(info.context, _CACHE_ATTR)
