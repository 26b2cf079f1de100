"""Fixtures of the resource-centre tests: resources made through the services, callers of
every kind, and a throw-away media root."""

import pytest
from django_tenants.utils import schema_context

from imedia_core.context import Channel, ServiceContext
from imedia_core.library import services
from imedia_core.library.models import Theme
from tests.auth.helpers import api_key_for, token_for

# Resources and themes of the fixtures are made by the platform itself.
SYSTEM = ServiceContext.system(Channel.CLI)
RESOURCE_QUERY_FIELDS = "id kind title slug summary status publishAt publishedAt"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    # TenantFileSystemStorage caches the media root until this setting changes.
    settings.MULTITENANT_RELATIVE_MEDIA_ROOT = "%s"
    return tmp_path


@pytest.fixture
def make_resource(db):
    def make(tenant="alpha", *, publish=True, themes=(), **data):
        data.setdefault("kind", "guide")
        data.setdefault("title", "Une ressource")
        with schema_context(tenant):
            theme_objs = []
            for slug in themes:
                theme = Theme.objects.filter(slug=slug).first() or services.create_theme(
                    SYSTEM, {"name": slug, "slug": slug}
                )
                theme_objs.append(theme)
            resource = services.create_resource(SYSTEM, {**data, "themes": theme_objs})
            if publish:
                services.publish_resource(SYSTEM, resource)
            return resource

    return make


@pytest.fixture
def callers(tenant_a, make_user):
    """Credentials of alpha, by kind of caller (None: anonymous)."""

    def person(role):
        return token_for(make_user(f"{role}@callers.alpha.test", role, tenant_a), tenant_a)

    return {
        "anonymous": None,
        "participant": person("participant"),
        "facilitator": person("facilitator"),
        "professional": person("professional"),
        "decision_maker": person("decision_maker"),
        "tenant_admin": person("tenant_admin"),
        "read_key": api_key_for(tenant_a, "read"),
        "write_key": api_key_for(tenant_a, "write"),
    }


STAFF = ("facilitator", "professional", "decision_maker", "tenant_admin", "write_key")
READERS = ("anonymous", "participant")
