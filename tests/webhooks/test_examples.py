"""The webhook examples integrators copy (graphql/examples/webhooks-*.graphql) run over HTTP
with the variables they document."""

from tests.api.test_examples_run import documented_variables, read
from tests.auth.helpers import token_for

from .conftest import emit_in, work


def test_webhook_examples_run(api, tenant_a, make_user, receiver):
    token = token_for(make_user("exemples-webhooks@alpha.test", "tenant_admin", tenant_a), tenant_a)
    name = "webhooks-subscription-create.graphql"
    variables = documented_variables(name)
    created = api.gql(read(name), variables, tenant=tenant_a, token=token)["webhookSubscriptionCreate"]
    assert created["errors"] == [] and created["secret"].startswith("whsec_")
    assert created["subscription"]["events"] == ["contribution.*", "response.published"]
    # Point it at the local receiver and make it fail once, so the log has something to show.
    api.gql(
        "mutation($id: ID!, $url: String!) { webhookSubscriptionUpdate(id: $id, input: {url: $url}) { errors { code } } }",
        {"id": created["subscription"]["id"], "url": receiver.url},
        tenant=tenant_a,
        token=token,
    )
    receiver.statuses = [503]
    emit_in("alpha", "contribution.published")
    work(tenant_a)
    name = "webhooks-deliveries.graphql"
    log = api.gql(read(name), documented_variables(name), tenant=tenant_a, token=token)["webhookDeliveries"]
    assert log["totalCount"] == 1
    node = log["edges"][0]["node"]
    assert node["status"] == "PENDING" and node["attemptLog"][0]["statusCode"] == 503
