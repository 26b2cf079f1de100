"""The process-wide plugin manager and the per-tenant view of it.

Entry points in the ``imedia.plugins`` group are loaded when the manager is first built, which
happens while Django settings are read (plugins may add apps): a plugin module must therefore not
import Django models at module level, only inside its hook functions.

The core's own behaviour is registered as plugins too, one ``hooks`` module per domain (as
Datasette does), once the apps are ready (``register_core_plugins``), so those modules import
models freely. Their names start with ``imedia_core`` and a tenant cannot disable them; their
items come before every other plugin's.
"""

import importlib
import threading

import pluggy

from . import hookspecs
from .hookspecs import PROJECT

ENTRY_POINT_GROUP = "imedia.plugins"

CORE_PLUGIN = "imedia_core"
# Each domain's hook implementations, registered as ``imedia_core.<domain>``.
CORE_HOOK_MODULES = (
    "imedia_core.cycle.hooks",
    "imedia_core.library.hooks",
    "imedia_core.pages.hooks",
    "imedia_core.participation.hooks",
    "imedia_core.feedback.hooks",
    "imedia_core.commons.hooks",
    "imedia_core.guidance.hooks",
    "imedia_core.diagnostics.hooks",
    "imedia_core.connectors.hooks",
    "imedia_core.privacy.hooks",
    "tenants.hooks",
)

_lock = threading.Lock()
_manager: pluggy.PluginManager | None = None
_generation = 0


def get_plugin_manager() -> pluggy.PluginManager:
    """The shared manager, built once: hook specs, then entry points (the core registers when apps are ready)."""
    global _manager
    if _manager is None:
        with _lock:
            if _manager is None:
                pm = pluggy.PluginManager(PROJECT)
                pm.add_hookspecs(hookspecs)
                pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
                _manager = pm
    return _manager


def is_core_plugin(name: str) -> bool:
    return name == CORE_PLUGIN or name.startswith(f"{CORE_PLUGIN}.")


def register_core_plugins() -> None:
    """Register every domain's ``hooks`` module (called when the apps are ready; idempotent)."""
    pm = get_plugin_manager()
    for module_path in CORE_HOOK_MODULES:
        name = f"{CORE_PLUGIN}.{module_path.removeprefix('imedia_core.').removesuffix('.hooks')}"
        if pm.get_plugin(name) is None:
            register(importlib.import_module(module_path), name=name)


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
    return sorted(names, key=lambda n: (not is_core_plugin(n), names.index(n)))


def optional_plugin_names() -> list[str]:
    """Installed plugins that a tenant may enable or disable."""
    return [name for name in plugin_names() if not is_core_plugin(name)]


def is_plugin_enabled(tenant, name: str) -> bool:
    """Core plugins are always on; others follow ``tenant.plugin_settings[name]['enabled']``.

    A plugin with no entry in the tenant's settings is enabled: installing a plugin on a
    deployment makes it available everywhere until a tenant turns it off.
    """
    if is_core_plugin(name):
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

    The core's items come first, then each plugin's in registration order.
    """
    owned: list[tuple[str, object]] = []
    impls = getattr(get_plugin_manager().hook, hook_name).get_hookimpls()
    for impl in sorted(impls, key=lambda impl: not is_core_plugin(impl.plugin_name)):
        for item in impl.function() or ():
            owned.append((impl.plugin_name, item))
    return owned


def collect(hook_name: str) -> list:
    """Call a list-returning hook on every plugin and flatten the results."""
    return [item for _, item in collect_with_owner(hook_name)]


def collect_keyed(hook_name: str, tenant=None) -> dict:
    """Items of a list-returning hook keyed by their ``.key`` (only those of the plugins
    ``tenant`` enabled, when given); the first of a key wins, so a plugin cannot replace a core
    item (nor a later plugin an earlier one)."""
    keyed: dict = {}
    for owner, item in collect_with_owner(hook_name):
        if tenant is None or is_plugin_enabled(tenant, owner):
            keyed.setdefault(item.key, item)
    return keyed
