"""Parsed and validated documents are reused across requests, never across limits or schemas."""

from django.test import override_settings

from imedia_core.graphql.core import documents


def test_the_same_document_is_parsed_and_validated_once(api, tenant_a):
    query = "query CacheProbe($first: Int) { resources(first: $first) { totalCount } }"
    api.gql(query, {"first": 1}, tenant=tenant_a)
    before = documents.cache_info()
    api.gql(query, {"first": 2}, tenant=tenant_a)  # other variables: same document
    after = documents.cache_info()
    assert after.hits == before.hits + 1
    assert after.misses == before.misses


def test_changed_limits_validate_again(api, tenant_a):
    query = "{ resources(first: 1) { edges { node { title } } } }"
    assert "resources" in api.gql(query, tenant=tenant_a)
    with override_settings(IMEDIA_GRAPHQL_MAX_DEPTH=2):
        payload = api.graphql(query, tenant=tenant_a).json()
    assert payload["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    # And back under the usual limits, the cached verdict for those limits still holds.
    assert "resources" in api.gql(query, tenant=tenant_a)


def test_invalid_documents_stay_refused_when_cached(api, tenant_a):
    query = "{ tenant { noSuchField } }"
    for _ in range(2):
        response = api.graphql(query, tenant=tenant_a)
        assert response.status_code == 200
        assert response.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


def test_unparseable_documents_are_refused_every_time(api, tenant_a):
    for _ in range(2):
        response = api.graphql("{ tenant { ", tenant=tenant_a)
        assert response.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


def test_long_documents_are_not_cached(api, tenant_a):
    padding = "# " + "x" * documents.MAX_CACHED_LENGTH + "\n"
    before = documents.cache_info()
    api.gql(padding + "{ tenant { slug } }", tenant=tenant_a)
    after = documents.cache_info()
    assert (after.hits, after.misses, after.currsize) == (before.hits, before.misses, before.currsize)
