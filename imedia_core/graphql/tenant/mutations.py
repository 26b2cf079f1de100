import graphene

from imedia_core.audit.log import record
from imedia_core.permissions import Perm, Role
from imedia_core.pluginhost.manager import is_core_plugin, optional_plugin_names
from tenants.models import Membership, User

from ..core.errors import MutationError, error_codes, error_type
from ..core.mutations import BaseMutation
from ..core.types import Plugin, RoleEnum

TenantErrorCode = error_codes(
    "TenantErrorCode",
    "Why a change to the programme space's settings failed.",
    {
        "CORE_PLUGIN": "Core plugins are always enabled.",
        "LAST_ADMIN": "The space must keep at least one tenant admin.",
    },
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
        if is_core_plugin(name):
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


def _membership_role(role) -> str:
    value = getattr(role, "value", role)
    if value not in dict(Role.tenant_choices()):
        raise MutationError("INVALID", "Ce rôle ne s'attribue pas dans un espace.", "role")
    return value


def _keeps_an_admin(tenant, user) -> bool:
    others = Membership.objects.filter(tenant=tenant, role=Role.TENANT_ADMIN).exclude(user=user)
    return others.exists()


class MemberSetRole(BaseMutation):
    class Arguments:
        email = graphene.String(required=True, description="E-mail address of an existing person.")
        role = graphene.Argument(RoleEnum, required=True, description="Their role in this space.")

    class Meta:
        description = "Give a person a role in this programme space, or change it (space admins)."
        error_type = TenantError
        permission = Perm.MANAGE_TENANT

    member = graphene.Field("imedia_core.graphql.tenant.types.Member", description="The membership after the change.")

    @classmethod
    def perform_mutation(cls, root, info, principal, email, role):
        tenant = info.context.tenant
        value = _membership_role(role)
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise MutationError("NOT_FOUND", "Aucune personne n'a cette adresse e-mail.", "email")
        membership = Membership.objects.filter(tenant=tenant, user=user).first()
        demoting = membership and membership.role == Role.TENANT_ADMIN and value != Role.TENANT_ADMIN
        if demoting and not _keeps_an_admin(tenant, user):
            raise MutationError("LAST_ADMIN", "L'espace doit garder au moins un·e administrateur·rice.", "role")
        membership, _ = Membership.objects.update_or_create(tenant=tenant, user=user, defaults={"role": value})
        record("member.role_set", summary=f"{user} : {value}", target=membership, actor=principal.user, via="graphql")
        return cls(member=membership, errors=[])


class MemberRemove(BaseMutation):
    class Arguments:
        email = graphene.String(required=True, description="E-mail address of the member.")

    class Meta:
        description = "Remove a person from this programme space (space admins). Their account is kept."
        error_type = TenantError
        permission = Perm.MANAGE_TENANT

    removed = graphene.Boolean(description="True when a membership was removed; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, email):
        tenant = info.context.tenant
        membership = Membership.objects.filter(tenant=tenant, user__email__iexact=email.strip()).first()
        if membership is None:
            raise MutationError("NOT_FOUND", "Cette personne n'est pas membre de l'espace.", "email")
        if membership.role == Role.TENANT_ADMIN and not _keeps_an_admin(tenant, membership.user_id):
            raise MutationError("LAST_ADMIN", "L'espace doit garder au moins un·e administrateur·rice.", "email")
        record("member.removed", summary=str(membership.user), actor=principal.user, via="graphql")
        membership.delete()
        return cls(removed=True, errors=[])
