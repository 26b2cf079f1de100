"""GraphQL root fields of the good-practice commons (public schema, readable from every programme)."""

import graphene

from imedia_core.commons import models
from imedia_core.commons.search import filter_practices, search_practices, sort_practices
from imedia_core.commons.visibility import visible_practices

from ..core.connection import ConnectionField
from ..core.context import service_context
from ..core.selection import selected_fields
from ..library.filters import check_search, to_sort
from .filters import PracticeFilterInput, PracticeSortInput, to_filters
from .ids import practice_pk
from .mutations import PracticeAdapt, PracticeShare, PracticeUnpublish
from .types import Practice, practice_prefetches, with_adaptation_counts


class CommonsQueries(graphene.ObjectType):
    """Root fields of the good-practice commons."""

    practices = ConnectionField(
        Practice,
        filter=PracticeFilterInput(description="Narrow the list (all filters combine)."),
        search=graphene.String(
            description="French full-text search in titles, summaries, what worked, bodies and conditions (stemming, "
            'accents ignored; web-search syntax: `"exact phrase"`, `-excluded`, `or`). Adds `rank` and `highlight`.'
        ),
        sort_by=PracticeSortInput(description="Sort order (default: relevance when searching, else newest first)."),
        description="The good-practice commons: practices published by every programme (withdrawn ones only for "
        "the staff of the programme that shared them, with `filter: {status: [UNPUBLISHED]}`).",
    )
    practice = graphene.Field(
        Practice,
        id=graphene.ID(required=True, description="Global ID of the practice (the same in every programme)."),
        description="One practice of the commons; null when absent, withdrawn (except for its own programme's staff) "
        "or not a practice ID.",
    )

    def resolve_practices(root, info, filter=None, search=None, sort_by=None, **kwargs):
        ctx = service_context(info)
        queryset = filter_practices(visible_practices(ctx), to_filters(filter), getattr(ctx.tenant, "pk", None))
        queryset = with_adaptation_counts(search_practices(queryset, check_search(search)))
        field, direction = to_sort(sort_by)
        queryset = sort_practices(queryset, field, direction)
        return queryset.prefetch_related(*practice_prefetches(info, selected_fields(info, ("edges", "node"))))

    def resolve_practice(root, info, id):
        pk = practice_pk(id)
        if pk is None:
            return None
        queryset = visible_practices(
            service_context(info), with_adaptation_counts(models.Practice.objects.filter(pk=pk))
        )
        return queryset.prefetch_related(*practice_prefetches(info, selected_fields(info))).first()


class CommonsMutations(graphene.ObjectType):
    """Mutations of the good-practice commons."""

    practice_share = PracticeShare.Field()
    practice_unpublish = PracticeUnpublish.Field()
    practice_adapt = PracticeAdapt.Field()
