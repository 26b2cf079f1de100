"""Root fields every programme space has: the tenant, the viewer, and Relay's ``node``."""

import graphene

from .context import principal_of, tenant_of
from .nodes import TenantNode
from .types import Tenant, Viewer, viewer_for


class CoreQueries(graphene.ObjectType):
    tenant = graphene.Field(Tenant, required=True, description="The programme space this request is routed to.")
    me = graphene.Field(Viewer, required=True, description="Who is calling and what they may do here.")
    node = TenantNode.Field(description="Fetch any object by its global ID (IDs are valid only in their own space).")

    def resolve_tenant(root, info):
        return tenant_of(info)

    def resolve_me(root, info):
        return viewer_for(principal_of(info))
