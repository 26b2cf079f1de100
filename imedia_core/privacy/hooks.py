"""Personal data: the core's hook implementations for this area (registered as ``imedia_core.privacy``)."""

from imedia_core.events.catalogue import EventType
from imedia_core.pluginhost.hookspecs import hookimpl


@hookimpl
def imedia_event_types():
    return [
        EventType(
            "person.erased",
            "A person's data was erased in this space (right to erasure or account deletion); the payload names no one.",
        ),
    ]
