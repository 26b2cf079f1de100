"""Types of the participation cycle: the cycle, its phases, their items and resource links.

Lists under a cycle or a phase read what the root resolver prefetched (``prefetch.py``), so the
whole cycle costs a constant number of SQL queries; resolved elsewhere (a mutation payload, a
``node``), they fall back to one query each, with the same visibility rules.
"""

import graphene

from imedia_core.content.sanitize import clean_html
from imedia_core.cycle import models
from imedia_core.cycle.services import KIND_ORDER, phase_revisions
from imedia_core.cycle.visibility import visible_cycles, visible_items, visible_links, visible_phases
from imedia_core.permissions import Perm

from ..core.context import principal_of
from ..core.enums import described_enum
from ..core.errors import error_codes, error_type
from ..core.nodes import TenantGlobalIDType, TenantNode
from ..core.types import PublicationStatusEnum
from ..core.types_base import ModelObjectType

CycleErrorCode = error_codes(
    "CycleErrorCode",
    "Why a change to the participation cycle failed.",
    {
        "NO_ACTIVE_CYCLE": "The programme has no active cycle; apply a template or name a cycle.",
        "DATES_OUT_OF_ORDER": "A phase cannot end before it starts.",
        "INVALID_ORDER": "A reorder list must name every item of the list exactly once, and nothing else.",
        "UNKNOWN_TEMPLATE": "No cycle template with this key is available in this programme.",
    },
)
CycleError = error_type("CycleError", CycleErrorCode, "An error returned by a participation-cycle mutation.")

PhaseItemKindEnum = described_enum(
    "PhaseItemKind",
    models.PhaseItemKind,
    "What a phase item is.",
    {
        models.PhaseItemKind.STAKE.value: "A stake (enjeu): what is at play in the phase.",
        models.PhaseItemKind.OBJECTIVE.value: "An objective (objectif): what the phase should achieve.",
        models.PhaseItemKind.VIGILANCE.value: "A vigilance point (point de vigilance): a risk to watch for.",
        models.PhaseItemKind.METHOD.value: "A method (méthode): a way of working that serves the phase.",
    },
)


# The resource centre's type, by path: the library's types refer back to the cycle's Phase.
RESOURCE_TYPE = "imedia_core.graphql.library.types.Resource"


def can_read_unpublished(info) -> bool:
    return principal_of(info).has(Perm.READ_UNPUBLISHED)


def global_id(type_name: str, pk) -> str:
    return TenantGlobalIDType.to_global_id(type_name, pk)


class PhaseItem(ModelObjectType):
    class Meta:
        model = models.PhaseItem
        interfaces = (TenantNode,)
        fields = ("position", "title", "summary", "body")
        description = (
            "One stake (enjeu), objective, vigilance point (point de vigilance) or method of a phase, "
            "edited and ordered individually."
        )

    kind = graphene.Field(PhaseItemKindEnum, required=True, description="What the item is.")
    phase = graphene.Field(lambda: Phase, required=True, description="The phase the item belongs to.")

    def resolve_body(root, info):
        return clean_html(root.body)  # sanitised on the way in, and again on the way out

    @classmethod
    def get_queryset(cls, queryset, info):
        return visible_items(principal_of(info), super().get_queryset(queryset, info))

    def resolve_kind(root, info):
        return str(root.kind)


class PhaseResource(graphene.ObjectType):
    class Meta:
        description = "A resource of the resource centre serving a phase, in the order the local team chose."

    position = graphene.Int(required=True, description="Order among the phase's resources, from 0.")
    note = graphene.String(required=True, description="Why this resource serves this phase; may be empty.")
    resource = graphene.Field(RESOURCE_TYPE, required=True, description="The resource.")


class PhaseRevision(graphene.ObjectType):
    class Meta:
        description = "A saved version of a phase, its items and resource links included; any can be restored."

    id = graphene.ID(required=True, description="Global ID of the revision (for `phaseRestoreRevision`).")
    number = graphene.Int(required=True, description="1 for the first version of the phase, then 2, 3...")
    summary = graphene.String(required=True, description="What changed, as recorded.")
    author_label = graphene.String(required=True, description="Who saved it, as shown then; empty if unknown.")
    created_at = graphene.DateTime(required=True, description="When it was saved.")
    title = graphene.String(required=True, description="Title of the phase in this version.")
    item_count = graphene.Int(required=True, description="Number of items the phase had in this version.")

    def resolve_id(root, info):
        return global_id("PhaseRevision", root.pk)

    def resolve_title(root, info):
        return root.data.get("title", "")

    def resolve_item_count(root, info):
        return len(root.data.get("items", []))


def _items(root) -> list:
    """The phase's items, from the prefetch cache when there is one, in canonical order."""
    return sorted(root.items.all(), key=lambda item: (KIND_ORDER[item.kind], item.position, item.pk))


class Phase(ModelObjectType):
    class Meta:
        model = models.Phase
        interfaces = (TenantNode,)
        fields = (
            "slug",
            "title",
            "summary",
            "body",
            "position",
            "starts_on",
            "ends_on",
            "is_current",
            "publish_at",
            "published_at",
            "created_at",
            "updated_at",
        )
        description = (
            "A phase of a participation cycle, with its ordered stakes, objectives, vigilance points, "
            "methods and resources. Readers without the right to see drafts see only published phases "
            "of the active cycle."
        )

    def resolve_body(root, info):
        return clean_html(root.body)  # sanitised on the way in, and again on the way out

    status = graphene.Field(PublicationStatusEnum, required=True, description="Publication state.")
    is_visible = graphene.Boolean(
        required=True, description="Whether readers without the right to see drafts see it now."
    )
    cycle = graphene.Field(lambda: Cycle, required=True, description="The cycle the phase belongs to.")
    stakes = graphene.List(
        graphene.NonNull(PhaseItem), required=True, description="The phase's stakes (enjeux), in order."
    )
    objectives = graphene.List(
        graphene.NonNull(PhaseItem), required=True, description="The phase's objectives, in order."
    )
    vigilance_points = graphene.List(
        graphene.NonNull(PhaseItem),
        required=True,
        description="The phase's vigilance points (points de vigilance), in order.",
    )
    methods = graphene.List(graphene.NonNull(PhaseItem), required=True, description="The phase's methods, in order.")
    items = graphene.List(
        graphene.NonNull(PhaseItem),
        required=True,
        kind=graphene.Argument(PhaseItemKindEnum, description="Only items of this kind."),
        description="The phase's items: stakes, then objectives, vigilance points and methods, each in order.",
    )
    resources = graphene.List(
        graphene.NonNull(PhaseResource),
        required=True,
        description=(
            "Resources of the resource centre serving the phase, in order. Readers without the right to "
            "see drafts see only published resources."
        ),
    )
    revisions = graphene.List(
        graphene.NonNull(PhaseRevision),
        description="Saved versions of the phase, newest first; null for viewers who may not read drafts.",
    )

    @classmethod
    def get_queryset(cls, queryset, info):
        return visible_phases(principal_of(info), super().get_queryset(queryset, info))

    def resolve_status(root, info):
        # A status just assigned from PublicationStatus is an enum member; graphene wants the value.
        return str(root.status)

    def resolve_is_visible(root, info):
        return root.is_visible

    def resolve_stakes(root, info):
        return [item for item in _items(root) if item.kind == models.PhaseItemKind.STAKE]

    def resolve_objectives(root, info):
        return [item for item in _items(root) if item.kind == models.PhaseItemKind.OBJECTIVE]

    def resolve_vigilance_points(root, info):
        return [item for item in _items(root) if item.kind == models.PhaseItemKind.VIGILANCE]

    def resolve_methods(root, info):
        return [item for item in _items(root) if item.kind == models.PhaseItemKind.METHOD]

    def resolve_items(root, info, kind=None):
        kind = getattr(kind, "value", kind)
        return [item for item in _items(root) if kind is None or item.kind == kind]

    def resolve_resources(root, info):
        links = getattr(root, "prefetched_links", None)
        if links is None:
            queryset = visible_links(principal_of(info), models.PhaseResource.objects.filter(phase=root))
            links = list(queryset.select_related("resource").order_by("position", "id"))
        return links

    def resolve_revisions(root, info):
        # Like resources, pages and news: null, not an error, for readers.
        if not principal_of(info).has(Perm.READ_UNPUBLISHED):
            return None
        return list(phase_revisions(root))


class Cycle(ModelObjectType):
    class Meta:
        model = models.Cycle
        interfaces = (TenantNode,)
        fields = ("name", "description", "template_key", "is_active", "created_at", "updated_at")
        description = (
            "A programme's participation cycle: ordered phases, one of them current. The active cycle is "
            "public; past ones are visible to staff only."
        )

    phases = graphene.List(
        graphene.NonNull(Phase),
        required=True,
        description="The cycle's phases in order (readers without the right to see drafts: published ones).",
    )

    def resolve_description(root, info):
        return clean_html(root.description)

    current_phase = graphene.Field(Phase, description="The phase the programme is in now, if any and visible.")

    @classmethod
    def get_queryset(cls, queryset, info):
        return visible_cycles(principal_of(info), super().get_queryset(queryset, info))

    def resolve_phases(root, info):
        phases = getattr(root, "prefetched_phases", None)
        if phases is None:
            phases = list(visible_phases(principal_of(info), root.phases.order_by("position", "id")))
        return phases

    def resolve_current_phase(root, info):
        phases = getattr(root, "prefetched_phases", None)
        if phases is not None:
            return next((phase for phase in phases if phase.is_current), None)
        return visible_phases(principal_of(info), root.phases.filter(is_current=True)).first()


class CycleTemplateMode(graphene.Enum):
    class Meta:
        description = "How to apply a cycle template to the programme."

    NEW_CYCLE = "new_cycle"
    RESET = "reset"

    @property
    def description(self):
        return {
            "NEW_CYCLE": "Keep the active cycle as a past one and start a new active cycle from the template.",
            "RESET": (
                "Rewrite the active cycle's phases and items from the template (phases with the same slug keep "
                "their ID and history, others are deleted); resources are kept."
            ),
        }[self.name]


class CycleTemplatePhase(graphene.ObjectType):
    class Meta:
        description = "A phase of a cycle template."

    slug = graphene.String(required=True, description="Identifier the phase will have.")
    title = graphene.String(required=True, description="Title of the phase.")
    summary = graphene.String(required=True, description="Short summary of the phase.")
    item_count = graphene.Int(required=True, description="Number of stakes, objectives, vigilance points and methods.")

    def resolve_item_count(root, info):
        return sum(len(items) for _, items in root.items_by_kind())


class CycleTemplate(graphene.ObjectType):
    class Meta:
        description = "A participation cycle a programme can instantiate (`cycleApplyTemplate`)."

    key = graphene.String(required=True, description="Key to pass to `cycleApplyTemplate`.")
    name = graphene.String(required=True, description="Name the cycle will have.")
    description = graphene.String(required=True, description="What the cycle is for (sanitised HTML).")
    policy_areas = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="Policy areas the template suits."
    )
    phases = graphene.List(graphene.NonNull(CycleTemplatePhase), required=True, description="Its phases, in order.")
    starter_resources = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Titles of the resources it adds to the resource centre (existing ones are reused by slug).",
    )

    def resolve_description(root, info):
        return clean_html(root.description)

    def resolve_starter_resources(root, info):
        return [resource.title for resource in root.starter_resources]
