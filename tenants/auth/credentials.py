"""What people and integrators do with their credentials: sign in, sign out (here or
everywhere), create and revoke
API keys.

Each leaves an access record in the space's journal (``audited``): the space's admins see who
reached it, but these are not domain events and never leave through webhooks. GraphQL, the REST
login endpoint and the platform admin call these functions.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tenants.utils import tenant_context

from imedia_core.changes import audited
from imedia_core.context import ServiceContext
from imedia_core.errors import ServiceError
from tenants.members import require_manager
from tenants.models import ApiKey, ApiKeyScope, PersonToken

from .login import check_credentials
from .tokens import issue_api_key, issue_person_token

API_KEY_NAME_MAX = 120


def sign_in(ctx: ServiceContext, email: str, password: str, request) -> tuple[PersonToken, str]:
    """A token for the person with these credentials, valid in the context's space only (the
    platform when there is none). Returns the row and the raw token, shown once.

    Refused credentials raise ``AuthError`` (invalid or rate-limited, counted per account and
    per client through ``request``), as every authentication failure does.
    """
    user = check_credentials(email, password, request)
    tenant = ctx.principal.tenant  # not the connection's: on a platform host that is the public schema
    token, raw = issue_person_token(user, tenant)
    if tenant is not None:  # a platform token has no space's journal to be written in
        signed_in = ServiceContext.for_user(user, tenant, ctx.channel, ip=ctx.ip)
        with tenant_context(tenant):
            audited(signed_in, "auth.token_created", summary="Connexion")
    return token, raw


def sign_out(ctx: ServiceContext, token: PersonToken | None) -> PersonToken:
    """Revoke the person token the caller used (``None`` when they used none)."""
    if token is None or ctx.actor is None or token.user_id != ctx.user_id:
        raise ServiceError.single("NOT_A_PERSON_TOKEN", "Cette requête n'a pas été faite avec un jeton personnel.")
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        tenant = ctx.principal.tenant
        if tenant is not None and token.tenant_id == tenant.pk:
            with tenant_context(tenant):
                audited(ctx, "auth.token_revoked", summary="Déconnexion")
    return token


def sign_out_everywhere(ctx: ServiceContext, token: PersonToken | None) -> int:
    """Revoke every live token of the caller, in every space and on the platform, the one used
    included (``None`` when they used none). Returns how many were revoked."""
    if token is None or ctx.actor is None or token.user_id != ctx.user_id:
        raise ServiceError.single("NOT_A_PERSON_TOKEN", "Cette requête n'a pas été faite avec un jeton personnel.")
    with transaction.atomic():
        count = PersonToken.objects.filter(user_id=ctx.user_id, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        tenant = ctx.principal.tenant
        if tenant is not None:
            with tenant_context(tenant):
                audited(ctx, "auth.token_revoked", summary="Déconnexion de toutes les sessions")
    return count


def _clean_api_key_input(name: str, scopes) -> tuple[str, list[str]]:
    name = (name or "").strip()
    if not name:
        raise ServiceError.single("REQUIRED", "Donnez un nom à la clé.", "name")
    if len(name) > API_KEY_NAME_MAX:
        raise ServiceError.single("INVALID", f"Le nom ne doit pas dépasser {API_KEY_NAME_MAX} caractères.", "name")
    if not scopes:
        raise ServiceError.single("REQUIRED", "Choisissez au moins une portée.", "scopes")
    values = [getattr(scope, "value", scope) for scope in scopes]
    if set(values) - set(ApiKeyScope.values):
        raise ServiceError.single("INVALID", "Portée inconnue.", "scopes")
    return name, values


def create_api_key(ctx: ServiceContext, name: str, scopes) -> tuple[ApiKey, str]:
    """An API key for the context's space. Returns the row and the raw key, shown once."""
    require_manager(ctx)
    name, values = _clean_api_key_input(name, scopes)
    tenant = ctx.tenant
    with transaction.atomic():
        key, raw = issue_api_key(tenant, name, values, created_by=ctx.actor)
        with tenant_context(tenant):
            audited(ctx, "api_key.created", key, summary=f"Clé d'API « {name} »")
    return key, raw


def revoke_api_key(ctx: ServiceContext, key: ApiKey) -> ApiKey:
    """Revoke one of the context's space's keys; it stops working at once. Revoking a revoked
    key changes nothing."""
    require_manager(ctx)
    tenant = ctx.tenant
    if key.tenant_id != tenant.pk:
        raise ServiceError.single("NOT_FOUND", "Aucune clé d'API avec cet identifiant dans cet espace.", "id")
    if key.revoked_at is not None:
        return key
    with transaction.atomic():
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        with tenant_context(tenant):
            audited(ctx, "api_key.revoked", key, summary=f"Clé d'API « {key.name} »")
    return key


def api_keys_of(tenant):
    """The space's API keys, newest first (what admins list)."""
    return ApiKey.objects.filter(tenant=tenant).order_by("-created_at", "-id")
