"""Bounded, schema-driven fuzzing of the GraphQL API (hypothesis-graphql).

Every root field of the live schema, query and mutation alike, gets generated documents (valid
ones: arguments of the right types with arbitrary values, arbitrary selections), each sent over
real HTTP to tenant ``alpha`` anonymously or as its tenant admin, inside the test's transaction
(no flush between examples). Checks: never a 5xx, never an ``INTERNAL_SERVER_ERROR``, every error
with a documented ``extensions.code``, and the response in the GraphQL-over-HTTP shape.
Reproducible: ``derandomize=True`` (a fixed seed) and a bounded number of examples per field.
"""

import pytest
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st
from hypothesis_graphql import mutations, nodes, queries

from imedia_core.graphql.api import get_schema
from tests.auth.helpers import token_for

MAX_EXAMPLES = 6

# docs/api.md, "Top-level errors", plus the codes of typed mutation errors never reach here.
DOCUMENTED_CODES = {
    "METHOD_NOT_ALLOWED",
    "NOT_ACCEPTABLE",
    "PAYLOAD_TOO_LARGE",
    "UNSUPPORTED_MEDIA_TYPE",
    "BAD_REQUEST",
    "GRAPHQL_PARSE_FAILED",
    "OPERATION_NOT_FOUND",
    "INVALID_TOKEN",
    "TOKEN_EXPIRED",
    "TOKEN_REVOKED",
    "WRONG_TENANT",
    "INACTIVE_ACCOUNT",
    "GRAPHQL_VALIDATION_FAILED",
    "QUERY_TOO_COSTLY",
    "TOO_MANY_ALIASES",
    "QUERY_TOO_LARGE",
    "BAD_USER_INPUT",
    "PAGE_SIZE_EXCEEDED",
    "UNAUTHENTICATED",
    "PERMISSION_DENIED",
    "PLUGIN_DISABLED",
}

_text = st.text(max_size=12)
CUSTOM_SCALARS = {
    "Date": st.one_of(st.dates().map(str), _text).map(nodes.String),
    "DateTime": st.one_of(st.datetimes().map(lambda value: value.isoformat()), _text).map(nodes.String),
    "UUID": st.one_of(st.uuids().map(str), _text).map(nodes.String),
    "JSONString": st.one_of(st.sampled_from(["{}", "[]", '{"a": 1}', "null", "1"]), _text).map(nodes.String),
}


def _root_fields():
    schema = get_schema().graphql_schema
    fields = [("query", name) for name in schema.query_type.fields]
    fields += [("mutation", name) for name in schema.mutation_type.fields]
    return fields


ROOT_FIELDS = _root_fields()


def assert_well_formed(response):
    assert response.status_code < 500, response.content
    payload = response.json()
    assert set(payload) <= {"data", "errors", "extensions"}, payload
    for error in payload.get("errors", []):
        assert isinstance(error.get("message"), str), error
        code = error.get("extensions", {}).get("code")
        assert code != "INTERNAL_SERVER_ERROR", payload
        assert code in DOCUMENTED_CODES, payload
    if response.status_code != 200:
        assert "data" not in payload, payload


@pytest.fixture
def staff_token(tenant_a, make_user):
    return token_for(make_user("fuzz-graphql@alpha.test", "tenant_admin", tenant_a), tenant_a)


@pytest.mark.parametrize(("kind", "field"), ROOT_FIELDS, ids=[f"{kind}-{field}" for kind, field in ROOT_FIELDS])
def test_root_field_never_fails_internally(api, tenant_a, staff_token, kind, field):
    generate = queries if kind == "query" else mutations
    documents = generate(get_schema().graphql_schema, fields=[field], custom_scalars=CUSTOM_SCALARS, allow_x00=False)

    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(document=documents, signed_in=st.booleans())
    def run(document, signed_in):
        note(f"signed_in={signed_in}\n{document}")
        assert_well_formed(api.graphql(document, tenant=tenant_a, token=staff_token if signed_in else None))

    run()
