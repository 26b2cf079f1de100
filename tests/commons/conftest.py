"""Fixtures of the commons tests: alpha shares, beta browses and adapts."""

import pytest
from django_tenants.utils import schema_context
from graphql_relay import to_global_id

from imedia_core.context import Channel, ServiceContext
from imedia_core.library import services as library
from imedia_core.library.models import Theme
from tests.auth.helpers import api_key_for, token_for

# A programme's team acting through the resource centre's services, no one person.
TEAM = ServiceContext.system(Channel.ADMIN)

PRACTICE_FRAGMENT = """
fragment PracticeFields on Practice {
  id title summary body whatWorked conditions themes phases licence sourceKind status isOwn adaptationCount
  sharedAt unpublishedAt
  provenance { programme territory policyArea sourceKind sourceId }
  consent { givenAt personalDataRemoved scrubbedCount givenBy }
  viewerAdaptation { adaptedAt resourceId }
}"""

SHARE = (
    """mutation($input: PracticeShareInput!) {
  practiceShare(input: $input) { scrubbedCount practice { ...PracticeFields } errors { field code message } }
}"""
    + PRACTICE_FRAGMENT
)
UNPUBLISH = (
    """mutation($id: ID!) {
  practiceUnpublish(id: $id) { practice { ...PracticeFields } errors { field code message } }
}"""
    + PRACTICE_FRAGMENT
)
ADAPT = """mutation($id: ID!) {
  practiceAdapt(id: $id) {
    alreadyAdapted
    resource { id title slug status provenance licence author source body themes { slug }
               lineage { practiceId programme label adaptedAt } }
    errors { field code message }
  }
}"""
LIST = (
    """query($search: String, $filter: PracticeFilterInput, $sortBy: PracticeSortInput, $first: Int) {
  practices(search: $search, filter: $filter, sortBy: $sortBy, first: $first) {
    totalCount edges { node { ...PracticeFields rank highlight { title summary } } }
  }
}"""
    + PRACTICE_FRAGMENT
)
ONE = """query($id: ID!) { practice(id: $id) { ...PracticeFields } }""" + PRACTICE_FRAGMENT


@pytest.fixture
def make_resource(db):
    def make(tenant="alpha", *, publish=True, themes=(), **data):
        data.setdefault("kind", "guide")
        data.setdefault("title", "Une ressource")
        with schema_context(tenant):
            theme_objs = []
            for name in themes:
                theme = Theme.objects.filter(name=name).first() or library.create_theme(TEAM, {"name": name})
                theme_objs.append(theme)
            resource = library.create_resource(TEAM, {**data, "themes": theme_objs})
            if publish:
                resource = library.publish_resource(TEAM, resource)
            return resource

    return make


@pytest.fixture
def people(tenant_a, tenant_b, make_user):
    """Tokens: staff and participants of alpha and beta, and API keys of beta."""

    def person(email, role, tenant):
        return token_for(make_user(email, role, tenant), tenant)

    return {
        "alpha_staff": person("animation@alpha.test", "facilitator", tenant_a),
        "alpha_admin": person("admin@alpha.test", "tenant_admin", tenant_a),
        "alpha_participant": person("participant@alpha.test", "participant", tenant_a),
        "beta_staff": person("professionnel@beta.test", "professional", tenant_b),
        "beta_participant": person("participant@beta.test", "participant", tenant_b),
        "beta_write_key": api_key_for(tenant_b, "write"),
        "beta_read_key": api_key_for(tenant_b, "read"),
    }


def resource_gid(resource, schema="alpha"):
    return to_global_id("Resource", f"{schema}:{resource.pk}")


def share_input(**overrides):
    data = {"sourceKind": "INITIATIVE", "consent": True, "personalDataRemoved": True}
    data.update(overrides)
    return data


@pytest.fixture
def share(api, tenant_a, people):
    """Share a practice as alpha's staff through the API; returns the practice (asserts success)."""

    def do(tenant=None, token=None, **overrides):
        data = api.gql(
            SHARE, {"input": share_input(**overrides)}, tenant=tenant or tenant_a, token=token or people["alpha_staff"]
        )
        payload = data["practiceShare"]
        assert payload["errors"] == [], payload
        return payload["practice"]

    return do


def codes(payload):
    return [(error["field"], error["code"]) for error in payload["errors"]]
