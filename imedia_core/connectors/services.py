"""Managing connector links (space admins): create, change, delete, replace credentials, sync now.

Every door (GraphQL, the admin, the CLI) goes through here. Credentials are write-only: they are
encrypted as they arrive (``secrets``) and no function returns them; events and audit lines name
the link and the platform, never an address's secrets or a credential.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from imedia_core.addresses import host_is_private
from imedia_core.changes import changed
from imedia_core.content.sanitize import plain_text
from imedia_core.context import ServiceContext
from imedia_core.cycle.models import Phase
from imedia_core.errors import ErrorCollector, ServiceError
from imedia_core.events.engine import schedule_job
from imedia_core.participation.models import ContributionKind

from . import engine, registry, secrets
from .models import Direction, KindRule, Link, StepRule
from .platform import Platform, PlatformError

NAME_MAX = 200
URL_MAX = 500
SCHEDULE_MIN, SCHEDULE_MAX = 5, 7 * 24 * 60
FULL_MAX_HOURS = 30 * 24
SECRET_MAX = 2000

FIELDS = {
    "platform": "platform",
    "base_url": "baseUrl",
    "kind_rules": "kindRules",
    "step_rules": "stepRules",
    "schedule_minutes": "scheduleMinutes",
    "full_sync_hours": "fullSyncHours",
    "is_active": "isActive",
}


def require_manager(ctx: ServiceContext) -> None:
    if not ctx.can_manage:
        raise ServiceError.single(
            "PERMISSION_DENIED", "Seul·es les administrateur·rices de l'espace gèrent les connecteurs."
        )


def clean_base_url(value, errors: ErrorCollector) -> str:
    url = (value or "").strip()
    if not url:
        errors.add("base_url", "REQUIRED", "Indiquez l'adresse de la plateforme.")
        return ""
    if len(url) > URL_MAX or "\x00" in url:
        errors.add("base_url", "INVALID", f"L'adresse ne doit pas dépasser {URL_MAX} caractères.")
        return ""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        errors.add("base_url", "INVALID", "Adresse mal formée.")
        return ""
    schemes = ("https", "http") if settings.IMEDIA_CONNECTORS_ALLOW_HTTP else ("https",)
    if parts.scheme not in schemes:
        errors.add("base_url", "INVALID", "L'adresse de la plateforme doit commencer par https://.")
        return ""
    if not parts.hostname:
        errors.add("base_url", "INVALID", "L'adresse doit indiquer un hôte.")
        return ""
    if parts.username or parts.password:
        errors.add("base_url", "INVALID", "L'adresse ne doit pas contenir d'identifiants : utilisez les champs prévus.")
        return ""
    if parts.query or parts.fragment:
        errors.add("base_url", "INVALID", "L'adresse de la plateforme ne doit contenir ni « ? » ni « # ».")
        return ""
    if not settings.IMEDIA_CONNECTORS_ALLOW_PRIVATE_ADDRESSES and host_is_private(parts.hostname, port, resolve=False):
        errors.add("base_url", "INVALID", "Les adresses privées, locales ou réservées ne sont pas acceptées.")
        return ""
    return url.rstrip("/")


def clean_space(platform: Platform, value, errors: ErrorCollector) -> dict:
    space = {str(k): v for k, v in (value or {}).items()} if isinstance(value, dict) else None
    if space is None:
        errors.add("space", "INVALID", "L'espace externe doit être un ensemble de champs.")
        return {}
    if platform.validate_space is not None:
        try:
            return dict(platform.validate_space(space))
        except PlatformError as exc:
            errors.add("space", "INVALID", exc.message)
            return {}
    names = {f.name for f in platform.space_fields}
    unknown = sorted(set(space) - names)
    if unknown:
        errors.add("space", "INVALID", f"Champ inconnu pour {platform.label} : {', '.join(unknown)}.")
    for f in platform.space_fields:
        if f.required and not str(space.get(f.name) or "").strip():
            errors.add("space", "REQUIRED", f"Indiquez « {f.label} ».")
    return {k: v for k, v in space.items() if k in names}


def clean_credentials(platform: Platform, value, errors: ErrorCollector) -> dict[str, str]:
    credentials = value or {}
    if not isinstance(credentials, dict):
        errors.add("credentials", "INVALID", "Les identifiants doivent être un ensemble de champs.")
        return {}
    names = {f.name for f in platform.credential_fields}
    unknown = sorted(set(credentials) - names)
    if unknown:
        errors.add("credentials", "INVALID", f"Identifiant inconnu pour {platform.label} : {', '.join(unknown)}.")
        return {}
    cleaned = {}
    for name, secret in credentials.items():
        secret = "" if secret is None else str(secret).strip()
        if len(secret) > SECRET_MAX or "\x00" in secret:
            errors.add("credentials", "INVALID", "Un identifiant est trop long ou illisible.")
            return {}
        if secret:
            cleaned[name] = secret
    return cleaned


def _kind_rules(platform: Platform, rules, errors: ErrorCollector) -> list[tuple[str, str]]:
    cleaned: dict[str, str] = {}
    for rule in rules or []:
        external = str(rule.get("external_kind") or "").strip()
        kind = getattr(rule.get("kind"), "value", rule.get("kind"))
        if external not in platform.kinds:
            errors.add("kind_rules", "INVALID", f"{platform.label} ne connaît pas le type « {external} ».")
        elif kind not in ContributionKind.values:
            errors.add("kind_rules", "INVALID", f"Type de contribution inconnu : « {kind} ».")
        elif external in cleaned:
            errors.add("kind_rules", "UNIQUE", f"Le type « {external} » a deux correspondances.")
        else:
            cleaned[external] = kind
    return list(cleaned.items())


def _step_rules(rules, errors: ErrorCollector) -> list[tuple[str, Phase]]:
    cleaned: dict[str, Phase] = {}
    rules = list(rules or [])
    phases = Phase.objects.in_bulk([r.get("phase") for r in rules if isinstance(r.get("phase"), int)])
    for rule in rules:
        step = plain_text(str(rule.get("external_step") or ""), multiline=False)[:100]
        phase = phases.get(rule.get("phase")) if isinstance(rule.get("phase"), int) else None
        if not step:
            errors.add("step_rules", "REQUIRED", "Indiquez l'étape de la plateforme.")
        elif phase is None:
            errors.add("step_rules", "NOT_FOUND", f"Phase introuvable pour l'étape « {step} ».")
        elif step in cleaned:
            errors.add("step_rules", "UNIQUE", f"L'étape « {step} » a deux correspondances.")
        else:
            cleaned[step] = phase
    return list(cleaned.items())


def _apply(link: Link, platform: Platform, data: dict, errors: ErrorCollector, *, creating: bool) -> dict:
    """Set the plain fields ``data`` gives; return what else to store (rules, credentials)."""
    extra = {}
    if creating or data.get("name") is not None:
        name = plain_text(data.get("name") or "", multiline=False)
        if not name:
            errors.add("name", "REQUIRED", "Donnez un nom au lien.")
        elif len(name) > NAME_MAX:
            errors.add("name", "INVALID", f"Le nom ne doit pas dépasser {NAME_MAX} caractères.")
        link.name = name
    if creating or data.get("base_url") is not None:
        link.base_url = clean_base_url(data.get("base_url"), errors)
    if creating or data.get("space") is not None:
        link.space = clean_space(platform, data.get("space"), errors)
    if data.get("direction") is not None:
        direction = getattr(data["direction"], "value", data["direction"])
        if direction not in Direction.values:
            errors.add("direction", "INVALID", f"Sens inconnu : « {direction} ».")
        else:
            link.direction = direction
    if data.get("schedule_minutes") is not None:
        minutes = data["schedule_minutes"]
        if not isinstance(minutes, int) or minutes < 0 or 0 < minutes < SCHEDULE_MIN or minutes > SCHEDULE_MAX:
            errors.add(
                "schedule_minutes",
                "INVALID",
                f"La fréquence va de {SCHEDULE_MIN} à {SCHEDULE_MAX} minutes (0 : à la demande).",
            )
        else:
            link.schedule_minutes = minutes
    if data.get("full_sync_hours") is not None:
        hours = data["full_sync_hours"]
        if not isinstance(hours, int) or not 1 <= hours <= FULL_MAX_HOURS:
            errors.add(
                "full_sync_hours", "INVALID", f"Le passage complet a lieu toutes les 1 à {FULL_MAX_HOURS} heures."
            )
        else:
            link.full_sync_hours = hours
    if data.get("is_active") is not None:
        link.is_active = bool(data["is_active"])
    if data.get("kind_rules") is not None:
        extra["kind_rules"] = _kind_rules(platform, data["kind_rules"], errors)
    if data.get("step_rules") is not None:
        extra["step_rules"] = _step_rules(data["step_rules"], errors)
    if data.get("credentials") is not None:
        extra["credentials"] = clean_credentials(platform, data["credentials"], errors)
    return extra


def _store_rules(link: Link, extra: dict) -> None:
    if "kind_rules" in extra:
        link.kind_rules.all().delete()
        KindRule.objects.bulk_create(KindRule(link=link, external_kind=e, kind=k) for e, k in extra["kind_rules"])
    if "step_rules" in extra:
        link.step_rules.all().delete()
        StepRule.objects.bulk_create(StepRule(link=link, external_step=s, phase=p) for s, p in extra["step_rules"])


def _payload(link: Link, **extra) -> dict:
    return {"id": link.pk, "platform": link.platform, "name": link.name, "direction": link.direction, **extra}


@transaction.atomic
def create_link(ctx: ServiceContext, data: dict) -> Link:
    """``data``: platform, name, base_url, space, credentials, kind_rules [{external_kind, kind}],
    step_rules [{external_step, phase (pk)}], direction, schedule_minutes, full_sync_hours, is_active."""
    require_manager(ctx)
    platform = registry.platform_for(ctx.tenant, data.get("platform") or "")
    link = Link(platform=platform.key)
    errors = ErrorCollector(FIELDS)
    extra = _apply(link, platform, data, errors, creating=True)
    errors.raise_if_any()
    if extra.get("credentials"):
        link.credentials_token = secrets.encrypt(extra["credentials"])
        link.credentials_changed_at = timezone.now()
    link.save()
    _store_rules(link, extra)
    changed(ctx, "connector.link_created", link, payload=_payload(link))
    return link


@transaction.atomic
def update_link(ctx: ServiceContext, link: Link, data: dict) -> Link:
    """Change what ``data`` gives (None leaves a field as it is); credentials go through
    ``rotate_credentials``."""
    require_manager(ctx)
    link = Link.objects.select_for_update().get(pk=link.pk)
    platform = registry.platform_for(ctx.tenant, link.platform)
    errors = ErrorCollector(FIELDS)
    data = {key: value for key, value in data.items() if key != "credentials"}
    before = {
        f: getattr(link, f)
        for f in ("name", "base_url", "space", "direction", "schedule_minutes", "full_sync_hours", "is_active")
    }
    extra = _apply(link, platform, data, errors, creating=False)
    errors.raise_if_any()
    fields = [f for f, value in before.items() if getattr(link, f) != value]
    if "base_url" in fields or "space" in fields:
        # another space: the next pass is a full one from the start
        link.cursor, link.pass_started_at, link.synced_until, link.full_requested = "", None, None, True
    link.save()
    _store_rules(link, extra)
    fields += [name for name in ("kind_rules", "step_rules") if name in extra]
    if fields:
        changed(ctx, "connector.link_updated", link, payload=_payload(link, fields=fields))
    return link


@transaction.atomic
def delete_link(ctx: ServiceContext, link: Link) -> None:
    """Remove the link (and its answer log); what it imported stays, with its external identity."""
    require_manager(ctx)
    payload = _payload(link)
    changed(ctx, "connector.link_deleted", link, payload=payload, summary=f"Lien supprimé : {link.name}")
    link.delete()


@transaction.atomic
def rotate_credentials(ctx: ServiceContext, link: Link, credentials: dict) -> Link:
    """Replace the link's credentials (all of them: fields left out are removed)."""
    require_manager(ctx)
    platform = registry.platform_for(ctx.tenant, link.platform)
    errors = ErrorCollector(FIELDS)
    cleaned = clean_credentials(platform, credentials, errors)
    errors.raise_if_any()
    link.credentials_token = secrets.encrypt(cleaned)
    link.credentials_changed_at = timezone.now()
    link.last_error_code = link.last_error_message = ""
    link.save(
        update_fields=[
            "credentials_token",
            "credentials_changed_at",
            "last_error_code",
            "last_error_message",
            "updated_at",
        ]
    )
    changed(
        ctx,
        "connector.credentials_rotated",
        link,
        payload=_payload(link, fields=sorted(cleaned)),
        summary=f"Identifiants remplacés : {link.name}",
    )
    return link


@transaction.atomic
def request_sync(ctx: ServiceContext, link: Link, *, full: bool = False) -> Link:
    """Ask for a pass now (the ``connectors.sync`` job runs it); ``full``: a full pass."""
    require_manager(ctx)
    registry.platform_for(ctx.tenant, link.platform)
    if not link.takes_in:
        raise ServiceError.single("INVALID", "Ce lien ne reçoit rien de la plateforme (sens sortant seulement).", "id")
    if not link.is_active:
        raise ServiceError.single("INVALID", "Ce lien est désactivé : activez-le avant de le synchroniser.", "id")
    engine.request_sync(link, full=full)
    link.refresh_from_db()
    changed(
        ctx,
        "connector.sync_requested",
        link,
        payload=_payload(link, full=full),
        summary=f"Synchronisation demandée : {link.name}",
    )
    transaction.on_commit(lambda: schedule_job("connectors.sync", ctx.tenant.schema_name))
    return link


def reencrypt_links() -> int:
    """Re-encrypt every link's credentials of the current schema with the newest key."""
    count = 0
    with transaction.atomic():
        for link in Link.objects.select_for_update().exclude(credentials_token=""):
            link.credentials_token = secrets.rotate(link.credentials_token)
            link.save(update_fields=["credentials_token"])
            count += 1
    return count
