"""What a viewer may see of the good-practice commons: one rule, applied by every door (GraphQL
lists, ``practice(id:)`` and mutations alike, the admin, connectors).

Every caller who may read the programme's public content (``READ_PUBLIC``: anonymous visitors
included) sees the *published* practices of every programme, because a practice is published
on purpose, with consent, personal data removed and an open licence. The programme that shared
a practice also sees, with ``SHARE_PRACTICE``, its withdrawn practices, who shared them and the
id of their source; other programmes never do. Adaptations are shown as a count, plus the
viewer's own programme's adaptation to those who may read drafts (the copy starts as a draft).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from imedia_core.context import ServiceContext
from imedia_core.permissions import Perm

from .models import Adaptation, Practice, PracticeStatus


def _tenant_pk(ctx: ServiceContext) -> int | None:
    return getattr(ctx.tenant, "pk", None)


def visible_practices(ctx: ServiceContext, queryset: QuerySet | None = None) -> QuerySet:
    """The practices (of ``queryset``, default all) the viewer may see: published ones, plus
    this programme's withdrawn ones for its staff."""
    queryset = (Practice.objects if queryset is None else queryset).all()
    if not ctx.has(Perm.READ_PUBLIC):
        return queryset.none()
    condition = Q(status=PracticeStatus.PUBLISHED)
    tenant_pk = _tenant_pk(ctx)
    if tenant_pk is not None and ctx.has(Perm.SHARE_PRACTICE):
        condition |= Q(source_tenant_id=tenant_pk)
    return queryset.filter(condition)


def is_own(ctx: ServiceContext, practice: Practice) -> bool:
    """Whether the viewer's programme shared ``practice``."""
    tenant_pk = _tenant_pk(ctx)
    return tenant_pk is not None and practice.source_tenant_id == tenant_pk


def sees_private(ctx: ServiceContext, practice: Practice) -> bool:
    """Whether the viewer sees who shared ``practice`` and the id of its source: the staff of the
    programme that shared it."""
    return is_own(ctx, practice) and ctx.has(Perm.SHARE_PRACTICE)


def sees_own_adaptations(ctx: ServiceContext) -> bool:
    """Whether the viewer sees their programme's adaptations (drafts of its resource centre)."""
    return _tenant_pk(ctx) is not None and ctx.has(Perm.READ_UNPUBLISHED)


def own_adaptations(ctx: ServiceContext, queryset: QuerySet | None = None) -> QuerySet:
    """The viewer's programme's adaptations (of ``queryset``, default all) if they may see them."""
    queryset = (Adaptation.objects if queryset is None else queryset).all()
    if not sees_own_adaptations(ctx):
        return queryset.none()
    return queryset.filter(adopting_tenant_id=_tenant_pk(ctx))
