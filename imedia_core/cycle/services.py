"""The participation cycle's business rules: every change to a cycle, its phases, their items
and resource links goes through here (GraphQL mutations and the admin alike).

Each function validates its input and raises ``CycleServiceError`` (a stable code, a French
message, the field concerned) before writing anything; callers run it in a transaction, so a
refusal changes nothing. Rich text is sanitised on the way in, every change to a phase records
a revision of the phase *with its items and resource links*, and every change is journaled.
Permissions are the caller's business (GraphQL's ``BaseMutation``, the admin's role checks).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from imedia_core.audit.log import record
from imedia_core.content.models import PublicationStatus, Revision, mark_published, stamp_first_publication
from imedia_core.content.revisions import record_revision, revisions_of
from imedia_core.content.sanitize import clean_html, plain_text
from imedia_core.errors import ServiceError
from imedia_core.library.models import Resource

from .models import Cycle, Phase, PhaseItem, PhaseItemKind, PhaseResource

TITLE_MAX = 200
SLUG_MAX = 120
NOTE_MAX = 300
CYCLE_NAME_MAX = 200
SLUG_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*\Z")
# The order kinds are shown in when a phase's items are listed together.
KIND_ORDER = {kind: index for index, kind in enumerate(PhaseItemKind.values)}


class CycleServiceError(ServiceError):
    """A refused change to the cycle (``code`` from ``CycleErrorCode``, ``field`` snake_case)."""

    def __init__(self, code: str, message: str, field: str | None = None):
        super().__init__([{"field": field, "code": code, "message": message}])


# --- validation ------------------------------------------------------------------------------


def _title(value, field="title", limit=TITLE_MAX) -> str:
    value = plain_text(value, multiline=False)
    if not value:
        raise CycleServiceError("REQUIRED", "Le titre est obligatoire.", field)
    if len(value) > limit:
        raise CycleServiceError("INVALID", f"Le titre ne doit pas dépasser {limit} caractères.", field)
    return value


def _slug(value) -> str:
    value = (value or "").strip()
    if not value:
        raise CycleServiceError("REQUIRED", "L'identifiant (slug) est obligatoire.", "slug")
    if len(value) > SLUG_MAX or not SLUG_RE.match(value):
        raise CycleServiceError(
            "INVALID",
            f"L'identifiant (slug) ne contient que des minuscules sans accent, des chiffres et des tirets "
            f"({SLUG_MAX} caractères au plus).",
            "slug",
        )
    return value


def _plain(value) -> str:
    return plain_text(value, multiline=True)


def _dates(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on is not None and ends_on is not None and ends_on < starts_on:
        raise CycleServiceError("DATES_OUT_OF_ORDER", "La fin de la phase précède son début.", "ends_on")


def _slug_free(cycle_id: int, slug: str, exclude_pk=None) -> None:
    taken = Phase.objects.filter(cycle_id=cycle_id, slug=slug)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise CycleServiceError("UNIQUE", f"Une autre phase de ce cycle a déjà l'identifiant « {slug} ».", "slug")


def _unique_slug(cycle_id: int, title: str) -> str:
    base = (slugify(title) or "phase")[: SLUG_MAX - 4].strip("-") or "phase"
    taken = set(Phase.objects.filter(cycle_id=cycle_id, slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _kind(value) -> str:
    value = getattr(value, "value", value)
    if value not in PhaseItemKind.values:
        raise CycleServiceError("INVALID", f"Type d'élément inconnu « {value} ».", "kind")
    return value


def _renumber(objects) -> None:
    """Give ``objects`` (in their new order) positions 0..n-1, writing only what changed."""
    changed = []
    for index, obj in enumerate(objects):
        if obj.position != index:
            obj.position = index
            changed.append(obj)
    if changed:
        type(changed[0]).objects.bulk_update(changed, ["position"])


def _insert(siblings: list, obj, position: int | None) -> None:
    if position is not None and position < 0:
        raise CycleServiceError("INVALID", "La position ne peut pas être négative.", "position")
    index = len(siblings) if position is None else min(position, len(siblings))
    siblings.insert(index, obj)


def _ordered_by_ids(current: list, ids: list, field: str, what: str) -> list:
    """``current`` objects reordered as ``ids`` (primary keys) says; ``ids`` must name each once."""
    by_pk = {obj.pk: obj for obj in current}
    if len(ids) != len(set(ids)) or set(ids) != set(by_pk):
        raise CycleServiceError(
            "INVALID_ORDER", f"La liste doit nommer chacun·e des {what} exactement une fois.", field
        )
    return [by_pk[pk] for pk in ids]


# --- revisions -------------------------------------------------------------------------------


def record_phase_revision(phase: Phase, *, actor=None, summary: str = "") -> Revision:
    """Record a revision of ``phase`` as it is now (``Phase.revision_extra``: items and links)."""
    return record_revision(phase, actor=actor, summary=summary)


def phase_revisions(phase: Phase):
    """The phase's revisions, newest first."""
    return revisions_of(phase).order_by("-number")


def find_phase_revision(phase: Phase, *, revision_id=None, number=None) -> Revision:
    revisions = revisions_of(phase)
    revision = None
    if revision_id is not None:
        revision = revisions.filter(pk=revision_id).first()
    elif number is not None:
        revision = revisions.filter(number=number).first()
    if revision is None:
        raise CycleServiceError(
            "NOT_FOUND", "Cette phase n'a pas de version ainsi désignée.", "revision_id" if number is None else "number"
        )
    return revision


def restore_phase_revision(phase: Phase, revision: Revision, *, actor=None, via: str = "") -> Revision:
    """Write ``revision`` back onto ``phase``: its fields, its items (IDs kept where the item still
    exists) and its resource links (to resources that still exist). Recorded as a new revision."""
    if revision.object_id != phase.pk or not revisions_of(phase).filter(pk=revision.pk).exists():
        raise CycleServiceError("NOT_FOUND", "Cette version n'appartient pas à cette phase.", "revision_id")
    data = revision.data
    for name in Phase.REVISION_FIELDS:
        if name in data:
            model_field = Phase._meta.get_field(name)
            setattr(phase, model_field.attname, model_field.to_python(data[name]))
    phase.slug = _slug(phase.slug)
    phase.title = _title(phase.title)
    phase.body = clean_html(phase.body)
    _slug_free(phase.cycle_id, phase.slug, exclude_pk=phase.pk)
    _dates(phase.starts_on, phase.ends_on)
    if phase.status == PublicationStatus.PUBLISHED and phase.published_at is None:
        phase.published_at = timezone.now()
    phase.save()

    if "items" in data:
        existing = {item.pk: item for item in PhaseItem.objects.filter(phase=phase)}
        kept, created = [], []
        for entry in data["items"]:
            values = {
                "kind": _kind(entry["kind"]),
                "position": entry.get("position", 0),
                "title": entry.get("title", "")[:TITLE_MAX],
                "summary": entry.get("summary", ""),
                "body": clean_html(entry.get("body", "")),
            }
            item = existing.pop(entry.get("id"), None)
            if item is None:
                created.append(PhaseItem(phase=phase, **values))
            else:
                for name, value in values.items():
                    setattr(item, name, value)
                kept.append(item)
        if existing:
            PhaseItem.objects.filter(pk__in=list(existing)).delete()
        if kept:
            PhaseItem.objects.bulk_update(kept, ["kind", "position", "title", "summary", "body"])
        PhaseItem.objects.bulk_create(created)

    if "resources" in data:
        PhaseResource.objects.filter(phase=phase).delete()
        alive = set(
            Resource.objects.filter(pk__in=[e["resource"] for e in data["resources"]]).values_list("pk", flat=True)
        )
        links = [entry for entry in data["resources"] if entry["resource"] in alive]
        PhaseResource.objects.bulk_create(
            PhaseResource(phase=phase, resource_id=entry["resource"], position=index, note=entry.get("note", ""))
            for index, entry in enumerate(links)
        )

    new = record_phase_revision(phase, actor=actor, summary=f"Restauration de la version {revision.number}")
    _journal("phase.restored", f"Phase « {phase.title} » : version {revision.number} restaurée", phase, actor, via)
    return new


def _journal(action: str, summary: str, target, actor, via: str) -> None:
    record(action, summary=summary, target=target, actor=actor, via=via)


# --- cycles ----------------------------------------------------------------------------------


def active_cycle() -> Cycle | None:
    return Cycle.objects.filter(is_active=True).first()


def update_cycle(cycle: Cycle, *, actor=None, via: str = "", **changes) -> Cycle:
    """Change a cycle's ``name`` and/or ``description`` (sanitised HTML)."""
    if "name" in changes:
        cycle.name = _title(changes["name"], "name", CYCLE_NAME_MAX)
    if "description" in changes:
        cycle.description = clean_html(changes["description"])
    cycle.save()
    _journal("cycle.updated", f"Cycle « {cycle.name} »", cycle, actor, via)
    return cycle


# --- phases ----------------------------------------------------------------------------------


def create_phase(
    cycle: Cycle,
    *,
    title: str,
    slug: str | None = None,
    summary: str = "",
    body: str = "",
    starts_on: date | None = None,
    ends_on: date | None = None,
    position: int | None = None,
    actor=None,
    via: str = "",
) -> Phase:
    """Add a draft phase to ``cycle``, at ``position`` (default: last)."""
    title = _title(title)
    if slug:
        slug = _slug(slug)
        _slug_free(cycle.pk, slug)
    else:
        slug = _unique_slug(cycle.pk, title)
    _dates(starts_on, ends_on)
    siblings = list(Phase.objects.select_for_update().filter(cycle=cycle).order_by("position", "id"))
    phase = Phase(
        cycle=cycle,
        title=title,
        slug=slug,
        summary=_plain(summary),
        body=clean_html(body),
        starts_on=starts_on,
        ends_on=ends_on,
        position=len(siblings),
        status=PublicationStatus.DRAFT,
    )
    phase.save()
    _insert(siblings, phase, position)
    _renumber(siblings)
    record_phase_revision(phase, actor=actor, summary="Création")
    _journal("phase.created", f"Phase « {title} »", phase, actor, via)
    return phase


PHASE_EDITABLE = ("title", "slug", "summary", "body", "starts_on", "ends_on")


def update_phase(phase: Phase, *, actor=None, via: str = "", revision_summary: str = "", **changes) -> Phase:
    """Change any of ``PHASE_EDITABLE``; omitted fields stay as they are."""
    unknown = set(changes) - set(PHASE_EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    if "title" in changes:
        phase.title = _title(changes["title"])
    if "slug" in changes:
        phase.slug = _slug(changes["slug"])
        _slug_free(phase.cycle_id, phase.slug, exclude_pk=phase.pk)
    if "summary" in changes:
        phase.summary = _plain(changes["summary"])
    if "body" in changes:
        phase.body = clean_html(changes["body"])
    if "starts_on" in changes:
        phase.starts_on = changes["starts_on"]
    if "ends_on" in changes:
        phase.ends_on = changes["ends_on"]
    _dates(phase.starts_on, phase.ends_on)
    phase.save()
    record_phase_revision(phase, actor=actor, summary=revision_summary or "Modification")
    _journal("phase.updated", f"Phase « {phase.title} »", phase, actor, via)
    return phase


def delete_phase(phase: Phase, *, actor=None, via: str = "") -> None:
    """Delete a phase with its items and links (resources stay in the resource centre)."""
    title, cycle_id = phase.title, phase.cycle_id
    _journal("phase.deleted", f"Phase « {title} »", phase, actor, via)
    phase.delete()
    _renumber(list(Phase.objects.select_for_update().filter(cycle_id=cycle_id).order_by("position", "id")))


def reorder_phases(cycle: Cycle, phase_ids: list[int], *, actor=None, via: str = "") -> list[Phase]:
    """Put every phase of ``cycle`` in the order of ``phase_ids`` (each named exactly once)."""
    current = list(Phase.objects.select_for_update().filter(cycle=cycle).order_by("position", "id"))
    ordered = _ordered_by_ids(current, phase_ids, "ids", "phases du cycle")
    _renumber(ordered)
    _journal("phase.reordered", f"Cycle « {cycle.name} » : phases réordonnées", cycle, actor, via)
    return ordered


def set_current_phase(phase: Phase, *, actor=None, via: str = "") -> Phase:
    """Make ``phase`` the one current phase of its cycle."""
    with transaction.atomic():
        Phase.objects.filter(cycle_id=phase.cycle_id, is_current=True).exclude(pk=phase.pk).update(is_current=False)
        if not phase.is_current:
            phase.is_current = True
            phase.save(update_fields=["is_current", "updated_at"])
    _journal("phase.current_set", f"Phase en cours : « {phase.title} »", phase, actor, via)
    return phase


def publish_phase(phase: Phase, *, publish_at: datetime | None = None, actor=None, via: str = "") -> Phase:
    """Publish now, schedule (future ``publish_at``: hidden from readers until then) or backdate
    (past one), by the rule every content type follows (``content.models.mark_published``)."""
    scheduled = mark_published(phase, publish_at)
    phase.save()
    record_phase_revision(phase, actor=actor, summary="Publication programmée" if scheduled else "Publication")
    if scheduled:
        _journal(
            "phase.scheduled",
            f"Phase « {phase.title} » : publication le {publish_at:%d/%m/%Y %H:%M}",
            phase,
            actor,
            via,
        )
    else:
        _journal("phase.published", f"Phase « {phase.title} »", phase, actor, via)
    return phase


def archive_phase(phase: Phase, *, actor=None, via: str = "") -> Phase:
    """Withdraw a phase from readers, keeping it for the record."""
    phase.status = PublicationStatus.ARCHIVED
    phase.save()
    record_phase_revision(phase, actor=actor, summary="Archivage")
    _journal("phase.archived", f"Phase « {phase.title} »", phase, actor, via)
    return phase


def unpublish_phase(phase: Phase, *, actor=None, via: str = "") -> Phase:
    """Take a phase back to draft."""
    phase.status = PublicationStatus.DRAFT
    phase.publish_at = None
    phase.save()
    record_phase_revision(phase, actor=actor, summary="Retour en brouillon")
    _journal("phase.unpublished", f"Phase « {phase.title} »", phase, actor, via)
    return phase


# --- items (enjeux, objectifs, points de vigilance, méthodes) --------------------------------


def _items_of_kind(phase_id: int, kind: str) -> list[PhaseItem]:
    return list(PhaseItem.objects.select_for_update().filter(phase_id=phase_id, kind=kind).order_by("position", "id"))


def create_item(
    phase: Phase,
    *,
    kind: str,
    title: str,
    summary: str = "",
    body: str = "",
    position: int | None = None,
    actor=None,
    via: str = "",
) -> PhaseItem:
    """Add a stake, objective, vigilance point or method to a phase, at ``position`` among the
    items of its kind (default: last)."""
    kind = _kind(kind)
    title = _title(title)
    siblings = _items_of_kind(phase.pk, kind)
    item = PhaseItem.objects.create(
        phase=phase, kind=kind, title=title, summary=_plain(summary), body=clean_html(body), position=len(siblings)
    )
    _insert(siblings, item, position)
    _renumber(siblings)
    record_phase_revision(phase, actor=actor, summary=f"{item.get_kind_display()} ajouté : {title}")
    _journal("phase_item.created", f"Phase « {phase.title} » : {item}", item, actor, via)
    return item


ITEM_EDITABLE = ("kind", "title", "summary", "body")


def update_item(item: PhaseItem, *, actor=None, via: str = "", **changes) -> PhaseItem:
    """Change any of ``ITEM_EDITABLE``; a new kind moves the item to the end of that kind's list."""
    unknown = set(changes) - set(ITEM_EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    old_kind = item.kind
    if "kind" in changes:
        item.kind = _kind(changes["kind"])
    if "title" in changes:
        item.title = _title(changes["title"])
    if "summary" in changes:
        item.summary = _plain(changes["summary"])
    if "body" in changes:
        item.body = clean_html(changes["body"])
    if item.kind != old_kind:
        item.position = len(_items_of_kind(item.phase_id, item.kind))
    item.save()
    if item.kind != old_kind:
        _renumber(_items_of_kind(item.phase_id, old_kind))
    phase = item.phase
    record_phase_revision(phase, actor=actor, summary=f"{item.get_kind_display()} modifié : {item.title}")
    _journal("phase_item.updated", f"Phase « {phase.title} » : {item}", item, actor, via)
    return item


def delete_item(item: PhaseItem, *, actor=None, via: str = "") -> Phase:
    phase, kind = item.phase, item.kind
    _journal("phase_item.deleted", f"Phase « {phase.title} » : {item}", item, actor, via)
    summary = f"{item.get_kind_display()} supprimé : {item.title}"
    item.delete()
    _renumber(_items_of_kind(phase.pk, kind))
    record_phase_revision(phase, actor=actor, summary=summary)
    return phase


def reorder_items(phase: Phase, kind: str, item_ids: list[int], *, actor=None, via: str = "") -> list[PhaseItem]:
    """Put the phase's items of ``kind`` in the order of ``item_ids`` (each named exactly once)."""
    kind = _kind(kind)
    ordered = _ordered_by_ids(_items_of_kind(phase.pk, kind), item_ids, "ids", "éléments de ce type")
    _renumber(ordered)
    label = PhaseItemKind(kind).label
    record_phase_revision(phase, actor=actor, summary=f"Ordre modifié : {label}")
    _journal("phase_item.reordered", f"Phase « {phase.title} » : {label}, ordre modifié", phase, actor, via)
    return ordered


# --- resources serving a phase ---------------------------------------------------------------


def _links(phase_id: int) -> list[PhaseResource]:
    return list(PhaseResource.objects.select_for_update().filter(phase_id=phase_id).order_by("position", "id"))


def link_resource(
    phase: Phase,
    resource: Resource,
    *,
    note: str | None = None,
    position: int | None = None,
    actor=None,
    via: str = "",
) -> PhaseResource:
    """Link a resource to a phase (at ``position``, default last); if it is linked already, update
    the note and, when given, move it."""
    if note is not None:
        note = _plain(note)
        if len(note) > NOTE_MAX:
            raise CycleServiceError("INVALID", f"La note ne doit pas dépasser {NOTE_MAX} caractères.", "note")
    if position is not None and position < 0:
        raise CycleServiceError("INVALID", "La position ne peut pas être négative.", "position")
    links = _links(phase.pk)
    link = next((existing for existing in links if existing.resource_id == resource.pk), None)
    if link is None:
        link = PhaseResource.objects.create(phase=phase, resource=resource, note=note or "", position=len(links))
        _insert(links, link, position)
        action = "phase.resource_linked"
    else:
        if note is not None:
            link.note = note
            link.save(update_fields=["note"])
        if position is not None:
            links.remove(link)
            _insert(links, link, position)
        action = "phase.resource_link_updated"
    _renumber(links)
    record_phase_revision(phase, actor=actor, summary=f"Ressource liée : {resource.title}")
    _journal(action, f"Phase « {phase.title} » : {resource.title}", phase, actor, via)
    return link


def unlink_resource(phase: Phase, resource: Resource, *, actor=None, via: str = "") -> None:
    links = _links(phase.pk)
    link = next((existing for existing in links if existing.resource_id == resource.pk), None)
    if link is None:
        raise CycleServiceError("NOT_FOUND", "Cette ressource n'est pas liée à cette phase.", "resource_id")
    link.delete()
    links.remove(link)
    _renumber(links)
    record_phase_revision(phase, actor=actor, summary=f"Ressource retirée : {resource.title}")
    _journal("phase.resource_unlinked", f"Phase « {phase.title} » : {resource.title}", phase, actor, via)


def reorder_resources(phase: Phase, resource_ids: list[int], *, actor=None, via: str = "") -> list[PhaseResource]:
    """Put the phase's resource links in the order of ``resource_ids`` (each linked resource once)."""
    links = _links(phase.pk)
    by_resource = {link.resource_id: link for link in links}
    if len(resource_ids) != len(set(resource_ids)) or set(resource_ids) != set(by_resource):
        raise CycleServiceError(
            "INVALID_ORDER",
            "La liste doit nommer chacune des ressources liées à la phase exactement une fois.",
            "resource_ids",
        )
    ordered = [by_resource[pk] for pk in resource_ids]
    _renumber(ordered)
    record_phase_revision(phase, actor=actor, summary="Ordre des ressources modifié")
    _journal("phase.resources_reordered", f"Phase « {phase.title} » : ressources réordonnées", phase, actor, via)
    return ordered


# --- edits made elsewhere (the admin's forms) -------------------------------------------------


def sanitise_phase(phase: Phase) -> None:
    """Before saving a phase edited through a form: sanitise its rich text, stamp publication."""
    phase.summary = _plain(phase.summary)
    phase.body = clean_html(phase.body)
    stamp_first_publication(phase)


def sanitise_item(item: PhaseItem) -> None:
    item.summary = _plain(item.summary)
    item.body = clean_html(item.body)


def normalise_positions(phase: Phase) -> None:
    """Positions 0..n-1 for the phase's items of each kind and for its links, keeping their order."""
    for kind in PhaseItemKind.values:
        _renumber(_items_of_kind(phase.pk, kind))
    _renumber(_links(phase.pk))


def normalise_phase_positions(cycle: Cycle) -> None:
    _renumber(list(Phase.objects.select_for_update().filter(cycle=cycle).order_by("position", "id")))


def phase_saved(phase: Phase, *, created: bool, actor=None, via: str = "", summary: str = "") -> Revision:
    """Record the revision and journal entry of a phase saved through a form, items included."""
    revision = record_phase_revision(phase, actor=actor, summary=summary or ("Création" if created else "Modification"))
    _journal("phase.created" if created else "phase.updated", f"Phase « {phase.title} »", phase, actor, via)
    return revision


# --- reading ---------------------------------------------------------------------------------


def visible_links(now=None):
    """Links whose resource readers without ``READ_UNPUBLISHED`` may see."""
    now = now or timezone.now()
    return PhaseResource.objects.filter(resource__status=PublicationStatus.PUBLISHED).filter(
        Q(resource__publish_at__isnull=True) | Q(resource__publish_at__lte=now)
    )
