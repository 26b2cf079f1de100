"""The participation cycle's business rules: every change to a cycle, its phases, their items
and resource links goes through here (GraphQL mutations and the admin alike).

Each function takes the caller's ``ServiceContext`` first, validates its input and raises
``ServiceError`` (a stable code, a French message, the field concerned) before writing anything;
callers run it in a transaction, so a refusal changes nothing. Rich text is sanitised on the way
in, every change to a phase records a revision of the phase *with its items and resource links*,
and every change writes its audit entry and its event together (``changed``: ``cycle.*``,
``phase.*``, ``phase_item.*``, see ``hooks.py``). Permissions are the caller's business
(GraphQL's ``BaseMutation``, the admin's role checks).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from imedia_core.changes import changed
from imedia_core.content.models import PublicationStatus, Revision, mark_published, stamp_first_publication
from imedia_core.content.revisions import record_revision, revisions_of
from imedia_core.content.sanitize import clean_html, plain_text
from imedia_core.context import ServiceContext
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


def _fail(code: str, message: str, field: str | None = None):
    """Refuse the change (``code`` from ``CycleErrorCode``, ``field`` in snake_case)."""
    raise ServiceError.single(code, message, field)


# --- validation ------------------------------------------------------------------------------


def _title(value, field="title", limit=TITLE_MAX) -> str:
    value = plain_text(value, multiline=False)
    if not value:
        _fail("REQUIRED", "Le titre est obligatoire.", field)
    if len(value) > limit:
        _fail("INVALID", f"Le titre ne doit pas dépasser {limit} caractères.", field)
    return value


def _slug(value) -> str:
    value = (value or "").strip()
    if not value:
        _fail("REQUIRED", "L'identifiant (slug) est obligatoire.", "slug")
    if len(value) > SLUG_MAX or not SLUG_RE.match(value):
        _fail(
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
        _fail("DATES_OUT_OF_ORDER", "La fin de la phase précède son début.", "ends_on")


def _slug_free(cycle_id: int, slug: str, exclude_pk=None) -> None:
    taken = Phase.objects.filter(cycle_id=cycle_id, slug=slug)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        _fail("UNIQUE", f"Une autre phase de ce cycle a déjà l'identifiant « {slug} ».", "slug")


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
        _fail("INVALID", f"Type d'élément inconnu « {value} ».", "kind")
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
        _fail("INVALID", "La position ne peut pas être négative.", "position")
    index = len(siblings) if position is None else min(position, len(siblings))
    siblings.insert(index, obj)


def _ordered_by_ids(current: list, ids: list, field: str, what: str) -> list:
    """``current`` objects reordered as ``ids`` (primary keys) says; ``ids`` must name each once."""
    by_pk = {obj.pk: obj for obj in current}
    if len(ids) != len(set(ids)) or set(ids) != set(by_pk):
        _fail("INVALID_ORDER", f"La liste doit nommer chacun·e des {what} exactement une fois.", field)
    return [by_pk[pk] for pk in ids]


# --- what events carry ----------------------------------------------------------------------


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def cycle_payload(cycle: Cycle) -> dict:
    """What a ``cycle.*`` event carries."""
    return {"id": cycle.pk, "name": cycle.name, "templateKey": cycle.template_key, "isActive": cycle.is_active}


def phase_payload(phase: Phase) -> dict:
    """What a ``phase.*`` event about the phase itself carries."""
    return {
        "id": phase.pk,
        "cycleId": phase.cycle_id,
        "slug": phase.slug,
        "title": phase.title,
        "position": phase.position,
        "status": phase.status,
        "publishAt": _iso(phase.publish_at),
        "isCurrent": phase.is_current,
        "startsOn": _iso(phase.starts_on),
        "endsOn": _iso(phase.ends_on),
    }


def item_payload(item: PhaseItem) -> dict:
    """What a ``phase_item.*`` event carries."""
    return {"id": item.pk, "phaseId": item.phase_id, "kind": item.kind, "title": item.title, "position": item.position}


def _phase_changed(ctx: ServiceContext, action: str, phase: Phase, summary: str = "") -> None:
    changed(ctx, action, phase, payload=phase_payload(phase), summary=summary or f"Phase « {phase.title} »")


# --- revisions -------------------------------------------------------------------------------


def record_phase_revision(phase: Phase, *, actor=None, summary: str = "") -> Revision:
    """Record a revision of ``phase`` as it is now (``Phase.revision_extra``: items and links).
    A revision, not a change of its own: the caller writes the change's audit entry and event."""
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
        _fail(
            "NOT_FOUND", "Cette phase n'a pas de version ainsi désignée.", "revision_id" if number is None else "number"
        )
    return revision


def _restore_fields(phase: Phase, data: dict) -> None:
    """The phase's own fields as ``data`` has them, checked by today's rules, saved."""
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


def _restore_items(phase: Phase, entries: list[dict]) -> None:
    """The phase's items as ``entries`` lists them: IDs kept where the item still exists."""
    existing = {item.pk: item for item in PhaseItem.objects.filter(phase=phase)}
    kept, created = [], []
    for entry in entries:
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


def _restore_links(phase: Phase, entries: list[dict]) -> None:
    """The phase's resource links as ``entries`` lists them, to resources that still exist."""
    PhaseResource.objects.filter(phase=phase).delete()
    alive = set(Resource.objects.filter(pk__in=[e["resource"] for e in entries]).values_list("pk", flat=True))
    links = [entry for entry in entries if entry["resource"] in alive]
    PhaseResource.objects.bulk_create(
        PhaseResource(phase=phase, resource_id=entry["resource"], position=index, note=entry.get("note", ""))
        for index, entry in enumerate(links)
    )


def restore_phase_revision(ctx: ServiceContext, phase: Phase, revision: Revision) -> Revision:
    """Write ``revision`` back onto ``phase``: its fields, its items (IDs kept where the item still
    exists) and its resource links (to resources that still exist). Recorded as a new revision."""
    if revision.object_id != phase.pk or not revisions_of(phase).filter(pk=revision.pk).exists():
        _fail("NOT_FOUND", "Cette version n'appartient pas à cette phase.", "revision_id")
    _restore_fields(phase, revision.data)
    if "items" in revision.data:
        _restore_items(phase, revision.data["items"])
    if "resources" in revision.data:
        _restore_links(phase, revision.data["resources"])
    new = record_phase_revision(phase, actor=ctx.actor, summary=f"Restauration de la version {revision.number}")
    changed(
        ctx,
        "phase.revision_restored",
        phase,
        payload={**phase_payload(phase), "number": revision.number},
        summary=f"Phase « {phase.title} » : version {revision.number} restaurée",
    )
    return new


# --- cycles ----------------------------------------------------------------------------------


def active_cycle() -> Cycle | None:
    return Cycle.objects.filter(is_active=True).first()


def clean_cycle_name(value) -> str:
    """A cycle's name as it is stored (plain text, required, at most 200 characters)."""
    return _title(value, "name", CYCLE_NAME_MAX)


def update_cycle(ctx: ServiceContext, cycle: Cycle, **changes) -> Cycle:
    """Change a cycle's ``name`` and/or ``description`` (sanitised HTML)."""
    if "name" in changes:
        cycle.name = clean_cycle_name(changes["name"])
    if "description" in changes:
        cycle.description = clean_html(changes["description"])
    cycle.save()
    changed(ctx, "cycle.updated", cycle, payload=cycle_payload(cycle), summary=f"Cycle « {cycle.name} »")
    return cycle


# --- phases ----------------------------------------------------------------------------------


def create_phase(
    ctx: ServiceContext,
    cycle: Cycle,
    *,
    title: str,
    slug: str | None = None,
    summary: str = "",
    body: str = "",
    starts_on: date | None = None,
    ends_on: date | None = None,
    position: int | None = None,
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
    record_phase_revision(phase, actor=ctx.actor, summary="Création")
    _phase_changed(ctx, "phase.created", phase)
    return phase


PHASE_EDITABLE = ("title", "slug", "summary", "body", "starts_on", "ends_on")


def update_phase(ctx: ServiceContext, phase: Phase, *, revision_summary: str = "", **changes) -> Phase:
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
    record_phase_revision(phase, actor=ctx.actor, summary=revision_summary or "Modification")
    _phase_changed(ctx, "phase.updated", phase)
    return phase


def delete_phase(ctx: ServiceContext, phase: Phase) -> None:
    """Delete a phase with its items and links (resources stay in the resource centre)."""
    cycle_id = phase.cycle_id
    _phase_changed(ctx, "phase.deleted", phase)
    phase.delete()
    _renumber(list(Phase.objects.select_for_update().filter(cycle_id=cycle_id).order_by("position", "id")))


def reorder_phases(ctx: ServiceContext, cycle: Cycle, phase_ids: list[int]) -> list[Phase]:
    """Put every phase of ``cycle`` in the order of ``phase_ids`` (each named exactly once)."""
    current = list(Phase.objects.select_for_update().filter(cycle=cycle).order_by("position", "id"))
    ordered = _ordered_by_ids(current, phase_ids, "ids", "phases du cycle")
    _renumber(ordered)
    changed(
        ctx,
        "phase.reordered",
        cycle,
        payload={"cycleId": cycle.pk, "phaseIds": [phase.pk for phase in ordered]},
        summary=f"Cycle « {cycle.name} » : phases réordonnées",
    )
    return ordered


def set_current_phase(ctx: ServiceContext, phase: Phase) -> Phase:
    """Make ``phase`` the one current phase of its cycle."""
    with transaction.atomic():
        Phase.objects.filter(cycle_id=phase.cycle_id, is_current=True).exclude(pk=phase.pk).update(is_current=False)
        if not phase.is_current:
            phase.is_current = True
            phase.save(update_fields=["is_current", "updated_at"])
        _phase_changed(ctx, "phase.current_set", phase, f"Phase en cours : « {phase.title} »")
    return phase


def _publication_changed(ctx: ServiceContext, phase: Phase, scheduled: bool) -> None:
    if scheduled:
        moment = timezone.localtime(phase.publish_at)
        _phase_changed(
            ctx, "phase.scheduled", phase, f"Phase « {phase.title} » : publication le {moment:%d/%m/%Y %H:%M}"
        )
    else:
        _phase_changed(ctx, "phase.published", phase)


def publish_phase(ctx: ServiceContext, phase: Phase, *, publish_at: datetime | None = None) -> Phase:
    """Publish now, schedule (future ``publish_at``: hidden from readers until then) or backdate
    (past one), by the rule every content type follows (``content.models.mark_published``)."""
    scheduled = mark_published(phase, publish_at)
    phase.save()
    record_phase_revision(phase, actor=ctx.actor, summary="Publication programmée" if scheduled else "Publication")
    _publication_changed(ctx, phase, scheduled)
    return phase


def archive_phase(ctx: ServiceContext, phase: Phase) -> Phase:
    """Withdraw a phase from readers, keeping it for the record."""
    phase.status = PublicationStatus.ARCHIVED
    phase.save()
    record_phase_revision(phase, actor=ctx.actor, summary="Archivage")
    _phase_changed(ctx, "phase.archived", phase)
    return phase


def unpublish_phase(ctx: ServiceContext, phase: Phase) -> Phase:
    """Take a phase back to draft."""
    phase.status = PublicationStatus.DRAFT
    phase.publish_at = None
    phase.save()
    record_phase_revision(phase, actor=ctx.actor, summary="Retour en brouillon")
    _phase_changed(ctx, "phase.unpublished", phase)
    return phase


# --- items (enjeux, objectifs, points de vigilance, méthodes) --------------------------------


def _items_of_kind(phase_id: int, kind: str) -> list[PhaseItem]:
    return list(PhaseItem.objects.select_for_update().filter(phase_id=phase_id, kind=kind).order_by("position", "id"))


def _item_changed(ctx: ServiceContext, action: str, item: PhaseItem, phase: Phase) -> None:
    changed(ctx, action, item, payload=item_payload(item), summary=f"Phase « {phase.title} » : {item}")


def create_item(
    ctx: ServiceContext,
    phase: Phase,
    *,
    kind: str,
    title: str,
    summary: str = "",
    body: str = "",
    position: int | None = None,
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
    record_phase_revision(phase, actor=ctx.actor, summary=f"{item.get_kind_display()} ajouté : {title}")
    _item_changed(ctx, "phase_item.created", item, phase)
    return item


ITEM_EDITABLE = ("kind", "title", "summary", "body")


def update_item(ctx: ServiceContext, item: PhaseItem, **changes) -> PhaseItem:
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
    record_phase_revision(phase, actor=ctx.actor, summary=f"{item.get_kind_display()} modifié : {item.title}")
    _item_changed(ctx, "phase_item.updated", item, phase)
    return item


def delete_item(ctx: ServiceContext, item: PhaseItem) -> Phase:
    phase, kind = item.phase, item.kind
    _item_changed(ctx, "phase_item.deleted", item, phase)
    summary = f"{item.get_kind_display()} supprimé : {item.title}"
    item.delete()
    _renumber(_items_of_kind(phase.pk, kind))
    record_phase_revision(phase, actor=ctx.actor, summary=summary)
    return phase


def reorder_items(ctx: ServiceContext, phase: Phase, kind: str, item_ids: list[int]) -> list[PhaseItem]:
    """Put the phase's items of ``kind`` in the order of ``item_ids`` (each named exactly once)."""
    kind = _kind(kind)
    ordered = _ordered_by_ids(_items_of_kind(phase.pk, kind), item_ids, "ids", "éléments de ce type")
    _renumber(ordered)
    label = PhaseItemKind(kind).label
    record_phase_revision(phase, actor=ctx.actor, summary=f"Ordre modifié : {label}")
    changed(
        ctx,
        "phase_item.reordered",
        phase,
        payload={"phaseId": phase.pk, "kind": kind, "itemIds": [item.pk for item in ordered]},
        summary=f"Phase « {phase.title} » : {label}, ordre modifié",
    )
    return ordered


# --- resources serving a phase ---------------------------------------------------------------


def _links(phase_id: int) -> list[PhaseResource]:
    return list(PhaseResource.objects.select_for_update().filter(phase_id=phase_id).order_by("position", "id"))


def _link_changed(ctx: ServiceContext, action: str, phase: Phase, resource: Resource, position: int | None) -> None:
    changed(
        ctx,
        action,
        phase,
        payload={"resourceId": resource.pk, "position": position},
        summary=f"Phase « {phase.title} » : {resource.title}",
    )


def _link_note(note: str | None) -> str | None:
    if note is None:
        return None
    note = _plain(note)
    if len(note) > NOTE_MAX:
        _fail("INVALID", f"La note ne doit pas dépasser {NOTE_MAX} caractères.", "note")
    return note


def link_resource(
    ctx: ServiceContext,
    phase: Phase,
    resource: Resource,
    *,
    note: str | None = None,
    position: int | None = None,
) -> PhaseResource:
    """Link a resource to a phase (at ``position``, default last); if it is linked already, update
    the note and, when given, move it."""
    note = _link_note(note)
    if position is not None and position < 0:
        _fail("INVALID", "La position ne peut pas être négative.", "position")
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
    record_phase_revision(phase, actor=ctx.actor, summary=f"Ressource liée : {resource.title}")
    _link_changed(ctx, action, phase, resource, link.position)
    return link


def unlink_resource(ctx: ServiceContext, phase: Phase, resource: Resource) -> None:
    links = _links(phase.pk)
    link = next((existing for existing in links if existing.resource_id == resource.pk), None)
    if link is None:
        _fail("NOT_FOUND", "Cette ressource n'est pas liée à cette phase.", "resource_id")
    link.delete()
    links.remove(link)
    _renumber(links)
    record_phase_revision(phase, actor=ctx.actor, summary=f"Ressource retirée : {resource.title}")
    _link_changed(ctx, "phase.resource_unlinked", phase, resource, None)


def reorder_resources(ctx: ServiceContext, phase: Phase, resource_ids: list[int]) -> list[PhaseResource]:
    """Put the phase's resource links in the order of ``resource_ids`` (each linked resource once)."""
    links = _links(phase.pk)
    by_resource = {link.resource_id: link for link in links}
    if len(resource_ids) != len(set(resource_ids)) or set(resource_ids) != set(by_resource):
        _fail(
            "INVALID_ORDER",
            "La liste doit nommer chacune des ressources liées à la phase exactement une fois.",
            "resource_ids",
        )
    ordered = [by_resource[pk] for pk in resource_ids]
    _renumber(ordered)
    record_phase_revision(phase, actor=ctx.actor, summary="Ordre des ressources modifié")
    changed(
        ctx,
        "phase.resources_reordered",
        phase,
        payload={"resourceIds": list(resource_ids)},
        summary=f"Phase « {phase.title} » : ressources réordonnées",
    )
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


def _status_set_by_form(ctx: ServiceContext, phase: Phase, previous_status) -> None:
    """A form sets the status directly: a save that publishes, archives or takes a phase back to
    draft is also that event."""
    if phase.status == previous_status:
        return
    if phase.status == PublicationStatus.PUBLISHED:
        _publication_changed(ctx, phase, scheduled=phase.publish_at is not None and phase.publish_at > timezone.now())
    elif phase.status == PublicationStatus.ARCHIVED:
        _phase_changed(ctx, "phase.archived", phase)
    elif previous_status is not None:
        _phase_changed(ctx, "phase.unpublished", phase)


def phase_saved(
    ctx: ServiceContext, phase: Phase, *, created: bool, summary: str = "", previous_status: str | None = None
) -> Revision:
    """Record the revision, audit entry and event of a phase saved through a form, items
    included; ``previous_status`` is its status before the form changed it, for a form that
    edits the status (a new phase's status is always news)."""
    revision = record_phase_revision(
        phase, actor=ctx.actor, summary=summary or ("Création" if created else "Modification")
    )
    _phase_changed(ctx, "phase.created" if created else "phase.updated", phase)
    if created or previous_status is not None:
        _status_set_by_form(ctx, phase, None if created else previous_status)
    return revision
