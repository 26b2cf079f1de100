"""What a resolver may know about its request: the tenant and the caller."""

from imedia_core.context import Channel, ServiceContext
from imedia_core.permissions import Principal, anonymous
from tenants.auth.login import client_ip


def principal_of(info) -> Principal:
    return getattr(info.context, "principal", None) or anonymous(tenant_of(info))


def tenant_of(info):
    return getattr(info.context, "tenant", None)


def service_context(info) -> ServiceContext:
    """The caller as domain services see it: this request's principal on the GraphQL channel."""
    return ServiceContext.for_principal(principal_of(info), Channel.GRAPHQL, ip=client_ip(info.context))
