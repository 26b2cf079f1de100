"""The moderation state machine, transition by transition, through the API: every allowed move
lands where the table says (with its event and history), every other one is refused and changes
nothing (no status change, no event)."""

import pytest
from django_tenants.utils import schema_context

from imedia_core.events.models import OutboxEvent
from imedia_core.participation import states
from imedia_core.participation.models import Comment, Contribution, StatusChange
from tests.participation.conftest import MODERATE, gid

STATUSES = ["pending", "published", "rejected", "hidden", "withdrawn"]
ACTIONS = ["approve", "reject", "hide", "restore", "requeue"]
ALLOWED = {
    ("approve", "pending"): "published",
    ("reject", "pending"): "rejected",
    ("approve", "rejected"): "published",
    ("hide", "published"): "hidden",
    ("restore", "hidden"): "published",
    ("requeue", "published"): "pending",
}
NEEDS_REASON = {"reject", "hide"}


def test_table_matches_the_documented_machine():
    moderator = {
        (t.action.value, t.source): t.target
        for t in states.CONTRIBUTION_TRANSITIONS
        if states.Actor.MODERATOR in t.actors
    }
    assert moderator == ALLOWED
    author = {(t.action.value, t.source) for t in states.CONTRIBUTION_TRANSITIONS if states.Actor.AUTHOR in t.actors}
    assert author == {("withdraw", "pending"), ("withdraw", "published"), ("withdraw", "hidden")}


def _at(contribute, status):
    contribution = contribute()
    with schema_context("alpha"):
        Contribution.objects.filter(pk=contribution.pk).update(status=status)
        OutboxEvent.objects.all().delete()
    return contribution


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("action", ACTIONS)
def test_moderator_transition(api, tenant_a, tokens, people, contribute, status, action):
    contribution = _at(contribute, status)
    variables = {"id": gid("Contribution", contribution.pk), "action": action.upper(), "reason": "Hors sujet"}
    data = api.gql(MODERATE, variables, tenant=tenant_a, token=tokens["facilitator"])["contributionModerate"]
    with schema_context("alpha"):
        contribution.refresh_from_db()
        events = list(OutboxEvent.objects.values_list("type", flat=True))
        history = list(StatusChange.objects.filter(contribution=contribution).values_list("to_status", flat=True))
    target = ALLOWED.get((action, status))
    if target is None:
        assert [e["code"] for e in data["errors"]] == ["INVALID_TRANSITION"]
        assert data["contribution"] is None
        assert contribution.status == status
        assert events == []
        assert history == ["pending"]  # only the submission's step
    else:
        assert data["errors"] == []
        assert data["contribution"]["status"] == target.upper()
        assert contribution.status == target
        assert "contribution.status_changed" in events
        assert ("contribution.published" in events) == (target == "published")
        assert history[-1] == target
        assert contribution.moderated_by_label == "Facilitator"


@pytest.mark.parametrize("action", sorted(NEEDS_REASON))
def test_reject_and_hide_need_a_reason(api, tenant_a, tokens, contribute, action):
    contribution = _at(contribute, "pending" if action == "reject" else "published")
    for reason in (None, "   "):
        variables = {"id": gid("Contribution", contribution.pk), "action": action.upper(), "reason": reason}
        data = api.gql(MODERATE, variables, tenant=tenant_a, token=tokens["tenant_admin"])["contributionModerate"]
        assert data["errors"] == [
            {"field": "reason", "code": "REASON_REQUIRED", "message": data["errors"][0]["message"]}
        ]
    with schema_context("alpha"):
        contribution.refresh_from_db()
        assert contribution.status == ("pending" if action == "reject" else "published")
        assert not OutboxEvent.objects.exists()


WITHDRAW = """mutation($id: ID!, $reason: String) {
  contributionWithdraw(id: $id, reason: $reason) { contribution { status } errors { code field } }
}"""


@pytest.mark.parametrize("status", STATUSES)
def test_author_withdraw_from_each_status(api, tenant_a, tokens, people, contribute, status):
    contribution = contribute(people["participant"])
    with schema_context("alpha"):
        Contribution.objects.filter(pk=contribution.pk).update(status=status)
        OutboxEvent.objects.all().delete()
    data = api.gql(
        WITHDRAW, {"id": gid("Contribution", contribution.pk)}, tenant=tenant_a, token=tokens["participant"]
    )["contributionWithdraw"]
    with schema_context("alpha"):
        contribution.refresh_from_db()
        events = set(OutboxEvent.objects.values_list("type", flat=True))
    if status in ("pending", "published", "hidden"):
        assert data["errors"] == [] and contribution.status == "withdrawn"
        assert {"contribution.withdrawn", "contribution.status_changed"} <= events
    else:
        assert [e["code"] for e in data["errors"]] == ["INVALID_TRANSITION"]
        assert contribution.status == status and events == set()


def test_only_the_author_withdraws(api, tenant_a, tokens, people, contribute):
    contribution = contribute(people["participant"])
    for caller in ("professional", "facilitator"):
        data = api.gql(WITHDRAW, {"id": gid("Contribution", contribution.pk)}, tenant=tenant_a, token=tokens[caller])[
            "contributionWithdraw"
        ]
        assert [e["code"] for e in data["errors"]] in (["PERMISSION_DENIED"], ["NOT_FOUND"])
    with schema_context("alpha"):
        contribution.refresh_from_db()
        assert contribution.status == "pending"


COMMENT_MODERATE = """mutation($id: ID!, $action: ModerationAction!, $reason: String) {
  commentModerate(id: $id, action: $action, reason: $reason) { comment { status } errors { code } }
}"""
COMMENT_ALLOWED = {k: v for k, v in ALLOWED.items() if k[0] != "requeue"}


@pytest.mark.parametrize("status", ["pending", "published", "rejected", "hidden"])
@pytest.mark.parametrize("action", ACTIONS)
def test_comment_transition(api, tenant_a, tokens, contribute, status, action):
    contribution = contribute()
    with schema_context("alpha"):
        comment = Comment.objects.create(
            contribution=contribution, body="Bien vu", status=status, author_kind="anonymous", author_label="Anonyme"
        )
        OutboxEvent.objects.all().delete()
    variables = {"id": gid("Comment", comment.pk), "action": action.upper(), "reason": "Propos déplacés"}
    data = api.gql(COMMENT_MODERATE, variables, tenant=tenant_a, token=tokens["facilitator"])["commentModerate"]
    with schema_context("alpha"):
        comment.refresh_from_db()
        events = set(OutboxEvent.objects.values_list("type", flat=True))
    target = COMMENT_ALLOWED.get((action, status))
    if target is None:
        assert [e["code"] for e in data["errors"]] == ["INVALID_TRANSITION"]
        assert comment.status == status and events == set()
    else:
        assert data["errors"] == [] and comment.status == target
        assert "comment.status_changed" in events
        assert ("comment.published" in events) == (target == "published")
