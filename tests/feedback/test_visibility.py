"""One visibility rule per kind of row, whatever the way of asking: the ``responses`` and
``commitments`` lists, ``response(id:)`` / ``commitment(id:)``, ``node(id:)`` and a
contribution's ``responses`` show the same rows to each caller; the domain functions that the
admin, REST and connectors call give the same answer."""

import datetime as dt

import pytest
from django_tenants.utils import schema_context

from imedia_core.context import Channel, ServiceContext
from imedia_core.feedback import feed, services
from imedia_core.feedback.visibility import visible_commitments, visible_responses
from imedia_core.participation.models import Contribution
from imedia_core.permissions import anonymous

from .conftest import TEAM, gid

LISTS = """{ responses(first: 50) { edges { node { id } } }
             commitments(first: 50) { edges { node { id updates { id } } } } }"""
ONE = """query($id: ID!) { response(id: $id) { id } commitment(id: $id) { id } node(id: $id) { id } }"""
ANSWERS = """query($id: ID!) { node(id: $id) { ... on Contribution { responses { id } commitments { id } } } }"""


@pytest.fixture
def rows(make_contribution):
    """A draft, a published response, a response to a contribution hidden since, a commitment
    with a step."""
    answered, hidden, drafted = (make_contribution(title=title) for title in ("Publiée", "Masquée", "Brouillon"))
    with schema_context("alpha"):
        published = services.create_response(TEAM, answered, {"decision": "accepted", "text": "Oui."}, publish=True)
        on_hidden = services.create_response(TEAM, hidden, {"decision": "accepted", "text": "Oui."}, publish=True)
        draft = services.create_response(TEAM, drafted, {"decision": "accepted", "text": "Peut-être."})
        commitment = services.create_commitment(
            TEAM, {"title": "T", "owner_label": "S", "due_date": dt.date(2031, 1, 1), "contributions": [answered]}
        )
        step = services.add_update(TEAM, commitment, {"text": "Démarré.", "progress": 10})
        Contribution.objects.filter(pk=hidden.pk).update(status="hidden")
    return {
        "responses": {"published": published, "on_hidden": on_hidden, "draft": draft},
        "commitment": commitment,
        "step": step,
        "contributions": {"published": answered, "drafted": drafted},
    }


@pytest.mark.parametrize(
    ("who", "seen"),
    [
        ("anonymous", {"published"}),
        ("participant", {"published"}),
        ("facilitator", {"published"}),
        ("read_key", {"published"}),
        ("professional", {"published", "on_hidden", "draft"}),
        ("tenant_admin", {"published", "on_hidden", "draft"}),
    ],
)
def test_lists_and_lookups_show_the_same_rows(api, tenant_a, callers, rows, who, seen):
    token = callers[who]
    lists = api.gql(LISTS, tenant=tenant_a, token=token)
    listed = {edge["node"]["id"] for edge in lists["responses"]["edges"]}
    expected = {gid("Response", response.pk) for name, response in rows["responses"].items() if name in seen}
    assert listed == expected
    for response in rows["responses"].values():
        rid = gid("Response", response.pk)
        found = api.gql(ONE, {"id": rid}, tenant=tenant_a, token=token)
        assert found["response"] == found["node"] == ({"id": rid} if rid in listed else None), rid

    # Commitments and their steps are public: listed, looked up and reached by node alike.
    cid, sid = gid("Commitment", rows["commitment"].pk), gid("CommitmentUpdate", rows["step"].pk)
    assert lists["commitments"]["edges"] == [{"node": {"id": cid, "updates": [{"id": sid}]}}]
    found = api.gql(ONE, {"id": cid}, tenant=tenant_a, token=token)
    assert found["commitment"] == found["node"] == {"id": cid}
    assert api.gql(ONE, {"id": sid}, tenant=tenant_a, token=token)["node"] == {"id": sid}

    # A contribution's responses follow the same rule (here: a draft only for responders).
    drafted = gid("Contribution", rows["contributions"]["drafted"].pk)
    answers = api.gql(ANSWERS, {"id": drafted}, tenant=tenant_a, token=token)["node"]
    assert [r["id"] for r in answers["responses"]] == (
        [gid("Response", rows["responses"]["draft"].pk)] if "draft" in seen else []
    )


def test_the_domain_functions_give_the_doors_the_same_answer(tenant_a, people, rows):
    reader = ServiceContext.for_principal(anonymous(tenant_a), Channel.REST)
    responder = ServiceContext.for_user(people["professional"], tenant_a, Channel.ADMIN)
    moderator = ServiceContext.for_user(people["facilitator"], tenant_a, Channel.ADMIN)
    responses = rows["responses"]
    with schema_context("alpha"):
        assert list(visible_responses(reader)) == [responses["published"]]
        assert list(visible_responses(moderator)) == [responses["published"]]
        assert set(visible_responses(responder)) == set(responses.values())
        assert list(feed.response_list(reader)) == [responses["published"]]
        assert [c.is_overdue for c in visible_commitments(reader)] == [False]
        # The ledger is public and the same for everyone: drafts never enter a story.
        story = feed.story_of(responder, rows["contributions"]["published"])
        assert [step.kind for step in story] == ["submitted", "response", "commitment_created", "commitment_update"]
        assert story[3].progress == 10 and story[3].update == rows["step"]
        assert feed.story_of(responder, rows["contributions"]["drafted"])[1:] == []
        assert [c.title for c in feed.ledger()] == ["Publiée"]


def test_the_admin_shows_what_the_api_shows(client, tenant_a, people, rows):
    draft, published = rows["responses"]["draft"], rows["responses"]["published"]

    def page(who, response):
        client.force_login(people[who])
        url = f"/t/alpha/admin/feedback/response/{response.pk}/change/"
        return client.get(url, HTTP_HOST="testserver").status_code

    assert page("professional", draft) == page("professional", published) == 200
    # A facilitator uses the admin but may not respond: drafts are not theirs to read, there either.
    assert page("facilitator", published) == 200
    assert page("facilitator", draft) == 302
