"""Who may take part, and who speaks through what they write.

Participation is people's: a signed-in person whose role allows it (CONTRIBUTE), or nobody signed
in where the programme allows anonymity. An API key speaks for nobody, except a *service account*
(a key with the ``contribute`` scope): it submits on behalf of a named external person, attributed
as such (« via <nom de la clé> : <nom> », author kind EXTERNAL, source "api", the key's prefix),
never as a platform account. What people write is signed by their name, a pseudonym, nobody
(anonymous), an expression group they belong to, or, when a facilitator enters it for someone,
that person's name or group with the facilitator's beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings as django_settings
from django.core.cache import cache

from imedia_core import ratelimit
from imedia_core.context import ANONYMOUS_LABEL, ServiceContext
from imedia_core.errors import ServiceError

from .groups import resolve_group
from .inputs import choice_value, clean_name, clean_pseudonym
from .models import AuthorKind, ExpressionGroup, GroupMember, ParticipationSettings

ROLE_REFUSED = "Votre rôle dans cet espace ne permet pas de participer."
SERVICE_SCOPE = "contribute"
API_SOURCE = "api"
EXTERNAL_ID_MAX = 200
URL_MAX = 500


def is_service_account(ctx: ServiceContext) -> bool:
    """An API key allowed to submit on behalf of external people (scope ``contribute``)."""
    key = ctx.principal.api_key
    return key is not None and SERVICE_SCOPE in (key.scopes or [])


def check_service_rate(ctx: ServiceContext) -> None:
    """At most IMEDIA_SERVICE_ACCOUNT_RATE_LIMIT submissions per key and hour (per tenant)."""
    key = ctx.principal.api_key
    bucket = f"participation:service-account:{getattr(ctx.tenant, 'schema_name', '')}:{key.prefix}"
    if ratelimit.count(cache, bucket) >= django_settings.IMEDIA_SERVICE_ACCOUNT_RATE_LIMIT:
        raise ServiceError.single(
            "RATE_LIMITED", "Trop de contributions envoyées par cette clé d'API dans l'heure : réessayez plus tard."
        )
    ratelimit.hit(cache, bucket, 3600)


def require_person(ctx: ServiceContext, settings: ParticipationSettings, *, anonymous_ok: bool) -> None:
    """Signed-in contributors need CONTRIBUTE; nobody signed in needs the programme to allow it."""
    if ctx.actor is None:
        if is_service_account(ctx):
            return  # it names the person it speaks for (resolve_author)
        if ctx.is_api_key:
            raise ServiceError.single(
                "PERMISSION_DENIED", "Une clé d'API ne peut pas contribuer : la participation est le fait de personnes."
            )
        if not (anonymous_ok and settings.allow_anonymous):
            raise ServiceError.single(
                "UNAUTHENTICATED", "Connectez-vous pour participer : cet espace n'accepte pas l'anonymat."
            )
        return
    if not ctx.can_contribute:
        raise ServiceError.single("PERMISSION_DENIED", ROLE_REFUSED)


def check_external_once(model, author: Author) -> None:
    """A service account's retry with the same external id is refused, never a second row."""
    if (
        author.external_id
        and model.objects.filter(
            source=author.source, source_ref=author.source_ref, external_id=author.external_id
        ).exists()
    ):
        raise ServiceError.single(
            "DUPLICATE", "Déjà reçu : un envoi de cette clé porte déjà cet identifiant externe.", "onBehalfOf"
        )


def require_signed_in(ctx: ServiceContext) -> None:
    """Gestures that belong to one person (support, follow, report, edit, withdraw)."""
    if ctx.actor is None:
        if ctx.is_api_key:
            raise ServiceError.single("PERMISSION_DENIED", "Une clé d'API ne peut pas agir au nom d'une personne.")
        raise ServiceError.single("UNAUTHENTICATED", "Connectez-vous pour faire cela.")
    if not ctx.can_contribute:
        raise ServiceError.single("PERMISSION_DENIED", ROLE_REFUSED)


def require_moderator(ctx: ServiceContext) -> None:
    if not ctx.can_moderate:
        raise ServiceError.single("PERMISSION_DENIED", "Vous n'avez pas le droit de modérer dans cet espace.")


@dataclass(frozen=True)
class Author:
    """Who speaks: ``label`` is shown; ``author_id`` is the person behind it (kept, never shown,
    for a pseudonym or an anonymous signature, so they can edit, withdraw and be told what became
    of it); ``entered_by_*`` is the facilitator who entered it for someone else."""

    kind: str
    label: str
    author_id: int | None
    group: ExpressionGroup | None = None
    entered_by_id: int | None = None
    entered_by_label: str = ""
    # A service account's submission: "api", the key's prefix, the integrator's id and address of it.
    source: str = ""
    source_ref: str = ""
    external_id: str = ""
    external_url: str = ""


def resolve_author(
    ctx: ServiceContext, data: dict, settings: ParticipationSettings, *, groups_ok: bool = True
) -> Author:
    """Who speaks, from the requested signature (``author_kind``, ``pseudonym``, ``group``,
    ``on_behalf_of``) and the caller's rights. Comments pass ``groups_ok=False``."""
    on_behalf = data.get("on_behalf_of") or None
    if is_service_account(ctx) and ctx.actor is None:
        return _external_person(ctx, on_behalf)
    if on_behalf:
        return _entered_for_someone(ctx, on_behalf)
    kind = choice_value(data.get("author_kind"))
    if ctx.actor is None:
        return _anonymous_visitor(kind)
    kind = kind or AuthorKind.PERSON
    if kind == AuthorKind.PERSON:
        return Author(AuthorKind.PERSON, ctx.label, ctx.user_id)
    if kind == AuthorKind.PSEUDONYM:
        return _pseudonym(ctx, data.get("pseudonym"), settings)
    if kind == AuthorKind.ANONYMOUS:
        return _anonymous_person(ctx, settings)
    if kind == AuthorKind.GROUP and groups_ok:
        return _group_member(ctx, data.get("group"))
    raise ServiceError.single("INVALID", f"Type d'auteur impossible ici : « {kind} ».", "authorKind")


def _entered_for_someone(ctx: ServiceContext, on_behalf: dict) -> Author:
    """A facilitator enters it for a person (by name) or a group."""
    if ctx.actor is None or not ctx.can_moderate:
        raise ServiceError.single(
            "PERMISSION_DENIED",
            "Seul·e un·e animateur·rice peut saisir une contribution pour quelqu'un d'autre.",
            "onBehalfOf",
        )
    entered = {"entered_by_id": ctx.user_id, "entered_by_label": ctx.label}
    if on_behalf.get("group"):
        group = resolve_group(on_behalf["group"], field="onBehalfOf")
        return Author(AuthorKind.GROUP, group.name, None, group=group, **entered)
    name = clean_name(
        on_behalf.get("name"), "onBehalfOf", missing="Indiquez pour qui vous saisissez (un nom ou un groupe)."
    )
    return Author(AuthorKind.PERSON, name, None, **entered)


def _external_person(ctx: ServiceContext, on_behalf: dict | None) -> Author:
    """A service account speaks for a named external person: « via <nom de la clé> : <nom> »."""
    on_behalf = on_behalf or {}
    name = clean_name(
        on_behalf.get("name"), "onBehalfOf", missing="Une clé d'API contribue au nom d'une personne : indiquez son nom."
    )
    external_id = _clean_identifier(on_behalf.get("external_id"), EXTERNAL_ID_MAX)
    url = _clean_identifier(on_behalf.get("url"), URL_MAX)
    if url and not url.startswith(("https://", "http://")):
        raise ServiceError.single("INVALID", "L'adresse doit commencer par https:// ou http://.", "onBehalfOf")
    key = ctx.principal.api_key
    label = f"via {key.name} : {name}"[:200]
    return Author(
        AuthorKind.EXTERNAL,
        label,
        None,
        source=API_SOURCE,
        source_ref=key.prefix,
        external_id=external_id,
        external_url=url,
    )


def _clean_identifier(value, limit: int) -> str:
    """A one-line identifier or address: whitespace collapsed, no NUL, at most ``limit`` characters."""
    text = " ".join(str(value or "").split())
    if len(text) > limit or "\x00" in text:
        raise ServiceError.single("INVALID", f"Valeur trop longue (au plus {limit} caractères).", "onBehalfOf")
    return text


def _anonymous_visitor(kind) -> Author:
    """Nobody signed in can only be anonymous."""
    if kind not in (None, AuthorKind.ANONYMOUS):
        raise ServiceError.single(
            "UNAUTHENTICATED", "Connectez-vous pour signer de votre nom ou d'un groupe.", "authorKind"
        )
    return Author(AuthorKind.ANONYMOUS, ANONYMOUS_LABEL, None)


def _pseudonym(ctx: ServiceContext, pseudonym, settings: ParticipationSettings) -> Author:
    if not settings.allow_pseudonymous:
        raise ServiceError.single("NOT_ALLOWED", "Cet espace n'accepte pas les pseudonymes.", "authorKind")
    return Author(AuthorKind.PSEUDONYM, clean_pseudonym(pseudonym), ctx.user_id)


def _anonymous_person(ctx: ServiceContext, settings: ParticipationSettings) -> Author:
    if not settings.allow_anonymous:
        raise ServiceError.single("NOT_ALLOWED", "Cet espace n'accepte pas les contributions anonymes.", "authorKind")
    return Author(AuthorKind.ANONYMOUS, ANONYMOUS_LABEL, ctx.user_id)


def _group_member(ctx: ServiceContext, group_ref) -> Author:
    """A member signs in the group's name (facilitators may for every group)."""
    group = resolve_group(group_ref, field="group")
    if not (ctx.can_moderate or GroupMember.objects.filter(group=group, user_id=ctx.user_id).exists()):
        raise ServiceError.single("PERMISSION_DENIED", "Vous ne faites pas partie de ce groupe d'expression.", "group")
    return Author(AuthorKind.GROUP, group.name, ctx.user_id, group=group)
