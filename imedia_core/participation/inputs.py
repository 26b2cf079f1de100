"""What people type, cleaned before any rule runs: plain text within its length, known choices,
and references (phase, themes) that exist in this space. Each refusal names its input field."""

from __future__ import annotations

from imedia_core.content.sanitize import plain_text
from imedia_core.cycle.models import Phase
from imedia_core.errors import ServiceError
from imedia_core.library.models import Theme

from .models import ContributionKind

TITLE_MAX = 200
BODY_MAX = 5000
COMMENT_MAX = 2000
NAME_MAX = 200
PSEUDONYM_MAX = 60
REASON_MAX = 500


def choice_value(value):
    """A choice as stored: GraphQL hands enum members, other doors plain strings."""
    return getattr(value, "value", value)


def clean_title(value) -> str:
    title = plain_text(value or "", multiline=False)
    if not title:
        raise ServiceError.single("REQUIRED", "Donnez un titre court à votre contribution.", "title")
    if len(title) > TITLE_MAX:
        raise ServiceError.single("INVALID", f"Le titre ne doit pas dépasser {TITLE_MAX} caractères.", "title")
    return title


def clean_body(value, limit: int = BODY_MAX, field: str = "body") -> str:
    body = plain_text(value or "", multiline=True)
    if len(body) > limit:
        raise ServiceError.single("INVALID", f"Le texte ne doit pas dépasser {limit} caractères.", field)
    return body


def clean_name(value, field: str, *, missing: str) -> str:
    """A name shown as typed (a group, a person a facilitator writes for); ``missing`` says what to give."""
    name = plain_text(value or "", multiline=False)
    if not name:
        raise ServiceError.single("REQUIRED", missing, field)
    if len(name) > NAME_MAX:
        raise ServiceError.single("INVALID", f"Le nom ne doit pas dépasser {NAME_MAX} caractères.", field)
    return name


def clean_pseudonym(value) -> str:
    pseudonym = plain_text(value or "", multiline=False)
    if len(pseudonym) < 2:
        raise ServiceError.single("REQUIRED", "Choisissez un pseudonyme (2 caractères au moins).", "pseudonym")
    if len(pseudonym) > PSEUDONYM_MAX:
        raise ServiceError.single(
            "INVALID", f"Le pseudonyme ne doit pas dépasser {PSEUDONYM_MAX} caractères.", "pseudonym"
        )
    return pseudonym


def clean_reason(value) -> str:
    reason = plain_text(value or "", multiline=False)
    if len(reason) > REASON_MAX:
        raise ServiceError.single("INVALID", f"La raison ne doit pas dépasser {REASON_MAX} caractères.", "reason")
    return reason


def clean_kind(value) -> str:
    value = choice_value(value)
    if value not in ContributionKind.values:
        raise ServiceError.single("INVALID", f"Type de contribution inconnu : « {value} ».", "kind")
    return value


def resolve_phase(value) -> Phase | None:
    """A phase given as itself or by primary key."""
    if value is None or isinstance(value, Phase):
        return value
    phase = Phase.objects.filter(pk=value).first() if str(value).isdigit() else None
    if phase is None:
        raise ServiceError.single("NOT_FOUND", "Cette phase n'existe pas dans cet espace.", "phase")
    return phase


def resolve_themes(values) -> list[Theme] | None:
    """Themes given as themselves or by primary key, without duplicates (None: leave them as they are)."""
    if values is None:
        return None
    themes = [value for value in values if isinstance(value, Theme)]
    pks = {str(value) for value in values if not isinstance(value, Theme)}
    if pks:
        rows = list(Theme.objects.filter(pk__in=[pk for pk in pks if pk.isdigit()]))
        if len(rows) != len(pks):
            raise ServiceError.single("NOT_FOUND", "Un des thèmes n'existe pas dans cet espace.", "themes")
        themes.extend(rows)
    return list({theme.pk: theme for theme in themes}.values())
