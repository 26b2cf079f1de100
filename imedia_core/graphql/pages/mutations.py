"""Mutations of pages and news, for staff (`content.edit`). Each one goes through
``imedia_core.pages.services`` and returns ``PagesError`` items; refused input changes nothing."""

import graphene

from imedia_core.pages import models, services
from imedia_core.permissions import Perm

from ..core.context import service_context
from ..core.mutations import BaseMutation
from ..core.nodes import TenantGlobalIDType, get_or_not_found
from .loaders import forget_page_tree
from .types import NewsItem, Page, PagesError

NOT_FOUND_PAGE = "Aucune page avec cet identifiant dans cet espace."
NOT_FOUND_NEWS = "Aucune actualité avec cet identifiant dans cet espace."


def _get(model, type_name: str, global_id: str, field: str, message: str):
    """The row a global ID names in this tenant, locked for the change; NOT_FOUND otherwise."""
    return get_or_not_found(model.objects.all(), global_id, type_name, message, field=field, lock=True)


def _page(global_id: str, field: str = "id") -> models.Page:
    return _get(models.Page, "Page", global_id, field, NOT_FOUND_PAGE)


def _news(global_id: str) -> models.NewsItem:
    return _get(models.NewsItem, "NewsItem", global_id, "id", NOT_FOUND_NEWS)


def _global_id(type_name: str, pk) -> str:
    return TenantGlobalIDType.to_global_id(type_name, pk)


_TEXT_ARGS = {
    "title": "Title (plain text, at most 200 characters).",
    "slug": "Identifier used in URLs (letters, digits, `-`, `_`; lowercased).",
    "summary": "A short summary, plain text (markup is removed; at most 1,000 characters).",
    "body": "The content, HTML; sanitised on the way in (scripts, styles and event handlers are removed).",
}


def _text_arguments(*, title_required: bool):
    return {
        "title": graphene.String(required=title_required, description=_TEXT_ARGS["title"]),
        "slug": graphene.String(description=_TEXT_ARGS["slug"]),
        "summary": graphene.String(description=_TEXT_ARGS["summary"]),
        "body": graphene.String(description=_TEXT_ARGS["body"]),
    }


def _arguments(*groups: dict, **more):
    """An ``Arguments`` class holding these arguments, in this order."""
    attrs = {}
    for group in (*groups, more):
        attrs.update(group)
    return type("Arguments", (), attrs)


def _id_argument(what: str):
    return graphene.ID(required=True, description=f"Global ID of the {what}.")


def _number_argument():
    return graphene.Int(required=True, description="Number of the version to restore (see `revisions`).")


def _publish_at_argument():
    return graphene.DateTime(
        description=(
            "When readers may see it, with a time zone. Omitted or null: at once. In the future: scheduled. "
            "In the past: published at once, dated that day."
        )
    )


class ChangesPages:
    """Mixin: the request's cached page tree is dropped, so fields resolved after the change
    (its payload, later mutations of the same document) see it."""

    @classmethod
    def mutate(cls, root, info, **data):
        forget_page_tree(info)
        return super().mutate(root, info, **data)


class PageMutation(ChangesPages, BaseMutation):
    """A mutation returning the page it changed."""

    class Meta:
        abstract = True

    page = graphene.Field(Page, description="The page after the change; null on error.")


class NewsMutation(BaseMutation):
    """A mutation returning the news item it changed."""

    class Meta:
        abstract = True

    news_item = graphene.Field(NewsItem, description="The news item after the change; null on error.")


# --- pages ---------------------------------------------------------------------------------


class PageCreate(PageMutation):
    Arguments = _arguments(
        _text_arguments(title_required=True),
        parent_id=graphene.ID(description="Global ID of the parent page; omitted or null for a top-level page."),
    )

    class Meta:
        description = (
            "Create a draft page, last among its siblings. Without a slug, one is made from the title "
            "(`-2`, `-3`… when taken). Its path is its parent's path plus its slug."
        )
        error_type = PagesError
        permission = Perm.EDIT_CONTENT

    @classmethod
    def perform_mutation(cls, root, info, principal, title, parent_id=None, **data):
        parent = _page(parent_id, "parentId") if parent_id else None
        page = services.create_page(service_context(info), title=title, parent=parent, **data)
        return cls(page=page, errors=[])


class PageUpdate(PageMutation):
    Arguments = _arguments(
        {"id": _id_argument("page")},
        _text_arguments(title_required=False),
        parent_id=graphene.ID(
            description=(
                "Move the page under this parent (it goes last among its new siblings); null moves it to the top "
                "level; omitted leaves it where it is."
            )
        ),
    )

    class Meta:
        description = (
            "Change a page's fields (omitted ones stay as they are) or move it. When its slug or parent changes, "
            "its path and those of all its sub-pages follow. Refused (`CYCLE`) under itself or a sub-page, and "
            "(`UNIQUE`) when a sibling already has the slug."
        )
        error_type = PagesError
        permission = Perm.EDIT_CONTENT

    @classmethod
    def perform_mutation(cls, root, info, principal, id, **data):
        page = _page(id)
        if "parent_id" in data:
            parent_id = data.pop("parent_id")
            data["parent"] = _page(parent_id, "parentId") if parent_id else None
        page = services.update_page(service_context(info), page, data)
        return cls(page=page, errors=[])


class PageReorder(ChangesPages, BaseMutation):
    class Arguments:
        parent_id = graphene.ID(description="Global ID of the parent page; omitted or null for top-level pages.")
        ids = graphene.List(
            graphene.NonNull(graphene.ID),
            required=True,
            description="Global IDs of every page at that level, each once, in the new order.",
        )

    class Meta:
        description = "Put the sub-pages of a page (or the top-level pages) in a new order."
        error_type = PagesError
        permission = Perm.EDIT_CONTENT

    pages = graphene.List(graphene.NonNull(Page), description="The pages of that level in their new order.")

    @classmethod
    def perform_mutation(cls, root, info, principal, ids, parent_id=None):
        parent = _page(parent_id, "parentId") if parent_id else None
        pages = [_page(global_id, "ids") for global_id in ids]
        ordered = services.reorder_pages(service_context(info), parent, pages)
        return cls(pages=ordered, errors=[])


class PagePublish(PageMutation):
    class Arguments:
        id = _id_argument("page")
        publish_at = _publish_at_argument()

    class Meta:
        description = (
            "Publish a page now, or schedule it with a future `publishAt`. Readers see it only when its "
            "ancestors are published too."
        )
        error_type = PagesError
        permission = Perm.EDIT_CONTENT

    @classmethod
    def perform_mutation(cls, root, info, principal, id, publish_at=None):
        page = _page(id)
        page = services.publish_page(service_context(info), page, publish_at=publish_at)
        return cls(page=page, errors=[])


class PageArchive(PageMutation):
    class Arguments:
        id = _id_argument("page")

    class Meta:
        description = "Withdraw a page from readers, and with it every page under it. Staff still see it."
        error_type = PagesError
        permission = Perm.EDIT_CONTENT

    @classmethod
    def perform_mutation(cls, root, info, principal, id):
        page = _page(id)
        page = services.archive_page(service_context(info), page)
        return cls(page=page, errors=[])


class PageDelete(ChangesPages, BaseMutation):
    class Arguments:
        id = _id_argument("page")

    class Meta:
        description = "Delete a page and its revisions. Refused (`HAS_CHILDREN`) while it has sub-pages."
        error_type = PagesError
        permission = Perm.EDIT_CONTENT

    deleted_id = graphene.ID(description="Global ID of the deleted page; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id):
        page = _page(id)
        deleted_id = _global_id("Page", page.pk)
        services.delete_page(service_context(info), page)
        return cls(deleted_id=deleted_id, errors=[])


class PageRestoreRevision(PageMutation):
    class Arguments:
        id = _id_argument("page")
        number = _number_argument()

    class Meta:
        description = (
            "Bring a page back to a saved version: every field of that version, its place in the tree and its "
            "publication state included. Recorded as a new version, so history only grows."
        )
        error_type = PagesError
        permission = Perm.EDIT_CONTENT

    @classmethod
    def perform_mutation(cls, root, info, principal, id, number):
        page = _page(id)
        page = services.restore_page_revision(service_context(info), page, number)
        return cls(page=page, errors=[])


# --- news ----------------------------------------------------------------------------------


class NewsCreate(NewsMutation):
    Arguments = _arguments(_text_arguments(title_required=True))

    class Meta:
        description = "Create a draft news item. Without a slug, one is made from the title (`-2`… when taken)."
        error_type = PagesError
        permission = Perm.EDIT_CONTENT

    @classmethod
    def perform_mutation(cls, root, info, principal, title, **data):
        item = services.create_news(service_context(info), title=title, **data)
        return cls(news_item=item, errors=[])


class NewsUpdate(NewsMutation):
    Arguments = _arguments({"id": _id_argument("news item")}, _text_arguments(title_required=False))

    class Meta:
        description = "Change a news item's fields; omitted ones stay as they are."
        error_type = PagesError
        permission = Perm.EDIT_CONTENT

    @classmethod
    def perform_mutation(cls, root, info, principal, id, **data):
        item = _news(id)
        item = services.update_news(service_context(info), item, data)
        return cls(news_item=item, errors=[])


class NewsPublish(NewsMutation):
    class Arguments:
        id = _id_argument("news item")
        publish_at = _publish_at_argument()

    class Meta:
        description = "Publish a news item now, schedule it (future `publishAt`) or backdate it (past `publishAt`)."
        error_type = PagesError
        permission = Perm.EDIT_CONTENT

    @classmethod
    def perform_mutation(cls, root, info, principal, id, publish_at=None):
        item = _news(id)
        item = services.publish_news(service_context(info), item, publish_at=publish_at)
        return cls(news_item=item, errors=[])


class NewsArchive(NewsMutation):
    class Arguments:
        id = _id_argument("news item")

    class Meta:
        description = "Withdraw a news item from readers. Staff still see it and may publish it again."
        error_type = PagesError
        permission = Perm.EDIT_CONTENT

    @classmethod
    def perform_mutation(cls, root, info, principal, id):
        item = _news(id)
        item = services.archive_news(service_context(info), item)
        return cls(news_item=item, errors=[])


class NewsDelete(BaseMutation):
    class Arguments:
        id = _id_argument("news item")

    class Meta:
        description = "Delete a news item and its revisions."
        error_type = PagesError
        permission = Perm.EDIT_CONTENT

    deleted_id = graphene.ID(description="Global ID of the deleted news item; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id):
        item = _news(id)
        deleted_id = _global_id("NewsItem", item.pk)
        services.delete_news(service_context(info), item)
        return cls(deleted_id=deleted_id, errors=[])


class NewsRestoreRevision(NewsMutation):
    class Arguments:
        id = _id_argument("news item")
        number = _number_argument()

    class Meta:
        description = (
            "Bring a news item back to a saved version, publication state included. Recorded as a new version."
        )
        error_type = PagesError
        permission = Perm.EDIT_CONTENT

    @classmethod
    def perform_mutation(cls, root, info, principal, id, number):
        item = _news(id)
        item = services.restore_news_revision(service_context(info), item, number)
        return cls(news_item=item, errors=[])
