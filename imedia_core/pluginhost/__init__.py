"""The plugin host: pluggy hook specifications, the manager, and the core's own default plugin.

Third-party code imports ``hookimpl`` from here::

    from imedia_core.pluginhost import hookimpl
"""

from .hookspecs import hookimpl, hookspec

__all__ = ["hookimpl", "hookspec"]
