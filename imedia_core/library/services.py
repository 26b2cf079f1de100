"""Business rules of the resource centre: every write goes through here (GraphQL, REST, admin).

Each function validates its input, sanitises text (rich text with ``clean_html``, plain-text
fields with tags stripped), saves, records a revision of the saved state and an audit entry.
Invalid input raises ``LibraryValidationError`` (a list of ``{field, code, message}``) before
anything is written; callers run inside a transaction so a refusal changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from imedia_core.audit.log import record
from imedia_core.content.models import PublicationStatus, mark_published, require_time_zone, stamp_first_publication
from imedia_core.content.revisions import record_revision, restore_revision, revisions_of
from imedia_core.content.sanitize import clean_html, plain_text
from imedia_core.errors import ServiceError
from imedia_core.events import emit

from .models import Audience, Provenance, ReadingLevel, Resource, ResourceFile, ResourceKind, Theme

# Field names as the APIs spell them (camelCase), for errors.
API_NAMES = {
    "external_url": "externalUrl",
    "reading_level": "readingLevel",
    "publish_at": "publishAt",
}
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_url_validator = URLValidator(schemes=["http", "https"])


class LibraryValidationError(ServiceError):
    """Input refused by a resource-centre rule (fields named as in the API, camelCase)."""


class _Errors:
    def __init__(self):
        self.items: list[dict] = []

    def add(self, field: str | None, code: str, message: str):
        self.items.append({"field": API_NAMES.get(field, field) if field else None, "code": code, "message": message})

    def raise_if_any(self):
        if self.items:
            raise LibraryValidationError(self.items)


# --- text --------------------------------------------------------------------------------


def _unique_slug(model, base: str, *, exclude_pk=None, max_length: int = 200, fallback: str = "ressource") -> str:
    base = (slugify(base) or fallback)[:max_length].strip("-") or fallback
    taken = set(model.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True))
    if base not in taken:
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = f"{base[: max_length - len(suffix)].rstrip('-')}{suffix}"
        if candidate not in taken:
            return candidate
        n += 1


def _check_slug(errors: _Errors, model, slug: str, *, exclude_pk=None, max_length: int = 200) -> str | None:
    slug = (slug or "").strip()
    try:
        validate_slug(slug)
    except ValidationError:
        errors.add("slug", "INVALID", "L'identifiant ne peut contenir que des lettres, chiffres, tirets et soulignés.")
        return None
    if len(slug) > max_length:
        errors.add("slug", "INVALID", f"L'identifiant ne doit pas dépasser {max_length} caractères.")
        return None
    if model.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        errors.add("slug", "UNIQUE", f"L'identifiant « {slug} » est déjà utilisé.")
        return None
    return slug


def _save_unique(obj) -> None:
    """Save; a slug taken by a concurrent save since it was checked is a UNIQUE error."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise LibraryValidationError.single(
            "UNIQUE", f"L'identifiant « {obj.slug} » est déjà utilisé.", "slug"
        ) from exc


def _choice(errors, field, value, choices, label):
    value = getattr(value, "value", value)
    if value not in choices.values:
        errors.add(field, "INVALID", f"{label} inconnu·e : « {value} ».")
        return None
    return value


# --- resources ---------------------------------------------------------------------------

RESOURCE_TEXT_LIMITS = {"title": 200, "licence": 100, "source": 300, "author": 200, "language": 10}
RESOURCE_INPUT_FIELDS = (
    "kind",
    "title",
    "slug",
    "summary",
    "body",
    "audiences",
    "external_url",
    "licence",
    "language",
    "provenance",
    "source",
    "author",
    "reading_level",
)


def _apply_resource_data(resource: Resource, data: dict, errors: _Errors) -> None:
    """Validate and sanitise ``data`` onto ``resource`` (unsaved). Only keys present change."""
    if "kind" in data:
        resource.kind = _choice(errors, "kind", data["kind"], ResourceKind, "Type de ressource") or resource.kind
    if "title" in data:
        title = plain_text(data["title"], multiline=False)
        if not title:
            errors.add("title", "REQUIRED", "Donnez un titre à la ressource.")
        elif len(title) > 200:
            errors.add("title", "INVALID", "Le titre ne doit pas dépasser 200 caractères.")
        resource.title = title
    if "summary" in data:
        resource.summary = plain_text(data["summary"], multiline=True)
    if "body" in data:
        resource.body = clean_html(data["body"] or "")
    if "audiences" in data:
        audiences = []
        for value in data["audiences"] or []:
            value = _choice(errors, "audiences", value, Audience, "Public")
            if value and value not in audiences:
                audiences.append(value)
        resource.audiences = audiences
    if "external_url" in data:
        url = (data["external_url"] or "").strip()
        if url:
            try:
                _url_validator(url)
            except ValidationError:
                errors.add("external_url", "INVALID", "Adresse web invalide (http ou https).")
            if len(url) > 500:
                errors.add("external_url", "INVALID", "L'adresse web ne doit pas dépasser 500 caractères.")
        resource.external_url = url
    for name in ("licence", "source", "author"):
        if name in data:
            value = plain_text(data[name], multiline=False)
            if len(value) > RESOURCE_TEXT_LIMITS[name]:
                errors.add(name, "INVALID", f"Ce champ ne doit pas dépasser {RESOURCE_TEXT_LIMITS[name]} caractères.")
            setattr(resource, name, value)
    if "language" in data:
        language = (data["language"] or "").strip() or "fr"
        if not LANGUAGE_RE.match(language) or len(language) > 10:
            errors.add("language", "INVALID", "Code de langue invalide (BCP 47, par exemple « fr » ou « fr-FR »).")
        resource.language = language
    if "provenance" in data:
        resource.provenance = (
            _choice(errors, "provenance", data["provenance"], Provenance, "Provenance") or resource.provenance
        )
    if "reading_level" in data:
        resource.reading_level = (
            _choice(errors, "reading_level", data["reading_level"], ReadingLevel, "Niveau de lecture")
            or resource.reading_level
        )
    if "slug" in data and data["slug"]:
        resource.slug = _check_slug(errors, Resource, data["slug"], exclude_pk=resource.pk) or resource.slug
    if "status" in data:
        resource.status = (
            _choice(errors, "status", data["status"], PublicationStatus, "État de publication") or resource.status
        )
    if "publish_at" in data:
        resource.publish_at = data["publish_at"]
    # Cross-field rules.
    if resource.kind == ResourceKind.LINK and not resource.external_url:
        errors.add("external_url", "REQUIRED", "Une ressource de type lien a besoin d'une adresse web.")


def _resolve_themes(errors: _Errors, themes) -> list[Theme] | None:
    """Theme objects for ``themes`` (objects or primary keys); None when not given."""
    if themes is None:
        return None
    objs = [t for t in themes if isinstance(t, Theme)]
    pks = {str(t) for t in themes if not isinstance(t, Theme)}
    if pks:
        rows = list(Theme.objects.filter(pk__in=[pk for pk in pks if pk.isdigit()]))
        if len(rows) != len(pks):
            errors.add("themes", "NOT_FOUND", "Un des thèmes n'existe pas dans cet espace.")
            return None
        objs.extend(rows)
    return list({t.pk: t for t in objs}.values())


def _set_phases(resource: Resource, phases, *, actor=None) -> None:
    """Link the resource to exactly these phases (``cycle.PhaseResource``), keeping positions.

    A phase's revisions include its resource links, so each phase whose links change here gets a
    revision too: restoring its latest revision must not drop a link made from the resource side.
    """
    from imedia_core.cycle.models import Phase, PhaseResource
    from imedia_core.cycle.services import record_phase_revision

    wanted = {phase.pk: phase for phase in phases}
    existing = set(PhaseResource.objects.filter(resource=resource).values_list("phase_id", flat=True))
    removed = existing - wanted.keys()
    added = wanted.keys() - existing
    PhaseResource.objects.filter(resource=resource, phase_id__in=removed).delete()
    for pk in added:
        last = PhaseResource.objects.filter(phase_id=pk).order_by("-position").values_list("position", flat=True)
        position = (last.first() + 1) if last.exists() else 0
        PhaseResource.objects.create(phase_id=pk, resource=resource, position=position)
    for phase in Phase.objects.filter(pk__in=added | removed).order_by("pk"):
        change = "liée" if phase.pk in added else "retirée"
        record_phase_revision(
            phase, actor=actor, summary=f"Ressource « {resource.title} » {change} (depuis la ressource)"
        )


def _resolve_phases(errors: _Errors, phases):
    if phases is None:
        return None
    from imedia_core.cycle.models import Phase

    objs, pks = [], set()
    for phase in phases:
        if hasattr(phase, "pk"):
            objs.append(phase)
        else:
            pks.add(str(phase))
    if pks:
        clean = {pk for pk in pks if pk.isdigit()}
        rows = list(Phase.objects.filter(pk__in=clean))
        if len(rows) != len(pks):
            errors.add("phases", "NOT_FOUND", "Une des phases n'existe pas dans cet espace.")
            return None
        objs.extend(rows)
    return objs


def _sync_publication_dates(resource: Resource) -> None:
    stamp_first_publication(resource)


def _emit_published(resource: Resource, actor) -> None:
    """The ``resource.published`` domain event, for a resource that was not published before
    (call it inside the transaction that publishes). Ids and non-personal fields only."""
    emit(
        "resource.published",
        {
            "id": resource.pk,
            "slug": resource.slug,
            "title": resource.title,
            "kind": resource.kind,
            "publishAt": resource.publish_at.isoformat() if resource.publish_at else None,
            "adaptedFromPracticeId": resource.adapted_from_practice_id,
        },
        subject=resource,
        actor=actor,
    )


def _save(
    resource: Resource, theme_objs, phase_objs, *, actor, via: str, note: str, was_published: bool = True
) -> Resource:
    created = resource.pk is None
    if not resource.slug:
        resource.slug = _unique_slug(Resource, resource.title, exclude_pk=resource.pk)
    _sync_publication_dates(resource)
    with transaction.atomic():
        _save_unique(resource)
        if theme_objs is not None:
            resource.themes.set(theme_objs)
        if phase_objs is not None:
            _set_phases(resource, phase_objs, actor=actor)
        record_revision(resource, actor=actor, summary=note or ("Création" if created else "Modification"))
        action = "resource.created" if created else "resource.updated"
        record(action, summary=resource.title, target=resource, actor=actor, via=via)
        if not was_published and resource.status == PublicationStatus.PUBLISHED:
            _emit_published(resource, actor)
    return resource


def resource_errors(resource: Resource, *, themes=None, phases=None) -> list[dict]:
    """What ``save_resource`` would refuse in ``resource`` as it stands (nothing is saved; the
    instance is left as it was). For forms that validate before saving."""
    import copy

    probe = copy.copy(resource)
    errors = _Errors()
    data = {name: getattr(probe, name) for name in RESOURCE_INPUT_FIELDS if name != "slug"}
    data["status"] = probe.status
    if probe.slug:
        data["slug"] = probe.slug
    _apply_resource_data(probe, data, errors)
    _resolve_themes(errors, themes)
    _resolve_phases(errors, phases)
    return errors.items


def save_resource(
    resource: Resource,
    *,
    themes: Iterable | None = None,
    phases: Iterable | None = None,
    actor=None,
    via: str = "",
    note: str = "",
) -> Resource:
    """Save an instance already carrying its new values (the admin's path): validate and
    sanitise them, fill in the slug, save, set themes/phases when given, record a revision
    and an audit entry."""
    errors = _Errors()
    # The admin may set the status directly: a change to "published" is a publication event.
    previous = Resource.objects.filter(pk=resource.pk).values_list("status", flat=True).first() if resource.pk else None
    data = {name: getattr(resource, name) for name in RESOURCE_INPUT_FIELDS if name != "slug"}
    data["status"] = resource.status
    if resource.slug:
        data["slug"] = resource.slug
    _apply_resource_data(resource, data, errors)
    theme_objs = _resolve_themes(errors, themes)
    phase_objs = _resolve_phases(errors, phases)
    errors.raise_if_any()
    return _save(
        resource,
        theme_objs,
        phase_objs,
        actor=actor,
        via=via,
        note=note,
        was_published=previous == PublicationStatus.PUBLISHED,
    )


def create_resource(data: dict, *, actor=None, via: str = "") -> Resource:
    """Create a draft resource. ``data`` uses model field names; ``themes`` (Theme objects or
    primary keys) and ``phases`` (Phase objects or primary keys) are optional."""
    errors = _Errors()
    data = dict(data)
    themes, phases = data.pop("themes", None), data.pop("phases", None)
    note = data.pop("note", "")
    for name in ("kind", "title"):
        if not data.get(name):
            errors.add(name, "REQUIRED", "Ce champ est obligatoire.")
    errors.raise_if_any()
    resource = Resource(status=PublicationStatus.DRAFT)
    _apply_resource_data(resource, {k: v for k, v in data.items() if k in RESOURCE_INPUT_FIELDS}, errors)
    theme_objs = _resolve_themes(errors, themes)
    phase_objs = _resolve_phases(errors, phases)
    errors.raise_if_any()
    return _save(resource, theme_objs, phase_objs, actor=actor, via=via, note=note)


def update_resource(resource: Resource, data: dict, *, actor=None, via: str = "") -> Resource:
    """Change the given fields (model names; absent keys stay as they are)."""
    errors = _Errors()
    data = dict(data)
    themes, phases = data.pop("themes", None), data.pop("phases", None)
    note = data.pop("note", "")
    _apply_resource_data(resource, {k: v for k, v in data.items() if k in RESOURCE_INPUT_FIELDS}, errors)
    theme_objs = _resolve_themes(errors, themes)
    phase_objs = _resolve_phases(errors, phases)
    errors.raise_if_any()
    return _save(resource, theme_objs, phase_objs, actor=actor, via=via, note=note)


def publish_resource(resource: Resource, *, publish_at: datetime | None = None, actor=None, via: str = "") -> Resource:
    """Publish now, schedule (future ``publish_at``) or backdate (past one): ``mark_published``."""
    now = timezone.now()
    _check_publishable(resource)
    was_published = resource.status == PublicationStatus.PUBLISHED
    scheduled = mark_published(resource, publish_at, now)
    with transaction.atomic():
        resource.save()
        when = f" (programmée le {timezone.localtime(publish_at):%d/%m/%Y %H:%M})" if scheduled else ""
        record_revision(resource, actor=actor, summary=f"Publication{when}")
        record(
            "resource.scheduled" if scheduled else "resource.published",
            summary=f"{resource.title}{when}",
            target=resource,
            actor=actor,
            via=via,
        )
        if not was_published:
            _emit_published(resource, actor)
    return resource


def schedule_resource(resource: Resource, publish_at: datetime, *, actor=None, via: str = "") -> Resource:
    """Publish at a future date; the resource stays invisible to readers until then."""
    if publish_at is None or require_time_zone(publish_at) <= timezone.now():
        raise LibraryValidationError.single("INVALID", "La date de publication doit être dans le futur.", "publishAt")
    return publish_resource(resource, publish_at=publish_at, actor=actor, via=via)


def _check_publishable(resource: Resource) -> None:
    errors = _Errors()
    if not resource.title:
        errors.add("title", "REQUIRED", "Une ressource sans titre ne peut pas être publiée.")
    errors.raise_if_any()


def archive_resource(resource: Resource, *, actor=None, via: str = "") -> Resource:
    """Withdraw from readers; staff still see it and may publish it again."""
    resource.status = PublicationStatus.ARCHIVED
    with transaction.atomic():
        resource.save()
        record_revision(resource, actor=actor, summary="Archivage")
        record("resource.archived", summary=resource.title, target=resource, actor=actor, via=via)
    return resource


def unpublish_resource(resource: Resource, *, actor=None, via: str = "") -> Resource:
    """Back to draft (a scheduled publication is cancelled)."""
    resource.status = PublicationStatus.DRAFT
    resource.publish_at = None
    with transaction.atomic():
        resource.save()
        record_revision(resource, actor=actor, summary="Retour en brouillon")
        record("resource.unpublished", summary=resource.title, target=resource, actor=actor, via=via)
    return resource


def delete_resource(resource: Resource, *, actor=None, via: str = "") -> None:
    """Delete the resource, its files (from storage, once committed) and its revisions."""
    from .uploads import delete_stored_file_on_commit

    names = list(resource.files.values_list("file", flat=True))
    with transaction.atomic():
        record("resource.deleted", summary=resource.title, target=resource, actor=actor, via=via)
        revisions_of(resource).delete()
        resource.delete()
        for name in names:
            delete_stored_file_on_commit(name)


def restore_resource_revision(resource: Resource, number: int, *, actor=None, via: str = "") -> Resource:
    """Bring back the state saved as revision ``number`` (recorded as a new revision)."""
    revision = revisions_of(resource).filter(number=number).first()
    if revision is None:
        raise LibraryValidationError.single("NOT_FOUND", f"Aucune version n° {number} de cette ressource.", "number")
    data = dict(revision.data)
    # Never trust stored content: sanitise what comes back, and keep slugs unique.
    if "body" in data:
        data["body"] = clean_html(data["body"] or "")
    slug = data.get("slug")
    if slug and Resource.objects.filter(slug=slug).exclude(pk=resource.pk).exists():
        raise LibraryValidationError.single(
            "UNIQUE", f"L'identifiant « {slug} » de cette version est pris par une autre ressource.", "number"
        )
    revision.data = data
    was_published = resource.status == PublicationStatus.PUBLISHED
    with transaction.atomic():
        restore_revision(resource, revision, actor=actor)
        if not was_published and resource.status == PublicationStatus.PUBLISHED:
            _emit_published(resource, actor)
        record(
            "resource.revision_restored",
            summary=f"{resource.title} (version {number})",
            target=resource,
            actor=actor,
            via=via,
        )
    resource.refresh_from_db()
    return resource


def delete_file(resource_file: ResourceFile, *, actor=None, via: str = "") -> None:
    """Remove a file from its resource; the stored content goes once the change is committed."""
    from .uploads import delete_stored_file_on_commit

    name = resource_file.file.name
    with transaction.atomic():
        record(
            "resource.file_deleted",
            summary=f"{resource_file.resource.title} : {resource_file.original_name}",
            target=resource_file.resource,
            actor=actor,
            via=via,
        )
        resource_file.delete()
        delete_stored_file_on_commit(name)


# --- adaptation from the good-practice commons -----------------------------------------------


def create_adapted_resource(
    data: dict,
    *,
    practice_id: int,
    programme: str,
    lineage_label: str,
    theme_labels: Iterable[str] = (),
    actor=None,
    via: str = "",
) -> Resource:
    """Create, in the current (adopting) tenant, a draft resource adapted from commons practice
    ``practice_id``, shared by ``programme``. ``data`` holds the snapshot (model field names);
    the lineage is persisted on the resource so it survives the practice's withdrawal. Theme
    labels become this programme's themes only where a theme of the same name exists here
    (case and accents ignored): adapting never adds to another programme's taxonomy."""
    wanted = {slugify(label) for label in theme_labels if slugify(label)}
    themes = [theme for theme in Theme.objects.all() if slugify(theme.name) in wanted or theme.slug in wanted]
    resource = create_resource(
        {
            **data,
            "provenance": Provenance.ADAPTED,
            "themes": themes,
            "note": "Adaptation depuis les communs",
        },
        actor=actor,
        via=via,
    )
    resource.adapted_from_practice_id = practice_id
    resource.adapted_from_programme = programme[:200]
    resource.lineage_label = lineage_label[:500]
    resource.adapted_at = timezone.now()
    resource.save(update_fields=["adapted_from_practice_id", "adapted_from_programme", "lineage_label", "adapted_at"])
    return resource


# --- themes ------------------------------------------------------------------------------


def _apply_theme_data(theme: Theme, data: dict, errors: _Errors) -> None:
    if "name" in data:
        name = plain_text(data["name"], multiline=False)
        if not name:
            errors.add("name", "REQUIRED", "Donnez un nom au thème.")
        elif len(name) > 120:
            errors.add("name", "INVALID", "Le nom ne doit pas dépasser 120 caractères.")
        theme.name = name
    if "description" in data:
        theme.description = plain_text(data["description"], multiline=True)
    if data.get("slug"):
        theme.slug = _check_slug(errors, Theme, data["slug"], exclude_pk=theme.pk, max_length=120) or theme.slug


def save_theme(theme: Theme, *, actor=None, via: str = "") -> Theme:
    errors = _Errors()
    created = theme.pk is None
    data = {"name": theme.name, "description": theme.description}
    if theme.slug:
        data["slug"] = theme.slug
    _apply_theme_data(theme, data, errors)
    errors.raise_if_any()
    if not theme.slug:
        theme.slug = _unique_slug(Theme, theme.name, exclude_pk=theme.pk, max_length=120, fallback="theme")
    with transaction.atomic():
        _save_unique(theme)
        record("theme.created" if created else "theme.updated", summary=theme.name, target=theme, actor=actor, via=via)
    return theme


def create_theme(data: dict, *, actor=None, via: str = "") -> Theme:
    errors = _Errors()
    if not plain_text(data.get("name"), multiline=False):
        errors.add("name", "REQUIRED", "Donnez un nom au thème.")
    theme = Theme()
    _apply_theme_data(theme, data, errors)
    errors.raise_if_any()
    return save_theme(theme, actor=actor, via=via)


def update_theme(theme: Theme, data: dict, *, actor=None, via: str = "") -> Theme:
    errors = _Errors()
    _apply_theme_data(theme, data, errors)
    errors.raise_if_any()
    return save_theme(theme, actor=actor, via=via)


def delete_theme(theme: Theme, *, actor=None, via: str = "") -> None:
    """Delete a theme; its resources stay, without it."""
    with transaction.atomic():
        record("theme.deleted", summary=theme.name, target=theme, actor=actor, via=via)
        theme.delete()
