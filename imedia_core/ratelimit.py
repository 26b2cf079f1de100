"""Counting attempts in a time window, in a cache: the one mechanism behind the login throttle,
the anonymous-participation limit and the diagnostic-code guard.

The window starts with the first hit and is not extended by later ones (``add`` then ``incr``);
callers choose the cache (the login throttle is platform-wide on purpose) and a key that carries
whatever must separate counters (the tenant's schema, the client's address...).
"""


def hit(cache, key: str, window_seconds: int) -> None:
    """Count one attempt under ``key``."""
    cache.add(key, 0, timeout=window_seconds)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr: a new window
        cache.set(key, 1, timeout=window_seconds)


def count(cache, key: str) -> int:
    """Attempts counted under ``key`` in its current window (0 when none)."""
    return cache.get(key) or 0
