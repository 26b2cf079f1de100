"""The committed SDL is the live schema; every field, argument and type is described;
the example operations in graphql/examples/ run against the demo-shaped schema."""

from pathlib import Path

from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType, parse, validate

from imedia_core.graphql.api import get_schema
from imedia_core.management.commands.export_schema import current_sdl

ROOT = Path(__file__).resolve().parents[2]


def test_committed_sdl_matches_live_schema():
    committed = (ROOT / "graphql" / "schema.graphql").read_text(encoding="utf-8")
    assert committed == current_sdl(), "graphql/schema.graphql is stale: run `imedia export_schema`"


def test_graphql_folder_is_not_a_python_package():
    assert not (ROOT / "graphql" / "__init__.py").exists()


def test_every_type_field_and_argument_is_described():
    missing = []
    for name, type_ in get_schema().graphql_schema.type_map.items():
        if name.startswith("__") or name in {"String", "Boolean", "Int", "Float", "ID"}:
            continue
        if not type_.description:
            missing.append(name)
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            for field_name, field in type_.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                for arg_name, arg in getattr(field, "args", {}).items():
                    if not arg.description:
                        missing.append(f"{name}.{field_name}({arg_name})")
        if isinstance(type_, GraphQLEnumType):
            missing += [f"{name}.{v}" for v, value in type_.values.items() if not value.description]
    assert missing == []


def test_examples_are_valid_operations():
    examples = sorted((ROOT / "graphql" / "examples").glob("*.graphql"))
    assert examples, "graphql/examples/ holds no example operation"
    schema = get_schema().graphql_schema
    for path in examples:
        errors = validate(schema, parse(path.read_text(encoding="utf-8")))
        assert errors == [], f"{path.name}: {errors}"
