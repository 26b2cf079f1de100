"""Pages and news: the core's hook implementations for this domain (registered as ``imedia_core.pages``)."""

from imedia_core.pluginhost.hookspecs import hookimpl


@hookimpl
def imedia_event_types():
    return [

    ]
