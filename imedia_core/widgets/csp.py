"""The Content-Security-Policy of a widget page: strict, with the space's embedding origins.

A space's allowed origins (``Tenant.cors_allowed_origins``, plus the platform's
``CORS_ALLOWED_ORIGINS``) are the one list that opens both its GraphQL endpoint to other sites
(CORS, ``tenants/cors.py``) and its widget pages to their frames (``frame-ancestors``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError

from imedia_core.security_headers import build_policy, extra_sources
from tenants.settings_forms import check_origin


def embedding_origins(tenant) -> list[str]:
    """The origins that may frame ``tenant``'s widget pages, lowercased, each once. Each is checked
    again with the rule the admin applies when it is saved (``check_origin``): a value stored
    some other way that is not exactly an origin (a space, ``;``, ``*``, a path) would change the
    policy's meaning and is left out."""
    origins: list[str] = []
    for origin in [*settings.CORS_ALLOWED_ORIGINS, *(getattr(tenant, "cors_allowed_origins", None) or [])]:
        if not isinstance(origin, str):
            continue
        try:
            origin = check_origin(origin.strip())
        except ValidationError:
            continue
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
