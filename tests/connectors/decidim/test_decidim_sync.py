"""The Decidim adapter through the real engine, end to end: a tenant admin links a space to a fake
Decidim (graphql-core over the committed SDL, real HTTP) over GraphQL, the job syncs it, and an
official response published here goes back to Decidim as an answer (or a comment), once."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context
from graphql import build_schema, parse, validate

from imedia_core.connectors import engine, jobs, outbound
from imedia_core.connectors.models import Delivery, DeliveryStatus, Link
from imedia_core.events.dispatch import dispatch_pending
from imedia_core.participation.models import Comment, Contribution, ContributionStatus
from plugins.decidim import queries
from plugins.decidim.testing import FakeDecidim
from tests.auth.helpers import token_for

CREATE = """mutation($input: ConnectorLinkCreateInput!) {
  connectorLinkCreate(input: $input) { link { id hasCredentials } errors { field code message } } }"""
SYNC = """mutation($id: ID!, $full: Boolean) {
  connectorLinkSync(id: $id, full: $full) { link { status { syncRequested } } errors { code message } } }"""
STATUS = """{ connectorLinks { edges { node { id status {
  lastErrorCode lastErrorMessage created updated unchanged hidden inProgress } } } } }"""
CONTRIBUTIONS = """{ contributions(first: 50) { edges { node {
  id title kind status authorLabel source externalId externalUrl externalSupports
  comments { body authorLabel source externalId } } } } }"""
RESPOND = """mutation($input: ResponseCreateInput!) {
  responseCreate(input: $input, publish: true) { errors { code message } } }"""


@pytest.fixture
def fake(httpserver, settings):
    """A Decidim process « budget-2026 »: 3 proposals (the first with a thread), 1 debate."""
    settings.IMEDIA_CONNECTORS_ALLOW_HTTP = True
    settings.IMEDIA_CONNECTORS_ALLOW_PRIVATE_ADDRESSES = True
    fake = FakeDecidim()
    process = fake.add_process("budget-2026")
    fake.proposals = fake.add_component(process, "Proposals", "Propositions")
    fake.debates = fake.add_component(process, "Debates", "Débats")
    fake.p1 = fake.add_proposal(fake.proposals, "Plus de pistes cyclables", author="Camille Martin", votes=12)
    fake.p2 = fake.add_proposal(fake.proposals, "Un marché le dimanche", author="Karim Benali", votes=3)
    fake.p3 = fake.add_proposal(fake.proposals, "Des bancs place Carnot", author="Léa Durand")
    fake.c1 = fake.add_comment(fake.p1, "Bonne idée", author="Léa Durand", up_votes=2)
    fake.c2 = fake.add_comment(fake.c1, "Et le soir, l'éclairage ?", author="Karim Benali")
    fake.d1 = fake.add_debate(fake.debates, "Faut-il piétonniser le centre ?", "<p>Vos avis</p>", author="Mairie")
    fake.c3 = fake.add_comment(fake.d1, "Oui, le samedi", author="Sam Petit")
    fake.install(httpserver)
    fake.base_url = httpserver.url_for("").rstrip("/")
    yield fake
    schema = build_schema(queries.SDL_PATH.read_text())
    assert [r["query"][:40] for r in fake.requests if validate(schema, parse(r["query"]))] == []


@pytest.fixture
def admin(tenant_a, make_user):
    return token_for(make_user("admin-decidim@alpha.test", "tenant_admin", tenant_a), tenant_a)


def create_link(api, tenant, token, fake, **extra) -> tuple[str, int]:
    values = {
        "platform": "decidim",
        "name": "Budget participatif 2026 (Decidim)",
        "baseUrl": fake.base_url,
        "space": json.dumps({"kind": "process", "slug": "budget-2026"}),
        "credentials": json.dumps({"api_key": "cle-api", "api_secret": "secret-api"}),
        "direction": "BOTH",
        **extra,
    }
    result = api.gql(CREATE, {"input": values}, tenant=tenant, token=token)["connectorLinkCreate"]
    assert result["errors"] == [] and result["link"]["hasCredentials"] is True
    with tenant_context(tenant):
        return result["link"]["id"], Link.objects.get().pk


def sync_by_job(api, tenant, token, link_id, *, full=False) -> None:
    """What a space admin's « synchroniser » does: the mutation, then the worker's job."""
    result = api.gql(SYNC, {"id": link_id, "full": full}, tenant=tenant, token=token)["connectorLinkSync"]
    assert result == {"link": {"status": {"syncRequested": True}}, "errors": []}
    with tenant_context(tenant):
        jobs.sync_due_links(tenant)


def status(api, tenant, token) -> dict:
    return api.gql(STATUS, tenant=tenant, token=token)["connectorLinks"]["edges"][0]["node"]["status"]


def contributions(api, tenant, token) -> dict:
    edges = api.gql(CONTRIBUTIONS, tenant=tenant, token=token)["contributions"]["edges"]
    return {e["node"]["externalId"]: e["node"] for e in edges if e["node"]["source"] == "decidim"}


def test_proposals_debates_and_comments_arrive_attributed_and_beta_sees_nothing(
    api, fake, tenant_a, tenant_b, admin, make_user
):
    link_id, _ = create_link(api, tenant_a, admin, fake)
    sync_by_job(api, tenant_a, admin, link_id)

    assert status(api, tenant_a, admin) == {
        "lastErrorCode": None,
        "lastErrorMessage": None,
        "created": 7,
        "updated": 0,
        "unchanged": 0,
        "hidden": 0,
        "inProgress": False,
    }
    items = contributions(api, tenant_a, admin)
    assert set(items) == {
        f"proposal:{fake.p1.id}",
        f"proposal:{fake.p2.id}",
        f"proposal:{fake.p3.id}",
        f"debate:{fake.d1.id}",
    }
    p1 = items[f"proposal:{fake.p1.id}"]
    assert (p1["title"], p1["kind"], p1["status"]) == ("Plus de pistes cyclables", "PROPOSAL", "PUBLISHED")
    assert p1["authorLabel"] == "via Decidim : Camille Martin"
    assert p1["externalUrl"] == f"{fake.base_url}/processes/budget-2026/f/{fake.proposals.id}/proposals/{fake.p1.id}"
    assert p1["externalSupports"] == 12
    # A reply to a reply stays under the proposal it belongs to.
    assert [(c["body"], c["authorLabel"], c["externalId"]) for c in p1["comments"]] == [
        ("Bonne idée", "via Decidim : Léa Durand", f"comment:{fake.c1.id}"),
        ("Et le soir, l'éclairage ?", "via Decidim : Karim Benali", f"comment:{fake.c2.id}"),
    ]
    debate = items[f"debate:{fake.d1.id}"]
    assert (debate["kind"], debate["authorLabel"], debate["externalSupports"]) == (
        "OBSERVATION",
        "via Decidim : Mairie",
        None,
    )
    assert [c["body"] for c in debate["comments"]] == ["Oui, le samedi"]
    # Signed in once with the API user; every API request carried its JWT.
    assert fake.sign_ins == 1 and all(r["auth"] for r in fake.requests)

    beta_admin = token_for(make_user("admin-decidim@beta.test", "tenant_admin", tenant_b), tenant_b)
    assert api.gql("{ connectorLinks { totalCount } }", tenant=tenant_b, token=beta_admin)["connectorLinks"] == {
        "totalCount": 0
    }
    assert contributions(api, tenant_b, beta_admin) == {}
    with tenant_context(tenant_b):
        assert not Link.objects.exists() and not Contribution.objects.filter(source="decidim").exists()
        assert not Comment.objects.filter(source="decidim").exists()
        assert jobs.sync_due_links(tenant_b) == 0


def test_a_resync_updates_instead_of_duplicating_and_reflects_withdrawn_and_hidden(api, fake, tenant_a, admin):
    link_id, _ = create_link(api, tenant_a, admin, fake)
    sync_by_job(api, tenant_a, admin, link_id)
    now = timezone.now()
    fake.p1.data.update(title="Plus de pistes cyclables sécurisées", votes=40, updated=now)
    fake.p2.data.update(withdrawn=True, updated=now)
    fake.add_comment(fake.p3, "Et de l'ombre", author="Sam Petit", created=now)

    sync_by_job(api, tenant_a, admin, link_id)  # incremental: what changed since the first pass
    items = contributions(api, tenant_a, admin)
    assert len(items) == 4
    p1 = items[f"proposal:{fake.p1.id}"]
    assert (p1["title"], p1["externalSupports"]) == ("Plus de pistes cyclables sécurisées", 40)
    assert items[f"proposal:{fake.p2.id}"]["status"] == "WITHDRAWN"
    assert [c["body"] for c in items[f"proposal:{fake.p3.id}"]["comments"]] == ["Et de l'ombre"]
    assert status(api, tenant_a, admin)["created"] == 1  # the new comment; no duplicate

    # Moderated on Decidim: its API no longer lists them; the full pass hides them here.
    fake.p3.data["hidden"] = True
    fake.c2.data["hidden"] = True
    sync_by_job(api, tenant_a, admin, link_id, full=True)
    with tenant_context(tenant_a):
        assert Contribution.objects.filter(source="decidim").count() == 4
        assert Comment.objects.filter(source="decidim").count() == 4
        p3 = Contribution.objects.get(external_id=f"proposal:{fake.p3.id}")
        assert (p3.status, p3.moderation_reason) == (ContributionStatus.HIDDEN, "supprimée sur Decidim")
        assert Comment.objects.get(external_id=f"comment:{fake.c2.id}").status == "hidden"
        assert Comment.objects.get(body="Et de l'ombre").status == "hidden"  # under the hidden proposal
        assert Contribution.objects.get(external_id=f"proposal:{fake.p2.id}").status == ContributionStatus.WITHDRAWN
    assert status(api, tenant_a, admin)["hidden"] == 3


def test_an_expired_jwt_is_renewed_and_refused_credentials_are_a_french_link_error(api, fake, tenant_a, admin):
    link_id, pk = create_link(api, tenant_a, admin, fake)
    # The JWT expires right after the first request of the pass (the space's description).
    fake.script(mutate=lambda result: (fake.expire_tokens(), result)[1])
    sync_by_job(api, tenant_a, admin, link_id)
    assert fake.sign_ins == 2
    assert status(api, tenant_a, admin)["lastErrorCode"] is None
    with tenant_context(tenant_a):
        assert Contribution.objects.filter(source="decidim").count() == 4

    fake.api_secret = "secret-renouvele"  # rotated on Decidim, not here
    fake.expire_tokens()
    sync_by_job(api, tenant_a, admin, link_id)
    error = status(api, tenant_a, admin)
    assert (error["lastErrorCode"], error["lastErrorMessage"]) == (
        "AUTH",
        "Decidim refuse la clé ou le secret de l'utilisateur d'API.",
    )


def test_a_429_is_waited_out_as_retry_after_says(fake, tenant_a, api, admin):
    _, pk = create_link(api, tenant_a, admin, fake)
    fake.script(429, headers={"Retry-After": "7"})
    slept = []
    with tenant_context(tenant_a):
        report = engine.sync_link(Link.objects.get(pk=pk), http_kwargs={"sleep": slept.append})
        assert report.done and report.error_code == "", report.error_message
        assert slept == [7.0]  # waited once, as told, and never for real
        assert report.requests == 1 + 1 + 2 + 1  # sign-in, 429 then the space, proposals, debates
        assert Contribution.objects.filter(source="decidim").count() == 4


def test_a_malformed_page_leaves_nothing_half_imported_and_a_clear_link_error(api, fake, tenant_a, admin):
    for n in range(4, 31):  # 30 proposals: two pages of 25
        fake.add_proposal(fake.proposals, f"Proposition {n}")
    late = fake.proposals.children[-1]
    fake.add_comment(late, "Sur la deuxième page")
    link_id, pk = create_link(api, tenant_a, admin, fake)

    def break_a_date(result):
        result["data"]["component"]["proposals"]["nodes"][2]["publishedAt"] = "hier soir"
        return result

    fake.script(times=2)  # the space and the first page as they are
    fake.script(mutate=break_a_date)
    sync_by_job(api, tenant_a, admin, link_id)
    error = status(api, tenant_a, admin)
    assert error["lastErrorCode"] == "MALFORMED"
    assert error["lastErrorMessage"].startswith("Réponse de Decidim inattendue : date illisible")
    assert error["lastErrorMessage"].endswith("Rien n'a été importé de cette page.")
    with tenant_context(tenant_a):
        assert Contribution.objects.filter(source="decidim").count() == 25  # page 1 whole, page 2 not at all
        assert not Comment.objects.filter(body="Sur la deuxième page").exists()

    sync_by_job(api, tenant_a, admin, link_id)  # resumes at page 2
    assert status(api, tenant_a, admin)["lastErrorCode"] is None
    with tenant_context(tenant_a):
        assert Contribution.objects.filter(source="decidim").count() == 31
        assert Comment.objects.filter(body="Sur la deuxième page").count() == 1


@pytest.fixture
def answered(api, fake, tenant_a, admin):
    """An imported proposal with an official response published here (over GraphQL)."""
    link_id, pk = create_link(api, tenant_a, admin, fake)
    sync_by_job(api, tenant_a, admin, link_id)
    target = contributions(api, tenant_a, admin)[f"proposal:{fake.p1.id}"]
    answer = {"contributionId": target["id"], "decision": "ACCEPTED", "text": "<p>Oui : 4 km de pistes en 2027.</p>"}
    assert api.gql(RESPOND, {"input": answer}, tenant=tenant_a, token=admin)["responseCreate"]["errors"] == []
    dispatch_pending(tenant_a)
    return link_id, pk


def test_a_published_response_reaches_decidims_answer_mutation_once(api, fake, tenant_a, admin, answered, settings):
    settings.IMEDIA_CONNECTORS_MAX_ATTEMPTS = 2
    link_id, pk = answered
    with tenant_context(tenant_a):
        delivery = Delivery.objects.get()
        assert (delivery.external_id, delivery.state, delivery.status) == (
            f"proposal:{fake.p1.id}",
            "accepted",
            "pending",
        )
        # Decidim is down: retried later, with backoff.
        fake.script(503, times=2, sign_in=True)
        assert outbound.deliver_due(tenant_a, http_kwargs={"sleep": lambda s: None}) == 1
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts, delivery.last_error_code) == ("pending", 1, "UNAVAILABLE")
        assert fake.answers == []
        Delivery.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
        assert outbound.deliver_due(tenant_a) == 1
        delivery.refresh_from_db()
        assert (delivery.status, delivery.reference, delivery.as_comment) == ("sent", f"proposal:{fake.p1.id}", False)
        assert fake.answers == [{"proposal": str(fake.p1.id), "state": "accepted", "content": {"fr": delivery.text}}]
        assert delivery.text.startswith("Oui : 4 km de pistes en 2027.")
        assert fake.p1.data["state"] == "accepted"

        # The same answer queued again is the same row, and nothing more is sent.
        p1 = Contribution.objects.get(external_id=f"proposal:{fake.p1.id}")
        outbound.queue([p1], lambda c: "accepted", lambda c: delivery.text)
        assert Delivery.objects.count() == 1 and outbound.deliver_due(tenant_a) == 0
        # Decidim took it but imedia did not record it (a crash): sent again, Decidim is not asked twice.
        Delivery.objects.update(status=DeliveryStatus.PENDING, next_attempt_at=None)
        assert outbound.deliver_due(tenant_a) == 1
        assert len(fake.answers) == 1
        assert Delivery.objects.get().status == DeliveryStatus.SENT


def test_when_decidim_refuses_answers_the_response_becomes_one_comment(api, fake, tenant_a, admin, answered):
    link_id, pk = answered
    fake.answers_allowed = False
    with tenant_context(tenant_a):
        assert outbound.deliver_due(tenant_a) == 1
        delivery = Delivery.objects.get()
        assert (delivery.status, delivery.as_comment) == ("sent", True)
        assert fake.answers == []
        [comment] = fake.added_comments
        assert comment.data["body"].startswith("Réponse officielle (acceptée) :\n\nOui : 4 km de pistes en 2027.")
        assert delivery.reference == f"comment:{comment.id}"
        Delivery.objects.update(status=DeliveryStatus.PENDING, next_attempt_at=None)  # a retry after a crash
        assert outbound.deliver_due(tenant_a) == 1
        assert len(fake.added_comments) == 1

    # Our own answer does not come back from Decidim as a participant's comment; a reply to it does.
    fake.add_comment(comment, "Merci pour la réponse !", author="Léa Durand", created=timezone.now())
    sync_by_job(api, tenant_a, admin, link_id, full=True)
    with tenant_context(tenant_a):
        p1 = Contribution.objects.get(external_id=f"proposal:{fake.p1.id}")
        assert list(p1.comments.values_list("body", flat=True).order_by("id")) == [
            "Bonne idée",
            "Et le soir, l'éclairage ?",
            "Merci pour la réponse !",
        ]
