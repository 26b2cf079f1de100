"""What a viewer may see of official responses and commitments: one rule per kind of row.

Every door applies the same functions: GraphQL lists *and* ``node(id:)`` lookups, REST, the
admin and connectors, so that no way of asking returns a row another way hides.

- Responses: readers see published responses to published contributions; people who may
  respond (``RESPOND``) also see drafts, and responses to contributions since withdrawn or
  hidden (they answered them; the record is theirs to read).
- Commitments and their timeline steps: public, all of them: the "we did" is owed to everyone,
  "not done, because" included.
- The contributions a commitment or the ledger shows as answered: published ones only, whoever
  reads (a withdrawn or hidden contribution leaves the public story).
"""

from __future__ import annotations

from django.db.models import Manager, QuerySet
from django.utils import timezone

from imedia_core.context import ServiceContext
from imedia_core.participation.models import Contribution, ContributionStatus
from imedia_core.permissions import Perm

from .models import Commitment, CommitmentUpdate, Response, ResponseStatus


def _rows(model, queryset) -> QuerySet:
    """``queryset`` as a queryset (``node(id:)`` passes the model's manager), default all rows."""
    return (model.objects if queryset is None else queryset).all()


def sees_drafts(ctx: ServiceContext) -> bool:
    """Whether the viewer sees draft responses (people who may respond)."""
    return ctx.has(Perm.RESPOND)


def visible_responses(ctx: ServiceContext, queryset: QuerySet | Manager | None = None) -> QuerySet:
    """The responses (of ``queryset``, default all) that the viewer may see."""
    queryset = _rows(Response, queryset)
    if sees_drafts(ctx):
        return queryset
    return queryset.filter(status=ResponseStatus.PUBLISHED, contribution__status=ContributionStatus.PUBLISHED)


def visible_commitments(ctx: ServiceContext, queryset: QuerySet | Manager | None = None) -> QuerySet:
    """The commitments (of ``queryset``, default all) that the viewer may see: every one, each
    annotated with ``is_overdue`` (computed by PostgreSQL, with today's local date)."""
    queryset = _rows(Commitment, queryset)
    if "is_overdue" not in queryset.query.annotations:
        queryset = queryset.with_overdue(timezone.localdate())
    return queryset


def visible_steps(ctx: ServiceContext, queryset: QuerySet | Manager | None = None) -> QuerySet:
    """The timeline steps (of ``queryset``, default all) that the viewer may see: every one,
    as their commitment is public."""
    return _rows(CommitmentUpdate, queryset)


def answered_contributions(queryset: QuerySet | Manager | None = None) -> QuerySet:
    """The contributions shown as answered by a commitment or in the ledger: published ones."""
    queryset = _rows(Contribution, queryset)
    return queryset.filter(status=ContributionStatus.PUBLISHED)
