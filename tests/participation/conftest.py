"""Fixtures of the participation tests: callers of every kind in alpha, rules set per test,
contributions made through the services."""

import pytest
from django_tenants.utils import schema_context
from graphql_relay import to_global_id

from imedia_core.context import Channel, ServiceContext
from imedia_core.participation.contributions import submit_contribution
from imedia_core.participation.models import ParticipationSettings
from imedia_core.permissions import anonymous
from tests.auth.helpers import api_key_for, token_for

ROLES = ("participant", "facilitator", "professional", "decision_maker", "tenant_admin")

SUBMIT = """mutation($input: ContributionSubmitInput!) {
  contributionSubmit(input: $input) {
    contribution { id kind title body status authorKind authorLabel attribution isMine supportCount }
    errors { field code message }
  }
}"""

MODERATE = """mutation($id: ID!, $action: ModerationAction!, $reason: String) {
  contributionModerate(id: $id, action: $action, reason: $reason) {
    contribution { id status moderationReason }
    errors { field code message }
  }
}"""


@pytest.fixture
def people(tenant_a, make_user):
    """Users of alpha by role (display names set), plus an outsider with no role."""
    users = {role: make_user(f"{role}@part.alpha.test", role, tenant_a, display_name=role.title()) for role in ROLES}
    users["outsider"] = make_user("outsider@part.alpha.test")
    return users


@pytest.fixture
def tokens(people, tenant_a):
    out = {name: token_for(user, tenant_a) for name, user in people.items()}
    out["anonymous"] = None
    out["read_key"] = api_key_for(tenant_a, "read")
    out["write_key"] = api_key_for(tenant_a, "write")
    return out


@pytest.fixture
def rules(db):
    """Set alpha's participation rules: ``rules(moderation_mode="post", allow_anonymous=True)``."""

    def apply(schema="alpha", **values):
        with schema_context(schema):
            settings = ParticipationSettings.load()
            for name, value in values.items():
                setattr(settings, name, value)
            settings.save()
            return settings

    return apply


def as_person(user, tenant) -> ServiceContext:
    """``user`` calling the services with the rights of their role in ``tenant``."""
    return ServiceContext.for_user(user, tenant, Channel.GRAPHQL)


@pytest.fixture
def contribute(db, tenant_a, make_user):
    """Create a contribution in alpha through the service as ``user`` (default: a participant of
    alpha; None: anonymous, where allowed)."""
    default_author = make_user("auteur@part.alpha.test", "participant", tenant_a, display_name="Awa")

    def make(user=..., *, ip="10.0.0.1", **data):
        user = default_author if user is ... else user
        data.setdefault("kind", "proposal")
        data.setdefault("title", f"Proposition {make.counter}")
        data.setdefault("body", f"Un texte unique numéro {make.counter}.")
        make.counter += 1
        if user is None:
            ctx = ServiceContext.for_principal(anonymous(tenant_a), Channel.GRAPHQL, ip=ip)
        else:
            ctx = ServiceContext.for_user(user, tenant_a, Channel.GRAPHQL, ip=ip)
        with schema_context("alpha"):
            return submit_contribution(ctx, data)

    make.counter = 0
    return make


def gid(type_name, pk, schema="alpha"):
    return to_global_id(type_name, f"{schema}:{pk}")
