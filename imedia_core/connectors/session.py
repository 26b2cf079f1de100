"""What an adapter gets to talk to its platform: the link's values and the paced ``http`` object."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection

from imedia_core.addresses import host_is_private

from . import secrets
from .http import PacedHttp
from .models import Link
from .platform import LinkConfig, Platform, PlatformError


def link_config(link: Link, since=None) -> LinkConfig:
    return LinkConfig(
        base_url=link.base_url.rstrip("/"),
        space=dict(link.space or {}),
        credentials=secrets.decrypt(link.credentials_token),
        since=since,
    )


def open_http(link: Link, platform: Platform, **kwargs) -> PacedHttp:
    return PacedHttp(
        bucket=f"{connection.schema_name}:{link.pk}", requests_per_minute=platform.requests_per_minute, **kwargs
    )


def check_address(link: Link) -> None:
    """Refuse, at connection time, a host that now resolves to a private address."""
    if settings.IMEDIA_CONNECTORS_ALLOW_PRIVATE_ADDRESSES:
        return
    parts = urlsplit(link.base_url)
    try:
        private = host_is_private(parts.hostname or "", parts.port, resolve=True)
    except OSError:
        raise PlatformError("UNAVAILABLE", f"Nom d'hôte introuvable : {parts.hostname}.") from None
    if private:
        raise PlatformError("INVALID", "L'adresse de la plateforme mène à un réseau privé : synchronisation refusée.")
