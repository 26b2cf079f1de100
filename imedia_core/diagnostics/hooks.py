"""Self-diagnostics: the core's hook implementations for this domain (registered as ``imedia_core.diagnostics``)."""

from imedia_core.events.catalogue import EventType
from imedia_core.pluginhost.hookspecs import hookimpl

from .scoring import WEIGHTED_MEAN


@hookimpl
def imedia_event_types():
    return [
        EventType("diagnostic_run.closed", "A group's self-diagnostic run was closed and its result computed."),
    ]


@hookimpl
def imedia_diagnostic_scorers():
    return [WEIGHTED_MEAN]
