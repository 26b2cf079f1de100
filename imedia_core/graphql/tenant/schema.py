import graphene

from imedia_core.permissions import Perm
from tenants.models import Membership

from ..core.connection import ConnectionField
from ..core.permissions import require
from .mutations import MemberRemove, MemberSetRole, PluginConfigure
from .types import Member


class TenantQueries(graphene.ObjectType):
    members = ConnectionField(Member, description="People with a role in this programme space (space admins).")

    def resolve_members(root, info, **kwargs):
        require(info, Perm.MANAGE_TENANT)
        return Membership.objects.filter(tenant=info.context.tenant).order_by("user__email")


class TenantMutations(graphene.ObjectType):
    plugin_configure = PluginConfigure.Field(description=PluginConfigure._meta.description)
    member_set_role = MemberSetRole.Field(description=MemberSetRole._meta.description)
    member_remove = MemberRemove.Field(description=MemberRemove._meta.description)
