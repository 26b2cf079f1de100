"""The resource centre: the core's hook implementations for this domain (registered as ``imedia_core.library``)."""

from imedia_core.events.catalogue import EventType
from imedia_core.pluginhost.hookspecs import hookimpl


@hookimpl
def imedia_event_types():
    return [
        EventType("resource.published", "A resource of the resource centre was published."),
    ]
