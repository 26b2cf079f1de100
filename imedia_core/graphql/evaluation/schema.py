"""GraphQL root fields of the evaluation domain: a programme's indicators, and its operator's
programmes side by side (operator admins only)."""

import graphene
from graphql import GraphQLError

from imedia_core.errors import ServiceError
from imedia_core.evaluation.indicators import compute
from imedia_core.evaluation.operator import compute_for_operator
from imedia_core.evaluation.period import MAX_YEARS, make_period
from imedia_core.permissions import Perm

from ..core.context import tenant_of
from ..core.permissions import require
from .types import Indicators, OperatorIndicators

PERIOD_HELP = f"Default: the current month and the 11 before it, up to today. At most {MAX_YEARS} years."


def _period_args():
    return {
        "from_": graphene.Date(name="from", description="First day (included). " + PERIOD_HELP),
        "to": graphene.Date(description="Last day (included); default today."),
    }


def period_or_error(from_, to):
    """The validated period, or a GraphQL error ``BAD_USER_INPUT`` naming the argument and the reason."""
    try:
        return make_period(from_, to)
    except ServiceError as exc:
        raise GraphQLError(
            exc.message, extensions={"code": "BAD_USER_INPUT", "field": exc.field, "reason": exc.code}
        ) from None


class EvaluationQueries(graphene.ObjectType):
    """Root fields of the evaluation domain."""

    indicators = graphene.Field(
        Indicators,
        **_period_args(),
        description="This programme's indicators over a period (needs `evaluation.read`: staff roles). "
        "A reversed or too long period is a `BAD_USER_INPUT` error with `extensions.field` (`from`/`to`) and "
        "`extensions.reason` (`PERIOD_REVERSED`, `PERIOD_TOO_LONG`).",
    )
    operator_indicators = graphene.Field(
        OperatorIndicators,
        **_period_args(),
        include_archived=graphene.Boolean(
            default_value=False, description="Also list the operator's archived programmes."
        ),
        description="The indicators of every programme of this programme's operator, side by side (operator "
        "admins and platform staff only: `operator.manage`). Aggregates only: no searched text, no group names. "
        "Null when the programme belongs to no operator.",
    )

    def resolve_indicators(root, info, from_=None, to=None):
        require(info, Perm.READ_INDICATORS)
        return compute(period_or_error(from_, to), tenant=tenant_of(info))

    def resolve_operator_indicators(root, info, from_=None, to=None, include_archived=False):
        require(info, Perm.MANAGE_OPERATOR)
        period = period_or_error(from_, to)
        operator = tenant_of(info).operator
        if operator is None:
            return None
        return compute_for_operator(operator, period, include_archived=include_archived)
