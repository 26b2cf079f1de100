"""Which optional plugins a programme space uses, and how it configures them
(``Tenant.plugin_settings``: ``{name: {"enabled": bool, "config": {...}}}``).

GraphQL (``pluginConfigure``) and the platform admin both call ``configure_plugin``: core
plugins and plugins not installed on this deployment are refused whatever the door, and every
change leaves its audit entry and its ``plugin.configured`` event in the space.
"""

from __future__ import annotations

from django.db import transaction
from django_tenants.utils import tenant_context

from imedia_core.changes import changed
from imedia_core.context import ServiceContext
from imedia_core.errors import ServiceError
from imedia_core.pluginhost.config import config_problems
from imedia_core.pluginhost.manager import is_core_plugin, optional_plugin_names

from .members import require_manager
from .models import Tenant


def check_plugin_change(name: str, enabled=None, config=None) -> None:
    """Refuse a change to a core plugin, to a plugin this deployment lacks, or a malformed one."""
    if is_core_plugin(name):
        raise ServiceError.single("CORE_PLUGIN", f"« {name} » fait partie du cœur et ne se désactive pas.", "name")
    if name not in optional_plugin_names():
        raise ServiceError.single("NOT_FOUND", f"Aucun module « {name} » n'est installé.", "name")
    if enabled is not None and not isinstance(enabled, bool):
        raise ServiceError.single("INVALID", "« enabled » doit valoir true ou false.", "enabled")
    if config is not None and not isinstance(config, dict):
        raise ServiceError.single("INVALID", "La configuration doit être un objet JSON.", "config")
    if config is not None:
        # The fields the plugin declares (imedia_plugin_config_fields): what its form refuses.
        problems = config_problems(name, config)
        if problems:
            message = "; ".join(f"« {key} » {reason}" for key, reason in problems)
            raise ServiceError.single("INVALID", f"Configuration refusée : {message}.", "config")


def configure_plugin(
    ctx: ServiceContext, name: str, *, enabled: bool | None = None, config: dict | None = None
) -> dict:
    """Turn an optional plugin on or off in the context's space and/or replace its configuration
    (``None``: unchanged). Returns the plugin's entry after the change."""
    require_manager(ctx)
    check_plugin_change(name, enabled, config)
    tenant = ctx.tenant
    with transaction.atomic():
        # Read the stored settings under lock: the tenant object may come from the routing cache,
        # and a stale copy would silently undo another plugin's change.
        stored = Tenant.objects.select_for_update().values_list("plugin_settings", flat=True).get(pk=tenant.pk)
        settings = dict(stored or {})
        entry = dict(settings.get(name) or {})
        if enabled is not None:
            entry["enabled"] = enabled
        if config is not None:
            entry["config"] = config
        settings[name] = entry
        tenant.plugin_settings = settings
        tenant.save(update_fields=["plugin_settings", "updated_at"])
        is_enabled = entry.get("enabled", True)
        with tenant_context(tenant):
            changed(
                ctx,
                "plugin.configured",
                payload={"plugin": name, "enabled": is_enabled, "config_changed": config is not None},
                summary=f"Module « {name} » {'activé' if is_enabled else 'désactivé'}",
            )
    return entry
