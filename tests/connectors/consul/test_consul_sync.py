"""The Consul adapter through the real sync engine: a fake Consul instance becomes contributions
and comments of one space, hidden items disappear on a full pass, and another space sees nothing."""

from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from imedia_core.connectors import engine, services
from imedia_core.connectors.models import Link
from imedia_core.context import Channel, ServiceContext
from imedia_core.participation.models import Comment, Contribution, ContributionStatus
from plugins.consul.testing import FakeConsul


@pytest.fixture
def fake(httpserver, settings):
    settings.IMEDIA_CONNECTORS_ALLOW_HTTP = True
    settings.IMEDIA_CONNECTORS_ALLOW_PRIVATE_ADDRESSES = True
    return FakeConsul(httpserver)


def sync(link, **kwargs):
    report = engine.sync_link(Link.objects.get(pk=link.pk), **kwargs)
    assert report.error_code == "", report.error_message
    return report


def test_a_consul_instance_syncs_into_one_space_only(fake, tenant_a, tenant_b):
    camille = fake.add_user(7, "Camille")
    fake.add_proposal(1, title="Plus de bancs", author=camille, votes=12)
    fake.add_proposal(2, author=fake.add_user(8, "Dominique", public=False))
    fake.add_debate(1, title="Piétonniser le centre ?", author=camille)
    fake.add_comment(10, on=("Proposal", 1), body="D'accord", author=camille)
    fake.add_comment(11, on=("Proposal", 1), parent=10, body="Moi aussi")

    with tenant_context(tenant_a):
        ctx = ServiceContext.system(Channel.CLI, tenant=tenant_a)
        link = services.create_link(
            ctx,
            {
                "platform": "consul",
                "name": "Consul de la ville",
                "base_url": fake.base_url,
                "space": {},
                "direction": "in",
            },
        )
        assert link.space == {"content": "all"}
        report = sync(link)
        assert report.done
        first = Contribution.objects.get(source="consul", external_id="proposal:1")
        assert first.title == "Plus de bancs"
        assert first.author_label == "via Consul Democracy : Camille"
        assert first.external_supports == 12
        assert first.external_url == f"{fake.base_url}/proposals/1"
        private = Contribution.objects.get(source="consul", external_id="proposal:2")
        assert private.author_label == "via Consul Democracy : Personne sur Consul"
        assert Contribution.objects.filter(source="consul").count() == 3
        replies = Comment.objects.filter(source="consul").order_by("external_id")
        assert [(c.external_id, c.contribution_id) for c in replies] == [
            ("comment:10", first.pk),
            ("comment:11", first.pk),
        ]

        # Moderated on Consul: the API no longer lists it; the next full pass hides it here.
        fake.proposals[1]["hidden"] = True
        sync(link, full=True)
        first.refresh_from_db()
        assert first.status == ContributionStatus.HIDDEN
        assert fake.invalid_queries == []

    with tenant_context(tenant_b):
        assert not Contribution.objects.filter(source="consul").exists()
        assert not Link.objects.exists()
