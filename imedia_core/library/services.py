"""Business rules of the resource centre: every write goes through here (GraphQL, REST, admin,
the commons, demo seeds).

Each function takes the caller's ``ServiceContext`` first, validates its input, sanitises text
(rich text with ``clean_html``, plain-text fields with tags stripped), saves, records a revision
of the saved state, and writes its audit entry and domain event together (``changed``). Invalid
input raises ``ServiceError`` (a list of ``{field, code, message}``, fields named as in the API)
before anything is written; callers run inside a transaction so a refusal changes nothing.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from imedia_core.changes import changed
from imedia_core.content.models import PublicationStatus, mark_published, require_time_zone, stamp_first_publication
from imedia_core.content.revisions import record_revision, restore_revision, revisions_of
from imedia_core.content.sanitize import clean_html, plain_text
from imedia_core.context import ServiceContext
from imedia_core.cycle.models import Phase, PhaseResource
from imedia_core.errors import ErrorCollector, ServiceError

from .models import Audience, Provenance, ReadingLevel, Resource, ResourceFile, ResourceKind, Theme
from .uploads import delete_stored_file_on_commit

# Field names as the APIs spell them (camelCase), for errors.
API_NAMES = {
    "external_url": "externalUrl",
    "reading_level": "readingLevel",
    "publish_at": "publishAt",
}
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_url_validator = URLValidator(schemes=["http", "https"])


def _errors() -> ErrorCollector:
    return ErrorCollector(field_names=API_NAMES)


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


def _check_slug(errors: ErrorCollector, model, slug: str, *, exclude_pk=None, max_length: int = 200) -> str | None:
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
        raise ServiceError.single("UNIQUE", f"L'identifiant « {obj.slug} » est déjà utilisé.", "slug") from exc


def _choice(errors, field, value, choices, label):
    value = getattr(value, "value", value)
    if value not in choices.values:
        errors.add(field, "INVALID", f"{label} inconnu·e : « {value} ».")
        return None
    return value


# --- resources: one step per input field ------------------------------------------------------

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

# A step validates and sanitises one input value onto the (unsaved) resource.
FieldStep = Callable[[Resource, object, ErrorCollector], None]


def _choice_step(name: str, choices, label: str) -> FieldStep:
    """An enumerated field: an unknown value is INVALID and leaves the field as it was."""

    def apply(resource, value, errors):
        setattr(resource, name, _choice(errors, name, value, choices, label) or getattr(resource, name))

    return apply


def _limited_text_step(name: str) -> FieldStep:
    """A one-line plain-text field no longer than ``RESOURCE_TEXT_LIMITS[name]``."""

    def apply(resource, value, errors):
        text = plain_text(value, multiline=False)
        if len(text) > RESOURCE_TEXT_LIMITS[name]:
            errors.add(name, "INVALID", f"Ce champ ne doit pas dépasser {RESOURCE_TEXT_LIMITS[name]} caractères.")
        setattr(resource, name, text)

    return apply


def _apply_title(resource: Resource, value, errors: ErrorCollector) -> None:
    title = plain_text(value, multiline=False)
    if not title:
        errors.add("title", "REQUIRED", "Donnez un titre à la ressource.")
    elif len(title) > RESOURCE_TEXT_LIMITS["title"]:
        errors.add("title", "INVALID", "Le titre ne doit pas dépasser 200 caractères.")
    resource.title = title


def _apply_summary(resource: Resource, value, errors: ErrorCollector) -> None:
    resource.summary = plain_text(value, multiline=True)


def _apply_body(resource: Resource, value, errors: ErrorCollector) -> None:
    resource.body = clean_html(value or "")


def _apply_audiences(resource: Resource, values, errors: ErrorCollector) -> None:
    audiences = []
    for value in values or []:
        value = _choice(errors, "audiences", value, Audience, "Public")
        if value and value not in audiences:
            audiences.append(value)
    resource.audiences = audiences


def _apply_external_url(resource: Resource, value, errors: ErrorCollector) -> None:
    url = (value or "").strip()
    if url:
        try:
            _url_validator(url)
        except ValidationError:
            errors.add("external_url", "INVALID", "Adresse web invalide (http ou https).")
        if len(url) > 500:
            errors.add("external_url", "INVALID", "L'adresse web ne doit pas dépasser 500 caractères.")
    resource.external_url = url


def _apply_language(resource: Resource, value, errors: ErrorCollector) -> None:
    language = (value or "").strip() or "fr"
    if not LANGUAGE_RE.match(language) or len(language) > RESOURCE_TEXT_LIMITS["language"]:
        errors.add("language", "INVALID", "Code de langue invalide (BCP 47, par exemple « fr » ou « fr-FR »).")
    resource.language = language


def _apply_slug(resource: Resource, value, errors: ErrorCollector) -> None:
    if value:  # a blank slug is made from the title when saving
        resource.slug = _check_slug(errors, Resource, value, exclude_pk=resource.pk) or resource.slug


def _apply_publish_at(resource: Resource, value, errors: ErrorCollector) -> None:
    resource.publish_at = value


# In this order, so that errors come out in the order of the form.
RESOURCE_FIELD_STEPS: tuple[tuple[str, FieldStep], ...] = (
    ("kind", _choice_step("kind", ResourceKind, "Type de ressource")),
    ("title", _apply_title),
    ("summary", _apply_summary),
    ("body", _apply_body),
    ("audiences", _apply_audiences),
    ("external_url", _apply_external_url),
    ("licence", _limited_text_step("licence")),
    ("source", _limited_text_step("source")),
    ("author", _limited_text_step("author")),
    ("language", _apply_language),
    ("provenance", _choice_step("provenance", Provenance, "Provenance")),
    ("reading_level", _choice_step("reading_level", ReadingLevel, "Niveau de lecture")),
    ("slug", _apply_slug),
    ("status", _choice_step("status", PublicationStatus, "État de publication")),
    ("publish_at", _apply_publish_at),
)


def _apply_resource_data(resource: Resource, data: dict, errors: ErrorCollector) -> None:
    """Validate and sanitise ``data`` onto ``resource`` (unsaved). Only keys present change."""
    for name, step in RESOURCE_FIELD_STEPS:
        if name in data:
            step(resource, data[name], errors)
    if resource.kind == ResourceKind.LINK and not resource.external_url:
        errors.add("external_url", "REQUIRED", "Une ressource de type lien a besoin d'une adresse web.")


def _resolve_themes(errors: ErrorCollector, themes) -> list[Theme] | None:
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


def _set_phases(ctx: ServiceContext, resource: Resource, phases) -> None:
    """Link the resource to exactly these phases (``cycle.PhaseResource``), keeping positions.

    A phase's revisions include its resource links, so each phase whose links change here gets a
    revision too: restoring its latest revision must not drop a link made from the resource side.
    """
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
        # A revision of each phase concerned (its links are part of its revisions), so restoring a
        # phase's latest revision keeps the link made from the resource side.
        record_revision(phase, actor=ctx.actor, summary=f"Ressource « {resource.title} » {change} (depuis la ressource)")


def _resolve_phases(errors: ErrorCollector, phases):
    if phases is None:
        return None
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


# --- what each change tells subscribers ---------------------------------------------------------


def _resource_payload(resource: Resource) -> dict:
    """Ids and non-personal fields of a resource, for its events."""
    return {"slug": resource.slug, "title": resource.title, "status": str(resource.status)}


def _published(ctx: ServiceContext, resource: Resource, *, summary: str | None = None, audit: bool = True) -> None:
    """The ``resource.published`` event (its payload is a published contract: keep it as is), for
    a resource readers could not see before (call it inside the transaction that publishes)."""
    changed(
        ctx,
        "resource.published",
        resource,
        payload={
            "id": resource.pk,
            "slug": resource.slug,
            "title": resource.title,
            "kind": resource.kind,
            "publishAt": resource.publish_at.isoformat() if resource.publish_at else None,
            "adaptedFromPracticeId": resource.adapted_from_practice_id,
        },
        summary=summary,
        audit=audit,
    )


def _save(
    ctx: ServiceContext, resource: Resource, theme_objs, phase_objs, *, note: str, was_published: bool = True
) -> Resource:
    created = resource.pk is None
    if not resource.slug:
        resource.slug = _unique_slug(Resource, resource.title, exclude_pk=resource.pk)
    stamp_first_publication(resource)
    with transaction.atomic():
        _save_unique(resource)
        if theme_objs is not None:
            resource.themes.set(theme_objs)
        if phase_objs is not None:
            _set_phases(ctx, resource, phase_objs)
        record_revision(resource, actor=ctx.actor, summary=note or ("Création" if created else "Modification"))
        action = "resource.created" if created else "resource.updated"
        changed(ctx, action, resource, payload=_resource_payload(resource))
        if not was_published and resource.status == PublicationStatus.PUBLISHED:
            # The audit entry above already says what changed; subscribers learn of the publication.
            _published(ctx, resource, audit=False)
    return resource


def _data_of(resource: Resource) -> dict:
    """An instance's current input values, as ``_apply_resource_data`` takes them."""
    data = {name: getattr(resource, name) for name in RESOURCE_INPUT_FIELDS if name != "slug"}
    data["status"] = resource.status
    if resource.slug:
        data["slug"] = resource.slug
    return data


def resource_errors(resource: Resource, *, themes=None, phases=None) -> list[dict]:
    """What ``save_resource`` would refuse in ``resource`` as it stands (nothing is saved; the
    instance is left as it was). For forms that validate before saving."""
    probe = copy.copy(resource)
    errors = _errors()
    _apply_resource_data(probe, _data_of(probe), errors)
    _resolve_themes(errors, themes)
    _resolve_phases(errors, phases)
    return errors.errors


def save_resource(
    ctx: ServiceContext,
    resource: Resource,
    *,
    themes: Iterable | None = None,
    phases: Iterable | None = None,
    note: str = "",
) -> Resource:
    """Save an instance already carrying its new values (the admin's path): validate and
    sanitise them, fill in the slug, save, set themes/phases when given, record a revision
    and the change."""
    errors = _errors()
    # The admin may set the status directly: a change to "published" is a publication event.
    previous = Resource.objects.filter(pk=resource.pk).values_list("status", flat=True).first() if resource.pk else None
    _apply_resource_data(resource, _data_of(resource), errors)
    theme_objs = _resolve_themes(errors, themes)
    phase_objs = _resolve_phases(errors, phases)
    errors.raise_if_any()
    return _save(
        ctx, resource, theme_objs, phase_objs, note=note, was_published=previous == PublicationStatus.PUBLISHED
    )


def create_resource(ctx: ServiceContext, data: dict) -> Resource:
    """Create a draft resource. ``data`` uses model field names; ``themes`` (Theme objects or
    primary keys) and ``phases`` (Phase objects or primary keys) are optional."""
    errors = _errors()
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
    return _save(ctx, resource, theme_objs, phase_objs, note=note)


def update_resource(ctx: ServiceContext, resource: Resource, data: dict) -> Resource:
    """Change the given fields (model names; absent keys stay as they are)."""
    errors = _errors()
    data = dict(data)
    themes, phases = data.pop("themes", None), data.pop("phases", None)
    note = data.pop("note", "")
    _apply_resource_data(resource, {k: v for k, v in data.items() if k in RESOURCE_INPUT_FIELDS}, errors)
    theme_objs = _resolve_themes(errors, themes)
    phase_objs = _resolve_phases(errors, phases)
    errors.raise_if_any()
    return _save(ctx, resource, theme_objs, phase_objs, note=note)


def publish_resource(ctx: ServiceContext, resource: Resource, *, publish_at: datetime | None = None) -> Resource:
    """Publish now, schedule (future ``publish_at``) or backdate (past one): ``mark_published``.

    Subscribers get ``resource.published`` when readers could not see the resource before: a
    draft or archive published now or scheduled (``publishAt`` in the payload), or a scheduled
    publication brought forward. Scheduling also writes ``resource.scheduled``; publishing again
    what readers already see only moves its dates (``resource.updated``).
    """
    now = timezone.now()
    _check_publishable(resource)
    was_published, was_visible = resource.status == PublicationStatus.PUBLISHED, resource.is_visible
    scheduled = mark_published(resource, publish_at, now)
    when = f" (programmée le {timezone.localtime(publish_at):%d/%m/%Y %H:%M})" if scheduled else ""
    summary = f"{resource.title}{when}"
    with transaction.atomic():
        resource.save()
        record_revision(resource, actor=ctx.actor, summary=f"Publication{when}")
        if scheduled:
            changed(ctx, "resource.scheduled", resource, payload=_scheduled_payload(resource), summary=summary)
            if not was_published:
                _published(ctx, resource, audit=False)
        elif not was_visible:
            _published(ctx, resource, summary=summary)
        else:
            changed(ctx, "resource.updated", resource, payload=_resource_payload(resource), summary=summary)
    return resource


def _scheduled_payload(resource: Resource) -> dict:
    return {**_resource_payload(resource), "publishAt": resource.publish_at.isoformat()}


def schedule_resource(ctx: ServiceContext, resource: Resource, publish_at: datetime) -> Resource:
    """Publish at a future date; the resource stays invisible to readers until then."""
    if publish_at is None or require_time_zone(publish_at) <= timezone.now():
        raise ServiceError.single("INVALID", "La date de publication doit être dans le futur.", "publishAt")
    return publish_resource(ctx, resource, publish_at=publish_at)


def _check_publishable(resource: Resource) -> None:
    if not resource.title:
        raise ServiceError.single("REQUIRED", "Une ressource sans titre ne peut pas être publiée.", "title")


def archive_resource(ctx: ServiceContext, resource: Resource) -> Resource:
    """Withdraw from readers; staff still see it and may publish it again."""
    resource.status = PublicationStatus.ARCHIVED
    with transaction.atomic():
        resource.save()
        record_revision(resource, actor=ctx.actor, summary="Archivage")
        changed(ctx, "resource.archived", resource, payload=_resource_payload(resource))
    return resource


def unpublish_resource(ctx: ServiceContext, resource: Resource) -> Resource:
    """Back to draft (a scheduled publication is cancelled)."""
    resource.status = PublicationStatus.DRAFT
    resource.publish_at = None
    with transaction.atomic():
        resource.save()
        record_revision(resource, actor=ctx.actor, summary="Retour en brouillon")
        changed(ctx, "resource.unpublished", resource, payload=_resource_payload(resource))
    return resource


def delete_resource(ctx: ServiceContext, resource: Resource) -> None:
    """Delete the resource, its files (from storage, once committed) and its revisions."""
    names = list(resource.files.values_list("file", flat=True))
    with transaction.atomic():
        changed(ctx, "resource.deleted", resource, payload=_resource_payload(resource))
        revisions_of(resource).delete()
        resource.delete()
        for name in names:
            delete_stored_file_on_commit(name)


def restore_resource_revision(ctx: ServiceContext, resource: Resource, number: int) -> Resource:
    """Bring back the state saved as revision ``number`` (recorded as a new revision)."""
    revision = revisions_of(resource).filter(number=number).first()
    if revision is None:
        raise ServiceError.single("NOT_FOUND", f"Aucune version n° {number} de cette ressource.", "number")
    data = dict(revision.data)
    # Never trust stored content: sanitise what comes back, and keep slugs unique.
    if "body" in data:
        data["body"] = clean_html(data["body"] or "")
    slug = data.get("slug")
    if slug and Resource.objects.filter(slug=slug).exclude(pk=resource.pk).exists():
        raise ServiceError.single(
            "UNIQUE", f"L'identifiant « {slug} » de cette version est pris par une autre ressource.", "number"
        )
    revision.data = data
    was_published = resource.status == PublicationStatus.PUBLISHED
    with transaction.atomic():
        restore_revision(resource, revision, actor=ctx.actor)
        if not was_published and resource.status == PublicationStatus.PUBLISHED:
            _published(ctx, resource, audit=False)
        changed(
            ctx,
            "resource.revision_restored",
            resource,
            payload={**_resource_payload(resource), "number": number},
            summary=f"{resource.title} (version {number})",
        )
    resource.refresh_from_db()
    return resource


def delete_file(ctx: ServiceContext, resource_file: ResourceFile) -> None:
    """Remove a file from its resource; the stored content goes once the change is committed."""
    name = resource_file.file.name
    resource = resource_file.resource
    with transaction.atomic():
        changed(
            ctx,
            "resource.file_deleted",
            resource,
            payload={"fileId": resource_file.pk, "name": resource_file.original_name},
            summary=f"{resource.title} : {resource_file.original_name}",
        )
        resource_file.delete()
        delete_stored_file_on_commit(name)


# --- adaptation from the good-practice commons -----------------------------------------------


def create_adapted_resource(
    ctx: ServiceContext,
    data: dict,
    *,
    practice_id: int,
    programme: str,
    lineage_label: str,
    theme_labels: Iterable[str] = (),
) -> Resource:
    """Create, in the current (adopting) tenant, a draft resource adapted from commons practice
    ``practice_id``, shared by ``programme``. ``data`` holds the snapshot (model field names);
    the lineage is persisted on the resource so it survives the practice's withdrawal. Theme
    labels become this programme's themes only where a theme of the same name exists here
    (case and accents ignored): adapting never adds to another programme's taxonomy."""
    wanted = {slugify(label) for label in theme_labels if slugify(label)}
    themes = [theme for theme in Theme.objects.all() if slugify(theme.name) in wanted or theme.slug in wanted]
    resource = create_resource(
        ctx,
        {
            **data,
            "provenance": Provenance.ADAPTED,
            "themes": themes,
            "note": "Adaptation depuis les communs",
        },
    )
    resource.adapted_from_practice_id = practice_id
    resource.adapted_from_programme = programme[:200]
    resource.lineage_label = lineage_label[:500]
    resource.adapted_at = timezone.now()
    resource.save(update_fields=["adapted_from_practice_id", "adapted_from_programme", "lineage_label", "adapted_at"])
    return resource


# --- themes ------------------------------------------------------------------------------


def _theme_payload(theme: Theme) -> dict:
    return {"slug": theme.slug, "name": theme.name}


def _apply_theme_data(theme: Theme, data: dict, errors: ErrorCollector) -> None:
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


def save_theme(ctx: ServiceContext, theme: Theme) -> Theme:
    """Save an instance already carrying its new values (the admin's path), with the same rules."""
    errors = _errors()
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
        changed(ctx, "theme.created" if created else "theme.updated", theme, payload=_theme_payload(theme))
    return theme


def create_theme(ctx: ServiceContext, data: dict) -> Theme:
    errors = _errors()
    if not plain_text(data.get("name"), multiline=False):
        errors.add("name", "REQUIRED", "Donnez un nom au thème.")
    theme = Theme()
    _apply_theme_data(theme, data, errors)
    errors.raise_if_any()
    return save_theme(ctx, theme)


def update_theme(ctx: ServiceContext, theme: Theme, data: dict) -> Theme:
    errors = _errors()
    _apply_theme_data(theme, data, errors)
    errors.raise_if_any()
    return save_theme(ctx, theme)


def delete_theme(ctx: ServiceContext, theme: Theme) -> None:
    """Delete a theme; its resources stay, without it."""
    with transaction.atomic():
        changed(ctx, "theme.deleted", theme, payload=_theme_payload(theme))
        theme.delete()
