"""Route each request to its tenant: by host, by ``/t/<slug>/`` path prefix, or by header.

The three designations may be combined only when they agree. Nothing reaches a view until the
tenant is known and active; the connection's schema is reset to ``public`` after the response.
A lookup costs at most one query and is cached (``platform`` cache, invalidated on save).
"""

import logging

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import connection
from django.http.request import split_domain_port
from django.urls import get_script_prefix, set_script_prefix, set_urlconf

from imedia_core.http import json_error

from .models import Domain, Tenant, TenantStatus
from .validators import SLUG_RE

logger = logging.getLogger(__name__)

_MISSING = "missing"


def _cache():
    return caches["platform"]


def host_key(host: str) -> str:
    return f"route:host:{host}"


def slug_key(slug: str) -> str:
    return f"route:slug:{slug}"


def _cached_lookup(key: str, load):
    cache = _cache()
    found = cache.get(key)
    if found is None:
        found = load() or _MISSING
        cache.set(key, found, timeout=settings.IMEDIA_ROUTING_CACHE_SECONDS)
    return None if found == _MISSING else found


def tenant_for_host(host: str) -> Tenant | None:
    def load():
        domain = Domain.objects.select_related("tenant").filter(domain=host).first()
        return domain.tenant if domain else None

    return _cached_lookup(host_key(host), load)


def tenant_for_slug(slug: str) -> Tenant | None:
    def load():
        return Tenant.objects.filter(schema_name=slug).first()

    return _cached_lookup(slug_key(slug), load)


def forget_tenant(tenant: Tenant, hosts=()) -> None:
    """Drop cached routes of a tenant (called when it or one of its domains changes)."""
    _cache().delete_many([slug_key(tenant.schema_name)] + [host_key(h) for h in hosts])


class RoutingError(Exception):
    def __init__(self, status: int, code: str, message: str):
        self.status, self.code, self.message = status, code, message


def _split_path(path_info: str) -> tuple[str | None, str]:
    """``/t/<slug>/rest`` → (slug, ``/rest``); other paths → (None, path)."""
    prefix = f"/{settings.IMEDIA_TENANT_PATH_PREFIX}/"
    if not path_info.startswith(prefix):
        return None, path_info
    slug, sep, rest = path_info[len(prefix) :].partition("/")
    return slug, "/" + rest if sep else "/"


def _platform_hosts() -> set[str]:
    return {h.lower() for h in settings.IMEDIA_PLATFORM_HOSTS}


def resolve_tenant(host: str, path_slug: str | None, header_slug: str | None) -> Tenant | None:
    """The tenant a request designates, ``None`` for the platform itself, or RoutingError."""
    designated: list[tuple[str, Tenant]] = []
    if host not in _platform_hosts():
        tenant = tenant_for_host(host)
        if tenant is None:
            raise RoutingError(404, "unknown_tenant", f"Aucun espace n'est servi à l'adresse « {host} ».")
        designated.append(("host", tenant))
    for source, slug in (("path", path_slug), ("header", header_slug)):
        if slug is None:
            continue
        tenant = tenant_for_slug(slug) if SLUG_RE.match(slug) else None
        if tenant is None or tenant.is_template:
            shown = slug if len(slug) <= 64 else slug[:64] + "…"
            raise RoutingError(404, "unknown_tenant", f"Aucun espace ne porte l'identifiant « {shown} ».")
        designated.append((source, tenant))
    if not designated:
        return None
    if len({t.pk for _, t in designated}) > 1:
        sources = ", ".join(source for source, _ in designated)
        raise RoutingError(400, "tenant_mismatch", f"La requête désigne plusieurs espaces ({sources}).")
    tenant = designated[0][1]
    if tenant.is_template:
        raise RoutingError(404, "unknown_tenant", "Aucun espace à cette adresse.")
    if tenant.status == TenantStatus.SUSPENDED:
        raise RoutingError(403, "tenant_suspended", f"L'espace « {tenant.name} » est suspendu.")
    if tenant.status == TenantStatus.ARCHIVED:
        raise RoutingError(410, "tenant_archived", f"L'espace « {tenant.name} » est archivé.")
    return tenant


class TenantRouterMiddleware:
    """Sets ``request.tenant``, the connection's schema and the URLconf for each request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        connection.set_schema_to_public()
        try:
            host, _port = split_domain_port(request.get_host())
        except DisallowedHost:
            return json_error(400, "bad_host", "En-tête Host invalide.")
        if not host:
            return json_error(400, "bad_host", "En-tête Host invalide.")
        path_slug, rest = _split_path(request.path_info)
        header = request.headers.get(settings.IMEDIA_TENANT_HEADER)
        header_slug = header.strip() if header is not None else None
        try:
            tenant = resolve_tenant(host, path_slug, header_slug)
        except RoutingError as exc:
            return json_error(exc.status, exc.code, exc.message)

        previous_prefix = get_script_prefix()
        if tenant is None:
            request.tenant = None
            request.urlconf = settings.PUBLIC_SCHEMA_URLCONF
        else:
            tenant.domain_url = host
            request.tenant = tenant
            request.urlconf = settings.ROOT_URLCONF
            connection.set_tenant(tenant)
            if path_slug is not None:
                # Views see paths without the prefix; reverse() puts it back.
                request.path_info = rest
            if path_slug is not None or host in _platform_hosts():
                # On a platform host (tenant named by the path or by the header), links the API
                # builds carry /t/<slug>/, so they work as they are, without the header.
                prefix = f"{previous_prefix.rstrip('/')}/{settings.IMEDIA_TENANT_PATH_PREFIX}/{tenant.schema_name}/"
                set_script_prefix(prefix)
        set_urlconf(request.urlconf)
        try:
            return self.get_response(request)
        finally:
            set_script_prefix(previous_prefix)
            connection.set_schema_to_public()
