"""Cycle templates: participation cycles a programme instantiates, then edits as its own.

Templates are plain Python data contributed by plugins through ``imedia_cycle_templates()``.
Instantiating one copies it into the tenant's schema (cycle, phases, items, starter resources,
links); nothing ever writes back to a template, and each tenant's copy lives in its own schema.
An instantiation is one change, copied in bulk: one audit entry and one event
(``cycle.instantiated`` or ``cycle.reset``) name the cycle, its phases and the starter resources
it created.

Plugins reach these classes through ``imedia_core.plugin_api``, which loads them only once the
apps are ready (never while settings are read), so this module imports models freely.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction
from django.utils import timezone

from imedia_core.changes import changed
from imedia_core.content.models import PublicationStatus
from imedia_core.content.revisions import record_revision
from imedia_core.content.sanitize import clean_html
from imedia_core.context import ServiceContext
from imedia_core.library.models import Resource, Theme
from imedia_core.pluginhost.manager import collect_keyed

from .models import Cycle, Phase, PhaseItem, PhaseResource
from .services import cycle_payload, record_phase_revision


def as_tuple(value) -> tuple:
    """A template field given as None, one string or any iterable, as a tuple (frozen data)."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


@dataclass(frozen=True)
class ItemTemplate:
    """One stake (enjeu), objective, vigilance point (point de vigilance) or method."""

    title: str
    summary: str = ""
    body: str = ""


@dataclass(frozen=True)
class ThemeTemplate:
    """A theme of the resource centre, found or created by slug."""

    slug: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class ResourceTemplate:
    """A starter resource (method, tool, guide...) created in the resource centre, published.

    ``themes`` holds ThemeTemplate objects or bare slugs; ``audiences`` values of
    ``library.Audience``; ``kind`` a ``library.ResourceKind`` value; ``reading_level`` a
    ``library.ReadingLevel`` value.
    """

    slug: str
    title: str
    kind: str
    summary: str = ""
    body: str = ""
    themes: tuple = ()
    audiences: tuple = ()
    reading_level: str = "standard"
    author: str = ""
    licence: str = ""

    def __post_init__(self):
        object.__setattr__(self, "themes", as_tuple(self.themes))
        object.__setattr__(self, "audiences", as_tuple(self.audiences))


@dataclass(frozen=True)
class PhaseTemplate:
    """A phase, its ordered items per kind, and the slugs of the starter resources serving it."""

    slug: str
    title: str
    summary: str = ""
    body: str = ""
    stakes: tuple = ()
    objectives: tuple = ()
    vigilance_points: tuple = ()
    methods: tuple = ()
    resources: tuple = ()

    def __post_init__(self):
        for name in ("stakes", "objectives", "vigilance_points", "methods", "resources"):
            object.__setattr__(self, name, as_tuple(getattr(self, name)))
        for name in ("stakes", "objectives", "vigilance_points", "methods"):
            for item in getattr(self, name):
                if not isinstance(item, ItemTemplate):
                    raise TypeError(f"phase {self.slug!r}: {name} holds {item!r}, not an ItemTemplate")

    def items_by_kind(self) -> list[tuple[str, tuple[ItemTemplate, ...]]]:
        """``(PhaseItemKind value, items)`` in the canonical order of kinds."""
        return [
            ("stake", self.stakes),
            ("objective", self.objectives),
            ("vigilance", self.vigilance_points),
            ("method", self.methods),
        ]


@dataclass(frozen=True)
class CycleTemplate:
    """A participation cycle: ordered phases and the starter resources they use.

    ``policy_areas`` lists the ``tenants.PolicyArea`` values the template suits (informative).
    """

    key: str
    name: str
    description: str = ""
    phases: tuple = ()
    starter_resources: tuple = ()
    policy_areas: tuple = ()

    def __post_init__(self):
        for name in ("phases", "starter_resources", "policy_areas"):
            object.__setattr__(self, name, as_tuple(getattr(self, name)))
        slugs = [phase.slug for phase in self.phases]
        if len(set(slugs)) != len(slugs):
            raise ValueError(f"cycle template {self.key!r}: two phases share a slug")
        resources = [resource.slug for resource in self.starter_resources]
        if len(set(resources)) != len(resources):
            raise ValueError(f"cycle template {self.key!r}: two starter resources share a slug")
        for phase in self.phases:
            unknown = set(phase.resources) - set(resources)
            if unknown:
                raise ValueError(
                    f"cycle template {self.key!r}, phase {phase.slug!r}: unknown resources {sorted(unknown)}"
                )


class ApplyMode(StrEnum):
    NEW_CYCLE = "new_cycle"  # keep the current cycle as a past one, start a new one
    RESET = "reset"  # replace the active cycle's phases and items, keep the resource centre


def available_cycle_templates(tenant=None) -> dict[str, CycleTemplate]:
    """Templates contributed by the installed plugins (those ``tenant`` enabled, when given),
    by key; the first plugin to use a key wins."""
    return collect_keyed("imedia_cycle_templates", tenant)


def _theme(spec: ThemeTemplate | str, themes: dict[str, Theme]) -> Theme:
    """The theme ``spec`` names (a ThemeTemplate or a bare slug), found or created by slug."""
    if isinstance(spec, str):
        spec = ThemeTemplate(slug=spec, name=spec.replace("-", " ").capitalize())
    if spec.slug not in themes:
        themes[spec.slug], _ = Theme.objects.get_or_create(
            slug=spec.slug, defaults={"name": spec.name, "description": spec.description}
        )
    return themes[spec.slug]


def _ensure_resources(ctx: ServiceContext, template: CycleTemplate) -> tuple[dict[str, Resource], list[int]]:
    """The template's starter resources by slug, and the IDs of those created now: existing ones
    are reused untouched (the local team may have edited them), missing ones are created
    published, with a first revision."""
    wanted = {spec.slug: spec for spec in template.starter_resources}
    found = {resource.slug: resource for resource in Resource.objects.filter(slug__in=wanted)}
    themes: dict[str, Theme] = {}
    created = []
    now = timezone.now()
    for slug, spec in wanted.items():
        if slug in found:
            continue
        resource = Resource.objects.create(
            slug=slug,
            kind=spec.kind,
            title=spec.title,
            summary=spec.summary,
            body=clean_html(spec.body),
            audiences=list(spec.audiences),
            reading_level=spec.reading_level,
            author=spec.author,
            licence=spec.licence,
            status=PublicationStatus.PUBLISHED,
            published_at=now,
        )
        if spec.themes:
            resource.themes.set([_theme(theme, themes) for theme in spec.themes])
        record_revision(resource, actor=ctx.actor, summary=f"Créée depuis le modèle « {template.name} »")
        found[slug] = resource
        created.append(resource.pk)
    return found, created


def _build_phase(cycle, phase_template: PhaseTemplate, position: int, resources: dict, *, now, phase=None):
    """Create (or overwrite, for a reset) one phase with its items and resource links."""
    values = {
        "title": phase_template.title,
        "summary": phase_template.summary,
        "body": clean_html(phase_template.body),
        "position": position,
        "status": PublicationStatus.PUBLISHED,
        "publish_at": None,
        "is_current": False,
    }
    if phase is None:
        phase = Phase.objects.create(cycle=cycle, slug=phase_template.slug, published_at=now, **values)
        linked = set()
    else:
        for name, value in values.items():
            setattr(phase, name, value)
        phase.published_at = phase.published_at or now
        phase.save()
        phase.items.all().delete()
        linked = set(phase.resource_links.values_list("resource_id", flat=True))
    PhaseItem.objects.bulk_create(
        PhaseItem(
            phase=phase,
            kind=kind,
            position=index,
            title=item.title,
            summary=item.summary,
            body=clean_html(item.body),
        )
        for kind, items in phase_template.items_by_kind()
        for index, item in enumerate(items)
    )
    start = len(linked)
    new_links = [resources[slug] for slug in phase_template.resources if resources[slug].pk not in linked]
    PhaseResource.objects.bulk_create(
        PhaseResource(phase=phase, resource=resource, position=start + index)
        for index, resource in enumerate(new_links)
    )
    return phase


def _first_current(phases: list[Phase]) -> None:
    if phases:
        phases[0].is_current = True
        phases[0].save(update_fields=["is_current"])


def instantiate(ctx: ServiceContext, template: CycleTemplate, *, audit: bool = True) -> Cycle:
    """Create a new active cycle from ``template`` (the active one, if any, is kept as a past
    cycle): phases published, the first one current, items, starter resources and links.

    ``audit=False`` writes the event without its audit entry: provisioning journals the
    tenant's creation, and a new space's journal starts with that one line.
    """
    now = timezone.now()
    with transaction.atomic():
        Cycle.objects.filter(is_active=True).update(is_active=False, updated_at=now)
        cycle = Cycle.objects.create(
            name=template.name,
            description=clean_html(template.description),
            template_key=template.key,
            is_active=True,
        )
        resources, created = _ensure_resources(ctx, template)
        phases = [_build_phase(cycle, spec, index, resources, now=now) for index, spec in enumerate(template.phases)]
        _first_current(phases)
        for phase in phases:
            record_phase_revision(phase, actor=ctx.actor, summary=f"Créée depuis le modèle « {template.name} »")
        changed(
            ctx,
            "cycle.instantiated",
            cycle,
            payload={
                **cycle_payload(cycle),
                "phaseIds": [phase.pk for phase in phases],
                "createdResourceIds": created,
            },
            summary=f"Cycle « {cycle.name} » créé depuis le modèle « {template.key} »",
            audit=audit,
        )
    return cycle


def reset_cycle(ctx: ServiceContext, cycle: Cycle, template: CycleTemplate) -> Cycle:
    """Give ``cycle`` the phases and items of ``template``.

    A phase whose slug the template has is overwritten in place (same ID, a new revision, so
    the local version can be restored); phases the template lacks are deleted; missing ones are
    created. Resources are never deleted: a kept phase keeps its links and gains the template's.
    """
    now = timezone.now()
    with transaction.atomic():
        existing = {phase.slug: phase for phase in cycle.phases.select_for_update()}
        wanted = {spec.slug for spec in template.phases}
        dropped = [phase for slug, phase in existing.items() if slug not in wanted]
        dropped_ids = [phase.pk for phase in dropped]
        for phase in dropped:
            phase.delete()
        cycle.phases.update(is_current=False)
        cycle.name = template.name
        cycle.description = clean_html(template.description)
        cycle.template_key = template.key
        cycle.save()
        resources, created = _ensure_resources(ctx, template)
        phases = [
            _build_phase(cycle, spec, index, resources, now=now, phase=existing.get(spec.slug))
            for index, spec in enumerate(template.phases)
        ]
        _first_current(phases)
        for phase in phases:
            record_phase_revision(phase, actor=ctx.actor, summary=f"Réinitialisée depuis le modèle « {template.name} »")
        changed(
            ctx,
            "cycle.reset",
            cycle,
            payload={
                **cycle_payload(cycle),
                "phaseIds": [phase.pk for phase in phases],
                "deletedPhaseIds": dropped_ids,
                "createdResourceIds": created,
            },
            summary=f"Cycle « {cycle.name} » réinitialisé depuis le modèle « {template.key} »",
        )
    return cycle


def apply_template(ctx: ServiceContext, template: CycleTemplate, mode: str | ApplyMode) -> Cycle:
    """Re-apply a template to this programme: ``new_cycle`` archives the active cycle and starts
    a new one; ``reset`` rewrites the active cycle (or starts one if there is none)."""
    mode = ApplyMode(mode)
    if mode is ApplyMode.RESET:
        cycle = Cycle.objects.filter(is_active=True).first()
        if cycle is not None:
            return reset_cycle(ctx, cycle, template)
    return instantiate(ctx, template)
