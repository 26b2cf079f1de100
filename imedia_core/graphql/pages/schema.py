import graphene

from imedia_core.pages import models, services

from ..core.connection import ConnectionField
from ..core.selection import selects
from . import mutations
from .loaders import can_read_unpublished, page_tree
from .types import NewsItem, Page, PublicationStatusEnum


class PagesQueries(graphene.ObjectType):
    """Root fields of pages and news."""

    page = graphene.Field(
        Page,
        path=graphene.String(
            required=True,
            description="The page's path, e.g. `le-projet/qui-sommes-nous` (surrounding slashes are ignored).",
        ),
        description="A page by its path; null when there is none the viewer may read.",
    )
    pages = graphene.List(
        graphene.NonNull(Page),
        required=True,
        parent_path=graphene.String(
            description="List the sub-pages of the page at this path instead of the top-level pages."
        ),
        description=(
            "The top-level pages (or the sub-pages of `parentPath`) in their editorial order, for menus and site "
            "maps. Select `children` (at any depth) to get the whole tree: the cost in SQL queries does not grow "
            "with the size of the tree. Pages the viewer may not read, and everything under them, are left out."
        ),
    )
    news = ConnectionField(
        NewsItem,
        status=graphene.Argument(
            PublicationStatusEnum,
            description="Only items in this state (readers only ever get published, due items).",
        ),
        description="News items, newest first (by `date`). Readers get only published items that are due.",
    )
    news_item = graphene.Field(
        NewsItem,
        slug=graphene.String(required=True, description="The news item's slug."),
        description="A news item by its slug; null when there is none the viewer may read.",
    )

    def resolve_page(root, info, path):
        queryset = Page.get_queryset(models.Page.objects.all(), info)
        return queryset.filter(path=services.normalize_path(path)).first()

    def resolve_pages(root, info, parent_path=None):
        tree = page_tree(info)
        path = services.normalize_path(parent_path or "")
        if not path:
            return tree.children_of(None)
        parent = tree.by_path.get(path)
        return tree.children_of(parent.pk) if parent is not None else []

    def resolve_news(root, info, status=None, **kwargs):
        queryset = services.news_by_date()
        if status is not None:
            queryset = queryset.filter(status=getattr(status, "value", status))
        if can_read_unpublished(info) and selects(info, "revisions"):
            queryset = queryset.prefetch_related("revisions")
        return queryset

    def resolve_news_item(root, info, slug):
        return NewsItem.get_queryset(models.NewsItem.objects.all(), info).filter(slug=slug).first()


def _field(mutation):
    return mutation.Field()


class PagesMutations(graphene.ObjectType):
    """Mutations of pages and news."""

    page_create = _field(mutations.PageCreate)
    page_update = _field(mutations.PageUpdate)
    page_reorder = _field(mutations.PageReorder)
    page_publish = _field(mutations.PagePublish)
    page_archive = _field(mutations.PageArchive)
    page_delete = _field(mutations.PageDelete)
    page_restore_revision = _field(mutations.PageRestoreRevision)
    news_create = _field(mutations.NewsCreate)
    news_update = _field(mutations.NewsUpdate)
    news_publish = _field(mutations.NewsPublish)
    news_archive = _field(mutations.NewsArchive)
    news_delete = _field(mutations.NewsDelete)
    news_restore_revision = _field(mutations.NewsRestoreRevision)
