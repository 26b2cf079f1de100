"""Who calls a REST view, once for every view: the authenticated principal (or an anonymous one
in this tenant) and the ``ServiceContext`` that domain services take."""

from imedia_core.context import Channel, ServiceContext
from imedia_core.permissions import Principal, anonymous
from tenants.auth.login import client_ip


def request_principal(request) -> Principal:
    return request.auth if request.auth is not None else anonymous(getattr(request, "tenant", None))


def service_context(request) -> ServiceContext:
    return ServiceContext.for_principal(request_principal(request), Channel.REST, ip=client_ip(request))
