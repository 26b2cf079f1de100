"""The one selection walker: what prefetching and the cost limit read from a query's syntax tree."""

from types import SimpleNamespace

from graphql import parse
from graphql.language import FragmentDefinitionNode, OperationDefinitionNode

from imedia_core.graphql.core.selection import (
    fields_of,
    selected_fields,
    selected_fields_at,
    selected_names,
    selects,
)


def info_for(document: str):
    """What a resolver of the operation's first root field receives, as far as the walker reads it."""
    definitions = parse(document).definitions
    operation = next(d for d in definitions if isinstance(d, OperationDefinitionNode))
    fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
    return SimpleNamespace(field_nodes=[operation.selection_set.selections[0]], fragments=fragments)


QUERY = """
query {
  resources(first: 5) {
    totalCount
    edges { node { ...Card ... on Resource { themes { name } } renamed: slug } }
  }
}
fragment Card on Resource { title phases { ...PhaseName } }
fragment PhaseName on Phase { title resourceCount }
"""


def test_selected_fields_at_a_path_follow_fragments_and_read_names_not_aliases():
    info = info_for(QUERY)

    assert selected_fields(info) == {"totalCount", "edges"}
    assert selected_fields(info, ("edges", "node")) == {"title", "phases", "themes", "slug"}
    assert selected_fields(info, ("edges", "node", "phases")) == {"title", "resourceCount"}
    assert selected_fields(info, ("edges", "missing")) == set()


def test_selected_fields_at_several_paths_is_their_union():
    info = info_for(QUERY)

    paths = [("edges", "node", "themes"), ("edges", "node", "phases")]
    assert selected_fields_at(info, paths) == {"name", "title", "resourceCount"}


def test_names_anywhere_below_the_field():
    info = info_for(QUERY)

    everything = {"totalCount", "edges", "node", "title", "phases", "resourceCount", "themes", "name", "slug"}
    assert selected_names(info) == everything
    assert selects(info, "resourceCount")
    assert not selects(info, "renamed")
    assert not selects(info, "resources")


def test_a_fragment_cycle_is_walked_once_per_path_and_ends():
    definitions = parse("{ a { ...A } } fragment A on T { b { ...A } c }").definitions
    fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
    root = definitions[0].selection_set.selections[0]

    (b, entered), (c, _) = fields_of(root.selection_set, fragments.get)
    assert (b.name.value, c.name.value, entered) == ("b", "c", frozenset({"A"}))
    # Below ``b`` the same fragment is spread again: it is not entered twice, so the walk ends.
    assert list(fields_of(b.selection_set, fragments.get, entered)) == []
