"""Per-tenant CORS: a tenant may allow browser origins beyond the global CORS_ALLOWED_ORIGINS."""

from corsheaders.signals import check_request_enabled
from django.dispatch import receiver


@receiver(check_request_enabled)
def allow_tenant_origins(sender, request, **kwargs):
    tenant = getattr(request, "tenant", None)
    origin = request.headers.get("Origin")
    return bool(tenant is not None and origin and origin in (tenant.cors_allowed_origins or []))
