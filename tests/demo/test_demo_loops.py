"""After `imedia demo`, the three participation loops, the guided path, self-diagnostics and the
indicators all answer with real values over GraphQL — what the README promises a new user."""

from io import StringIO

import pytest
from django.core.management import call_command

from imedia_core.demo.feedback_seed import STORIES
from imedia_core.demo.participation_data import PARTICIPATION
from imedia_core.management.commands.demo import DEMO_TENANTS, demo_email
from tenants.models import Tenant, User
from tests.auth.helpers import token_for

DEMOS = {demo.slug: demo for demo in DEMO_TENANTS}


@pytest.fixture
def demo(db):
    call_command("demo", "--force", stdout=StringIO(), stderr=StringIO())
    return {slug: Tenant.objects.get(schema_name=slug) for slug in DEMOS}


def staff_token(tenant, local_part="admin"):
    user = User.objects.get(email=demo_email(local_part, DEMOS[tenant.schema_name]))
    return token_for(user, tenant)


FEED = """{ youSaidWeDid(first: 50) { totalCount edges { node {
  contribution { title } currentDecision commitments { title status isOverdue } } } } }"""


def test_every_demo_story_answers_the_contribution_it_was_written_for(api, demo):
    for slug, stories in STORIES.items():
        feed = api.gql(FEED, tenant=demo[slug])["youSaidWeDid"]
        by_title = {edge["node"]["contribution"]["title"]: edge["node"] for edge in feed["edges"]}
        titles = [spec.title for spec in PARTICIPATION[slug].contributions]
        for story in stories:
            # The first "word" of each story is the start of the contribution's exact title.
            title = next(t for t in titles if story.words[0].lower() in t.lower())
            entry = by_title[title]
            if story.commitment:
                assert story.commitment in [c["title"] for c in entry["commitments"]], (slug, title)
        assert feed["totalCount"] == len(stories)
        overdue = [c for e in feed["edges"] for c in e["node"]["commitments"] if c["isOverdue"]]
        assert len(overdue) == sum(1 for story in stories if story.overdue)


def test_a_person_goes_from_their_words_to_a_question_and_its_path(api, demo):
    data = api.gql(
        '{ guidanceMatch(text: "mobiliser les habitants") { status matches { question { text slug } } } }',
        tenant=demo["cc_villeneuve"],
    )["guidanceMatch"]
    assert data["status"] == "MATCHED"
    first = data["matches"][0]["question"]
    assert first["text"] == "Comment mobiliser des habitants qui ne viennent jamais ?"
    path = api.gql(
        "query($slug: String!) { guidanceQuestion(slug: $slug) { path { steps { kind } } } }",
        {"slug": first["slug"]},
        tenant=demo["cc_villeneuve"],
    )["guidanceQuestion"]["path"]
    kinds = [step["kind"] for step in path["steps"]]
    assert kinds[0] == "QUESTION" and "PHASE" in kinds and "RESOURCES" in kinds


def test_the_commons_holds_shared_practices_and_one_adaptation(api, demo):
    data = api.gql(
        "{ practices(first: 50) { totalCount edges { node { adaptationCount provenance { programme } } } } }",
        tenant=demo["rsa94"],
    )["practices"]
    assert data["totalCount"] == 6
    programmes = {edge["node"]["provenance"]["programme"] for edge in data["edges"]}
    assert programmes == {tenant.name for tenant in demo.values()}
    assert sum(edge["node"]["adaptationCount"] for edge in data["edges"]) == 1


def test_indicators_have_real_values_for_the_local_team(api, demo):
    for slug, tenant in demo.items():
        data = api.gql(
            """{ indicators { contributions { total } responses { proposals answered share }
                 commitments { total overdue notDone } diagnostics { closedRuns groupsCompared meanDelta }
                 unansweredSearches { searches } } }""",
            tenant=tenant,
            token=staff_token(tenant),
        )["indicators"]
        contributions = PARTICIPATION[slug].contributions
        assert data["contributions"]["total"] == len(contributions)
        assert data["responses"]["answered"] >= 1 and 0 < data["responses"]["share"] <= 1
        assert data["commitments"]["overdue"] == sum(1 for story in STORIES[slug] if story.overdue)
        assert data["diagnostics"]["closedRuns"] == 2 and data["diagnostics"]["groupsCompared"] == 1
        assert data["diagnostics"]["meanDelta"] is not None
        assert data["unansweredSearches"]["searches"] >= 1
