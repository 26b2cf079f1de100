"""Connectors: the core's hook implementations for this domain (registered as ``imedia_core.connectors``).

Besides its event types, it listens to committed domain events (``imedia_tenant_event``): an
official response published, or a commitment created or changed, on a contribution that came
from a link whose direction is out or both, queues an answer for that platform
(``connectors.outbound``); the ``connectors.deliver`` job sends it.
"""

from imedia_core.events.catalogue import EventType
from imedia_core.pluginhost.hookspecs import hookimpl

from . import outbound


@hookimpl
def imedia_event_types():
    return [
        EventType("connector.link_created", "A space admin linked the space to a space on an external platform."),
        EventType("connector.link_updated", "A connector link's settings or mapping rules changed."),
        EventType("connector.link_deleted", "A connector link was removed (what it imported stays)."),
        EventType("connector.credentials_rotated", "A connector link's credentials were replaced (values never sent)."),
        EventType("connector.sync_requested", "Someone asked for a connector link to sync now."),
        EventType("connector.synced", "A connector pass ended: counts of created, updated, unchanged, hidden items."),
        EventType("connector.sync_failed", "A connector pass stopped on an error (code and French message)."),
        EventType("connector.answer_sent", "An answer went back to the platform an item came from."),
    ]


@hookimpl
def imedia_tenant_event(tenant, event):
    outbound.on_event(event)
