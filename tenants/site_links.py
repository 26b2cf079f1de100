"""Where a space's content lives on its public site.

A space may give the address pattern of its public site (``Tenant.public_site_url``), such as
``https://participer.example.org/{type}/{slug}``; « Voir sur le site » in its admin fills it in.
Without one, the admin offers its own preview (``imedia_core.content.admin``).
"""

from __future__ import annotations

import string
from urllib.parse import quote, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: The content types that have a page on the public site: model label -> ``{type}`` value.
PUBLIC_TYPES: dict[str, str] = {
    "pages.page": "page",
    "pages.newsitem": "news",
    "library.resource": "resource",
    "cycle.phase": "phase",
    "participation.contribution": "contribution",
}

PLACEHOLDERS = ("type", "slug", "id", "path")


def content_type(obj) -> str | None:
    """The ``{type}`` of ``obj`` (``page``, ``news``...), None when it has no public page."""
    meta = obj._meta
    return PUBLIC_TYPES.get(f"{meta.app_label}.{meta.model_name}")


def validate_pattern(pattern: str) -> None:
    """An http(s) address whose only placeholders are ``{type}``, ``{slug}``, ``{id}``, ``{path}``."""
    if not pattern:
        return
    parts = urlsplit(pattern)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationError(
            _("Indiquez une adresse commençant par http:// ou https://, avec un nom de domaine."), code="scheme"
        )
    if any(char.isspace() for char in pattern):
        raise ValidationError(_("L'adresse ne doit pas contenir d'espace."), code="space")
    try:
        fields = [field for _text, field, _spec, _conv in string.Formatter().parse(pattern) if field is not None]
    except ValueError as exc:
        raise ValidationError(_("Accolade mal fermée dans l'adresse."), code="braces") from exc
    unknown = sorted({field for field in fields if field not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            _("Repère inconnu : %(names)s. Repères possibles : {type}, {slug}, {id}, {path}."),
            code="placeholder",
            params={"names": ", ".join(f"{{{name}}}" for name in unknown)},
        )


def site_root(tenant) -> str | None:
    """The root of the space's public site (``scheme://host/``), None without a pattern."""
    pattern = getattr(tenant, "public_site_url", "") or ""
    if not pattern:
        return None
    parts = urlsplit(pattern)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}/"


def public_url(tenant, obj) -> str | None:
    """The address of ``obj`` on the space's public site, None when the space has no pattern
    (or ``obj`` no public page)."""
    kind = content_type(obj)
    pattern = getattr(tenant, "public_site_url", "") or ""
    if kind is None or site_root(tenant) is None:
        return None  # no pattern, or one that is not an http(s) address
    values = {
        "type": kind,
        "slug": getattr(obj, "slug", "") or str(obj.pk),
        "id": str(obj.pk),
        "path": getattr(obj, "path", "") or getattr(obj, "slug", "") or str(obj.pk),
    }
    try:
        return pattern.format(**{name: quote(value, safe="/") for name, value in values.items()})
    except (KeyError, IndexError, ValueError):
        return None  # a pattern stored before validation existed
