"""Managing links over GraphQL: space admins only, typed French errors, credentials write-only,
a status with counts and errors, the delivery log, and nothing of alpha's visible from beta."""

import json
from pathlib import Path

import pytest
from django_tenants.utils import tenant_context

from imedia_core.audit.models import AuditEntry
from imedia_core.connectors import secrets
from imedia_core.connectors.models import Link
from imedia_core.events.models import OutboxEvent
from tests.auth.helpers import api_key_for, token_for

from .fake import KEY

SECRET = "secret-tres-prive-42"
LINK_FIELDS = """
  id name platform platformLabel baseUrl space direction scheduleMinutes fullSyncHours isActive
  hasCredentials credentialsChangedAt answerNote
  kindRules { externalKind kind } stepRules { externalStep phase { id } }
  status { lastSyncAt lastErrorCode lastErrorMessage created updated unchanged hidden inProgress syncRequested }
"""
CREATE = f"""mutation($input: ConnectorLinkCreateInput!) {{
  connectorLinkCreate(input: $input) {{ link {{ {LINK_FIELDS} }} errors {{ field code message }} }}
}}"""


def create_input(**extra):
    values = {
        "platform": KEY,
        "name": "Budget participatif 2026",
        "baseUrl": "https://plateforme.example.org/",
        "space": json.dumps({"process": "budget-2026"}),
        "credentials": json.dumps({"api_key": "cle-publique", "api_secret": SECRET}),
        "direction": "BOTH",
        "kindRules": [{"externalKind": "debate", "kind": "OBSERVATION"}],
    }
    values.update(extra)
    return {"input": values}


@pytest.fixture
def admin_token(tenant_a, make_user):
    return token_for(make_user("admin-connecteurs@alpha.test", "tenant_admin", tenant_a), tenant_a)


def test_an_admin_links_the_space_and_credentials_never_come_back(api, tenant_a, admin_token, fake_platform):
    response = api.graphql(CREATE, create_input(), tenant=tenant_a, token=admin_token)
    assert SECRET not in response.content.decode()
    result = response.json()["data"]["connectorLinkCreate"]
    assert result["errors"] == []
    link = result["link"]
    assert link["baseUrl"] == "https://plateforme.example.org"
    assert json.loads(link["space"]) == {"process": "budget-2026"}
    assert link["hasCredentials"] is True and link["platformLabel"] == "Fausse plateforme"
    assert link["kindRules"] == [{"externalKind": "debate", "kind": "OBSERVATION"}]
    assert link["status"]["created"] == 0 and link["status"]["inProgress"] is False
    with tenant_context(tenant_a):
        row = Link.objects.get()
        assert SECRET not in row.credentials_token  # encrypted at rest
        assert secrets.decrypt(row.credentials_token)["api_secret"] == SECRET
        # nor in the event that leaves through webhooks, nor in the journal
        event = OutboxEvent.objects.get(type="connector.link_created")
        assert SECRET not in json.dumps(event.payload) and "cle-publique" not in json.dumps(event.payload)
        assert SECRET not in AuditEntry.objects.get(action="connector.link_created").summary
    listing = api.gql(
        f"{{ connectorLinks {{ totalCount edges {{ node {{ {LINK_FIELDS} }} }} }} }}",
        tenant=tenant_a,
        token=admin_token,
    )
    assert listing["connectorLinks"]["totalCount"] == 1
    platforms = api.gql(
        "{ connectorPlatforms { key label kinds canAnswer spaceFields { name label required } credentialFields { name label } } }",
        tenant=tenant_a,
        token=admin_token,
    )
    fake = next(p for p in platforms["connectorPlatforms"] if p["key"] == KEY)
    assert fake["credentialFields"][1] == {"name": "api_secret", "label": "Secret"}


@pytest.mark.parametrize(
    ("extra", "field", "code"),
    [
        ({"baseUrl": "ftp://plateforme.example.org"}, "baseUrl", "INVALID"),
        ({"baseUrl": "https://127.0.0.1"}, "baseUrl", "INVALID"),
        ({"baseUrl": "https://0x7f000001/"}, "baseUrl", "INVALID"),
        ({"baseUrl": "https://intranet.localhost"}, "baseUrl", "INVALID"),
        ({"baseUrl": "https://moi:motdepasse@plateforme.example.org"}, "baseUrl", "INVALID"),
        ({"space": json.dumps({"process": ""})}, "space", "INVALID"),
        ({"credentials": json.dumps({"mot_de_passe": "x"})}, "credentials", "INVALID"),
        ({"kindRules": [{"externalKind": "petition", "kind": "PROPOSAL"}]}, "kindRules", "INVALID"),
        ({"scheduleMinutes": 1}, "scheduleMinutes", "INVALID"),
        ({"name": "   "}, "name", "REQUIRED"),
        ({"platform": "inconnue"}, "platform", "INVALID"),
    ],
)
def test_bad_input_is_refused_with_a_typed_french_error_and_nothing_stored(
    api, tenant_a, admin_token, fake_platform, settings, extra, field, code
):
    settings.IMEDIA_CONNECTORS_ALLOW_HTTP = settings.IMEDIA_CONNECTORS_ALLOW_PRIVATE_ADDRESSES = False
    result = api.gql(CREATE, create_input(**extra), tenant=tenant_a, token=admin_token)["connectorLinkCreate"]
    assert result["link"] is None
    assert {"field": field, "code": code} in [{"field": e["field"], "code": e["code"]} for e in result["errors"]]
    with tenant_context(tenant_a):
        assert not Link.objects.exists()


def test_http_is_refused_outside_development(api, tenant_a, admin_token, fake_platform, settings):
    settings.IMEDIA_CONNECTORS_ALLOW_HTTP = False
    result = api.gql(CREATE, create_input(baseUrl="http://plateforme.example.org"), tenant=tenant_a, token=admin_token)
    error = result["connectorLinkCreate"]["errors"][0]
    assert (error["field"], error["message"]) == ("baseUrl", "L'adresse de la plateforme doit commencer par https://.")


def test_a_disabled_connector_plugin_cannot_be_linked(api, tenant_a, admin_token, fake_platform):
    tenant_a.plugin_settings = {"fakeplat_plugin": {"enabled": False}}
    tenant_a.save(update_fields=["plugin_settings"])
    result = api.gql(CREATE, create_input(), tenant=tenant_a, token=admin_token)["connectorLinkCreate"]
    assert result["errors"][0]["code"] == "PLUGIN_DISABLED"
    keys = [
        p["key"]
        for p in api.gql("{ connectorPlatforms { key } }", tenant=tenant_a, token=admin_token)["connectorPlatforms"]
    ]
    assert KEY not in keys


def test_update_rotate_sync_and_delete(api, tenant_a, admin_token, fake_platform):
    link_id = api.gql(CREATE, create_input(), tenant=tenant_a, token=admin_token)["connectorLinkCreate"]["link"]["id"]
    updated = api.gql(
        'mutation($id: ID!) { connectorLinkUpdate(id: $id, input: {name: "Budget 2027", direction: IN, scheduleMinutes: 0}) '
        "{ link { name direction scheduleMinutes } errors { code } } }",
        {"id": link_id},
        tenant=tenant_a,
        token=admin_token,
    )["connectorLinkUpdate"]
    assert updated == {"link": {"name": "Budget 2027", "direction": "IN", "scheduleMinutes": 0}, "errors": []}
    rotated = api.graphql(
        "mutation($id: ID!, $c: JSONString!) { connectorLinkRotateCredentials(id: $id, credentials: $c) "
        "{ link { hasCredentials credentialsChangedAt } errors { code } } }",
        {"id": link_id, "c": json.dumps({"api_key": "cle-2", "api_secret": "nouveau-secret-99"})},
        tenant=tenant_a,
        token=admin_token,
    )
    assert "nouveau-secret-99" not in rotated.content.decode()
    with tenant_context(tenant_a):
        assert secrets.decrypt(Link.objects.get().credentials_token) == {
            "api_key": "cle-2",
            "api_secret": "nouveau-secret-99",
        }
    synced = api.gql(
        "mutation($id: ID!) { connectorLinkSync(id: $id) { link { status { syncRequested } } errors { code } } }",
        {"id": link_id},
        tenant=tenant_a,
        token=admin_token,
    )["connectorLinkSync"]
    assert synced == {"link": {"status": {"syncRequested": True}}, "errors": []}
    deleted = api.gql(
        "mutation($id: ID!) { connectorLinkDelete(id: $id) { deletedId errors { code } } }",
        {"id": link_id},
        tenant=tenant_a,
        token=admin_token,
    )["connectorLinkDelete"]
    assert deleted == {"deletedId": link_id, "errors": []}


def test_only_space_admins_manage_links(api, tenant_a, make_user, fake_platform):
    facilitator = token_for(make_user("animation@alpha.test", "facilitator", tenant_a), tenant_a)
    result = api.gql(CREATE, create_input(), tenant=tenant_a, token=facilitator)["connectorLinkCreate"]
    assert result["errors"][0]["code"] == "PERMISSION_DENIED"
    response = api.graphql("{ connectorLinks { totalCount } }", tenant=tenant_a, token=facilitator).json()
    assert response["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    key = api_key_for(tenant_a, "read", "write")
    assert api.gql(CREATE, create_input(), tenant=tenant_a, token=key)["connectorLinkCreate"]["errors"][0]["code"] == (
        "PERMISSION_DENIED"
    )


def test_beta_sees_nothing_of_alphas_links(api, tenant_a, tenant_b, admin_token, make_user, fake_platform):
    link_id = api.gql(CREATE, create_input(), tenant=tenant_a, token=admin_token)["connectorLinkCreate"]["link"]["id"]
    beta_admin = token_for(make_user("admin@beta.test", "tenant_admin", tenant_b), tenant_b)
    assert (
        api.gql("{ connectorLinks { totalCount } }", tenant=tenant_b, token=beta_admin)["connectorLinks"]["totalCount"]
        == 0
    )
    result = api.gql(
        "mutation($id: ID!) { connectorLinkDelete(id: $id) { deletedId errors { code } } }",
        {"id": link_id},
        tenant=tenant_b,
        token=beta_admin,
    )["connectorLinkDelete"]
    assert result["errors"][0]["code"] == "NOT_FOUND"


LIST = f"{{ connectorLinks {{ totalCount edges {{ node {{ {LINK_FIELDS} }} }} }} }}"
DELIVERIES = """{ connectorDeliveries(first: 50) { totalCount edges { node {
  id externalId state text status attempts lastErrorCode reference asComment createdAt sentAt
  link { id name } contribution { id title externalId source }
} } } }"""


def _links_and_deliveries(tenant, count):
    from django.utils import timezone

    from imedia_core.connectors import services
    from imedia_core.connectors.models import Delivery
    from imedia_core.context import Channel, ServiceContext
    from imedia_core.participation.models import Contribution

    ctx = ServiceContext.system(Channel.CLI, tenant=tenant)
    with tenant_context(tenant):
        for n in range(count):
            link = services.create_link(
                ctx,
                {
                    "platform": KEY,
                    "name": f"Lien {n}",
                    "base_url": "https://plateforme.example.org",
                    "space": {"process": f"p{n}"},
                    "kind_rules": [{"external_kind": "debate", "kind": "question"}],
                },
            )
            contribution = Contribution.objects.create(
                kind="proposal",
                title=f"Importée {n}",
                status="published",
                author_kind="external",
                author_label="via Fausse plateforme : Lina",
                source=KEY,
                source_ref=str(link.pk),
                external_id=f"proposal:{count}-{n}",
                published_at=timezone.now(),
            )
            Delivery.objects.create(
                link=link,
                contribution=contribution,
                external_id=f"proposal:{count}-{n}",
                state="accepted",
                text="Oui.",
                idempotency_key=f"cle-{count}-{n}",
            )


def test_lists_cost_a_constant_number_of_queries(
    api, tenant_a, admin_token, fake_platform, django_assert_max_num_queries
):
    _links_and_deliveries(tenant_a, 3)
    with django_assert_max_num_queries(12) as few:
        assert api.gql(LIST, tenant=tenant_a, token=admin_token)["connectorLinks"]["totalCount"] == 3
    with django_assert_max_num_queries(12) as few_deliveries:
        data = api.gql(DELIVERIES, tenant=tenant_a, token=admin_token)["connectorDeliveries"]
    assert data["totalCount"] == 3
    node = data["edges"][0]["node"]
    assert (node["status"], node["state"], node["contribution"]["source"]) == ("PENDING", "accepted", KEY)
    _links_and_deliveries(tenant_a, 12)
    with django_assert_max_num_queries(len(few)):
        assert api.gql(LIST, tenant=tenant_a, token=admin_token)["connectorLinks"]["totalCount"] == 15
    with django_assert_max_num_queries(len(few_deliveries)):
        assert api.gql(DELIVERIES, tenant=tenant_a, token=admin_token)["connectorDeliveries"]["totalCount"] == 15


EXAMPLES = Path(__file__).resolve().parents[2] / "graphql" / "examples"


def test_the_examples_run(api, tenant_a, admin_token, fake_platform):
    text = (EXAMPLES / "connector-link-create.graphql").read_text(encoding="utf-8")
    lines = text.splitlines()
    start = lines.index("# Variables, e.g.:") + 1
    shown = json.loads(" ".join(line[1:].strip() for line in lines[start:] if line.startswith("#   ")))
    # the documented variables, with the tests' fake platform in place of Decidim
    shown["input"].update(platform=KEY, space=json.dumps({"process": "budget-2026"}))
    shown["input"]["credentials"] = json.dumps({"api_key": "cle", "api_secret": "secret"})
    created = api.gql(text, shown, tenant=tenant_a, token=admin_token)["connectorLinkCreate"]
    assert created["errors"] == [] and created["link"]["hasCredentials"] is True
    listing = api.gql(
        (EXAMPLES / "connector-links.graphql").read_text(encoding="utf-8"), tenant=tenant_a, token=admin_token
    )
    assert listing["connectorLinks"]["edges"][0]["node"]["name"] == "Budget participatif 2026"
