import graphene

from imedia_core.content.models import PublicationStatus
from imedia_core.content.sanitize import clean_html
from imedia_core.pages import models, services

from ..core.connection import CountableConnection
from ..core.errors import error_codes, error_type
from ..core.nodes import TenantNode
from ..core.types import PublicationStatusEnum
from ..core.types_base import ModelObjectType
from .loaders import can_read_unpublished, page_tree

PagesErrorCode = error_codes(
    "PagesErrorCode",
    "Why a page or news mutation failed.",
    {
        "HAS_CHILDREN": "The page has sub-pages: move or delete them first.",
        "CYCLE": "A page cannot be placed under itself or under one of its sub-pages.",
    },
)
PagesError = error_type("PagesError", PagesErrorCode, "An error returned by a page or news mutation.")


class EditorialRevision(graphene.ObjectType):
    class Meta:
        description = "A saved version of a page or news item: one is recorded on every change."

    number = graphene.Int(required=True, description="1 for the first save, then 2, 3… Pass it to restore.")
    summary = graphene.String(
        required=True, description="What the change was (« Création », « Publication », « Restauration… »)."
    )
    author_label = graphene.String(required=True, description="Who saved it, as shown then; empty if unknown.")
    created_at = graphene.DateTime(required=True, description="When it was saved.")
    snapshot = graphene.JSONString(required=True, description="The fields as saved in this version (a JSON object).")

    def resolve_snapshot(root, info):
        return root.data


def _value(status) -> str:
    # A TextChoices member (set by a service) is not a value graphene's enum recognises.
    return getattr(status, "value", status)


def _is_scheduled(item) -> bool:
    return item.status == PublicationStatus.PUBLISHED and not item.is_visible


class Page(ModelObjectType):
    class Meta:
        model = models.Page
        interfaces = (TenantNode,)
        fields = (
            "title",
            "slug",
            "path",
            "summary",
            "position",
            "publish_at",
            "published_at",
            "created_at",
            "updated_at",
        )
        description = (
            "An editorial page of the programme (« Le projet », « Comment participer ? »…), in a tree addressed by "
            "slug paths. Readers see a page only when it and all its ancestors are published and due; staff "
            "(`content.read_unpublished`) see every page."
        )
        publishable = True

    body = graphene.String(required=True, description="The content, sanitised HTML (safe to insert as is).")
    status = graphene.Field(PublicationStatusEnum, required=True, description="Publication state.")
    is_scheduled = graphene.Boolean(
        required=True, description="Published but not visible to readers before `publishAt`."
    )
    parent = graphene.Field(lambda: Page, description="The parent page; null for a top-level page.")
    children = graphene.List(
        graphene.NonNull(lambda: Page),
        required=True,
        description="Sub-pages the viewer may read, in their editorial order (`position`).",
    )
    breadcrumbs = graphene.List(
        graphene.NonNull(lambda: Page),
        required=True,
        description="Ancestors, from the top-level page down to the parent (the page itself excluded).",
    )
    revisions = graphene.List(
        graphene.NonNull(EditorialRevision),
        description="Saved versions, newest first; null unless the viewer may read unpublished content.",
    )

    @classmethod
    def get_queryset(cls, queryset, info):
        queryset = super().get_queryset(queryset, info)
        return services.readable_pages(queryset, can_read_unpublished=can_read_unpublished(info))

    def resolve_body(root, info):
        return clean_html(page_tree(info).body_of(root))  # never trust stored HTML

    def resolve_status(root, info):
        return _value(root.status)

    def resolve_is_scheduled(root, info):
        return _is_scheduled(root)

    def resolve_parent(root, info):
        return page_tree(info).parent_of(root)

    def resolve_children(root, info):
        return page_tree(info).children_of(root.pk)

    def resolve_breadcrumbs(root, info):
        return page_tree(info).ancestors_of(root)

    def resolve_revisions(root, info):
        if not can_read_unpublished(info):
            return None
        return page_tree(info).revisions_of(root)


class NewsItem(ModelObjectType):
    class Meta:
        model = models.NewsItem
        interfaces = (TenantNode,)
        connection_class = CountableConnection
        fields = ("title", "slug", "summary", "body", "publish_at", "published_at", "created_at", "updated_at")
        description = (
            "A news item: what was done, decided or is coming. Readers see published items once due; staff "
            "(`content.read_unpublished`) see drafts, scheduled and archived items too."
        )
        publishable = True

    def resolve_body(root, info):
        return clean_html(root.body)  # never trust stored HTML

    status = graphene.Field(PublicationStatusEnum, required=True, description="Publication state.")
    is_scheduled = graphene.Boolean(
        required=True, description="Published but not visible to readers before `publishAt`."
    )
    date = graphene.DateTime(
        required=True,
        description="The date to show and sort by: `publishAt`, else first publication, else creation.",
    )
    revisions = graphene.List(
        graphene.NonNull(EditorialRevision),
        description="Saved versions, newest first; null unless the viewer may read unpublished content.",
    )

    def resolve_status(root, info):
        return _value(root.status)

    def resolve_is_scheduled(root, info):
        return _is_scheduled(root)

    def resolve_date(root, info):
        return getattr(root, "date", None) or root.publish_at or root.published_at or root.created_at

    def resolve_revisions(root, info):
        if not can_read_unpublished(info):
            return None
        return list(root.revisions.all())
