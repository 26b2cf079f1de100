"""Who may do what, per kind of caller: participant, facilitator, professional, decision maker,
tenant admin, anonymous visitor, read and write API keys."""

import pytest
from django_tenants.utils import schema_context

from imedia_core.participation.comments import add_comment
from imedia_core.participation.contributions import moderate_contribution
from imedia_core.participation.models import Contribution, ParticipationSettings
from tests.participation.conftest import MODERATE, SUBMIT, as_person, gid

CALLERS = (
    "participant",
    "facilitator",
    "professional",
    "decision_maker",
    "tenant_admin",
    "anonymous",
    "read_key",
    "write_key",
)
PEOPLE = ("participant", "facilitator", "professional", "decision_maker", "tenant_admin")
MODERATORS = ("facilitator", "tenant_admin")


def codes(payload):
    return [e["code"] for e in payload["errors"]]


@pytest.mark.parametrize("caller", CALLERS)
def test_submit(api, tenant_a, tokens, caller):
    data = api.gql(
        SUBMIT, {"input": {"kind": "PROPOSAL", "title": "Des bancs au parc"}}, tenant=tenant_a, token=tokens[caller]
    )["contributionSubmit"]
    if caller in PEOPLE:
        assert data["errors"] == [] and data["contribution"]["authorLabel"] == caller.title()
    elif caller == "anonymous":
        assert codes(data) == ["UNAUTHENTICATED"]  # the default rules refuse anonymity
    else:
        assert codes(data) == ["PERMISSION_DENIED"]  # an API key never speaks for a person


@pytest.mark.parametrize("caller", CALLERS)
def test_moderate(api, tenant_a, tokens, contribute, caller):
    contribution = contribute()
    data = api.gql(
        MODERATE,
        {"id": gid("Contribution", contribution.pk), "action": "APPROVE"},
        tenant=tenant_a,
        token=tokens[caller],
    )["contributionModerate"]
    with schema_context("alpha"):
        status = Contribution.objects.get(pk=contribution.pk).status
    if caller in MODERATORS:
        assert data["errors"] == [] and status == "published"
    else:
        expected = "UNAUTHENTICATED" if caller == "anonymous" else "PERMISSION_DENIED"
        assert codes(data) == [expected] and status == "pending"


QUEUE = "{ moderationQueue { totalCount edges { node { title heldBy } } } }"


@pytest.mark.parametrize("caller", CALLERS)
def test_moderation_queue(api, tenant_a, tokens, contribute, caller):
    contribute(title="En attente")
    response = api.graphql(QUEUE, tenant=tenant_a, token=tokens[caller]).json()
    if caller in MODERATORS:
        assert response["data"]["moderationQueue"]["totalCount"] == 1
    else:
        expected = "UNAUTHENTICATED" if caller == "anonymous" else "PERMISSION_DENIED"
        assert response["errors"][0]["extensions"]["code"] == expected


SETTINGS = """mutation($input: ParticipationSettingsInput!) {
  participationSettingsUpdate(input: $input) {
    settings { moderationMode allowAnonymous editWindowMinutes } errors { field code }
  }
}"""


@pytest.mark.parametrize("caller", CALLERS)
def test_settings_update(api, tenant_a, tokens, caller):
    data = api.gql(
        SETTINGS, {"input": {"moderationMode": "POST", "allowAnonymous": True}}, tenant=tenant_a, token=tokens[caller]
    )["participationSettingsUpdate"]
    with schema_context("alpha"):
        mode = ParticipationSettings.load().moderation_mode
    if caller == "tenant_admin":
        assert data["errors"] == [] and data["settings"]["moderationMode"] == "POST" and mode == "post"
    else:
        assert codes(data) and mode == "pre"


def test_settings_are_validated(api, tenant_a, tokens):
    data = api.gql(
        SETTINGS,
        {"input": {"editWindowMinutes": -1, "moderationMode": "POST"}},
        tenant=tenant_a,
        token=tokens["tenant_admin"],
    )["participationSettingsUpdate"]
    assert data["errors"] == [{"field": "editWindowMinutes", "code": "INVALID"}]
    with schema_context("alpha"):
        assert ParticipationSettings.load().moderation_mode == "pre"  # nothing half-applied


VISIBLE = "{ contributions { totalCount edges { node { title status } } } }"


@pytest.mark.parametrize("caller", CALLERS)
def test_who_sees_what(api, tenant_a, tokens, people, contribute, rules, caller):
    rules(moderation_mode="post")
    contribute(title="Publiée")
    rules(moderation_mode="pre")
    contribute(title="En attente, d'un autre")
    if caller in PEOPLE:
        contribute(people[caller], title="La mienne, en attente")
    titles = {
        e["node"]["title"] for e in api.gql(VISIBLE, tenant=tenant_a, token=tokens[caller])["contributions"]["edges"]
    }
    expected = {"Publiée"}
    if caller in PEOPLE:
        expected.add("La mienne, en attente")
    if caller in MODERATORS:
        expected.add("En attente, d'un autre")
    assert titles == expected


NODE = "query($id: ID!) { node(id: $id) { id } }"
COMMENTS = "query($id: ID!) { contribution(id: $id) { comments { id } } }"


@pytest.mark.parametrize("caller", CALLERS)
def test_node_lookups_hide_what_the_lists_hide(api, tenant_a, tokens, people, contribute, rules, caller):
    """A pending contribution or comment of someone else, and a published comment under a hidden
    contribution, are found by ``node`` exactly when the lists show them: by moderators only."""
    moderator = as_person(people["facilitator"], tenant_a)
    commenter = as_person(people["participant"] if caller != "participant" else people["professional"], tenant_a)
    rules(moderation_mode="post")
    published, taken_down = contribute(title="Publiée"), contribute(title="Bientôt masquée")
    with schema_context("alpha"):
        under_hidden = add_comment(commenter, taken_down, {"body": "Sous une contribution masquée."})
        moderate_contribution(moderator, taken_down, "hide", "Hors sujet")
    rules(moderation_mode="pre")
    pending = contribute(title="En attente, d'un autre")
    with schema_context("alpha"):
        pending_comment = add_comment(commenter, published, {"body": "Un commentaire en attente."})
    sees_all = caller in MODERATORS

    def found(type_name, pk):
        data = api.gql(NODE, {"id": gid(type_name, pk)}, tenant=tenant_a, token=tokens[caller])
        return data["node"] is not None

    listed = api.gql(COMMENTS, {"id": gid("Contribution", published.pk)}, tenant=tenant_a, token=tokens[caller])
    assert found("Contribution", published.pk)
    assert found("Contribution", pending.pk) is sees_all
    assert found("Contribution", taken_down.pk) is sees_all
    assert found("Comment", pending_comment.pk) is sees_all
    assert found("Comment", under_hidden.pk) is sees_all
    assert (gid("Comment", pending_comment.pk) in {c["id"] for c in listed["contribution"]["comments"]}) is sees_all


SUPPORT = """mutation($id: ID!) { contributionSupport(id: $id) { contribution { supportCount viewerSupports } errors { code } } }"""
REPORT = """mutation($id: ID!) { contributionReport(id: $id, reason: "Insultant") { contribution { id } errors { code } } }"""


@pytest.mark.parametrize("caller", CALLERS)
def test_support_and_report_need_a_person(api, tenant_a, tokens, contribute, rules, caller):
    rules(moderation_mode="post")
    contribution = contribute()
    variables = {"id": gid("Contribution", contribution.pk)}
    support = api.gql(SUPPORT, variables, tenant=tenant_a, token=tokens[caller])["contributionSupport"]
    report = api.gql(REPORT, variables, tenant=tenant_a, token=tokens[caller])["contributionReport"]
    if caller in PEOPLE:
        assert support["errors"] == [] and support["contribution"]["supportCount"] == 1
        assert report["errors"] == []
    else:
        expected = ["UNAUTHENTICATED"] if caller == "anonymous" else ["PERMISSION_DENIED"]
        assert codes(support) == expected and codes(report) == expected


def test_outsider_without_role_cannot_contribute(api, tenant_a, tokens):
    data = api.gql(
        SUBMIT, {"input": {"kind": "QUESTION", "title": "Bonjour"}}, tenant=tenant_a, token=tokens["outsider"]
    )
    assert codes(data["contributionSubmit"]) == ["PERMISSION_DENIED"]
