import graphene

from imedia_core.permissions import Perm
from tenants.members import members_of

from ..core.connection import ConnectionField
from ..core.permissions import require
from .mutations import MemberRemove, MemberSetRole, PluginConfigure
from .types import Member


class TenantQueries(graphene.ObjectType):
    members = ConnectionField(Member, description="People with a role in this programme space (space admins).")

    def resolve_members(root, info, **kwargs):
        require(info, Perm.MANAGE_TENANT)
        return members_of(info.context.tenant)


class TenantMutations(graphene.ObjectType):
    plugin_configure = PluginConfigure.Field()
    member_set_role = MemberSetRole.Field()
    member_remove = MemberRemove.Field()
