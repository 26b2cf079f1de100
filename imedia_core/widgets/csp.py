"""The Content-Security-Policy of a widget page: strict, with the space's embedding origins.

A space's allowed origins (``Tenant.cors_allowed_origins``, plus the platform's
``CORS_ALLOWED_ORIGINS``) are the one list that opens both its GraphQL endpoint to other sites
(CORS, ``tenants/cors.py``) and its widget pages to their frames (``frame-ancestors``).
"""

from __future__ import annotations

import re

from django.conf import settings

from imedia_core.security_headers import build_policy, extra_sources

#: What a browser sends as an origin: scheme, host, optional port. Anything else (a stray space,
#: ``;``, ``*``, a path) would change the policy's meaning and is left out.
_ORIGIN = re.compile(r"https?://(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?", re.IGNORECASE)


def embedding_origins(tenant) -> list[str]:
    """The origins that may frame ``tenant``'s widget pages, lowercased, each once."""
    origins: list[str] = []
    for origin in [*settings.CORS_ALLOWED_ORIGINS, *(getattr(tenant, "cors_allowed_origins", None) or [])]:
        if isinstance(origin, str) and _ORIGIN.fullmatch(origin.strip()):
            origin = origin.strip().lower()
            if origin not in origins:
                origins.append(origin)
    return origins


def widget_policy(tenant) -> str:
    """The policy of a widget page: the site's policy (security_headers, extra sources included)
    with styles from this server only, no <base>, and framed by this server and the space's
    allowed origins only."""
    return build_policy(
        extra_sources(),
        replace={
            "style-src": ["'self'"],
            "base-uri": ["'none'"],
            "frame-ancestors": ["'self'", *embedding_origins(tenant)],
        },
    )
