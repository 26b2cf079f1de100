"""GraphQL root fields of bottom-up participation: contributions, comments, moderation, rules."""

import graphene

from imedia_core.participation import models
from imedia_core.participation.search import filter_contributions, search_contributions, sort_contributions
from imedia_core.permissions import Perm

from ..core.connection import ConnectionField
from ..core.nodes import pk_from_global_id
from ..core.permissions import require
from ..core.selection import selected_fields
from .filters import ContributionFilterInput, ContributionSort, check_search, to_filters
from .mutations import (
    CommentAdd,
    CommentModerate,
    ContributionEdit,
    ContributionFollow,
    ContributionModerate,
    ContributionReport,
    ContributionSubmit,
    ContributionSupport,
    ContributionUnfollow,
    ContributionUnsupport,
    ContributionWithdraw,
    ExpressionGroupCreate,
    ParticipationSettingsUpdate,
)
from .types import Comment, Contribution, ExpressionGroup, ParticipationSettings, prepare_contributions


class ParticipationQueries(graphene.ObjectType):
    """Root fields of bottom-up participation."""

    contributions = ConnectionField(
        Contribution,
        filter=ContributionFilterInput(description="Narrow the list (all filters combine)."),
        search=graphene.String(
            description="French full-text search in titles and texts (stemming, accents ignored; web-search "
            'syntax: `"exact phrase"`, `-excluded`, `or`). Adds `rank` to results.'
        ),
        sort=ContributionSort(description="Sort order (default: relevance when searching, else newest first)."),
        description="Contributions. Readers see published ones and their own (whatever their status); "
        "moderators (MODERATE) see every one.",
    )
    contribution = graphene.Field(
        Contribution,
        id=graphene.ID(required=True, description="Global ID of the contribution."),
        description="One contribution; null when absent or not visible to the viewer.",
    )
    moderation_queue = ConnectionField(
        Contribution,
        filter=ContributionFilterInput(description="Narrow the queue (e.g. `held: true`)."),
        sort=ContributionSort(description="Sort order (default: oldest first)."),
        description="Contributions waiting for a moderator (status PENDING), oldest first (MODERATE only).",
    )
    comment_moderation_queue = ConnectionField(
        Comment,
        description="Comments waiting for a moderator (status PENDING), oldest first (MODERATE only).",
    )
    participation_settings = graphene.Field(
        ParticipationSettings,
        required=True,
        description="This programme's participation rules (public: frontends adapt their forms to them).",
    )
    expression_groups = graphene.List(
        graphene.NonNull(ExpressionGroup),
        required=True,
        description="Active expression groups of the programme, by name.",
    )

    def resolve_contributions(root, info, filter=None, search=None, sort=None, **kwargs):
        queryset = filter_contributions(models.Contribution.objects.all(), to_filters(info, filter))
        queryset = search_contributions(queryset, check_search(search))
        queryset = sort_contributions(queryset, getattr(sort, "value", sort))
        return prepare_contributions(queryset, info)

    def resolve_contribution(root, info, id):
        pk = pk_from_global_id(id, "Contribution")
        if pk is None:
            return None
        queryset = Contribution.get_queryset(models.Contribution.objects.filter(pk=pk), info)
        return prepare_contributions(queryset, info, path=()).first()

    def resolve_moderation_queue(root, info, filter=None, sort=None, **kwargs):
        require(info, Perm.MODERATE)
        queryset = models.Contribution.objects.filter(status=models.ContributionStatus.PENDING)
        queryset = filter_contributions(queryset, to_filters(info, filter))
        queryset = sort_contributions(queryset, getattr(sort, "value", sort) or "oldest")
        return prepare_contributions(queryset, info)

    def resolve_comment_moderation_queue(root, info, **kwargs):
        require(info, Perm.MODERATE)
        fields = selected_fields(info, ("edges", "node"))
        queryset = models.Comment.objects.filter(status=models.CommentStatus.PENDING).order_by("created_at", "id")
        return queryset.select_related("contribution") if "contribution" in fields else queryset

    def resolve_participation_settings(root, info):
        return models.ParticipationSettings.load()

    def resolve_expression_groups(root, info):
        return ExpressionGroup.readable(info).order_by("name")


class ParticipationMutations(graphene.ObjectType):
    """Mutations of bottom-up participation."""

    contribution_submit = ContributionSubmit.Field()
    contribution_edit = ContributionEdit.Field()
    contribution_withdraw = ContributionWithdraw.Field()
    contribution_support = ContributionSupport.Field()
    contribution_unsupport = ContributionUnsupport.Field()
    contribution_follow = ContributionFollow.Field()
    contribution_unfollow = ContributionUnfollow.Field()
    contribution_report = ContributionReport.Field()
    contribution_moderate = ContributionModerate.Field()
    comment_add = CommentAdd.Field()
    comment_moderate = CommentModerate.Field()
    participation_settings_update = ParticipationSettingsUpdate.Field()
    expression_group_create = ExpressionGroupCreate.Field()
