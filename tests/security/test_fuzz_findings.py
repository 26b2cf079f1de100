"""What the fuzzers found, each fixed at its root, each pinned here by a focused test."""

import pytest
from django.core.cache import caches

from imedia_core.graphql.core import schema as core_schema
from tests.auth.helpers import token_for


def _codes(payload):
    return [error.get("extensions", {}).get("code") for error in payload.get("errors", [])]


@pytest.mark.parametrize(
    "document",
    [
        # A scalar refusing a literal (graphene raises ValueError) was answered as an internal
        # error; it is the client's value that is wrong, found while validating the document.
        'mutation { pluginConfigure(name: "tenant_presets", config: "pas du json") { errors { code } } }',
        'mutation { webhookReplay(eventId: "pas-un-uuid") { errors { code } } }',
    ],
)
def test_a_malformed_scalar_literal_is_a_validation_error(api, tenant_a, make_user, document):
    token = token_for(make_user("scalaires@alpha.test", "tenant_admin", tenant_a), tenant_a)
    payload = api.graphql(document, tenant=tenant_a, token=token).json()
    assert _codes(payload) == ["GRAPHQL_VALIDATION_FAILED"], payload
    assert "data" not in payload


def test_a_resolver_failure_is_still_an_internal_error(api, tenant_a, monkeypatch):
    """The narrowing above keeps execution failures internal (and logged)."""

    def broken(info):
        raise ValueError("panne")

    monkeypatch.setattr(core_schema, "tenant_of", broken)
    payload = api.graphql("{ tenant { slug } }", tenant=tenant_a).json()
    assert _codes(payload) == ["INTERNAL_SERVER_ERROR"], payload


@pytest.mark.parametrize("email", ["\x1b", "deux mots@alpha.test", "x" * 300 + "@alpha.test", "ä\x7f@alpha.test"])
def test_sign_in_with_any_typed_address_is_a_typed_refusal(api, tenant_a, email):
    """The login throttle keyed its cache entries on the raw address: control characters,
    spaces or length made keys that memcached refuses (a CacheKeyWarning, an error in tests)."""
    document = 'mutation($e: String!) { tokenCreate(email: $e, password: "x") { token errors { code } } }'
    payload = api.graphql(document, {"e": email}, tenant=tenant_a).json()
    assert "errors" not in payload, payload
    assert payload["data"]["tokenCreate"]["errors"][0]["code"] == "INVALID_CREDENTIALS"
    keys = [key for key in caches["platform"]._cache if ":login:email:" in key]
    assert keys and all(len(key.rsplit(":", 1)[1]) == 64 for key in keys)
