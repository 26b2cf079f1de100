"""The good-practice commons: the core's hook implementations for this domain (registered as ``imedia_core.commons``)."""

from imedia_core.events.catalogue import EventType
from imedia_core.pluginhost.hookspecs import hookimpl


@hookimpl
def imedia_event_types():
    return [
        EventType("practice.shared", "The space published a good practice to the commons."),
        EventType("practice.unpublished", "The space withdrew one of its practices from the commons."),
        EventType("practice.adapted", "The space adapted a practice of the commons into its resource centre."),
    ]
