"""Pages and news: what each mutation writes to the outbox when it succeeds (one event each)."""

from imedia_core.graphql.core.nodes import TenantGlobalIDType
from imedia_core.pages import services

from . import Case

PAYLOAD = "errors { field code message }"


def _gid(type_name: str, pk) -> str:
    return TenantGlobalIDType.to_global_id(type_name, pk)


def _page(ctx) -> dict:
    page = services.create_page(ctx["service"], title="Vous avez dit, nous avons fait")
    return {"id": _gid("Page", page.pk)}


def _edited_page(ctx) -> dict:
    """A page with two versions, to restore the first."""
    page = services.create_page(ctx["service"], title="Charte", body="<p>v1</p>")
    services.update_page(ctx["service"], page, {"body": "<p>v2</p>"})
    return {"id": _gid("Page", page.pk), "number": 1}


def _sub_pages(ctx) -> dict:
    parent = services.create_page(ctx["service"], title="Le projet")
    children = [services.create_page(ctx["service"], title=title, parent=parent) for title in ("Un", "Deux")]
    return {"parentId": _gid("Page", parent.pk), "ids": [_gid("Page", child.pk) for child in reversed(children)]}


def _news(ctx) -> dict:
    item = services.create_news(ctx["service"], title="Retour sur l'atelier")
    return {"id": _gid("NewsItem", item.pk)}


def _edited_news(ctx) -> dict:
    item = services.create_news(ctx["service"], title="Retour sur l'atelier", body="<p>v1</p>")
    services.update_news(ctx["service"], item, {"body": "<p>v2</p>"})
    return {"id": _gid("NewsItem", item.pk), "number": 1}


def _on_id(mutation: str, arguments: str = "", variables: str = "") -> str:
    return f"mutation($id: ID!{variables}) {{ {mutation}(id: $id{arguments}) {{ {PAYLOAD} }} }}"


CASES = [
    Case(
        mutation="pageCreate",
        document=f'mutation {{ pageCreate(title: "Comment participer ?") {{ {PAYLOAD} }} }}',
        events=("page.created",),
    ),
    Case(
        mutation="pageUpdate",
        document=_on_id("pageUpdate", ', body: "<p>Ce que nous avons fait.</p>"'),
        setup=_page,
        events=("page.updated",),
    ),
    Case(
        mutation="pageReorder",
        document=f"mutation($parentId: ID, $ids: [ID!]!) {{ pageReorder(parentId: $parentId, ids: $ids) {{ {PAYLOAD} }} }}",
        setup=_sub_pages,
        events=("page.reordered",),
    ),
    Case(mutation="pagePublish", document=_on_id("pagePublish"), setup=_page, events=("page.published",)),
    Case(mutation="pageArchive", document=_on_id("pageArchive"), setup=_page, events=("page.archived",)),
    Case(mutation="pageDelete", document=_on_id("pageDelete"), setup=_page, events=("page.deleted",)),
    Case(
        mutation="pageRestoreRevision",
        document=_on_id("pageRestoreRevision", ", number: $number", ", $number: Int!"),
        setup=_edited_page,
        events=("page.revision_restored",),
    ),
    Case(
        mutation="newsCreate",
        document=f'mutation {{ newsCreate(title: "Ce qui a changé") {{ {PAYLOAD} }} }}',
        events=("news.created",),
    ),
    Case(
        mutation="newsUpdate",
        document=_on_id("newsUpdate", ', summary: "Ce que vous avez dit, ce que nous avons fait."'),
        setup=_news,
        events=("news.updated",),
    ),
    Case(mutation="newsPublish", document=_on_id("newsPublish"), setup=_news, events=("news.published",)),
    Case(mutation="newsArchive", document=_on_id("newsArchive"), setup=_news, events=("news.archived",)),
    Case(mutation="newsDelete", document=_on_id("newsDelete"), setup=_news, events=("news.deleted",)),
    Case(
        mutation="newsRestoreRevision",
        document=_on_id("newsRestoreRevision", ", number: $number", ", $number: Int!"),
        setup=_edited_news,
        events=("news.revision_restored",),
    ),
]
