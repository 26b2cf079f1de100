"""Password login, throttled per account and per client, for the APIs *and* the admin sites.

The throttle lives in the authentication backend, so every path that calls Django's
``authenticate`` (GraphQL ``tokenCreate``, ``POST /api/auth/token/``, both admin login forms)
counts failures the same way.
"""

import hashlib

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.backends import ModelBackend
from django.core.cache import caches
from django.core.exceptions import PermissionDenied

from imedia_core import ratelimit
from tenants.models import User, normalise_email

from .errors import AuthError, AuthErrorCode


def client_ip(request) -> str:
    """The caller's address. Behind a proxy, REMOTE_ADDR must be set by the server (see deploy/)."""
    return request.META.get("REMOTE_ADDR", "unknown") if request is not None else "unknown"


def _account_key(email: str) -> str:
    # Keyed on the account, so no spelling of its address gets a counter of its own; unknown
    # addresses on their normalised form (the form accounts are looked up in).
    address = normalise_email(email)
    user_id = User.objects.filter(email=address).values_list("pk", flat=True).first()
    if user_id is not None:
        return f"login:user:{user_id}"
    # Unknown addresses are hashed: whatever someone typed (spaces, control characters, 300
    # characters) makes a valid cache key of fixed length for every cache backend.
    return f"login:email:{hashlib.sha256(address.encode('utf-8', 'surrogatepass')).hexdigest()}"


def _keys(email: str, ip: str) -> tuple[str, str]:
    # Global on purpose (the "platform" cache): people log in through any tenant, so a
    # per-tenant counter would let an attacker multiply their attempts by the tenant count.
    return _account_key(email), f"login:ip:{ip}"


def is_throttled(email: str, ip: str) -> bool:
    max_attempts = settings.IMEDIA_LOGIN_MAX_ATTEMPTS
    email_key, ip_key = _keys(email, ip)
    counts = caches["platform"].get_many([email_key, ip_key])
    # The per-IP limit is wider: several people may share one public computer or NAT.
    return counts.get(email_key, 0) >= max_attempts or counts.get(ip_key, 0) >= max_attempts * 4


def _record_failure(email: str, ip: str) -> None:
    for key in _keys(email, ip):
        ratelimit.hit(caches["platform"], key, settings.IMEDIA_LOGIN_WINDOW_SECONDS)


class ThrottledEmailBackend(ModelBackend):
    """Django's model backend with case-insensitive e-mail logins and the login throttle."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = normalise_email(username or kwargs.get("email"))
        if not email or password is None:
            return None
        ip = client_ip(request)
        if is_throttled(email, ip):
            raise PermissionDenied("rate limited")  # stops every backend: the admin shows a plain refusal
        user = super().authenticate(request, username=email, password=password, **kwargs)
        if user is None:
            _record_failure(email, ip)
        else:
            caches["platform"].delete(_keys(email, ip)[0])
        return user


def check_credentials(email: str, password: str, request):
    """The active user for these credentials, or AuthError (invalid or rate-limited)."""
    email = normalise_email(email)
    if is_throttled(email, client_ip(request)):
        raise AuthError(AuthErrorCode.RATE_LIMITED, retry_after=settings.IMEDIA_LOGIN_WINDOW_SECONDS)
    user = authenticate(request, username=email, password=password or "")
    if user is None:
        raise AuthError(AuthErrorCode.INVALID_CREDENTIALS)
    return user
