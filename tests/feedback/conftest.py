"""Fixtures of the feedback tests: published contributions (rows made directly, as the
participation domain would have left them), followers, callers of every kind, global IDs."""

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.context import Channel, ServiceContext
from imedia_core.graphql.core.nodes import TenantNode
from imedia_core.participation.models import Contribution, Follower
from tests.auth.helpers import api_key_for, token_for

PAYLOAD = "errors { field code message }"
# The programme's team acting through its services, no one person (shown as « Équipe du programme »).
TEAM = ServiceContext.system(Channel.ADMIN)
ROLES = ("participant", "facilitator", "professional", "decision_maker", "tenant_admin")
RESPONDERS = ("professional", "decision_maker", "tenant_admin")
REFUSED = {
    "anonymous": "UNAUTHENTICATED",
    "participant": "PERMISSION_DENIED",
    "facilitator": "PERMISSION_DENIED",
    "read_key": "PERMISSION_DENIED",
    "write_key": "PERMISSION_DENIED",
}


def gid(type_name, pk, schema="alpha"):
    with schema_context(schema):
        return TenantNode.to_global_id(type_name, pk)


@pytest.fixture
def make_contribution(db):
    def make(tenant="alpha", *, title="Les horaires du centre", status="published", kind="proposal", **extra):
        with schema_context(tenant):
            published_at = extra.pop("published_at", timezone.now() if status == "published" else None)
            return Contribution.objects.create(
                kind=kind,
                title=title,
                body=extra.pop("body", "Le centre ferme trop tôt pour les personnes qui travaillent."),
                status=status,
                author_kind="person",
                author_label=extra.pop("author_label", "Samia B."),
                published_at=published_at,
                **extra,
            )

    return make


@pytest.fixture
def follow(db):
    def add(contribution, user, tenant="alpha"):
        with schema_context(tenant):
            Follower.objects.create(contribution=contribution, user_id=user.pk, reason="author")

    return add


@pytest.fixture
def people(tenant_a, make_user):
    """One person per role in alpha."""
    return {role: make_user(f"{role}@feedback.alpha.test", role, tenant_a, display_name=role.title()) for role in ROLES}


@pytest.fixture
def callers(tenant_a, people):
    """Credentials of alpha, by kind of caller (None: anonymous)."""
    tokens = {role: token_for(user, tenant_a) for role, user in people.items()}
    return {
        "anonymous": None,
        **tokens,
        "read_key": api_key_for(tenant_a, "read"),
        "write_key": api_key_for(tenant_a, "write"),
    }


@pytest.fixture
def responder(callers):
    return callers["professional"]
