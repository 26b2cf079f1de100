"""The participation examples integrators copy run over HTTP with their documented variables."""

from tests.api.test_examples_run import documented_variables, read


def test_participation_examples_run(api, tenant_a, tokens, rules):
    rules(moderation_mode="post")
    name = "participation-submit.graphql"
    submitted = api.gql(read(name), documented_variables(name), tenant=tenant_a, token=tokens["participant"])
    contribution = submitted["contributionSubmit"]["contribution"]
    assert contribution["attribution"] == "Voisine_du_12" and contribution["status"] == "PUBLISHED"
    name = "participation-list.graphql"
    listed = api.gql(read(name), documented_variables(name), tenant=tenant_a)["contributions"]
    assert [e["node"]["id"] for e in listed["edges"]] == [contribution["id"]]
    name = "participation-moderate.graphql"
    queue = api.gql(read(name), documented_variables(name), tenant=tenant_a, token=tokens["facilitator"])
    assert queue["moderationQueue"]["totalCount"] == 0
