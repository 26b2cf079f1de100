"""The participation cycle: the core's hook implementations for this domain (registered as ``imedia_core.cycle``)."""

from imedia_core.events.catalogue import EventType
from imedia_core.pluginhost.hookspecs import hookimpl


@hookimpl
def imedia_event_types():
    return [
        EventType("cycle.instantiated", "A new active cycle was made from a template (the previous one is kept)."),
        EventType("cycle.reset", "The active cycle was rewritten from a template (phases kept, replaced or deleted)."),
        EventType("cycle.updated", "A cycle's name or description changed."),
        EventType("phase.created", "A phase was added to a cycle."),
        EventType("phase.updated", "A phase's title, slug, texts or dates changed (or it was saved in the admin)."),
        EventType("phase.deleted", "A phase was deleted with its items and resource links."),
        EventType("phase.reordered", "The phases of a cycle were put in a new order."),
        EventType("phase.current_set", "A phase became the current phase of its cycle."),
        EventType("phase.published", "A phase was published: readers see it."),
        EventType("phase.scheduled", "A phase was published with a future date: readers see it from `publishAt`."),
        EventType("phase.unpublished", "A phase went back to draft: readers no longer see it."),
        EventType("phase.archived", "A phase was archived: withdrawn from readers, kept for the record."),
        EventType(
            "phase.revision_restored", "A phase was brought back to one of its revisions, items and links included."
        ),
        EventType("phase.resource_linked", "A resource of the resource centre was linked to a phase."),
        EventType("phase.resource_link_updated", "The note or place of a resource linked to a phase changed."),
        EventType("phase.resource_unlinked", "A resource was removed from a phase (it stays in the resource centre)."),
        EventType("phase.resources_reordered", "The resources of a phase were put in a new order."),
        EventType("phase_item.created", "A stake, objective, vigilance point or method was added to a phase."),
        EventType("phase_item.updated", "A phase item changed (a new kind moves it to the end of that list)."),
        EventType("phase_item.deleted", "A phase item was deleted."),
        EventType("phase_item.reordered", "A phase's items of one kind were put in a new order."),
    ]
