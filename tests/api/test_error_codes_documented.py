"""docs/api.md lists every error-code enum of the schema with exactly the codes it adds to the
common ones, so a client author can trust the table."""

import re
from pathlib import Path

from graphql import GraphQLEnumType

from imedia_core.graphql.api import get_schema

COMMON = {"INVALID", "REQUIRED", "NOT_FOUND", "UNIQUE", "PERMISSION_DENIED", "UNAUTHENTICATED"}
ROW = re.compile(r"^\| `(\w+ErrorCode)` \(`\w+`\) \| [^|]+ \| ([^|]+) \|$", re.M)


def test_every_error_code_enum_is_documented_with_its_codes():
    text = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    documented = {name: set(re.findall(r"`([A-Z_]+)`", codes)) for name, codes in ROW.findall(text)}
    schema = get_schema().graphql_schema
    actual = {
        name: set(type_.values) - COMMON
        for name, type_ in schema.type_map.items()
        if isinstance(type_, GraphQLEnumType) and name.endswith("ErrorCode")
    }
    assert set(actual) <= set(documented), f"undocumented: {sorted(set(actual) - set(documented))}"
    assert {name: documented[name] for name in actual} == actual
