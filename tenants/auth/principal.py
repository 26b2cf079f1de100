"""Resolve the caller of an API request into a Principal, once per request."""

from imedia_core.permissions import Principal, anonymous, principal_for_api_key, principal_for_user

from .errors import AuthError, AuthErrorCode
from .tokens import check_api_key, check_person_token

_ATTR = "_imedia_principal"


def _raw_credential(request) -> str | None:
    # A header that is present but empty is a bad credential, not an anonymous request.
    header = request.META.get("HTTP_AUTHORIZATION")
    if header is not None:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise AuthError(AuthErrorCode.INVALID_TOKEN)
        return value.strip()
    key = request.META.get("HTTP_X_API_KEY", "").strip()
    return key or None


def resolve_principal(request) -> Principal:
    """The Principal for this request's credentials; raises AuthError for a bad credential.

    No credential is not an error: the caller is anonymous (and may read public content).
    """
    cached = getattr(request, _ATTR, None)
    if cached is not None:
        return cached
    tenant = getattr(request, "tenant", None)
    raw = _raw_credential(request)
    if raw is None:
        principal = anonymous(tenant)
    elif raw.startswith("imk_"):
        if tenant is None:
            raise AuthError(AuthErrorCode.WRONG_TENANT)
        principal = principal_for_api_key(check_api_key(raw, tenant), tenant)
    elif raw.startswith("imt_"):
        token = check_person_token(raw, tenant)
        principal = principal_for_user(token.user, tenant)
        request.person_token = token
    else:
        raise AuthError(AuthErrorCode.INVALID_TOKEN)
    setattr(request, _ATTR, principal)
    return principal
