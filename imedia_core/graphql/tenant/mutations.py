import graphene

from imedia_core.permissions import Perm
from tenants import members
from tenants.plugin_settings import configure_plugin

from ..core.context import service_context
from ..core.errors import error_codes, error_type
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
        configure_plugin(service_context(info), name, enabled=enabled, config=config)
        return cls(plugin=Plugin(name=name), errors=[])


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
        ctx = service_context(info)
        membership = members.set_role(ctx, members.person_with_email(email), role)
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
        ctx = service_context(info)
        members.remove(ctx, members.membership_with_email(ctx.tenant, email))
        return cls(removed=True, errors=[])
