"""Connector links (space admins): what each mutation writes to the outbox when it succeeds.

The platform is the tests' fake one (tests/connectors/fake.py), installed by the setup and removed
after the test (tests/events/conftest.py)."""

from django.db import connection
from graphql_relay import to_global_id

from imedia_core.connectors import services
from imedia_core.context import Channel, ServiceContext
from tests.connectors.fake import KEY, install

from . import Case

PAYLOAD = "errors { field code message }"


def gid(type_name: str, pk: int) -> str:
    return to_global_id(type_name, f"{connection.schema_name}:{pk}")


def _new_input(ctx) -> dict:
    install()
    return {
        "input": {
            "platform": KEY,
            "name": "Budget participatif 2026",
            "baseUrl": "https://plateforme.example.org",
            "space": '{"process": "budget-2026"}',
            "credentials": '{"api_key": "cle", "api_secret": "secret"}',
            "direction": "BOTH",
            "kindRules": [{"externalKind": "debate", "kind": "OBSERVATION"}],
        }
    }


def _link_id(ctx) -> dict:
    install()
    link = services.create_link(
        ServiceContext.system(Channel.CLI, tenant=ctx["tenant"]),
        {"platform": KEY, "name": "Lien", "base_url": "https://plateforme.example.org", "space": {"process": "p"}},
    )
    return {"id": gid("ConnectorLink", link.pk)}


CASES = [
    Case(
        mutation="connectorLinkCreate",
        document=f"mutation($input: ConnectorLinkCreateInput!) {{ connectorLinkCreate(input: $input) {{ {PAYLOAD} }} }}",
        setup=_new_input,
        events=("connector.link_created",),
    ),
    Case(
        mutation="connectorLinkUpdate",
        document=(
            "mutation($id: ID!, $input: ConnectorLinkUpdateInput!) "
            f"{{ connectorLinkUpdate(id: $id, input: $input) {{ {PAYLOAD} }} }}"
        ),
        setup=lambda ctx: {**_link_id(ctx), "input": {"name": "Lien renommé", "scheduleMinutes": 30}},
        events=("connector.link_updated",),
    ),
    Case(
        mutation="connectorLinkDelete",
        document=f"mutation($id: ID!) {{ connectorLinkDelete(id: $id) {{ deletedId {PAYLOAD} }} }}",
        setup=_link_id,
        events=("connector.link_deleted",),
    ),
    Case(
        mutation="connectorLinkRotateCredentials",
        document=(
            "mutation($id: ID!, $credentials: JSONString!) "
            f"{{ connectorLinkRotateCredentials(id: $id, credentials: $credentials) {{ {PAYLOAD} }} }}"
        ),
        setup=lambda ctx: {**_link_id(ctx), "credentials": '{"api_key": "nouvelle", "api_secret": "nouveau"}'},
        events=("connector.credentials_rotated",),
    ),
    Case(
        mutation="connectorLinkSync",
        document=f"mutation($id: ID!) {{ connectorLinkSync(id: $id, full: true) {{ {PAYLOAD} }} }}",
        setup=_link_id,
        events=("connector.sync_requested",),
    ),
]
