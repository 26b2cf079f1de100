"""The process-wide plugin manager and the per-tenant view of it.

Entry points in the ``imedia.plugins`` group are loaded when the manager is first built, which
happens while Django settings are read (plugins may add apps): a plugin module must therefore not
import Django models at module level, only inside its hook functions.
"""

import threading

import pluggy

from . import hookspecs
from .hookspecs import PROJECT

ENTRY_POINT_GROUP = "imedia.plugins"

# Names under which the core registers its own behaviour; a tenant cannot disable these.
CORE_PLUGINS = frozenset({"imedia_core"})

_lock = threading.Lock()
_manager: pluggy.PluginManager | None = None
_generation = 0


def get_plugin_manager() -> pluggy.PluginManager:
    """The shared manager, built once: hook specs, the core defaults, then entry points."""
    global _manager
    if _manager is None:
        with _lock:
            if _manager is None:
                pm = pluggy.PluginManager(PROJECT)
                pm.add_hookspecs(hookspecs)
                from . import defaults

                pm.register(defaults, name="imedia_core")
                pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
                _manager = pm
    return _manager


def generation() -> int:
    """A counter bumped whenever plugins are (un)registered at run time; caches key on it."""
    return _generation


def register(plugin, name: str | None = None) -> str:
    """Register a plugin at run time (tests, embedding applications)."""
    global _generation
    registered = get_plugin_manager().register(plugin, name=name)
    _generation += 1
    return registered


def unregister(name: str) -> None:
    global _generation
    get_plugin_manager().unregister(name=name)
    _generation += 1


def plugin_names() -> list[str]:
    """Names of every installed plugin, core ones first, then in registration order."""
    pm = get_plugin_manager()
    names = [name for name, _ in pm.list_name_plugin()]
    return sorted(names, key=lambda n: (n not in CORE_PLUGINS, names.index(n)))


def optional_plugin_names() -> list[str]:
    """Installed plugins that a tenant may enable or disable."""
    return [name for name in plugin_names() if name not in CORE_PLUGINS]


def is_plugin_enabled(tenant, name: str) -> bool:
    """Core plugins are always on; others follow ``tenant.plugin_settings[name]['enabled']``.

    A plugin with no entry in the tenant's settings is enabled: installing a plugin on a
    deployment makes it available everywhere until a tenant turns it off.
    """
    if name in CORE_PLUGINS:
        return True
    if name not in dict(get_plugin_manager().list_name_plugin()):
        return False
    entry = (getattr(tenant, "plugin_settings", None) or {}).get(name) or {}
    return bool(entry.get("enabled", True))


def plugin_config(tenant, name: str) -> dict:
    """The configuration a tenant gave a plugin (``{}`` when none)."""
    entry = (getattr(tenant, "plugin_settings", None) or {}).get(name) or {}
    return dict(entry.get("config") or {})


def enabled_plugin_names(tenant) -> list[str]:
    return [name for name in plugin_names() if is_plugin_enabled(tenant, name)]


def hook_for_tenant(tenant, hook_name: str):
    """A hook caller that skips the plugins this tenant has disabled."""
    pm = get_plugin_manager()
    disabled = [plugin for name, plugin in pm.list_name_plugin() if not is_plugin_enabled(tenant, name)]
    return pm.subset_hook_caller(hook_name, remove_plugins=disabled)


def collect_with_owner(hook_name: str) -> list[tuple[str, object]]:
    """Call a list-returning hook on every plugin; each item comes with its plugin's name.

    Items keep plugin registration order, so the core's come first.
    """
    owned: list[tuple[str, object]] = []
    for impl in getattr(get_plugin_manager().hook, hook_name).get_hookimpls():
        for item in impl.function() or ():
            owned.append((impl.plugin_name, item))
    return owned


def collect(hook_name: str) -> list:
    """Call a list-returning hook on every plugin and flatten the results."""
    return [item for _, item in collect_with_owner(hook_name)]
