"""Validation rules that bound what one request may ask for: depth, cost and aliases.

Cost counts one per selected field, multiplied by the page size of the connections it sits
under (``first``/``last``, or the maximum page size when a connection is asked without them or
through a variable). A request over a limit is refused before anything executes.
"""

from weakref import WeakKeyDictionary

from django.conf import settings
from graphene.validation import depth_limit_validator
from graphql import GraphQLError, ValidationRule
from graphql.language import DocumentNode, FieldNode, FragmentDefinitionNode, IntValueNode, OperationDefinitionNode

from .selection import fields_of

_CONNECTION_SELECTIONS = {"edges", "nodes", "pageInfo"}


def _page_size(field: FieldNode, max_page: int, fragment, entered: frozenset[str]) -> int:
    for argument in field.arguments or ():
        if argument.name.value in ("first", "last"):
            if isinstance(argument.value, IntValueNode):
                return max(1, min(int(argument.value.value), max_page))
            return max_page
    # A connection is one whose page is selected, directly or through fragments: a fragment
    # holding ``edges`` must not make a full page cost as one row.
    names = {selected.name.value for selected, _ in fields_of(field.selection_set, fragment, entered)}
    return max_page if names & _CONNECTION_SELECTIONS else 1


def cost_of(selection_set, fragment, entered: frozenset[str] = frozenset()) -> int:
    """The estimated cost of a selection set (docs/api.md#limits gives the formula)."""
    max_page = settings.IMEDIA_GRAPHQL_MAX_PAGE_SIZE
    total = 0
    for field, field_entered in fields_of(selection_set, fragment, entered):
        total += 1
        if field.selection_set is not None:
            page = _page_size(field, max_page, fragment, field_entered)
            total += page * cost_of(field.selection_set, fragment, field_entered)
    return total


def depth_of(selection_set, fragment, entered: frozenset[str] = frozenset()) -> int:
    """The depth the depth limit measures: a leaf is 0, a field with a selection one more than its
    deepest child; introspection fields (``__schema``, ``__type``...) are not counted."""
    deepest = 0
    for field, field_entered in fields_of(selection_set, fragment, entered):
        if field.selection_set is None or field.name.value.startswith("__"):
            continue
        deepest = max(deepest, 1 + depth_of(field.selection_set, fragment, field_entered))
    return deepest


# Parsed documents are cached (documents.py): so is what their operations cost, per operation
# node and page size, for as long as the document lives.
_measured: WeakKeyDictionary = WeakKeyDictionary()


def measure(document: DocumentNode, operation: OperationDefinitionNode) -> dict:
    """``extensions.cost`` of a response: the operation's cost and depth beside their limits."""
    page = settings.IMEDIA_GRAPHQL_MAX_PAGE_SIZE
    cached = _measured.get(operation)
    if cached is None or cached[0] != page:
        fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        cached = (
            page,
            cost_of(operation.selection_set, fragments.get),
            depth_of(operation.selection_set, fragments.get),
        )
        _measured[operation] = cached
    return {
        "cost": cached[1],
        "maxCost": settings.IMEDIA_GRAPHQL_MAX_COST,
        "depth": cached[2],
        "maxDepth": settings.IMEDIA_GRAPHQL_MAX_DEPTH,
    }


class CostLimitRule(ValidationRule):
    def enter_operation_definition(self, node, *_args):
        cost = cost_of(node.selection_set, self.context.get_fragment)
        limit = settings.IMEDIA_GRAPHQL_MAX_COST
        if cost > limit:
            self.report_error(
                GraphQLError(
                    f"Requête trop coûteuse : coût estimé {cost}, maximum {limit}. "
                    "Réduisez la taille des pages ou le nombre de champs.",
                    node,
                    extensions={"code": "QUERY_TOO_COSTLY", "cost": cost, "maxCost": limit},
                )
            )


class AliasLimitRule(ValidationRule):
    def __init__(self, context):
        super().__init__(context)
        self.count = 0

    def enter_field(self, node, *_args):
        if node.alias is not None:
            self.count += 1
            limit = settings.IMEDIA_GRAPHQL_MAX_ALIASES
            if self.count == limit + 1:
                self.report_error(
                    GraphQLError(
                        f"Trop d'alias dans la requête (maximum {limit}).",
                        node,
                        extensions={"code": "TOO_MANY_ALIASES", "maxAliases": limit},
                    )
                )


def validation_rules() -> list:
    return [
        depth_limit_validator(max_depth=settings.IMEDIA_GRAPHQL_MAX_DEPTH),
        CostLimitRule,
        AliasLimitRule,
    ]
