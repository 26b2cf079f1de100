"""The plugin host: pluggy hook specifications and the manager. The core's domains register their
own hooks as plugins (``<domain>/hooks.py``).

Plugins do not import from here: they take ``hookimpl`` and the rest of what they need from the
published plugin API::

    from imedia_core.plugin_api import hookimpl
"""

from .hookspecs import hookimpl, hookspec

__all__ = ["hookimpl", "hookspec"]
