import graphene
from graphql import GraphQLError

from imedia_core.library import models
from imedia_core.library.search import filter_resources, search_resources, sort_resources
from imedia_core.search import french_sort_key

from ..core.connection import ConnectionField
from ..core.nodes import pk_from_global_id
from ..core.selection import selected_fields
from .filters import ResourceFilterInput, ResourceSortInput, check_search, to_filters, to_sort
from .mutations import (
    ResourceArchive,
    ResourceCreate,
    ResourceDelete,
    ResourceFileDelete,
    ResourcePublish,
    ResourceRestoreRevision,
    ResourceUpdate,
    ThemeCreate,
    ThemeDelete,
    ThemeUpdate,
)
from .types import Resource, Theme, resource_prefetches, with_resource_counts


class LibraryQueries(graphene.ObjectType):
    """Root fields of the resource centre."""

    resources = ConnectionField(
        Resource,
        filter=ResourceFilterInput(description="Narrow the list (all filters combine)."),
        search=graphene.String(
            description="French full-text search in titles, summaries and bodies (stemming, accents ignored; "
            'web-search syntax: `"exact phrase"`, `-excluded`, `or`). Adds `rank` and `highlight` to results.'
        ),
        sort_by=ResourceSortInput(description="Sort order (default: relevance when searching, else last update)."),
        description="Resources of the resource centre. Readers see only published resources whose publication "
        "date has come; staff and API keys also see drafts, scheduled and archived ones.",
    )
    resource = graphene.Field(
        Resource,
        id=graphene.ID(description="Global ID of the resource."),
        slug=graphene.String(description="Slug of the resource."),
        description="One resource, by global ID or slug (give one); null when absent or not visible to the viewer.",
    )
    themes = graphene.List(
        graphene.NonNull(Theme),
        required=True,
        description="Every theme of the resource centre, by name, with the number of resources the viewer may see.",
    )

    def resolve_resources(root, info, filter=None, search=None, sort_by=None, **kwargs):
        filters = to_filters(info, filter)
        queryset = filter_resources(models.Resource.objects.all(), filters)
        queryset = search_resources(queryset, check_search(search))
        field, direction = to_sort(sort_by)
        queryset = sort_resources(queryset, field, direction)
        fields = selected_fields(info, ("edges", "node"))
        # Prefetches run on the page graphene-django slices from this queryset: one query each.
        return queryset.prefetch_related(*resource_prefetches(info, fields))

    def resolve_resource(root, info, id=None, slug=None):
        if (id is None) == (slug is None):
            raise GraphQLError("Donnez soit « id », soit « slug ».", extensions={"code": "BAD_USER_INPUT"})
        queryset = Resource.get_queryset(models.Resource.objects.all(), info)
        if id is not None:
            pk = pk_from_global_id(id, "Resource")
            if pk is None:
                return None
            queryset = queryset.filter(pk=pk)
        else:
            queryset = queryset.filter(slug=slug)
        return queryset.prefetch_related(*resource_prefetches(info, selected_fields(info))).first()

    def resolve_themes(root, info):
        return with_resource_counts(Theme.readable(info).order_by(french_sort_key("name"), "id"), info)


class LibraryMutations(graphene.ObjectType):
    """Mutations of the resource centre."""

    resource_create = ResourceCreate.Field()
    resource_update = ResourceUpdate.Field()
    resource_publish = ResourcePublish.Field()
    resource_archive = ResourceArchive.Field()
    resource_delete = ResourceDelete.Field()
    resource_restore_revision = ResourceRestoreRevision.Field()
    resource_file_delete = ResourceFileDelete.Field()
    theme_create = ThemeCreate.Field()
    theme_update = ThemeUpdate.Field()
    theme_delete = ThemeDelete.Field()
