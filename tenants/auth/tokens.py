"""Issuing and checking person tokens and API keys."""

from django.conf import settings
from django.utils import timezone

from tenants.models import ApiKey, ApiKeyScope, PersonToken, hash_secret

from .errors import AuthError, AuthErrorCode


def issue_person_token(user, tenant=None) -> tuple[PersonToken, str]:
    """Create a token bound to ``tenant`` (``None``: the platform). Returns the row and raw token."""
    prefix, raw = PersonToken.new_secret()
    token = PersonToken.objects.create(
        user=user,
        tenant=tenant,
        prefix=prefix,
        key_hash=hash_secret(raw),
        expires_at=timezone.now() + settings.IMEDIA_TOKEN_TTL,
    )
    return token, raw


def issue_api_key(tenant, name: str, scopes, created_by=None) -> tuple[ApiKey, str]:
    """Create an API key for ``tenant``. The raw key is returned once and never stored."""
    unknown = set(scopes) - set(ApiKeyScope.values)
    if not scopes or unknown:
        raise ValueError(f"unknown scopes: {sorted(unknown)}" if unknown else "at least one scope")
    prefix, raw = ApiKey.new_secret()
    key = ApiKey.objects.create(
        tenant=tenant,
        name=name,
        scopes=sorted(set(scopes)),
        prefix=prefix,
        key_hash=hash_secret(raw),
        created_by=created_by,
    )
    return key, raw


def _check(row, tenant_id):
    if row is None:
        raise AuthError(AuthErrorCode.INVALID_TOKEN)
    if row.revoked_at is not None:
        raise AuthError(AuthErrorCode.TOKEN_REVOKED)
    if row.expires_at is not None and row.expires_at <= timezone.now():
        raise AuthError(AuthErrorCode.TOKEN_EXPIRED)
    if row.tenant_id != tenant_id:
        raise AuthError(AuthErrorCode.WRONG_TENANT)
    row.mark_used()
    return row


def check_person_token(raw: str, tenant) -> PersonToken:
    """The live token for ``raw`` in ``tenant`` (``None``: platform), else AuthError."""
    row = PersonToken.objects.select_related("user").filter(key_hash=hash_secret(raw)).first()
    token = _check(row, tenant.pk if tenant is not None else None)
    if not token.user.is_active:
        raise AuthError(AuthErrorCode.INACTIVE_ACCOUNT)
    return token


def check_api_key(raw: str, tenant) -> ApiKey:
    row = ApiKey.objects.filter(key_hash=hash_secret(raw)).first()
    return _check(row, tenant.pk if tenant is not None else None)
