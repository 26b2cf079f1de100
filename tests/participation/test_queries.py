"""Listing contributions: filters, French search, sorting, tenant isolation and query budgets."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.cycle.models import Cycle, Phase
from imedia_core.feedback.models import Commitment, Response
from imedia_core.library.models import Theme
from imedia_core.participation.models import Comment, Contribution, Follower, StatusChange, Support
from tests.auth.helpers import token_for
from tests.participation.conftest import MODERATE, SUBMIT, gid

LIST = """query($filter: ContributionFilterInput, $search: String, $sort: ContributionSort) {
  contributions(filter: $filter, search: $search, sort: $sort) { totalCount edges { node { title rank } } }
}"""


def titles(api, tenant, token=None, **variables):
    data = api.gql(LIST, variables, tenant=tenant, token=token)["contributions"]
    return [e["node"]["title"] for e in data["edges"]]


@pytest.fixture
def corpus(db, contribute, rules, people):
    rules(moderation_mode="post")
    with schema_context("alpha"):
        cycle = Cycle.objects.create(name="Cycle", is_active=True)
        phase = Phase.objects.create(cycle=cycle, position=0, slug="diagnostic", title="Diagnostic", status="published")
        theme = Theme.objects.create(name="Mobilité", slug="mobilite")
    made = {
        "bus": contribute(
            kind="observation",
            title="Les bus ne desservent pas la zone",
            body="Mobilité difficile.",
            phase=phase.pk,
            themes=[theme.pk],
        ),
        "garde": contribute(
            kind="proposal", title="Une garde d'enfants pendant les ateliers", body="Pour les parents."
        ),
        "horaires": contribute(
            kind="question", title="Quels horaires pour l'accueil ?", body="Évaluation des besoins."
        ),
    }
    with schema_context("alpha"):
        Response.objects.create(
            contribution=made["garde"], decision="accepted", text="Oui", status="published", published_at=timezone.now()
        )
        Response.objects.create(contribution=made["horaires"], decision="accepted", text="Brouillon", status="draft")
        late = Commitment.objects.create(title="Navette", owner_label="Mairie", due_date=dt.date(2020, 1, 1))
        late.contributions.add(made["bus"])
        done = Commitment.objects.create(title="Crèche", owner_label="CAF", due_date=dt.date(2020, 1, 1), status="done")
        done.contributions.add(made["garde"])
        Contribution.objects.filter(pk=made["garde"].pk).update(support_count=5)
    return {"phase": phase, "theme": theme, **made}


def test_filters(api, tenant_a, corpus):
    assert titles(api, tenant_a, filter={"kind": ["QUESTION"]}) == ["Quels horaires pour l'accueil ?"]
    assert titles(api, tenant_a, filter={"themes": ["mobilite"]}) == ["Les bus ne desservent pas la zone"]
    assert titles(api, tenant_a, filter={"phase": "diagnostic"}) == ["Les bus ne desservent pas la zone"]
    assert titles(api, tenant_a, filter={"phase": gid("Phase", corpus["phase"].pk)}) == [
        "Les bus ne desservent pas la zone"
    ]
    assert titles(api, tenant_a, filter={"phase": gid("Phase", corpus["phase"].pk, "beta")}) == []
    # A draft response does not count.
    assert titles(api, tenant_a, filter={"hasResponse": True}) == ["Une garde d'enfants pendant les ateliers"]
    assert len(titles(api, tenant_a, filter={"hasResponse": False})) == 2
    # Past due and still planned: overdue; past due but done: not.
    assert titles(api, tenant_a, filter={"overdue": True}) == ["Les bus ne desservent pas la zone"]
    assert len(titles(api, tenant_a, filter={"overdue": False})) == 2
    assert titles(api, tenant_a, sort="MOST_SUPPORTED")[0] == "Une garde d'enfants pendant les ateliers"
    assert titles(api, tenant_a, sort="OLDEST")[0] == "Les bus ne desservent pas la zone"


def test_french_search(api, tenant_a, corpus):
    # Stemming and accents: « evaluation » finds « Évaluation », « mobilites » finds « Mobilité ».
    assert titles(api, tenant_a, search="evaluation") == ["Quels horaires pour l'accueil ?"]
    assert titles(api, tenant_a, search="mobilites") == ["Les bus ne desservent pas la zone"]
    data = api.gql(LIST, {"search": "enfants"}, tenant=tenant_a)["contributions"]["edges"]
    assert data[0]["node"]["rank"] > 0


def test_responses_and_commitments_fields(api, tenant_a, corpus):
    query = "query($id: ID!) { contribution(id: $id) { responses { id } commitments { id } } }"
    data = api.gql(query, {"id": gid("Contribution", corpus["garde"].pk)}, tenant=tenant_a)["contribution"]
    assert len(data["responses"]) == 1 and len(data["commitments"]) == 1


def test_tenant_isolation(api, tenant_a, tenant_b, tokens, contribute, rules, make_user):
    rules(moderation_mode="post")
    alpha_row = contribute(title="Seulement dans alpha")
    alpha_id = gid("Contribution", alpha_row.pk)
    beta_admin = make_user("admin@beta.test", "tenant_admin", tenant_b)
    beta_token = token_for(beta_admin, tenant_b)
    assert titles(api, tenant_b, beta_token) == []
    assert (
        api.gql("query($id: ID!) { contribution(id: $id) { id } }", {"id": alpha_id}, tenant=tenant_b)["contribution"]
        is None
    )
    assert api.gql("query($id: ID!) { node(id: $id) { id } }", {"id": alpha_id}, tenant=tenant_b)["node"] is None
    moderate = api.gql(MODERATE, {"id": alpha_id, "action": "HIDE", "reason": "x"}, tenant=tenant_b, token=beta_token)
    assert [e["code"] for e in moderate["contributionModerate"]["errors"]] == ["NOT_FOUND"]
    # The same primary key in beta is another row, untouched.
    with schema_context("beta"):
        assert not Contribution.objects.exists()
    with schema_context("alpha"):
        assert Contribution.objects.get(pk=alpha_row.pk).status == "published"
    # An alpha token does not work in beta.
    response = api.graphql(
        SUBMIT, {"input": {"kind": "QUESTION", "title": "x"}}, tenant=tenant_b, token=tokens["participant"]
    )
    assert response.status_code in (401, 403) or response.json()["data"]["contributionSubmit"]["errors"]


PAGE = """query($n: Int!) {
  contributions(first: $n) { totalCount edges { node {
    id kind title body status authorKind authorLabel attribution isMine canEdit editableUntil
    supportCount viewerSupports viewerFollows commentCount moderationReason heldBy reportCount availableActions
    phase { id title } themes { id name } group { id name } attachment { name url }
    comments { id body authorLabel } history { toStatus actorLabel }
    responses { id decision responderLabel }
    commitments { id title isOverdue phase { title } updates { text } contributions { id } }
  } } }
}"""
QUEUE = """query($n: Int!) {
  moderationQueue(first: $n) { totalCount edges { node {
    id title heldBy heldReason reportCount availableActions themes { name } comments { body } history { toStatus }
  } } }
}"""


@pytest.fixture
def many(db, contribute, rules, people):
    with schema_context("alpha"):
        cycle = Cycle.objects.create(name="Cycle", is_active=True)
        phase = Phase.objects.create(cycle=cycle, position=0, slug="p", title="Phase", status="published")
        themes = [Theme.objects.create(name=f"Thème {i}", slug=f"t{i}") for i in range(3)]
    rows = []
    for i in range(30):
        rules(moderation_mode="post" if i % 2 else "pre")
        rows.append(contribute(title=f"Contribution {i}", phase=phase.pk, themes=[t.pk for t in themes[: i % 3 + 1]]))
    with schema_context("alpha"):
        for row in rows:
            Comment.objects.create(
                contribution=row, body="Un avis", status="published", author_kind="person", author_label="A"
            )
            Support.objects.create(contribution=row, user_id=people["facilitator"].pk)
            Follower.objects.get_or_create(contribution=row, user_id=people["facilitator"].pk)
            Response.objects.create(
                contribution=row, decision="accepted", text="Oui", status="published", published_at=timezone.now()
            )
            commitment = Commitment.objects.create(
                title="Engagement", owner_label="Service", due_date=dt.date(2030, 1, 1)
            )
            commitment.contributions.add(row)
            StatusChange.objects.create(contribution=row, to_status="published")
    return rows


@pytest.mark.parametrize("query,field", [(PAGE, "contributions"), (QUEUE, "moderationQueue")])
def test_query_budget(api, tenant_a, tokens, many, query, field):
    api.gql(query, {"n": 1}, tenant=tenant_a, token=tokens["facilitator"])  # warm the per-process caches
    counts = []
    for n in (3, 15):
        with CaptureQueriesContext(connection) as ctx:
            data = api.gql(query, {"n": n}, tenant=tenant_a, token=tokens["facilitator"])[field]
        assert len(data["edges"]) == n
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 25, counts
