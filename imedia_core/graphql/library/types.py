"""GraphQL types of the resource centre."""

import graphene
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from imedia_core.content.models import Revision
from imedia_core.content.sanitize import clean_html
from imedia_core.cycle.models import Phase
from imedia_core.library import models, visibility
from imedia_core.search import safe_highlight

from ..commons.ids import practice_global_id
from ..core.connection import CountableConnection
from ..core.context import principal_of
from ..core.enums import described_enum
from ..core.errors import error_codes, error_type
from ..core.nodes import TenantNode
from ..core.selection import selects
from ..core.types import PublicationStatusEnum
from ..core.types_base import ModelObjectType

ResourceKindEnum = described_enum("ResourceKind", models.ResourceKind, "What kind of resource it is.")
AudienceEnum = described_enum("Audience", models.Audience, "Who a resource is for.")
ProvenanceEnum = described_enum("Provenance", models.Provenance, "Where a resource comes from.")
ReadingLevelEnum = described_enum(
    "ReadingLevel", models.ReadingLevel, "How easy a resource is to read (FALC: facile à lire et à comprendre)."
)

LibraryErrorCode = error_codes("LibraryErrorCode", "Why a resource-centre mutation failed.", {})
LibraryError = error_type("LibraryError", LibraryErrorCode, "An error returned by a resource-centre mutation.")


def can_read_unpublished(info) -> bool:
    return visibility.can_read_unpublished(principal_of(info))


def visible_resource_ids(info):
    return visibility.visible_resources(principal_of(info)).values("pk")


def with_resource_counts(themes, info):
    """Annotate ``resource_count``: resources of each theme the viewer may see (a subquery,
    so the themes list stays one query)."""
    links = (
        models.Resource.themes.through.objects.filter(
            theme_id=OuterRef("pk"), resource_id__in=visible_resource_ids(info)
        )
        .order_by()
        .values("theme_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    return themes.annotate(resource_count=Coalesce(Subquery(links, output_field=IntegerField()), Value(0)))


class Theme(ModelObjectType):
    class Meta:
        model = models.Theme
        interfaces = (TenantNode,)
        fields = ("name", "slug", "description")
        description = "A theme of the resource centre, to group and filter resources."
        public = True

    resource_count = graphene.Int(
        required=True, description="Number of resources in this theme that the viewer may see."
    )

    def resolve_resource_count(root, info):
        count = getattr(root, "resource_count", None)
        if count is None:
            count = root.resources.filter(pk__in=visible_resource_ids(info)).count()
        return count


class ResourceFile(ModelObjectType):
    class Meta:
        model = models.ResourceFile
        interfaces = (TenantNode,)
        fields = ("sha256", "created_at")
        description = "A file attached to a resource; download it from `url`."

    name = graphene.String(required=True, description="File name as uploaded (cleaned), for display and download.")
    content_type = graphene.String(required=True, description="Media type detected from the content.")
    size = graphene.Int(required=True, description="Size in bytes.")
    url = graphene.String(required=True, description="Absolute URL that downloads the file (REST).")

    @classmethod
    def get_queryset(cls, queryset, info):
        return visibility.visible_files(principal_of(info), super().get_queryset(queryset, info))

    def resolve_name(root, info):
        return root.original_name

    def resolve_url(root, info):
        path = reverse("library-file-download", kwargs={"slug": root.resource.slug, "file_id": root.pk})
        return info.context.build_absolute_uri(path)


class ResourceRevision(graphene.ObjectType):
    class Meta:
        description = "A saved state of a resource; restore it with `resourceRestoreRevision`."

    number = graphene.Int(required=True, description="1 for the first save, then 2, 3…")
    summary = graphene.String(required=True, description="What changed, as recorded.")
    author_label = graphene.String(required=True, description="Who saved, as shown then (empty for API keys).")
    created_at = graphene.DateTime(required=True, description="When it was saved.")
    snapshot = graphene.JSONString(required=True, description="The resource's editable fields at that save.")

    def resolve_snapshot(root, info):
        return root.data


class ResourceHighlight(graphene.ObjectType):
    class Meta:
        description = (
            "Search matches in a resource's title and summary: HTML-escaped text with `<mark>` around matched words."
        )

    title = graphene.String(required=True, description="The title with matches marked.")
    summary = graphene.String(description="Fragments of the summary with matches marked (empty when none).")


class ResourceLineage(graphene.ObjectType):
    class Meta:
        description = (
            "Where a resource adapted from the good-practice commons comes from. Kept on the resource: it stays "
            "when the practice is withdrawn from the commons."
        )

    practice_id = graphene.ID(
        required=True,
        description="Global ID of the commons practice it was adapted from (valid in every programme; "
        "`practice(id:)` is null once the practice is withdrawn).",
    )
    programme = graphene.String(required=True, description="Programme that shared the practice.")
    label = graphene.String(required=True, description="Where it comes from, in French, for display.")
    adapted_at = graphene.DateTime(description="When it was adapted.")


# The cycle's own Phase type (imported lazily: the cycle's types import the library's models).
PHASE_TYPE = "imedia_core.graphql.cycle.types.Phase"


class Resource(ModelObjectType):
    class Meta:
        model = models.Resource
        interfaces = (TenantNode,)
        connection_class = CountableConnection
        fields = (
            "title",
            "slug",
            "summary",
            "external_url",
            "licence",
            "language",
            "source",
            "author",
            "publish_at",
            "published_at",
            "created_at",
            "updated_at",
        )
        description = "An item of the resource centre: a method, tool, guide, document, video, link, template…"

    kind = graphene.Field(ResourceKindEnum, required=True, description="What kind of resource it is.")
    body = graphene.String(required=True, description="The content, sanitised HTML.")
    themes = graphene.List(graphene.NonNull(Theme), required=True, description="Themes it belongs to, by name.")
    audiences = graphene.List(graphene.NonNull(AudienceEnum), required=True, description="Who it is for.")
    phases = graphene.List(
        graphene.NonNull(PHASE_TYPE),
        required=True,
        description="Phases of the active cycle this resource serves (those the viewer may see), in cycle order.",
    )
    files = graphene.List(graphene.NonNull(ResourceFile), required=True, description="Attached files, oldest first.")
    provenance = graphene.Field(ProvenanceEnum, required=True, description="Where it comes from.")
    reading_level = graphene.Field(ReadingLevelEnum, required=True, description="How easy it is to read.")
    status = graphene.Field(PublicationStatusEnum, required=True, description="Publication state.")
    is_visible = graphene.Boolean(
        required=True, description="Whether readers see it now (published, and its publication date has come)."
    )
    revisions = graphene.List(
        graphene.NonNull(ResourceRevision),
        description="Saved states, newest first; null for viewers who may not read drafts.",
    )
    rank = graphene.Float(description="Relevance to the `search` text (higher is better); null without a search.")
    highlight = graphene.Field(ResourceHighlight, description="Where the `search` text matched; null without a search.")
    lineage = graphene.Field(
        ResourceLineage, description="For a resource adapted from the good-practice commons: where it comes from."
    )

    @classmethod
    def get_queryset(cls, queryset, info):
        return visibility.visible_resources(principal_of(info), super().get_queryset(queryset, info))

    def resolve_lineage(root, info):
        if root.adapted_from_practice_id is None:
            return None
        return ResourceLineage(
            practice_id=practice_global_id(root.adapted_from_practice_id),
            programme=root.adapted_from_programme,
            label=root.lineage_label,
            adapted_at=root.adapted_at,
        )

    def resolve_kind(root, info):
        return _value(root.kind)

    def resolve_body(root, info):
        # Sanitised on the way in; sanitised again on the way out (never trust stored HTML).
        return clean_html(root.body)

    def resolve_themes(root, info):
        return _prefetched_list(root, "themes")

    def resolve_audiences(root, info):
        return [_value(a) for a in root.audiences or []]

    def resolve_phases(root, info):
        if _prefetched(root, "phases"):
            return _prefetched_list(root, "phases")
        return phase_queryset(info).filter(resource_links__resource=root)

    def resolve_files(root, info):
        return _prefetched_list(root, "files")

    def resolve_provenance(root, info):
        return _value(root.provenance)

    def resolve_reading_level(root, info):
        return _value(root.reading_level)

    def resolve_status(root, info):
        return _value(root.status)

    def resolve_is_visible(root, info):
        return root.is_visible

    def resolve_revisions(root, info):
        if not can_read_unpublished(info):
            return None
        return root.revisions.all() if _prefetched(root, "revisions") else root.revisions.order_by("-number")

    def resolve_rank(root, info):
        return getattr(root, "search_rank", None)

    def resolve_highlight(root, info):
        if not hasattr(root, "search_title_headline"):
            return None
        return ResourceHighlight(
            title=safe_highlight(root.search_title_headline),
            summary=safe_highlight(root.search_summary_headline or ""),
        )


def _value(choice):
    """Enum members of another class do not serialize: hand graphene the values."""
    return getattr(choice, "value", choice)


def _prefetched_list(obj, name):
    """A prefetched relation as its cached rows (``.all()`` would clone a queryset per row)."""
    cache = getattr(obj, "_prefetched_objects_cache", {})
    return cache[name] if name in cache else getattr(obj, name).all()


def _prefetched(obj, name) -> bool:
    return name in getattr(obj, "_prefetched_objects_cache", {})


def phase_queryset(info):
    phases = Phase.objects.filter(cycle__is_active=True).select_related("cycle")
    return phases.for_reader(can_read_unpublished(info)).order_by("position", "id")


# --- what a query asks for, to prefetch exactly that -----------------------------------------


def resource_prefetches(info, fields: set[str]) -> list:
    """The prefetches a page of resources needs for the requested ``fields``: one query per
    relation, whatever the page size (they run on the sliced page)."""
    prefetches = []
    if "themes" in fields:
        themes = models.Theme.objects.all()
        # The per-theme count is a correlated subquery: pay for it only when it is asked for.
        if selects(info, "resourceCount"):
            themes = with_resource_counts(themes, info)
        prefetches.append(Prefetch("themes", queryset=themes))
    if "phases" in fields:
        prefetches.append(Prefetch("phases", queryset=phase_queryset(info)))
    if "files" in fields:
        prefetches.append(Prefetch("files", queryset=models.ResourceFile.objects.order_by("id")))
    if "revisions" in fields and can_read_unpublished(info):
        prefetches.append(Prefetch("revisions", queryset=Revision.objects.order_by("-number")))
    return prefetches
