"""Nothing of a programme's schema reaches another programme except what it published in the
commons; practice IDs cross programmes on purpose, resource IDs never do."""

from django_tenants.utils import schema_context

from imedia_core.commons.models import Practice
from imedia_core.library.models import Resource

from .conftest import ADAPT, LIST, ONE, SHARE, UNPUBLISH, codes, resource_gid, share_input

RESOURCE = """query($id: ID!) { resource(id: $id) { id title } }"""
NODE = """query($id: ID!) { node(id: $id) { id } }"""


def test_alpha_draft_never_leaks_to_beta(api, tenant_a, tenant_b, people, make_resource, share):
    draft = make_resource(title="Note interne confidentielle", summary="Budget prévisionnel", publish=False)
    published = make_resource(title="Fiche publiée", summary="Accueillir les nouveaux.")
    practice = share(sourceKind="RESOURCE", sourceId=resource_gid(published))

    # Beta cannot share alpha's resources (draft or published): their IDs name nothing in beta.
    for resource in (draft, published):
        payload = api.gql(
            SHARE,
            {"input": share_input(sourceKind="RESOURCE", sourceId=resource_gid(resource))},
            tenant=tenant_b,
            token=people["beta_staff"],
        )["practiceShare"]
        assert codes(payload) == [("sourceId", "NOT_FOUND")]
        # Nor read them by ID, nor by node.
        assert api.gql(RESOURCE, {"id": resource_gid(resource)}, tenant=tenant_b, token=people["beta_staff"]) == {
            "resource": None
        }
        assert api.gql(NODE, {"id": resource_gid(resource)}, tenant=tenant_b, token=people["beta_staff"]) == {
            "node": None
        }
    # Only the published snapshot is in the commons; the draft's words are nowhere.
    for search in ("confidentielle", "budget"):
        assert (
            api.gql(LIST, {"search": search}, tenant=tenant_b, token=people["beta_staff"])["practices"]["totalCount"]
            == 0
        )
    seen = api.gql(LIST, {}, tenant=tenant_b, token=people["beta_staff"])["practices"]["edges"]
    assert [e["node"]["id"] for e in seen] == [practice["id"]]
    # What only the source sees: who shared it and the ID of its source.
    node = seen[0]["node"]
    assert node["provenance"]["sourceId"] is None and node["consent"]["givenBy"] is None
    assert node["consent"]["personalDataRemoved"] is True and node["consent"]["givenAt"]
    # Alpha's own participants see it as everyone does (not who shared it).
    as_participant = api.gql(ONE, {"id": practice["id"]}, tenant=tenant_a, token=people["alpha_participant"])
    assert as_participant["practice"]["consent"]["givenBy"] is None


def test_practice_ids_are_the_same_in_every_programme(api, tenant_a, tenant_b, share):
    practice = share(title="Une pratique", summary="Partagée.")
    from_alpha = api.gql(LIST, {}, tenant=tenant_a)["practices"]["edges"][0]["node"]["id"]
    from_beta = api.gql(LIST, {}, tenant=tenant_b)["practices"]["edges"][0]["node"]["id"]
    assert from_alpha == from_beta == practice["id"]
    # It is not a tenant-scoped ID: node(id:) does not resolve it, and it names no resource.
    assert api.gql(NODE, {"id": practice["id"]}, tenant=tenant_b) == {"node": None}
    assert api.gql(RESOURCE, {"id": practice["id"]}, tenant=tenant_a) == {"resource": None}


def test_beta_cannot_change_alpha_practices(api, tenant_a, tenant_b, people, share):
    practice = share(title="Une pratique d'Alpha", summary="Partagée.")
    for token in (people["beta_staff"], people["beta_write_key"]):
        payload = api.gql(UNPUBLISH, {"id": practice["id"]}, tenant=tenant_b, token=token)["practiceUnpublish"]
        assert payload["practice"] is None and payload["errors"][0]["code"] in {"NOT_SOURCE", "PERMISSION_DENIED"}
    assert Practice.objects.get().status == "published"


def test_the_source_sees_the_count_only(api, tenant_a, tenant_b, people, share):
    practice = share(title="Une pratique", summary="Partagée.")
    api.gql(ADAPT, {"id": practice["id"]}, tenant=tenant_b, token=people["beta_staff"])
    seen = api.gql(ONE, {"id": practice["id"]}, tenant=tenant_a, token=people["alpha_admin"])["practice"]
    assert seen["adaptationCount"] == 1 and seen["viewerAdaptation"] is None
    # Nothing of beta's copy is reachable from alpha.
    with schema_context("beta"):
        copy = Resource.objects.get(provenance="adapted")
    assert api.gql(RESOURCE, {"id": resource_gid(copy, "beta")}, tenant=tenant_a, token=people["alpha_admin"]) == {
        "resource": None
    }
    assert api.gql(LIST, {"search": "pratique"}, tenant=tenant_a)["practices"]["totalCount"] == 1
