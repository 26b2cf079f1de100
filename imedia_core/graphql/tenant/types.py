import graphene
from graphene_django import DjangoObjectType

from tenants import models

from ..core.connection import CountableConnection
from ..core.nodes import TenantNode
from ..core.types import Person, RoleEnum


class Member(DjangoObjectType):
    class Meta:
        model = models.Membership
        interfaces = (TenantNode,)
        connection_class = CountableConnection
        fields = ("created_at",)
        description = "A person's membership of this programme space, with their role."

    person = graphene.Field(Person, required=True, description="The member.")
    role = graphene.Field(RoleEnum, required=True, description="Their role in this space.")

    @classmethod
    def get_queryset(cls, queryset, info):
        # Memberships live in the shared schema: always narrow to the request's tenant.
        return queryset.filter(tenant=info.context.tenant).select_related("user")

    def resolve_person(root, info):
        return root.user

    def resolve_role(root, info):
        return root.role
