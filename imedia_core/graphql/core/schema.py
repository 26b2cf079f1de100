"""Root fields every programme space has: the tenant, the viewer, Relay's ``node`` and the limits."""

import graphene
from django.conf import settings

from .context import principal_of, tenant_of
from .nodes import TenantNode
from .types import Tenant, Viewer, viewer_for


class Limits(graphene.ObjectType):
    class Meta:
        description = (
            "What one request may ask for, so a client can tune its operations before being refused "
            "(each response's `extensions.cost` gives the cost and depth of the operation it ran)."
        )

    max_cost = graphene.Int(
        required=True, description="Highest estimated cost of an operation (`QUERY_TOO_COSTLY` above)."
    )
    max_depth = graphene.Int(
        required=True, description="Deepest nesting of selections (introspection fields not counted)."
    )
    max_aliases = graphene.Int(required=True, description="Most aliases in one document (`TOO_MANY_ALIASES` above).")
    max_page_size = graphene.Int(
        required=True, description="Largest `first`/`last` of a connection, and the page size without them."
    )
    max_bytes = graphene.Int(
        required=True, description="Largest POST body or GET query string, in bytes (`PAYLOAD_TOO_LARGE` above)."
    )
    max_tokens = graphene.Int(
        required=True, description="Most lexical tokens in one document (`QUERY_TOO_LARGE` above)."
    )
    max_fields = graphene.Int(
        required=True, description="Most field selections in one document (`QUERY_TOO_LARGE` above)."
    )
    max_directives = graphene.Int(
        required=True, description="Most directives in one document (`QUERY_TOO_LARGE` above)."
    )


def current_limits() -> dict:
    """The limits in force, from the settings (docs/api.md#limits)."""
    return {
        "max_cost": settings.IMEDIA_GRAPHQL_MAX_COST,
        "max_depth": settings.IMEDIA_GRAPHQL_MAX_DEPTH,
        "max_aliases": settings.IMEDIA_GRAPHQL_MAX_ALIASES,
        "max_page_size": settings.IMEDIA_GRAPHQL_MAX_PAGE_SIZE,
        "max_bytes": settings.IMEDIA_GRAPHQL_MAX_BYTES,
        "max_tokens": settings.IMEDIA_GRAPHQL_MAX_TOKENS,
        "max_fields": settings.IMEDIA_GRAPHQL_MAX_FIELDS,
        "max_directives": settings.IMEDIA_GRAPHQL_MAX_DIRECTIVES,
    }


class CoreQueries(graphene.ObjectType):
    tenant = graphene.Field(Tenant, required=True, description="The programme space this request is routed to.")
    me = graphene.Field(Viewer, required=True, description="Who is calling and what they may do here.")
    node = TenantNode.Field(description="Fetch any object by its global ID (IDs are valid only in their own space).")
    limits = graphene.Field(
        Limits, required=True, description="The limits on what one request may ask for (cost, depth, page, size)."
    )

    def resolve_tenant(root, info):
        return tenant_of(info)

    def resolve_me(root, info):
        return viewer_for(principal_of(info))

    def resolve_limits(root, info):
        return Limits(**current_limits())
