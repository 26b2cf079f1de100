import graphene

from imedia_core.permissions import Perm
from tenants.invitations import open_invitations
from tenants.members import members_of

from ..core.connection import ConnectionField
from ..core.permissions import require
from .mutations import (
    InvitationAccept,
    InvitationResend,
    InvitationRevoke,
    MemberInvite,
    MemberRemove,
    MemberSetRole,
    PluginConfigure,
)
from .types import Invitation, Member


class TenantQueries(graphene.ObjectType):
    members = ConnectionField(Member, description="People with a role in this programme space (space admins).")

    def resolve_members(root, info, **kwargs):
        require(info, Perm.MANAGE_TENANT)
        return members_of(info.context.tenant)

    invitations = ConnectionField(
        Invitation,
        description="Invitations of this programme space still waiting for an answer, expired ones included "
        "(space admins), most recently sent first.",
    )

    def resolve_invitations(root, info, **kwargs):
        require(info, Perm.MANAGE_TENANT)
        return open_invitations(info.context.tenant)


class TenantMutations(graphene.ObjectType):
    plugin_configure = PluginConfigure.Field()
    member_set_role = MemberSetRole.Field()
    member_remove = MemberRemove.Field()
    member_invite = MemberInvite.Field()
    invitation_resend = InvitationResend.Field()
    invitation_revoke = InvitationRevoke.Field()
    invitation_accept = InvitationAccept.Field()
