from enum import StrEnum

import graphene

from imedia_core.permissions import Perm
from tenants import models

from ..core.connection import CountableConnection
from ..core.enums import described_enum
from ..core.nodes import TenantNode
from ..core.types import Person, RoleEnum
from ..core.types_base import ModelObjectType


class Member(ModelObjectType):
    class Meta:
        model = models.Membership
        interfaces = (TenantNode,)
        connection_class = CountableConnection
        fields = ("created_at",)
        description = "A person's membership of this programme space, with their role."
        read_permission = Perm.MANAGE_TENANT
        tenant_field = "tenant"

    person = graphene.Field(Person, required=True, description="The member.")
    role = graphene.Field(RoleEnum, required=True, description="Their role in this space.")

    @classmethod
    def get_queryset(cls, queryset, info):
        return super().get_queryset(queryset, info).select_related("user")

    def resolve_person(root, info):
        return root.user

    def resolve_role(root, info):
        return root.role


class InvitationStatus(StrEnum):
    PENDING = "pending"
    EXPIRED = "expired"
    ACCEPTED = "accepted"
    REVOKED = "revoked"


InvitationStatusEnum = described_enum(
    "InvitationStatus",
    InvitationStatus,
    "Where an invitation to join the space stands.",
    {
        "pending": "Sent, waiting for the person to accept it.",
        "expired": "Not accepted in time; an admin may send it again.",
        "accepted": "The person accepted it and joined the space.",
        "revoked": "Cancelled by the space; its link no longer works.",
    },
)


class Invitation(ModelObjectType):
    class Meta:
        model = models.Invitation
        interfaces = (TenantNode,)
        connection_class = CountableConnection
        fields = ()
        description = (
            "An invitation, sent by e-mail, to join this programme space with a role; the person accepts it "
            "with `invitationAccept`. Its link (token) is never readable."
        )
        read_permission = Perm.MANAGE_TENANT
        tenant_field = "tenant"

    email = graphene.String(required=True, description="The address the invitation was sent to, as typed.")
    role = graphene.Field(RoleEnum, required=True, description="The role the person will have once they accept.")
    status = graphene.Field(InvitationStatusEnum, required=True, description="Where the invitation stands.")
    sent_at = graphene.DateTime(required=True, description="When it was last sent.")
    send_count = graphene.Int(required=True, description="How many times it was sent (1 + resendings).")
    expires_at = graphene.DateTime(required=True, description="When its current link stops working.")
    created_at = graphene.DateTime(required=True, description="When the address was first invited.")

    @classmethod
    def get_queryset(cls, queryset, info):
        # The list's rule (tenants.invitations.open_invitations): accepted or revoked ones are gone.
        return super().get_queryset(queryset, info).open()

    def resolve_role(root, info):
        return root.role

    def resolve_status(root, info):
        return root.status
