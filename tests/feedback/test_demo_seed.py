"""The demo ledger: every kind of outcome for each demo programme, idempotent."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.demo.feedback_seed import STORIES, seed
from imedia_core.events.models import OutboxEvent
from imedia_core.feedback.models import Commitment, Response
from imedia_core.participation.models import Contribution


@pytest.mark.parametrize("key", sorted(STORIES))
def test_seed_tells_every_kind_of_story_once(make_contribution, key):
    long_ago = timezone.now() - dt.timedelta(days=200)
    titles = [
        "Les horaires des rendez-vous",
        "Le transport coûte cher",
        "Une question sur le numérique",
        "Un témoignage sur le suivi",
        "Proposition pour les enfants",
        "Encore une idée",
        "Et une autre",
    ]
    for i, title in enumerate(titles):
        make_contribution(
            title=title,
            kind=["observation", "proposal", "question", "testimony"][i % 4],
            published_at=long_ago + dt.timedelta(days=i),
        )
    make_contribution(title="En attente de modération", status="pending")
    with schema_context("alpha"):
        summary = seed(key)
        responses = Response.objects.published()
        assert set(responses.values_list("decision", flat=True)) == {
            "accepted",
            "partly_accepted",
            "declined",
            "under_study",
        }
        assert all(r.reason for r in responses.filter(decision="declined"))
        assert all(r.capacity and r.responder_label for r in responses)
        statuses = set(Commitment.objects.values_list("status", flat=True))
        assert {"done", "not_done", "in_progress"} <= statuses
        assert Commitment.objects.overdue().count() == 1
        assert all(c.outcome for c in Commitment.objects.filter(status="not_done"))
        assert all(c.updates.exists() for c in Commitment.objects.exclude(status="planned"))
        assert not Response.objects.filter(contribution__status="pending").exists()
        # French, and through the services: events were written.
        assert OutboxEvent.objects.filter(type="response.published").count() == responses.count()
        assert summary.startswith(f"{responses.count()} réponses publiées, {Commitment.objects.count()} engagements")
        counts = (Response.objects.count(), Commitment.objects.count(), OutboxEvent.objects.count())
        again = seed(key)
        assert (Response.objects.count(), Commitment.objects.count(), OutboxEvent.objects.count()) == counts
        assert again.endswith("(0 élément(s) créé(s))")
        assert Contribution.objects.filter(responses__isnull=False).distinct().count() == len(STORIES[key])
