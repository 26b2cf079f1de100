"""The webhooks GraphQL API: space admins only, secrets shown once, typed errors, replays,
delivery filters, constant query counts, tenant isolation, the plugin switch."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.events.catalogue import event_types
from plugins.webhooks.models import Delivery, Subscription
from tests.auth.helpers import api_key_for, token_for

from .conftest import emit_in, work

CREATE = """
mutation($input: WebhookSubscriptionCreateInput!) {
  webhookSubscriptionCreate(input: $input) {
    subscription { id url events description isActive secretHint createdBy }
    secret
    errors { field code message }
  }
}"""
SUBSCRIPTIONS = "{ webhookSubscriptions { totalCount edges { node { id url isActive secretHint } } } }"
DELIVERIES = """
query($first: Int, $filter: WebhookDeliveryFilterInput) {
  webhookDeliveries(first: $first, filter: $filter) {
    totalCount
    edges { node {
      id deliveryId eventId eventType status attempts lastStatusCode lastError deliveredAt payload
      subscription { id url }
      attemptLog { number statusCode succeeded durationMs responseBody error }
    } }
  }
}"""


@pytest.fixture
def admin_token(tenant_a, make_user):
    return token_for(make_user("admin-webhooks@alpha.test", "tenant_admin", tenant_a), tenant_a)


def create(api, tenant, token, **input):
    input.setdefault("events", ["*"])
    return api.gql(CREATE, {"input": input}, tenant=tenant, token=token)["webhookSubscriptionCreate"]


def test_only_space_admins_manage_webhooks(api, tenant_a, make_user, receiver):
    facilitator = token_for(make_user("anim@alpha.test", "facilitator", tenant_a), tenant_a)
    for token, code in (
        (None, "UNAUTHENTICATED"),
        (facilitator, "PERMISSION_DENIED"),
        (api_key_for(tenant_a, "write"), "PERMISSION_DENIED"),
    ):
        result = create(api, tenant_a, token, url=receiver.url)
        assert result["subscription"] is None and result["errors"][0]["code"] == code
        response = api.graphql(SUBSCRIPTIONS, tenant=tenant_a, token=token).json()
        assert response["errors"][0]["extensions"]["code"] == code
    with schema_context("alpha"):
        assert not Subscription.objects.exists()


def test_the_secret_is_shown_once_and_the_creation_audited(api, tenant_a, admin_token, receiver):
    result = create(api, tenant_a, admin_token, url=receiver.url, events=["contribution.*"], description="CRM")
    assert result["errors"] == []
    secret, sub = result["secret"], result["subscription"]
    assert secret.startswith("whsec_") and len(secret) > 40
    assert sub["secretHint"] == f"…{secret[-4:]}" and sub["isActive"] and sub["events"] == ["contribution.*"]
    assert sub["createdBy"] == "Participant·e"  # a display name, never the e-mail (person_label)
    listed = api.gql(SUBSCRIPTIONS, tenant=tenant_a, token=admin_token)["webhookSubscriptions"]
    assert listed["totalCount"] == 1 and secret not in str(listed)
    given = create(api, tenant_a, admin_token, url=receiver.url, secret="mon-secret-a-moi-de-32-caracteres")
    assert given["secret"] == "mon-secret-a-moi-de-32-caracteres"
    with schema_context("alpha"):
        assert AuditEntry.objects.filter(action="webhooks.subscription_created").count() == 2


@pytest.mark.parametrize(
    ("input", "field", "code"),
    [
        ({"url": "ftp://exemple.org/x"}, "url", "URL_NOT_ALLOWED"),
        ({"url": "file:///etc/passwd"}, "url", "URL_NOT_ALLOWED"),
        ({"url": "https://moi:motdepasse@exemple.org/"}, "url", "URL_NOT_ALLOWED"),
        ({"url": ""}, "url", "REQUIRED"),
        ({"url": "https://exemple.org/", "events": []}, "events", "REQUIRED"),
        ({"url": "https://exemple.org/", "events": ["Contribution Publiée"]}, "events", "INVALID"),
        ({"url": "https://exemple.org/", "secret": "court"}, "secret", "INVALID"),
    ],
)
def test_invalid_input_is_refused_with_typed_errors(api, tenant_a, admin_token, input, field, code):
    result = create(api, tenant_a, admin_token, **input)
    assert result["subscription"] is None and result["secret"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [(field, code)]
    assert result["errors"][0]["message"]
    with schema_context("alpha"):
        assert not Subscription.objects.exists()


def test_private_addresses_are_refused_when_not_allowed(api, tenant_a, admin_token, settings):
    settings.IMEDIA_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    for url in ("http://127.0.0.1:8000/x", "http://localhost/x", "http://[::1]/x", "http://169.254.169.254/"):
        result = create(api, tenant_a, admin_token, url=url)
        assert result["errors"][0]["code"] == "URL_NOT_ALLOWED", url
    assert create(api, tenant_a, admin_token, url="https://93.184.216.34/hook")["errors"] == []


def test_update_rotate_and_delete(api, tenant_a, admin_token, receiver):
    sub = create(api, tenant_a, admin_token, url=receiver.url)
    first_secret, sid = sub["secret"], sub["subscription"]["id"]
    updated = api.gql(
        """mutation($id: ID!) { webhookSubscriptionUpdate(id: $id, input: {events: ["commitment.*"], isActive: false,
           description: "Tableau de bord"}) { subscription { events isActive description } errors { code } } }""",
        {"id": sid},
        tenant=tenant_a,
        token=admin_token,
    )["webhookSubscriptionUpdate"]
    assert updated == {
        "subscription": {"events": ["commitment.*"], "isActive": False, "description": "Tableau de bord"},
        "errors": [],
    }
    rotated = api.gql(
        "mutation($id: ID!) { webhookRotateSecret(id: $id) { secret subscription { secretHint secretRotationEndsAt } errors { code } } }",
        {"id": sid},
        tenant=tenant_a,
        token=admin_token,
    )["webhookRotateSecret"]
    assert rotated["secret"] != first_secret and rotated["subscription"]["secretRotationEndsAt"]
    assert rotated["subscription"]["secretHint"] == f"…{rotated['secret'][-4:]}"
    deleted = api.gql(
        "mutation($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedId errors { code } } }",
        {"id": sid},
        tenant=tenant_a,
        token=admin_token,
    )["webhookSubscriptionDelete"]
    assert deleted == {"deletedId": sid, "errors": []}
    with schema_context("alpha"):
        assert not Subscription.objects.exists()
        actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"webhooks.subscription_updated", "webhooks.secret_rotated", "webhooks.subscription_deleted"} <= actions


def test_deliveries_with_filters_and_replays(api, tenant_a, admin_token, receiver):
    sub = create(api, tenant_a, admin_token, url=receiver.url, events=["contribution.*", "comment.*"])["subscription"]
    receiver.statuses = [500]
    failed = emit_in("alpha", "contribution.published", {"kind": "question"})
    ok = emit_in("alpha", "comment.published")
    work(tenant_a)
    data = api.gql(DELIVERIES, {"first": 10}, tenant=tenant_a, token=admin_token)["webhookDeliveries"]
    assert data["totalCount"] == 2
    newest, oldest = (edge["node"] for edge in data["edges"])
    assert (newest["eventType"], newest["status"], newest["lastStatusCode"]) == ("comment.published", "SUCCEEDED", 200)
    assert (oldest["eventType"], oldest["status"], oldest["lastError"]) == (
        "contribution.published",
        "PENDING",
        "Réponse HTTP 500.",
    )
    assert oldest["eventId"] == str(failed.event_id) and oldest["subscription"]["id"] == sub["id"]
    payload = json.loads(oldest["payload"])  # JSONString: the envelope as the receiver got it
    assert payload["data"] == {"kind": "question"} and payload["tenant"] == "alpha"
    assert oldest["attemptLog"][0]["statusCode"] == 500 and not oldest["attemptLog"][0]["succeeded"]

    def count(filter):
        return api.gql(DELIVERIES, {"filter": filter}, tenant=tenant_a, token=admin_token)["webhookDeliveries"][
            "totalCount"
        ]

    assert count({"status": ["PENDING"]}) == 1
    assert count({"status": ["PENDING", "SUCCEEDED"]}) == 2
    assert count({"eventType": "comment.published"}) == 1
    assert count({"eventId": str(ok.event_id)}) == 1
    assert count({"subscription": sub["id"]}) == 2

    replay = """mutation($d: ID, $e: UUID) { webhookReplay(deliveryId: $d, eventId: $e) {
        deliveries { deliveryId status nextAttemptAt } errors { field code } } }"""
    by_delivery = api.gql(replay, {"d": oldest["id"]}, tenant=tenant_a, token=admin_token)["webhookReplay"]
    assert by_delivery["errors"] == [] and by_delivery["deliveries"][0]["deliveryId"] == oldest["deliveryId"]
    by_event = api.gql(replay, {"e": str(ok.event_id)}, tenant=tenant_a, token=admin_token)["webhookReplay"]
    assert by_event["errors"] == [] and len(by_event["deliveries"]) == 1
    work(tenant_a)
    assert count({"status": ["SUCCEEDED"]}) == 2 and len(receiver.requests) == 4
    both = api.gql(replay, {"d": oldest["id"], "e": str(ok.event_id)}, tenant=tenant_a, token=admin_token)
    assert both["webhookReplay"]["errors"][0]["code"] == "INVALID"
    unknown = api.gql(replay, {"e": "00000000-0000-4000-8000-000000000000"}, tenant=tenant_a, token=admin_token)
    assert unknown["webhookReplay"]["errors"] == [{"field": "eventId", "code": "NOT_FOUND"}]
    with schema_context("alpha"):
        assert AuditEntry.objects.filter(action="webhooks.replayed").count() == 2


def test_replaying_to_a_disabled_subscription_is_refused(api, tenant_a, admin_token, subscribe, receiver):
    subscribe(receiver.url)
    emit_in("alpha", "commitment.created")
    work(tenant_a)
    with schema_context("alpha"):
        Subscription.objects.update(is_active=False)
        delivery = Delivery.objects.get()
    from imedia_core.graphql.core.nodes import TenantGlobalIDType

    with schema_context("alpha"):
        gid = TenantGlobalIDType.to_global_id("WebhookDelivery", delivery.pk)
    result = api.gql(
        "mutation($d: ID) { webhookReplay(deliveryId: $d) { deliveries { status } errors { code } } }",
        {"d": gid},
        tenant=tenant_a,
        token=admin_token,
    )["webhookReplay"]
    assert result == {"deliveries": None, "errors": [{"code": "SUBSCRIPTION_DISABLED"}]}


def test_delivery_list_costs_a_constant_number_of_queries(api, tenant_a, admin_token, subscribe, receiver):
    subscribe(receiver.url)
    subscribe(receiver.url, events=["contribution.*"])
    for _ in range(6):
        emit_in("alpha", "contribution.published")
    work(tenant_a)
    api.gql(DELIVERIES, {"first": 1}, tenant=tenant_a, token=admin_token)  # warm the routing and token caches
    counts = []
    for first in (2, 12):
        with CaptureQueriesContext(connection) as queries:
            data = api.gql(DELIVERIES, {"first": first}, tenant=tenant_a, token=admin_token)
        assert len(data["webhookDeliveries"]["edges"]) == min(first, 12)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_alpha_webhooks_are_unreachable_from_beta(api, tenant_a, tenant_b, admin_token, make_user, receiver):
    sid = create(api, tenant_a, admin_token, url=receiver.url)["subscription"]["id"]
    emit_in("alpha", "contribution.published")
    work(tenant_a)
    beta_admin = token_for(make_user("admin@beta.test", "tenant_admin", tenant_b), tenant_b)
    assert api.gql(SUBSCRIPTIONS, tenant=tenant_b, token=beta_admin)["webhookSubscriptions"]["totalCount"] == 0
    assert api.gql(DELIVERIES, tenant=tenant_b, token=beta_admin)["webhookDeliveries"]["totalCount"] == 0
    assert (
        api.gql("query($id: ID!) { node(id: $id) { id } }", {"id": sid}, tenant=tenant_b, token=beta_admin)["node"]
        is None
    )
    for mutation in (
        'webhookSubscriptionUpdate(id: $id, input: {url: "https://pirate.example/"}) { errors { code } }',
        "webhookSubscriptionDelete(id: $id) { errors { code } }",
        "webhookRotateSecret(id: $id) { errors { code } }",
    ):
        data = api.gql(f"mutation($id: ID!) {{ {mutation} }}", {"id": sid}, tenant=tenant_b, token=beta_admin)
        assert next(iter(data.values()))["errors"] == [{"code": "NOT_FOUND"}]
    with schema_context("alpha"):
        assert Subscription.objects.get().url == receiver.url


def test_the_api_answers_plugin_disabled_where_the_plugin_is_off(api, tenant_a, admin_token, receiver):
    tenant_a.plugin_settings = {"webhooks": {"enabled": False}}
    tenant_a.save(update_fields=["plugin_settings"])
    response = api.graphql(SUBSCRIPTIONS, tenant=tenant_a, token=admin_token).json()
    assert response["errors"][0]["extensions"]["code"] == "PLUGIN_DISABLED"
    response = api.graphql(
        CREATE, {"input": {"url": receiver.url, "events": ["*"]}}, tenant=tenant_a, token=admin_token
    )
    assert response.json()["errors"][0]["extensions"]["code"] == "PLUGIN_DISABLED"


def test_event_types_catalogue(api, tenant_a, admin_token):
    types = api.gql("{ webhookEventTypes { name description } }", tenant=tenant_a, token=admin_token)
    names = [t["name"] for t in types["webhookEventTypes"]]
    assert names == list(event_types())
    assert all(t["description"] for t in types["webhookEventTypes"])


def test_the_plugins_own_changes_are_events_without_secrets(api, tenant_a, admin_token, receiver):
    created = create(api, tenant_a, admin_token, url=f"{receiver.url}?jeton=du-recepteur")
    sid = created["subscription"]["id"]
    rotated = api.gql(
        "mutation($id: ID!) { webhookRotateSecret(id: $id) { secret errors { code } } }",
        {"id": sid},
        tenant=tenant_a,
        token=admin_token,
    )["webhookRotateSecret"]
    work(tenant_a)
    # A "*" subscription receives them too, starting with its own creation.
    bodies = [request["json"] for request in receiver.requests]
    assert [body["type"] for body in bodies] == ["webhooks.subscription_created", "webhooks.secret_rotated"]
    with schema_context("alpha"):
        pk = Subscription.objects.get().pk
        channels = set(AuditEntry.objects.filter(action__startswith="webhooks.").values_list("via", flat=True))
    assert bodies[0]["data"] == {"id": pk, "events": ["*"], "is_active": True}
    assert bodies[1]["data"] == {"id": pk}
    raw = b"".join(request["body"] for request in receiver.requests).decode()
    for secret in (created["secret"], rotated["secret"], "du-recepteur"):
        assert secret not in raw
    assert channels == {"graphql"}
