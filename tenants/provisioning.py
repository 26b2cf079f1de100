"""Create, suspend, archive, reactivate and delete tenants.

A tenant's schema is a clone of the template schema (``settings.TENANT_BASE_SCHEMA``), which
``imedia migrate`` keeps current; ``tenants.clone`` says why it does not use django-tenants' own. Creation runs in one transaction (PostgreSQL DDL is
transactional): the tenant row, its domains, its cloned schema and what plugins add on
``imedia_tenant_created`` commit together or not at all.

Every door (CLI, operator API, platform admin, demo) passes its ``ServiceContext``; refusals are
``ServiceError`` with a stable lower-case ``code`` (the operator API's error codes).
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django_tenants.utils import quote_schema_name, schema_exists, tenant_context

from imedia_core.changes import changed
from imedia_core.context import ServiceContext
from imedia_core.errors import ServiceError
from imedia_core.pluginhost.manager import hook_for_tenant

from .clone import CloneError, clone_schema
from .locks import LockBusy, hold_shared_in_transaction
from .models import Domain, Operator, PolicyArea, Tenant, TenantStatus
from .templates import TenantTemplate, available_templates
from .validators import normalize_domain, validate_domain, validate_slug

logger = logging.getLogger(__name__)


@dataclass
class TenantSpec:
    slug: str
    name: str
    operator: Operator | None = None
    policy_area: str | None = None
    territory: str = ""
    locale: str | None = None
    template: str | None = None
    domains: list[str] = field(default_factory=list)
    plugin_settings: dict | None = None


@dataclass
class ProvisionResult:
    tenant: Tenant
    created: bool


def _lock(slug: str) -> None:
    """Serialise concurrent provisioning of the same slug (transaction-scoped advisory lock)."""
    with connection.cursor() as cursor:
        # Class 7412: slugs; 7411 is the migration lock (tenants.locks).
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [7412, zlib.crc32(slug.encode()) & 0x7FFFFFFF])


def _validate(spec: TenantSpec) -> TenantTemplate | None:
    try:
        validate_slug(spec.slug)
    except ValidationError as exc:
        raise ServiceError.single(exc.code or "invalid_slug", exc.messages[0], "slug") from exc
    if not (spec.name or "").strip():
        raise ServiceError.single("required", "Le nom de l'espace est obligatoire.", "name")
    for field_name, limit in (("name", 200), ("territory", 200), ("locale", 10)):
        value = getattr(spec, field_name) or ""
        if len(value) > limit:
            raise ServiceError.single("too_long", f"« {field_name} » dépasse {limit} caractères.", field_name)
    template = None
    if spec.template:
        template = available_templates().get(spec.template)
        if template is None:
            known = ", ".join(sorted(available_templates()))
            raise ServiceError.single(
                "unknown_template", f"Modèle inconnu « {spec.template} » (disponibles : {known}).", "template"
            )
    area = spec.policy_area or (template.policy_area if template else PolicyArea.OTHER)
    if area not in PolicyArea.values:
        raise ServiceError.single("invalid_choice", f"Domaine de politique inconnu « {area} ».", "policy_area")
    spec.domains = [normalize_domain(host) for host in spec.domains]
    for host in spec.domains:
        try:
            validate_domain(host)
        except ValidationError as exc:
            raise ServiceError.single("invalid_domain", exc.messages[0], "domains") from exc
    if len(set(spec.domains)) != len(spec.domains):
        raise ServiceError.single("invalid_domain", "Un même domaine est donné deux fois.", "domains")
    return template


def template_schema_ready() -> bool:
    """The template schema exists and has been migrated (an empty one would make empty clones)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [f'"{settings.TENANT_BASE_SCHEMA}".django_migrations'])
        if cursor.fetchone()[0] is None:
            return False
        schema = quote_schema_name(settings.TENANT_BASE_SCHEMA)  # from settings, quoted
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {schema}.django_migrations)")  # noqa: S608
        return bool(cursor.fetchone()[0])


def ensure_template_tenant() -> Tenant:
    """The template schema's row and schema, created empty if missing (``imedia migrate`` then
    migrates it like any tenant). Returns the row."""
    name = settings.TENANT_BASE_SCHEMA
    template, _ = Tenant.objects.get_or_create(
        schema_name=name, defaults={"name": "Modèle de schéma (interne)", "is_template": True}
    )
    if not schema_exists(name):
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE SCHEMA {quote_schema_name(name)}")
    return template


def provision_tenant(ctx: ServiceContext, spec: TenantSpec, *, if_exists: str = "error") -> ProvisionResult:
    """Create a tenant from ``spec`` by cloning the template schema.

    ``if_exists="error"`` refuses an existing slug (``tenant_exists``); ``"skip"`` returns the
    existing tenant unchanged with ``created=False``. Never creates a second schema.
    """
    template = _validate(spec)
    if not template_schema_ready():
        raise ServiceError.single(
            "template_missing",
            "Le schéma modèle n'est pas prêt (absent ou non migré) : lancez « imedia migrate » avant de créer des espaces.",
        )
    with transaction.atomic():
        try:
            hold_shared_in_transaction()
        except LockBusy as exc:
            raise ServiceError.single(
                "migration_in_progress", "Une migration est en cours : réessayez dans quelques instants."
            ) from exc
        _lock(spec.slug)
        existing = Tenant.objects.filter(schema_name__iexact=spec.slug).first()
        if existing is not None:
            if if_exists == "skip" and not existing.is_template:
                return ProvisionResult(existing, created=False)
            raise ServiceError.single("tenant_exists", f"L'espace « {spec.slug} » existe déjà.", "slug")
        _check_schema_and_domains_free(spec)
        tenant = _create_rows(spec, template)
        try:
            clone_schema(settings.TENANT_BASE_SCHEMA, spec.slug)
        except CloneError as exc:
            raise ServiceError.single("clone_failed", str(exc)) from exc
        # The new space's journal and outbox live in its own schema.
        with tenant_context(tenant):
            changed(
                ctx,
                "tenant.created",
                tenant,
                payload={"slug": tenant.schema_name, "template": tenant.template_key},
                summary=f"Espace créé : {tenant.name}",
            )
            hook_for_tenant(tenant, "imedia_tenant_created")(tenant=tenant, template=template)
    logger.info("tenant %s provisioned (template %s)", spec.slug, template.key if template else "none")
    return ProvisionResult(tenant, created=True)


def _check_schema_and_domains_free(spec: TenantSpec) -> None:
    if schema_exists(spec.slug, case_sensitive=False):
        raise ServiceError.single(
            "schema_exists",
            f"Un schéma « {spec.slug} » existe sans espace associé : à examiner avant toute création.",
            "slug",
        )
    taken = Domain.objects.filter(domain__in=spec.domains).values_list("domain", flat=True)
    if taken:
        raise ServiceError.single("domain_taken", f"Domaine déjà utilisé : {', '.join(taken)}.", "domains")


def _create_rows(spec: TenantSpec, template: TenantTemplate | None) -> Tenant:
    """The tenant's row and its domains (the first one primary), the template's defaults first."""
    plugin_settings = dict(template.plugin_settings) if template else {}
    plugin_settings.update(spec.plugin_settings or {})
    tenant = Tenant.objects.create(
        schema_name=spec.slug,
        name=spec.name.strip(),
        operator=spec.operator,
        policy_area=spec.policy_area or (template.policy_area if template else PolicyArea.OTHER),
        territory=spec.territory,
        locale=spec.locale or (template.locale if template else "fr"),
        template_key=template.key if template else "",
        plugin_settings=plugin_settings,
    )
    for index, host in enumerate(spec.domains):
        Domain.objects.create(domain=host.lower(), tenant=tenant, is_primary=index == 0)
    return tenant


_STATUS_HOOKS = {
    TenantStatus.SUSPENDED: "imedia_tenant_suspended",
    TenantStatus.ARCHIVED: "imedia_tenant_archived",
    TenantStatus.ACTIVE: "imedia_tenant_reactivated",
}


def set_status(ctx: ServiceContext, tenant: Tenant, status: str, reason: str = "") -> Tenant:
    """Suspend, archive or reactivate a tenant and tell the plugins. No-op if unchanged."""
    status = TenantStatus(status)
    if tenant.is_template:
        raise ServiceError.single("template_tenant", "Le schéma modèle ne change pas d'état.")
    if tenant.status == status:
        return tenant
    with transaction.atomic():
        tenant.status = status
        tenant.status_reason = reason
        tenant.save(update_fields=["status", "status_reason", "updated_at"])
        with tenant_context(tenant):
            changed(
                ctx,
                f"tenant.{status.value}",
                tenant,
                payload={"slug": tenant.schema_name, "reason": reason},
                summary=reason or status.label,
            )
            hook_for_tenant(tenant, _STATUS_HOOKS[status])(tenant=tenant)
    return tenant


def delete_tenant(ctx: ServiceContext, tenant: Tenant, *, confirm: str | None) -> None:
    """Delete a tenant and drop its schema. ``confirm`` must repeat the slug exactly.

    The space's journal goes with its schema: the server log keeps who deleted it.
    """
    if tenant.is_template:
        raise ServiceError.single("template_tenant", "Le schéma modèle ne se supprime pas.")
    if confirm != tenant.schema_name:
        raise ServiceError.single(
            "confirmation_required",
            f"Supprimer « {tenant.schema_name} » efface toutes ses données : confirmez en répétant son slug.",
            "confirm",
        )
    with transaction.atomic():
        tenant.delete(force_drop=True)
    logger.info("tenant %s deleted by user %s via %s", confirm, ctx.user_id, ctx.channel)
