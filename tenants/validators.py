"""What a tenant slug may be: it is also the PostgreSQL schema name and a URL path segment."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError

SLUG_RE = re.compile(r"^[a-z][a-z0-9_]{1,46}[a-z0-9]$")
RESERVED_SLUGS = frozenset(
    {"public", "information_schema", "admin", "api", "graphql", "static", "media", "health", "t", "www"}
)


def validate_slug(value: str) -> None:
    """Raise ValidationError (code ``invalid_slug`` or ``reserved_slug``) for a bad tenant slug."""
    if not isinstance(value, str) or not SLUG_RE.match(value):
        raise ValidationError(
            "Le slug doit faire 3 à 48 caractères : lettres minuscules non accentuées, chiffres "
            "et « _ », en commençant par une lettre.",
            code="invalid_slug",
        )
    if value in RESERVED_SLUGS or value.startswith("pg_") or value == settings.TENANT_BASE_SCHEMA:
        raise ValidationError(f"Le slug « {value} » est réservé.", code="reserved_slug")


DOMAIN_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")


def normalize_domain(value: str | None) -> str:
    """Host names route case-insensitively: store them lower-cased, trimmed, without a final dot."""
    return (value or "").strip().lower().rstrip(".")


def validate_domain(value: str) -> None:
    """Raise ValidationError (``invalid_domain``) for a host name a tenant may not use."""
    platform_hosts = {host.lower() for host in settings.IMEDIA_PLATFORM_HOSTS}
    if not DOMAIN_RE.match(value or "") or value in platform_hosts:
        raise ValidationError(f"Nom de domaine invalide « {value} ».", code="invalid_domain")
