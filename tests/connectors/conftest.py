import pytest
from django_tenants.utils import tenant_context

from imedia_core.connectors import services
from imedia_core.context import Channel, ServiceContext
from imedia_core.pluginhost import manager

from .fake import KEY, PLUGIN_NAME, FakePlugin, World, make_platform


@pytest.fixture
def world():
    return World()


@pytest.fixture
def fake_platform(world, settings):
    """The fake platform, installed for this test only (plain http and local addresses allowed)."""
    settings.IMEDIA_CONNECTORS_ALLOW_HTTP = True
    settings.IMEDIA_CONNECTORS_ALLOW_PRIVATE_ADDRESSES = True
    platform = make_platform(world)
    manager.register(FakePlugin(platform), name=PLUGIN_NAME)
    yield platform
    manager.unregister(PLUGIN_NAME)


@pytest.fixture
def system(tenant_a):
    return ServiceContext.system(Channel.CLI, tenant=tenant_a)


@pytest.fixture
def make_link(fake_platform, tenant_a):
    """A link of the fake platform in alpha (the test runs inside alpha's schema)."""

    def make(**data):
        ctx = ServiceContext.system(Channel.CLI, tenant=tenant_a)
        values = {
            "platform": KEY,
            "name": "Processus budget participatif",
            "base_url": "https://plateforme.example.org",
            "space": {"process": "budget-2026"},
            "credentials": {"api_key": "cle-publique", "api_secret": "secret-tres-prive-42"},
            "direction": "both",
            **data,
        }
        return services.create_link(ctx, values)

    return make


@pytest.fixture
def in_alpha(tenant_a):
    with tenant_context(tenant_a):
        yield tenant_a
