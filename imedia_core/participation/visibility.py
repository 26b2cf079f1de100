"""Who may read and change what of bottom-up participation: one rule per kind, applied alike by
the GraphQL lists and ``node`` lookups, the REST file downloads and the admin.

Moderators see everything. Everyone else sees what is published, plus what they wrote (or
entered for someone else), whatever its status; a comment only under a contribution they may see.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from imedia_core.context import ServiceContext

from .models import Comment, CommentStatus, Contribution, ContributionStatus, ExpressionGroup, ParticipationSettings

EDITABLE = (ContributionStatus.PENDING, ContributionStatus.PUBLISHED)


def visible_contributions(ctx: ServiceContext, queryset: QuerySet | None = None) -> QuerySet:
    """The contributions of ``queryset`` (default: all) that ``ctx`` may read."""
    queryset = Contribution.objects.all() if queryset is None else queryset
    if ctx.can_moderate:
        return queryset
    condition = Q(status=ContributionStatus.PUBLISHED)
    if ctx.user_id is not None:
        condition |= Q(author_id=ctx.user_id) | Q(entered_by_id=ctx.user_id)
    return queryset.filter(condition)


def visible_expression_groups(ctx: ServiceContext, queryset: QuerySet | None = None) -> QuerySet:
    """The expression groups of ``queryset`` (default: all) offered to ``ctx``: the active ones
    (an inactive group can no longer contribute; its past contributions still name it)."""
    queryset = ExpressionGroup.objects.all() if queryset is None else queryset
    return queryset.filter(is_active=True)


def visible_comments(ctx: ServiceContext, queryset: QuerySet | None = None) -> QuerySet:
    """The comments of ``queryset`` (default: all) that ``ctx`` may read."""
    queryset = Comment.objects.all() if queryset is None else queryset
    if ctx.can_moderate:
        return queryset
    condition = Q(status=CommentStatus.PUBLISHED)
    if ctx.user_id is not None:
        condition |= Q(author_id=ctx.user_id)
    return queryset.filter(condition, contribution__in=visible_contributions(ctx))


def is_author(ctx: ServiceContext, contribution: Contribution) -> bool:
    """Whether ``ctx`` wrote it, or entered it for someone else."""
    return ctx.user_id is not None and ctx.user_id in (contribution.author_id, contribution.entered_by_id)


def edit_deadline(contribution: Contribution, settings: ParticipationSettings | None = None):
    """Until when its author may edit it (None: never)."""
    minutes = (settings or ParticipationSettings.load()).edit_window_minutes
    if not minutes or contribution.created_at is None:
        return None
    return contribution.created_at + timedelta(minutes=minutes)


def can_edit(ctx: ServiceContext, contribution: Contribution, settings: ParticipationSettings | None = None) -> bool:
    deadline = edit_deadline(contribution, settings)
    return (
        is_author(ctx, contribution)
        and ctx.can_contribute
        and contribution.status in EDITABLE
        and deadline is not None
        and timezone.now() <= deadline
    )
