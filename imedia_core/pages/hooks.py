"""Pages and news: the core's hook implementations for this domain (registered as ``imedia_core.pages``)."""

from imedia_core.events.catalogue import EventType
from imedia_core.pluginhost.hookspecs import hookimpl


@hookimpl
def imedia_event_types():
    return [
        EventType("page.created", "A page was created (as a draft, or as set in the admin)."),
        EventType("page.updated", "A page's title, slug, summary or content changed."),
        EventType("page.moved", "A page was moved under another parent; its path and its sub-pages' changed."),
        EventType("page.published", "A page was published: readers see it (when its ancestors are published too)."),
        EventType("page.scheduled", "A page was published with a future date: readers see it from `publishAt`."),
        EventType("page.archived", "A page, and with it every page under it, was withdrawn from readers."),
        EventType("page.deleted", "A page was deleted."),
        EventType("page.reordered", "The sub-pages of a page (or the top-level pages) were put in a new order."),
        EventType("page.revision_restored", "A page was brought back to one of its saved versions."),
        EventType("news.created", "A news item was created (as a draft, or as set in the admin)."),
        EventType("news.updated", "A news item's title, slug, summary or content changed."),
        EventType("news.published", "A news item was published: readers see it."),
        EventType("news.scheduled", "A news item was published with a future date: readers see it from `publishAt`."),
        EventType("news.archived", "A news item was withdrawn from readers."),
        EventType("news.deleted", "A news item was deleted."),
        EventType("news.revision_restored", "A news item was brought back to one of its saved versions."),
    ]
