"""DRF glue: the same principal resolution the GraphQL view uses."""

from django.contrib.auth.models import AnonymousUser
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication

from .errors import AuthError
from .principal import resolve_principal


class ImediaAuthentication(BaseAuthentication):
    def authenticate(self, request):
        try:
            principal = resolve_principal(request._request)
        except AuthError as exc:
            if exc.status == 429:
                raise exceptions.Throttled(wait=exc.retry_after, detail=exc.message) from exc
            error = exceptions.AuthenticationFailed(detail=exc.message, code=exc.code.value)
            raise error from exc
        if not principal.is_authenticated:
            return None
        return (principal.user or AnonymousUser(), principal)

    def authenticate_header(self, request):
        return 'Bearer realm="imedia"'


class ImediaAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "tenants.auth.drf.ImediaAuthentication"
    name = "bearer"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A person token (`imt_…`) or a tenant API key (`imk_…`, also accepted as `X-Api-Key`).",
        }
