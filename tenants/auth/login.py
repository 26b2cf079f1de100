"""Password login with a per-account and per-client throttle."""

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.cache import caches

from .errors import AuthError, AuthErrorCode


def _throttle_keys(email: str, client_ip: str) -> list[str]:
    # Global on purpose (the "platform" cache): people log in through any tenant, so a
    # per-tenant counter would let an attacker multiply their attempts by the tenant count.
    return [f"login:email:{email.strip().lower()}", f"login:ip:{client_ip}"]


def _limits():
    return settings.IMEDIA_LOGIN_MAX_ATTEMPTS, settings.IMEDIA_LOGIN_WINDOW_SECONDS


def check_credentials(email: str, password: str, client_ip: str):
    """The active user for these credentials, or AuthError (invalid or rate-limited)."""
    cache = caches["platform"]
    max_attempts, window = _limits()
    keys = _throttle_keys(email or "", client_ip or "unknown")
    # The per-IP limit is wider: several people may share one public computer or NAT.
    ip_limit = max_attempts * 4
    counts = cache.get_many(keys)
    if counts.get(keys[0], 0) >= max_attempts or counts.get(keys[1], 0) >= ip_limit:
        raise AuthError(AuthErrorCode.RATE_LIMITED, retry_after=window)
    user = authenticate(username=(email or "").strip().lower(), password=password or "")
    if user is None:
        for key in keys:
            cache.add(key, 0, timeout=window)
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=window)
        raise AuthError(AuthErrorCode.INVALID_CREDENTIALS)
    cache.delete(keys[0])
    return user


def client_ip(request) -> str:
    """The caller's address. Behind a proxy, REMOTE_ADDR must be set by the server (see deploy/)."""
    return request.META.get("REMOTE_ADDR", "unknown")
