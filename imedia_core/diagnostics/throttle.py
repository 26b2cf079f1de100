"""Guessing run codes: a client that tries too many codes that match no run is refused for a while.

Codes are short enough to type (8 letters of a 31-letter alphabet, about 8.5 × 10¹¹ of them), so
brute force is impractical, but an open endpoint should still not let one client try codes
without end. Misses are counted per client (``REMOTE_ADDR``; behind a proxy deploy/forwarded_wsgi.py
sets it from trusted hops) and per tenant (the key carries the schema): after ``MAX_MISSES`` in
``WINDOW_SECONDS``, every code lookup from that client answers RATE_LIMITED until the window ends.
"""

from django.core.cache import cache
from django.db import connection

from imedia_core import ratelimit
from imedia_core.errors import ServiceError

MAX_MISSES = 20
WINDOW_SECONDS = 15 * 60


def _key(client: str) -> str:
    return f"diagnostics:code-miss:{connection.schema_name}:{client or 'unknown'}"


def check(client: str | None) -> None:
    """Refuse a client that missed too often (``client`` None: not throttled, e.g. the CLI)."""
    if client is not None and ratelimit.count(cache, _key(client)) >= MAX_MISSES:
        raise ServiceError.single(
            "RATE_LIMITED",
            "Trop de codes de passation erronés depuis cette connexion. Réessayez dans un quart d'heure.",
            "code",
        )


def record_miss(client: str | None) -> None:
    if client is not None:
        ratelimit.hit(cache, _key(client), WINDOW_SECONDS)
