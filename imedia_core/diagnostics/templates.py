"""Diagnostic templates: questionnaires a programme installs, then edits as its own.

Templates are plain, frozen, validated Python data contributed by plugins through
``imedia_diagnostic_templates()``. Installing one (``services.install``) copies it into the
current tenant schema, published, with each dimension linked to the active cycle's phase of the
same slug (when there is one). Installing is idempotent: a diagnostic whose slug exists is left
untouched. This module loads no model: plugin modules build these objects at import time, while
settings are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from imedia_core.context import ServiceContext
from imedia_core.pluginhost.manager import collect_keyed

SLUG_RE = re.compile(r"^[-a-z0-9_]+$")


def _tuple(value) -> tuple:
    if value is None:
        return ()
    if isinstance(value, str | ScaleOption | ItemTemplate | DimensionTemplate | LevelTemplate):
        return (value,)
    return tuple(value)


@dataclass(frozen=True)
class ScaleOption:
    """One answer option: what people read, and its score."""

    label: str
    score: float

    def __post_init__(self):
        if not self.label.strip():
            raise ValueError("a scale option needs a label")
        object.__setattr__(self, "score", float(self.score))


@dataclass(frozen=True)
class ItemTemplate:
    """A statement on a dimension. ``scale`` None: the diagnostic's scale."""

    text: str
    help_text: str = ""
    weight: float = 1.0
    scale: tuple = ()

    def __post_init__(self):
        object.__setattr__(self, "scale", _tuple(self.scale))
        object.__setattr__(self, "weight", float(self.weight))
        if not self.text.strip():
            raise ValueError("an item needs a text")
        if self.weight <= 0:
            raise ValueError(f"item {self.text!r}: the weight must be > 0")
        if self.scale:
            check_scale(self.scale, f"item {self.text!r}")


@dataclass(frozen=True)
class DimensionTemplate:
    """A dimension; ``phase_slug`` (default: its own slug) links it to a phase of the cycle."""

    slug: str
    title: str
    items: tuple = ()
    description: str = ""
    phase_slug: str | None = None

    def __post_init__(self):
        object.__setattr__(self, "items", _tuple(self.items))
        if not SLUG_RE.match(self.slug):
            raise ValueError(f"dimension slug {self.slug!r} is not a slug")
        if not self.items:
            raise ValueError(f"dimension {self.slug!r} has no item")
        for item in self.items:
            if not isinstance(item, ItemTemplate):
                raise TypeError(f"dimension {self.slug!r} holds {item!r}, not an ItemTemplate")

    @property
    def linked_phase(self) -> str:
        return self.phase_slug if self.phase_slug is not None else self.slug


@dataclass(frozen=True)
class LevelTemplate:
    """A maturity level: scores from ``min_score`` (0-100, included) to the next level's."""

    min_score: float
    label: str
    description: str = ""


@dataclass(frozen=True)
class DiagnosticTemplate:
    """A questionnaire shipped for a cycle template (``cycle_template_key``).

    ``key`` becomes the installed diagnostic's slug; ``scale`` is the default answer scale of
    its items; ``maturity_levels`` must start at 0 and increase.
    """

    key: str
    title: str
    cycle_template_key: str
    dimensions: tuple
    scale: tuple
    maturity_levels: tuple
    description: str = ""
    scorer_key: str = "weighted_mean"

    def __post_init__(self):
        for name in ("dimensions", "scale", "maturity_levels"):
            object.__setattr__(self, name, _tuple(getattr(self, name)))
        where = f"diagnostic template {self.key!r}"
        if not SLUG_RE.match(self.key):
            raise ValueError(f"{where}: the key is not a slug")
        if not self.dimensions:
            raise ValueError(f"{where}: no dimension")
        slugs = [dimension.slug for dimension in self.dimensions]
        if len(set(slugs)) != len(slugs):
            raise ValueError(f"{where}: two dimensions share a slug")
        check_scale(self.scale, where)
        check_levels([(level.min_score, level.label) for level in self.maturity_levels], where)

    def item_count(self) -> int:
        return sum(len(dimension.items) for dimension in self.dimensions)


def check_scale(scale, where: str) -> None:
    if len(scale) < 2:
        raise ValueError(f"{where}: a scale needs at least two options")
    scores = [option.score for option in scale]
    if len(set(scores)) != len(scores):
        raise ValueError(f"{where}: two options of the scale share a score")


def check_levels(levels: list[tuple[float, str]], where: str) -> None:
    if not levels:
        raise ValueError(f"{where}: no maturity level")
    minimums = [minimum for minimum, _ in levels]
    if minimums[0] != 0 or minimums != sorted(set(minimums)) or minimums[-1] > 100:
        raise ValueError(f"{where}: maturity levels must start at 0 and increase, up to 100")


def available_diagnostic_templates(tenant=None) -> dict[str, DiagnosticTemplate]:
    """Templates of the installed plugins (those ``tenant`` enabled, when given), by key; the
    first plugin to use a key wins."""
    return collect_keyed("imedia_diagnostic_templates", tenant)


def install_diagnostics(ctx: ServiceContext, cycle_template_key: str) -> int:
    """Install the diagnostics of ``cycle_template_key`` in the current schema (see
    ``services.install``); return how many were created (0 when all were there already). Called
    when a space is provisioned, whose own journal entry tells the story: events, no audit lines."""
    from .services import install  # services load models, and plugins import this module while settings are read

    created = 0
    for template in available_diagnostic_templates().values():
        if template.cycle_template_key == cycle_template_key:
            created += install(ctx, template, audit=False)[1]
    return created
