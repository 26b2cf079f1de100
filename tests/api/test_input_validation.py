"""Input validation at the GraphQL door: NUL bytes, pagination arguments, required input fields."""

import pytest
from graphql import GraphQLInputObjectType, GraphQLNonNull, Undefined

from imedia_core.graphql.api import get_schema
from tests.auth.helpers import token_for


def _codes(payload):
    return [e.get("extensions", {}).get("code") for e in payload.get("errors", [])]


# --- NUL bytes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ('{ resources(search: "a\\u0000b") { totalCount } }', None),
        ('{ resource(slug: "x\\u0000") { id } }', None),
        ("query($s: String) { resources(search: $s) { totalCount } }", {"s": "a\x00b"}),
        # Nested input objects and lists, in a literal and in a variable.
        ('{ resources(filter: {themes: ["ok", "a\\u0000"]}) { totalCount } }', None),
        (
            "query($f: ResourceFilterInput) { resources(filter: $f) { totalCount } }",
            {"f": {"themes": ["ok", "a\x00"]}},
        ),
        (
            'mutation { tokenCreate(email: "a\\u0000@b.c", password: "x") { token } }',
            None,
        ),
    ],
)
def test_nul_bytes_are_refused_as_bad_user_input(api, tenant_a, query, variables):
    response = api.graphql(query, variables, tenant=tenant_a)
    payload = response.json()
    assert _codes(payload) == ["BAD_USER_INPUT"], payload
    assert "caractère nul" in payload["errors"][0]["message"]
    assert "data" not in payload or payload["data"] is None


def test_nul_free_unicode_still_passes(api, tenant_a):
    data = api.gql('{ resources(search: "été \\u00e9") { totalCount } }', tenant=tenant_a)
    assert data["resources"]["totalCount"] == 0


# --- Pagination arguments --------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        "offset: -1",
        'offset: 1, after: "pas-un-curseur"',
        'offset: 2, after: "!!!"',
        'after: "%%%", first: 1',
        'offset: 1, before: "YXJyYXljb25uZWN0aW9uOjU="',
        'offset: 0, before: "YXJyYXljb25uZWN0aW9uOjU="',
        'offset: 1, after: "YXJyYXljb25uZWN0aW9uOi01"',
    ],
)
def test_bad_pagination_arguments_are_bad_user_input(api, tenant_a, args):
    payload = api.graphql(f"{{ resources({args}) {{ totalCount }} }}", tenant=tenant_a).json()
    assert _codes(payload) == ["BAD_USER_INPUT"], payload
    message = payload["errors"][0]["message"]
    assert "offset" in message or "after" in message
    assert "can't" not in message


def test_every_connection_refuses_a_negative_offset(api, tenant_a, make_user):
    """Every root connection of the schema goes through the same check, for a tenant admin."""
    token = token_for(make_user("offset@alpha.test", "tenant_admin", tenant_a), tenant_a)
    schema = get_schema().graphql_schema
    checked = []
    for name, field in schema.query_type.fields.items():
        if "offset" not in field.args or any(
            isinstance(arg.type, GraphQLNonNull) and arg.default_value is Undefined for arg in field.args.values()
        ):
            continue
        payload = api.graphql(f"{{ {name}(offset: -1) {{ __typename }} }}", tenant=tenant_a, token=token).json()
        assert payload["data"] == {name: None}, (name, payload)
        codes = _codes(payload)
        # A plugin disabled for the space answers first; nothing else may.
        assert codes in (["BAD_USER_INPUT"], ["PLUGIN_DISABLED"]), (name, payload)
        checked.append(name)
    assert {"resources", "auditLog", "members"} <= set(checked)


def test_valid_offset_and_cursor_still_page(api, tenant_a):
    data = api.gql("{ resources(offset: 0, first: 1) { totalCount edges { cursor } } }", tenant=tenant_a)
    assert data["resources"]["totalCount"] >= 0


# --- Required input fields -------------------------------------------------------------------


def _input_types():
    schema = get_schema().graphql_schema
    return [t for name, t in sorted(schema.type_map.items()) if isinstance(t, GraphQLInputObjectType)]


def test_every_non_null_input_field_is_required():
    """A non-null input field without a default must be left out only at the price of a validation error."""
    optional_non_null = [
        f"{t.name}.{name}"
        for t in _input_types()
        for name, field in t.fields.items()
        if isinstance(field.type, GraphQLNonNull) and field.default_value is not Undefined
    ]
    assert optional_non_null == []


def test_every_non_null_input_field_is_enforced_when_left_out():
    """Variables go through ``coerce_input_value``: each missing non-null field is reported."""
    from graphql.utilities import coerce_input_value

    missing = []
    for t in _input_types():
        required = [name for name, f in t.fields.items() if isinstance(f.type, GraphQLNonNull)]
        if not required:
            continue
        errors = []
        coerce_input_value({}, t, on_error=lambda path, value, error: errors.append(error.message))
        for name in required:
            if not any(f"Field '{name}' of required type" in message for message in errors):
                missing.append(f"{t.name}.{name}")
    assert missing == []


def _root_fields_taking(type_name):
    schema = get_schema().graphql_schema
    for operation, root in (("query", schema.query_type), ("mutation", schema.mutation_type)):
        for field_name, field in root.fields.items():
            for arg_name, arg in field.args.items():
                if str(arg.type).strip("!") == type_name:
                    others = [a for n, a in field.args.items() if n != arg_name and isinstance(a.type, GraphQLNonNull)]
                    if not others:
                        yield operation, field_name, arg_name


def test_every_input_literal_without_a_required_field_is_refused(api, tenant_a):
    """Over HTTP, for every input type passed straight to a root field: ``{}`` is refused by validation."""
    checked = set()
    for t in _input_types():
        if not any(isinstance(f.type, GraphQLNonNull) for f in t.fields.values()):
            continue
        for operation, field_name, arg_name in _root_fields_taking(t.name):
            query = f"{operation} {{ {field_name}({arg_name}: {{}}) {{ __typename }} }}"
            payload = api.graphql(query, tenant=tenant_a).json()
            assert _codes(payload) and set(_codes(payload)) == {"GRAPHQL_VALIDATION_FAILED"}, (query, payload)
            checked.add(t.name)
    assert {
        "ContributionSubmitInput",
        "ResourceCreateInput",
        "ResponseCreateInput",
        "PracticeShareInput",
        "ResourceSortInput",
        "PracticeSortInput",
    } <= checked
