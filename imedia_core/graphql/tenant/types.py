import graphene

from imedia_core.permissions import Perm
from tenants import models

from ..core.connection import CountableConnection
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
