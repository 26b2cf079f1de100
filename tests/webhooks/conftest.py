"""Fixtures of the webhook tests: subscriptions made through the services, a real local HTTP
receiver (pytest-httpserver) that checks signatures, and the worker's entry point."""

import json

import pytest
from django_tenants.utils import schema_context
from werkzeug import Response

from imedia_core.context import Channel, ServiceContext
from imedia_core.events.outbox import emit
from imedia_core.events.worker import run_once
from plugins.webhooks import services
from plugins.webhooks.signing import verify

SECRET = "whsec_secret-de-test-assez-long-0123456789"
# The staff member behind the service calls of these tests.
STAFF = ServiceContext.system(Channel.ADMIN)
# What the tests' subscriptions receive by default: the domains' events. A ``*`` subscription
# would also receive the plugin's own ``webhooks.*`` events, starting with its own creation.
DOMAIN_EVENTS = ("contribution.*", "comment.*", "response.*", "commitment.*", "resource.*", "practice.*", "diagnostic_run.*")


@pytest.fixture(autouse=True)
def _local_receivers_allowed(settings):
    # The receiver listens on 127.0.0.1; production refuses private addresses by default.
    settings.IMEDIA_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True


@pytest.fixture
def subscribe(db):
    def make(url, tenant="alpha", events=DOMAIN_EVENTS, secret=SECRET, **data):
        with schema_context(tenant):
            subscription, _ = services.create_subscription(
                STAFF, {"url": url, "events": list(events), "secret": secret, **data}
            )
            return subscription

    return make


def emit_in(schema, event_type, payload=None):
    with schema_context(schema):
        return emit(event_type, payload or {})


def work(*tenants):
    """One pass of the events worker (dispatch, then the webhooks job) over ``tenants``."""
    return run_once(list(tenants))


class Receiver:
    """Answers with the scripted statuses (then 200), recording each request and whether its
    signature verified with ``secret``."""

    def __init__(self, httpserver, path="/hook", secret=SECRET):
        self.httpserver = httpserver
        self.path = path
        self.secret = secret
        self.statuses: list[int] = []
        self.requests: list[dict] = []
        httpserver.expect_request(path, method="POST").respond_with_handler(self._handle)

    @property
    def url(self):
        return self.httpserver.url_for(self.path)

    def _handle(self, request):
        body = request.get_data()
        self.requests.append(
            {
                "headers": dict(request.headers),
                "body": body,
                "json": json.loads(body),
                "verified": verify(self.secret, request.headers, body),
            }
        )
        status = self.statuses.pop(0) if self.statuses else 200
        return Response(json.dumps({"recu": status == 200}), status=status, content_type="application/json")


@pytest.fixture
def receiver(httpserver):
    return Receiver(httpserver)
