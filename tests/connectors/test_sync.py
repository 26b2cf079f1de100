"""The sync engine against the fake platform: items become contributions and comments with their
external identity, a re-sync updates instead of duplicating, the platform's states are reflected,
pages are stored whole or not at all, a crashed pass resumes, and the cost per item is constant."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from imedia_core.connectors import engine
from imedia_core.connectors.models import Link
from imedia_core.context import Channel, ServiceContext
from imedia_core.cycle.models import Cycle, Phase
from imedia_core.events.models import OutboxEvent
from imedia_core.participation.contributions import moderate_contribution
from imedia_core.participation.models import AuthorKind, Comment, Contribution, StatusChange

from .fake import LABEL, ItemState, comment, proposal


@pytest.fixture
def link(in_alpha, make_link):
    return make_link()


def sync(link, **kwargs):
    report = engine.sync_link(Link.objects.get(pk=link.pk), **kwargs)
    link.refresh_from_db()
    return report


def test_items_become_contributions_and_comments_with_their_external_identity(link, world):
    world.items = [proposal(1), proposal(2, kind="debate"), comment(3, "proposal:1"), comment(4, "comment:3")]
    report = sync(link)
    assert report.done and report.error_code == ""
    first = Contribution.objects.get(external_id="proposal:1")
    assert (first.source, first.source_ref) == ("fakeplat", str(link.pk))
    assert first.external_url == "https://plateforme.example.org/proposals/1"
    assert first.external_supports == 1
    assert first.author_kind == AuthorKind.EXTERNAL
    assert first.author_label == f"via {LABEL} : Habitante 1"
    assert first.body == "Texte de la proposition 1, avec du gras."  # HTML reduced to plain text
    assert first.status == "published" and first.kind == "proposal"
    # an unmapped kind: "debate" is not a contribution kind, it becomes an observation
    assert Contribution.objects.get(external_id="proposal:2").kind == "observation"
    replies = Comment.objects.filter(source="fakeplat").order_by("external_id")
    assert [(c.external_id, c.contribution_id) for c in replies] == [("comment:3", first.pk), ("comment:4", first.pk)]
    assert replies[0].author_label == f"via {LABEL} : Voisin 3"
    assert (link.created_count, link.updated_count, link.unchanged_count) == (4, 0, 0)
    assert link.last_success_at is not None and link.cursor == ""
    events = sorted(OutboxEvent.objects.values_list("type", flat=True))
    assert (
        events
        == ["comment.imported"] * 2 + ["connector.link_created", "connector.synced"] + ["contribution.imported"] * 2
    )


def test_mapping_rules_choose_the_kind_and_the_phase(in_alpha, make_link, world):
    cycle = Cycle.objects.first() or Cycle.objects.create(name="Cycle test")
    phase = Phase.objects.create(cycle=cycle, title="Diagnostic partagé", slug="diagnostic-test", position=99)
    link = make_link(
        kind_rules=[{"external_kind": "debate", "kind": "question"}],
        step_rules=[{"external_step": "step-2", "phase": phase.pk}],
    )
    world.items = [proposal(1, kind="debate", step_id="step-2")]
    sync(link)
    item = Contribution.objects.get(external_id="proposal:1")
    assert (item.kind, item.phase_id) == ("question", phase.pk)


def test_a_resync_updates_instead_of_duplicating_and_reports_unchanged(link, world):
    world.items = [proposal(1), proposal(2), comment(3, "proposal:1")]
    sync(link)
    OutboxEvent.objects.all().delete()
    world.change("proposal:1", title="Ouvrir le centre le dimanche", supports=40)
    sync(link, full=True)
    assert Contribution.objects.filter(source="fakeplat").count() == 2
    assert Comment.objects.filter(source="fakeplat").count() == 1
    first = Contribution.objects.get(external_id="proposal:1")
    assert (first.title, first.external_supports) == ("Ouvrir le centre le dimanche", 40)
    assert (link.created_count, link.updated_count, link.unchanged_count) == (0, 1, 2)
    assert sorted(OutboxEvent.objects.values_list("type", flat=True)) == ["connector.synced", "contribution.synced"]


def test_platform_states_are_reflected_with_a_reason_and_a_timeline(link, world):
    world.items = [proposal(1), proposal(2), proposal(3), comment(4, "proposal:1")]
    sync(link)
    world.change("proposal:1", state=ItemState.HIDDEN)
    world.change("proposal:2", state=ItemState.WITHDRAWN)
    world.change("comment:4", state=ItemState.HIDDEN)
    world.remove("proposal:3")
    sync(link, full=True)
    hidden, withdrawn, gone = (Contribution.objects.get(external_id=f"proposal:{n}") for n in (1, 2, 3))
    assert (hidden.status, hidden.moderation_reason) == ("hidden", f"masquée sur {LABEL}")
    assert withdrawn.status == "withdrawn"
    assert (gone.status, gone.moderation_reason) == ("hidden", f"supprimée sur {LABEL}")
    assert Comment.objects.get(external_id="comment:4").status == "hidden"
    step = StatusChange.objects.filter(contribution=hidden, comment=None).order_by("id").last()
    assert (step.from_status, step.to_status, step.actor_label) == ("published", "hidden", LABEL)
    assert link.hidden_count == 3
    # published again on the platform: restored, since the platform itself had hidden it
    world.change("proposal:1", state=ItemState.PUBLISHED)
    sync(link, full=True)
    hidden.refresh_from_db()
    assert hidden.status == "published"


def test_a_local_moderators_decision_stands(link, world, tenant_a, make_user):
    world.items = [proposal(1)]
    sync(link)
    moderator = make_user("moderation@alpha.test", "facilitator", tenant_a)
    item = Contribution.objects.get(external_id="proposal:1")
    moderate_contribution(ServiceContext.for_user(moderator, tenant_a, Channel.ADMIN), item, "hide", "Propos injurieux")
    sync(link, full=True)
    item.refresh_from_db()
    assert (item.status, item.moderation_reason) == ("hidden", "Propos injurieux")


def test_a_malformed_page_stores_nothing_and_sets_a_clear_link_error(link, world):
    world.items = [proposal(n) for n in range(1, 16)]
    world.malformed_on_fetch = 2
    report = sync(link)
    assert report.error_code == "MALFORMED"
    assert Contribution.objects.filter(source="fakeplat").count() == 10  # page 1 only, page 2 not at all
    assert link.last_error_code == "MALFORMED" and "État d'élément inattendu" in link.last_error_message
    assert link.cursor == "10"
    assert OutboxEvent.objects.filter(type="connector.sync_failed").count() == 1
    world.malformed_on_fetch = None
    assert sync(link).done
    assert Contribution.objects.filter(source="fakeplat").count() == 15
    assert link.last_error_code == ""


def test_a_pass_killed_midway_resumes_from_its_last_stored_page(link, world):
    world.items = [proposal(n) for n in range(1, 36)]
    world.crash_on_fetch = 3
    with pytest.raises(RuntimeError):
        sync(link)
    link.refresh_from_db()
    assert Contribution.objects.filter(source="fakeplat").count() == 20
    assert link.cursor == "20" and link.pass_started_at is not None
    assert link.lease_until is None  # released on the way out (a killed process: it expires)
    report = sync(link)
    assert report.done and report.pages == 2
    assert world.fetches[-2][0] == "20"  # resumed where it stopped, not from the start
    assert Contribution.objects.filter(source="fakeplat").count() == 35
    assert link.created_count == 35


def test_incremental_passes_ask_for_what_changed_since_the_last_one(link, world):
    world.items = [proposal(1)]
    sync(link)
    first_pass_start = link.synced_until
    assert world.fetches[-1][1] is None  # the first pass is a full one
    sync(link)
    assert world.fetches[-1][1] == first_pass_start - engine.SINCE_MARGIN
    link.last_full_at -= timedelta(days=2)
    link.save()
    sync(link)
    assert world.fetches[-1][1] is None  # the periodic full pass


def test_two_workers_never_sync_the_same_link_at_once(link, world):
    owner = engine.acquire(link)
    with pytest.raises(engine.LinkBusy):
        sync(link)
    engine.release(link, owner)
    world.items = [proposal(1)]
    assert sync(link).done


def _statements(link, world, count):
    world.items = [proposal(n) for n in range(1, count + 1)]
    world.items += [comment(1000 + n, f"proposal:{n}") for n in range(1, count + 1)]
    world.page_size = count * 2
    with CaptureQueriesContext(connection) as queries:
        sync(link)
    return len(queries)


def test_sql_statements_grow_linearly_with_a_constant_cost_per_item(in_alpha, make_link, world):
    small = _statements(make_link(name="Petit"), world, 5)
    large = _statements(make_link(name="Grand"), world, 50)
    # 10 items vs 100 items, one page each: the same fixed cost plus the same cost per item.
    per_item = (large - small) / 90
    assert per_item <= 1.05, (small, large)
    assert small - 10 * per_item < 40


def test_an_unchanged_resync_costs_no_statement_per_item(in_alpha, make_link, world):
    link = make_link()
    world.items = [proposal(n) for n in range(1, 51)]
    world.page_size = 50
    sync(link)
    with CaptureQueriesContext(connection) as queries:
        sync(link, full=True)
    assert len(queries) < 40
    assert link.unchanged_count == 50


def test_beta_sees_nothing_of_alphas_links_and_imports(link, world, tenant_b):
    world.items = [proposal(1)]
    sync(link)
    with tenant_context(tenant_b):
        assert not Link.objects.exists()
        assert not Contribution.objects.filter(source="fakeplat").exists()


def test_a_page_with_the_same_item_twice_is_malformed_and_stores_nothing(link, world):
    world.items = [proposal(1), proposal(1, title="Doublon")]
    report = sync(link)
    assert report.error_code == "MALFORMED" and "deux fois" in report.error_message
    assert not Contribution.objects.filter(source="fakeplat").exists()


def test_only_web_addresses_are_kept_as_external_urls(link, world):
    world.items = [proposal(1, url="javascript:alert(1)"), proposal(2)]
    sync(link)
    assert Contribution.objects.get(external_id="proposal:1").external_url == ""
    assert Contribution.objects.get(external_id="proposal:2").external_url.startswith("https://")
