"""What a query selects, read from its syntax tree: the one walker behind prefetching (which
relations a page needs) and the cost limit (how many fields a request may cost).

Inline fragments and fragment spreads are followed as if their fields were written in place; a
fragment already entered on the way down is not entered again (a cycle, which validation reports
anyway, must not hang the cost rule that runs beside it). Fields are matched by name, not alias,
and ``@skip``/``@include`` are not evaluated: a prefetch for a skipped field costs a query, never
a wrong answer.
"""

from collections.abc import Callable, Iterable, Iterator

from graphql.language import FieldNode, FragmentDefinitionNode, FragmentSpreadNode, InlineFragmentNode, SelectionSetNode

FragmentLookup = Callable[[str], FragmentDefinitionNode | None]


def fields_of(
    selection_set: SelectionSetNode | None, fragment: FragmentLookup, entered: frozenset[str] = frozenset()
) -> Iterator[tuple[FieldNode, frozenset[str]]]:
    """The fields selected directly in ``selection_set``, fragments flattened, each with the
    fragments entered to reach it (pass them on when descending into the field)."""
    if selection_set is None:
        return
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield selection, entered
        elif isinstance(selection, InlineFragmentNode):
            yield from fields_of(selection.selection_set, fragment, entered)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            definition = fragment(name)
            if definition is not None and name not in entered:
                yield from fields_of(definition.selection_set, fragment, entered | {name})


def _names_at(selection_set, fragment: FragmentLookup, path: tuple[str, ...], entered: frozenset[str]) -> set[str]:
    names: set[str] = set()
    for field, field_entered in fields_of(selection_set, fragment, entered):
        if not path:
            names.add(field.name.value)
        elif field.name.value == path[0]:
            names |= _names_at(field.selection_set, fragment, path[1:], field_entered)
        elif path[:2] == ("edges", "node") and field.name.value == "nodes":
            # A connection's ``nodes`` holds the same objects as its ``edges { node }``.
            names |= _names_at(field.selection_set, fragment, path[2:], field_entered)
    return names


def _descendants(selection_set, fragment: FragmentLookup, entered: frozenset[str]) -> Iterator[FieldNode]:
    for field, field_entered in fields_of(selection_set, fragment, entered):
        yield field
        yield from _descendants(field.selection_set, fragment, field_entered)


def _below(info) -> Iterator[FieldNode]:
    for node in info.field_nodes:
        yield from _descendants(node.selection_set, info.fragments.get, frozenset())


def selected_fields(info, path: tuple[str, ...] = ()) -> set[str]:
    """Names of the fields selected at ``path`` below the field being resolved (``()``: its
    direct fields; ``("edges", "node")``: the fields of a connection's nodes, whether selected
    through ``edges { node }`` or ``nodes``)."""
    names: set[str] = set()
    for node in info.field_nodes:
        names |= _names_at(node.selection_set, info.fragments.get, path, frozenset())
    return names


def selected_fields_at(info, paths: Iterable[tuple[str, ...]]) -> set[str]:
    """Names of the fields selected at any of ``paths`` (an object reached several ways)."""
    names: set[str] = set()
    for path in paths:
        names |= selected_fields(info, path)
    return names


def selected_names(info) -> set[str]:
    """Names of every field selected below the field being resolved, at any depth."""
    return {field.name.value for field in _below(info)}


def selects(info, name: str) -> bool:
    """Whether ``name`` is selected anywhere below the field being resolved."""
    return any(field.name.value == name for field in _below(info))
