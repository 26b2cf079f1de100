"""Docs that cannot drift: the tables integrators rely on are read back and compared with the
code (permissions and roles, API key scopes, root fields per domain, the examples index, the
``extensions.permission`` values), so a doc that disagrees with the code fails the suite."""

import re
from pathlib import Path

from graphene.utils.str_converters import to_camel_case

from imedia_core.graphql import api
from imedia_core.permissions import ROLE_PERMISSIONS, SCOPE_PERMISSIONS, Perm, Role
from imedia_core.pluginhost import manager

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
TICKED = "✓"


def _doc(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _table(text: str, header_start: str) -> tuple[list[str], list[list[str]]]:
    """The header cells and rows of the Markdown table whose header line starts with ``header_start``."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip().startswith(header_start)]
    assert starts, f"no table headed « {header_start} »"
    start = starts[0]
    rows = []
    for line in lines[start + 2 :]:
        if not line.strip().startswith("|"):
            break
        rows.append(_cells(line))
    return _cells(lines[start]), rows


def _code(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def _ticks(header: list[str], row: list[str]) -> set[Perm]:
    return {Perm[name] for name, cell in zip(header, row, strict=True) if cell == TICKED}


def _enum_values(name: str) -> set[str]:
    return set(api.get_schema().graphql_schema.get_type(name).values)


# --- docs/auth.md -------------------------------------------------------------------------


def test_permission_table_lists_every_permission_with_its_value_and_enum_name():
    _, rows = _table(_doc("auth.md"), "| permission | value | GraphQL enum |")
    documented = {_code(row[0])[0]: (_code(row[1])[0], _code(row[2])[0]) for row in rows}
    assert documented == {perm.name: (perm.value, perm.name) for perm in Perm}
    assert {enum for _, enum in documented.values()} == _enum_values("Permission")


def test_role_table_is_role_permissions():
    header, rows = _table(_doc("auth.md"), "| role (`Membership.role`) |")
    perm_columns = header[2:]
    granted = set().union(*ROLE_PERMISSIONS.values())
    assert {Perm[name] for name in perm_columns} == granted, "one column per permission a role can hold"
    documented = {Role(_code(row[0])[0]): _ticks(perm_columns, row[2:]) for row in rows}
    assert documented == dict(ROLE_PERMISSIONS)


def test_role_labels_are_the_membership_choices():
    _, rows = _table(_doc("auth.md"), "| role (`Membership.role`) |")
    labels = {_code(row[0])[0]: row[1] for row in rows}
    assert {value: str(label) for value, label in Role.tenant_choices()} == {
        value: label for value, label in labels.items() if value != Role.OPERATOR_ADMIN
    }


def test_api_key_scope_table_is_scope_permissions():
    header, rows = _table(_doc("auth.md"), "| API key scope | GraphQL enum |")
    perm_columns = [name for name in header[2:] if name in Perm.__members__]
    assert set().union(*SCOPE_PERMISSIONS.values()) <= {Perm[name] for name in perm_columns}
    documented = {_code(row[0])[0]: _ticks(perm_columns, row[2 : 2 + len(perm_columns)]) for row in rows}
    assert documented == dict(SCOPE_PERMISSIONS)
    enum_names = {_code(row[1])[0] for row in rows}
    assert enum_names == _enum_values("ApiKeyScope")
    assert {name.lower() for name in enum_names} == set(SCOPE_PERMISSIONS)


def test_every_permission_says_what_it_guards():
    text = _doc("auth.md")
    section = text[text.index("What the core checks today:") : text.index("## The principal")]
    guarded = set(re.findall(r"^- `([A-Z_]+)`:", section, re.M))
    assert guarded == {perm.name for perm in Perm}
    assert "still to come" not in text


def test_permission_values_in_error_examples_are_the_ones_the_api_sends():
    """``extensions.permission`` carries ``Perm.value`` (imedia_core/graphql/core/permissions.py)."""
    values = {perm.value for perm in Perm}
    found = []
    for page in DOCS.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        found += [(page.name, v) for v in re.findall(r'"permission":\s*"([^"]*)"', text)]
        found += [(page.name, v) for v in re.findall(r"`permission`[^|\n]*?\(e\.g\. `([^`]+)`", text)]
    assert len(found) >= 3
    assert [(page, v) for page, v in found if v not in values] == []


# --- docs/api.md --------------------------------------------------------------------------


def _root_fields_by_domain() -> dict[str, tuple[set[str], set[str]]]:
    """For each core domain module or plugin: the root query and mutation fields it contributes."""
    current = api._current()
    schema, owners = current["schema"].graphql_schema, current["owners"]
    by_domain: dict[str, tuple[set[str], set[str]]] = {}
    for index, (root, classes, type_) in enumerate(
        (("Query", api.CORE_QUERIES, schema.query_type), ("Mutation", api.CORE_MUTATIONS, schema.mutation_type))
    ):
        for field in type_.fields:
            owner = owners[(root, field)]
            if manager.is_core_plugin(owner):
                cls = next(c for c in classes if field in {to_camel_case(n) for n in c._meta.fields})
                domain = cls.__module__.split(".")[2]
            else:
                domain = f"{owner} (plugin)"
            by_domain.setdefault(domain, (set(), set()))[index].add(field)
    return by_domain


def test_root_field_table_is_the_live_schema_by_domain():
    _, rows = _table(_doc("api.md"), "| domain | queries | mutations | see |")
    documented = {}
    for row in rows:
        domain = _code(row[0])[0] + (" (plugin)" if "(plugin)" in row[0] else "")
        documented[domain] = (set(_code(row[1])), set(_code(row[2])))
    assert documented == _root_fields_by_domain()


def test_root_field_table_points_to_existing_pages():
    _, rows = _table(_doc("api.md"), "| domain | queries | mutations | see |")
    for row in rows:
        assert row[3], row[0]
        for target in re.findall(r"\]\(([a-z-]+\.md)", row[3]):
            assert (DOCS / target).exists(), target


def test_examples_index_is_the_examples_folder():
    _, rows = _table(_doc("api.md"), "| file | what it shows |")
    documented = [_code(row[0])[0] for row in rows]
    assert len(documented) == len(set(documented))
    assert set(documented) == {path.name for path in (ROOT / "graphql" / "examples").glob("*.graphql")}
    assert all(row[1] for row in rows)
