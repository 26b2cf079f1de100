"""The adhocracy+ adapter through the real engine: a module's ideas and comments become one
space's contributions and comments, and an answer goes back once as a comment, even when the
delivery is retried after the platform already took it."""

from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from imedia_core.connectors import engine, outbound, services
from imedia_core.connectors.models import Delivery, DeliveryStatus, Link
from imedia_core.context import Channel, ServiceContext
from imedia_core.participation.models import Comment, Contribution, ContributionStatus
from plugins.adhocracy.testing import FakeAdhocracy


@pytest.fixture
def fake(httpserver, settings):
    settings.IMEDIA_CONNECTORS_ALLOW_HTTP = True
    settings.IMEDIA_CONNECTORS_ALLOW_PRIVATE_ADDRESSES = True
    fake = FakeAdhocracy(httpserver)
    yield fake
    assert fake.violations == []


def test_a_module_syncs_into_one_space_and_an_answer_goes_back_once(fake, tenant_a, tenant_b):
    fake.add_idea(1, name="Un jardin partagé", creator="camille", likes=3)
    fake.add_comment(10, idea=1, text="Bonne idée", user="alex")
    fake.add_comment(11, idea=1, parent=10, text="Oui", user="sam")
    fake.add_comment(12, idea=1, censored=True)

    with tenant_context(tenant_a):
        ctx = ServiceContext.system(Channel.CLI, tenant=tenant_a)
        link = services.create_link(
            ctx,
            {
                "platform": "adhocracy",
                "name": "Jardins (adhocracy+)",
                "base_url": fake.base_url,
                "space": {"organisation": fake.organisation, "module": str(fake.module)},
                "credentials": {"token": "jeton-modo"},
                "direction": "both",
                "kind_rules": [{"external_kind": "idea", "kind": "proposal"}],
            },
        )
        report = engine.sync_link(Link.objects.get(pk=link.pk))
        assert report.done and report.error_code == "", report.error_message
        idea = Contribution.objects.get(source="adhocracy", external_id="idea:1")
        assert (idea.kind, idea.title, idea.external_supports) == ("proposal", "Un jardin partagé", 3)
        assert idea.author_label == "via adhocracy+ : camille"
        assert idea.status == ContributionStatus.PUBLISHED
        comments = {c.external_id: c for c in Comment.objects.filter(source="adhocracy")}
        assert set(comments) == {"comment:10", "comment:11"}  # a comment censored before we saw it stays out
        assert comments["comment:11"].contribution_id == idea.pk

        # An official answer, queued twice, is one delivery and one comment on adhocracy+.
        for _ in range(2):
            outbound.queue([idea], lambda c: "accepted", lambda c: "Le jardin ouvrira en avril.")
        assert Delivery.objects.filter(link=link).count() == 1
        assert outbound.deliver_due(tenant_a) == 1
        delivery = Delivery.objects.get(link=link)
        assert delivery.status == DeliveryStatus.SENT
        # The platform took it but imedia did not record it (a crash): sent again, still one comment.
        Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.PENDING, next_attempt_at=None)
        assert outbound.deliver_due(tenant_a) == 1
        answers = [c for c in fake.comments.values() if c["user"] == "equipe-imedia"]
        assert len(answers) == 1
        assert "Le jardin ouvrira en avril." in answers[0]["text"]

        # The next pass does not import imedia's own answer back as « via adhocracy+ »; a reply
        # to it is the idea's comment.
        fake.add_comment(50, idea=1, parent=answers[0]["id"], text="Merci pour la réponse", user="alex")
        report = engine.sync_link(Link.objects.get(pk=link.pk), full=True)
        assert report.done and report.error_code == "", report.error_message
        imported = {c.external_id: c for c in Comment.objects.filter(source="adhocracy")}
        assert set(imported) == {"comment:10", "comment:11", "comment:50"}
        assert imported["comment:50"].contribution_id == idea.pk
        assert not Comment.objects.filter(author_label__contains="equipe-imedia").exists()

    with tenant_context(tenant_b):
        assert not Contribution.objects.filter(source="adhocracy").exists()
        assert not Delivery.objects.exists()
