"""Relay connections with ``totalCount``, a ``nodes`` shortcut and a hard page cap."""

import graphene
from django.conf import settings
from graphene.relay.connection import ConnectionOptions
from graphene_django.fields import DjangoConnectionField
from graphql import GraphQLError
from graphql_relay import cursor_to_offset


class CountableConnection(graphene.relay.Connection):
    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(cls, node=None, description=None, **options):
        if description is None and node is not None:
            description = f"A page of `{node.__name__}` items, with Relay cursors and the total count."
        if node is not None and options.get("_meta") is None:
            # ``nodes`` beside ``edges`` (as GitHub's API has): the same page without the cursors.
            _meta = ConnectionOptions(cls)
            _meta.fields = {
                "nodes": graphene.Field(
                    graphene.NonNull(graphene.List(node)),
                    description="The items of this page, in the order of `edges` (a shortcut when cursors are not needed).",
                )
            }
            options["_meta"] = _meta
        super().__init_subclass_with_meta__(node=node, description=description, **options)

    total_count = graphene.Int(required=True, description="Number of items in the whole list, across all pages.")

    def resolve_total_count(root, info):
        return root.length

    def resolve_nodes(root, info):
        # The page graphene-django already sliced and prefetched for ``edges``: no extra query.
        return [edge.node for edge in root.edges]


class ConnectionField(DjangoConnectionField):
    """A connection field whose ``first``/``last`` may not exceed IMEDIA_GRAPHQL_MAX_PAGE_SIZE.

    Without ``first`` or ``last`` a page holds the maximum.
    """

    def __init__(self, type_, *args, **kwargs):
        kwargs.setdefault("max_limit", settings.IMEDIA_GRAPHQL_MAX_PAGE_SIZE)
        limit = kwargs["max_limit"]
        kwargs.setdefault("first", graphene.Int(description=f"Return the first n items (at most {limit})."))
        kwargs.setdefault("last", graphene.Int(description=f"Return the last n items (at most {limit})."))
        kwargs.setdefault("after", graphene.String(description="Return items after this cursor."))
        kwargs.setdefault("before", graphene.String(description="Return items before this cursor."))
        kwargs.setdefault("offset", graphene.Int(description="Skip this many items (prefer cursors)."))
        super().__init__(type_, *args, **kwargs)

    @classmethod
    def connection_resolver(
        cls,
        resolver,
        connection,
        default_manager,
        queryset_resolver,
        max_limit,
        enforce_first_or_last,
        root,
        info,
        **args,
    ):
        for name in ("first", "last"):
            value = args.get(name)
            if value is not None and not 0 <= value <= max_limit:
                raise GraphQLError(
                    f"« {name} » doit être compris entre 0 et {max_limit} sur « {info.field_name} ».",
                    extensions={"code": "PAGE_SIZE_EXCEEDED", "maxPageSize": max_limit},
                )
        _check_position(args, info.field_name)
        return super().connection_resolver(
            resolver,
            connection,
            default_manager,
            queryset_resolver,
            max_limit,
            enforce_first_or_last,
            root,
            info,
            **args,
        )


def _check_position(args: dict, field_name: str) -> None:
    """Refuse a negative ``offset`` and cursors this connection did not issue, before any query."""
    offset = args.get("offset")
    if offset is not None and offset < 0:
        raise GraphQLError(
            f"« offset » doit être positif ou nul sur « {field_name} ».", extensions={"code": "BAD_USER_INPUT"}
        )
    if offset is not None and args.get("before") is not None:
        raise GraphQLError(
            f"« offset » et « before » ne peuvent pas être combinés sur « {field_name} ».",
            extensions={"code": "BAD_USER_INPUT"},
        )
    for name in ("after", "before"):
        cursor = args.get(name)
        position = None if cursor is None else cursor_to_offset(cursor)
        if cursor is not None and (position is None or position < 0):
            raise GraphQLError(
                f"Le curseur « {name} » n'est pas valide sur « {field_name} » : "
                "reprenez un curseur renvoyé par cette liste.",
                extensions={"code": "BAD_USER_INPUT"},
            )
