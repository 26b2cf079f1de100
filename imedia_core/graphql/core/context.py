"""What a resolver may know about its request: the tenant and the caller."""

from imedia_core.permissions import Principal, anonymous


def principal_of(info) -> Principal:
    return getattr(info.context, "principal", None) or anonymous(tenant_of(info))


def tenant_of(info):
    return getattr(info.context, "tenant", None)
