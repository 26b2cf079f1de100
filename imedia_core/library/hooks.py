"""The resource centre: the core's hook implementations for this domain (registered as ``imedia_core.library``)."""

from imedia_core.events.catalogue import EventType
from imedia_core.pluginhost.hookspecs import hookimpl


@hookimpl
def imedia_event_types():
    return [
        EventType("resource.created", "A resource was created (as a draft, unless the admin set its state)."),
        EventType("resource.updated", "A resource was changed, or published again with new dates."),
        EventType(
            "resource.published",
            "A resource readers could not see was published: now, or scheduled (publishAt in the future).",
        ),
        EventType("resource.scheduled", "A resource's publication was scheduled for a future date."),
        EventType("resource.archived", "A resource was archived: readers no longer see it."),
        EventType("resource.unpublished", "A resource went back to draft (a scheduled publication is cancelled)."),
        EventType("resource.deleted", "A resource was deleted with its files and revisions."),
        EventType("resource.revision_restored", "A resource was brought back to one of its revisions."),
        EventType("resource.file_added", "A file was attached to a resource."),
        EventType("resource.file_deleted", "A file was removed from a resource."),
        EventType("theme.created", "A theme of the resource centre was created."),
        EventType("theme.updated", "A theme of the resource centre was renamed or described."),
        EventType("theme.deleted", "A theme of the resource centre was deleted (its resources stay)."),
    ]
