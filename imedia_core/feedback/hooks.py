"""Official responses and commitments: the core's hook implementations for this domain (registered as ``imedia_core.feedback``)."""

from imedia_core.events.catalogue import EventType
from imedia_core.pluginhost.hookspecs import hookimpl


@hookimpl
def imedia_event_types():
    return [
        EventType("response.created", "An official response was written (a draft, or published at once)."),
        EventType("response.updated", "A draft response was changed."),
        EventType("response.published", "An official response to a contribution was published."),
        EventType("response.deleted", "A draft response was deleted."),
        EventType("commitment.created", "A commitment (what will be done, by whom, by when) was created."),
        EventType("commitment.updated", "A commitment changed or received a timeline update."),
        EventType("commitment.status_changed", "A commitment's status changed (planned, in progress, done, not done)."),
        EventType("commitment.linked", "Contributions were linked to a commitment (it answers them too)."),
        EventType("commitment.unlinked", "Contributions were detached from a commitment."),
    ]
