import graphene

from imedia_core.audit.log import record
from imedia_core.permissions import Perm
from imedia_core.pluginhost.manager import CORE_PLUGINS, optional_plugin_names

from ..core.errors import MutationError, error_codes, error_type
from ..core.mutations import BaseMutation
from ..core.types import Plugin

TenantErrorCode = error_codes(
    "TenantErrorCode",
    "Why a change to the programme space's settings failed.",
    {"CORE_PLUGIN": "Core plugins are always enabled."},
)
TenantError = error_type("TenantError", TenantErrorCode, "An error returned by a programme-space settings mutation.")


class PluginConfigure(BaseMutation):
    class Arguments:
        name = graphene.String(required=True, description="Name of the installed plugin.")
        enabled = graphene.Boolean(description="Turn the plugin on or off in this space; unchanged when omitted.")
        config = graphene.JSONString(
            description="The plugin's configuration in this space (a JSON object); unchanged when omitted."
        )

    class Meta:
        description = "Enable, disable or configure an optional plugin in this programme space (space admins)."
        error_type = TenantError
        permission = Perm.MANAGE_TENANT

    plugin = graphene.Field(Plugin, description="The plugin's state in this space after the change.")

    @classmethod
    def perform_mutation(cls, root, info, principal, name, enabled=None, config=None):
        if name in CORE_PLUGINS:
            raise MutationError("CORE_PLUGIN", f"« {name} » fait partie du cœur et ne se désactive pas.", "name")
        if name not in optional_plugin_names():
            raise MutationError("NOT_FOUND", f"Aucun module « {name} » n'est installé.", "name")
        if config is not None and not isinstance(config, dict):
            raise MutationError("INVALID", "La configuration doit être un objet JSON.", "config")
        tenant = info.context.tenant
        settings = dict(tenant.plugin_settings or {})
        entry = dict(settings.get(name) or {})
        if enabled is not None:
            entry["enabled"] = enabled
        if config is not None:
            entry["config"] = config
        settings[name] = entry
        tenant.plugin_settings = settings
        tenant.save(update_fields=["plugin_settings", "updated_at"])
        state = "activé" if entry.get("enabled", True) else "désactivé"
        record("plugin.configured", summary=f"Module « {name} » {state}", actor=principal.user, via="graphql")
        return cls(plugin=Plugin(name=name), errors=[])
