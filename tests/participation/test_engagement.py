"""Supports, follows, reports, comments, author edits and email notifications to followers."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.events.models import OutboxEvent
from imedia_core.participation.contributions import moderate_contribution
from imedia_core.participation.models import Contribution, Follower, Support
from imedia_core.participation.notifications import notify_followers
from tests.participation.conftest import MODERATE, SUBMIT, as_person, gid

SUPPORT = """mutation($id: ID!) { contributionSupport(id: $id) {
  contribution { supportCount viewerSupports viewerFollows } errors { code } } }"""
UNSUPPORT = """mutation($id: ID!) { contributionUnsupport(id: $id) {
  contribution { supportCount viewerSupports viewerFollows } errors { code } } }"""


def codes(data):
    return [e["code"] for e in data["errors"]]


def test_support_once_per_person(api, tenant_a, tokens, contribute, rules):
    rules(moderation_mode="post")
    contribution = contribute()
    variables = {"id": gid("Contribution", contribution.pk)}
    first = api.gql(SUPPORT, variables, tenant=tenant_a, token=tokens["participant"])["contributionSupport"]
    assert first["contribution"] == {"supportCount": 1, "viewerSupports": True, "viewerFollows": True}
    again = api.gql(SUPPORT, variables, tenant=tenant_a, token=tokens["participant"])["contributionSupport"]
    assert codes(again) == ["ALREADY_DONE"]
    api.gql(SUPPORT, variables, tenant=tenant_a, token=tokens["professional"])
    with schema_context("alpha"):
        assert Contribution.objects.get().support_count == 2 == Support.objects.count()
    undo = api.gql(UNSUPPORT, variables, tenant=tenant_a, token=tokens["participant"])["contributionUnsupport"]
    assert undo["contribution"] == {"supportCount": 1, "viewerSupports": False, "viewerFollows": False}
    assert codes(
        api.gql(UNSUPPORT, variables, tenant=tenant_a, token=tokens["participant"])["contributionUnsupport"]
    ) == ["NOT_FOUND"]


def test_no_support_for_own_or_unpublished(api, tenant_a, tokens, people, contribute, rules):
    pending = contribute()
    assert codes(
        api.gql(SUPPORT, {"id": gid("Contribution", pending.pk)}, tenant=tenant_a, token=tokens["facilitator"])[
            "contributionSupport"
        ]
    ) == ["NOT_ALLOWED"]
    rules(moderation_mode="post")
    mine = contribute(people["participant"])
    assert codes(
        api.gql(SUPPORT, {"id": gid("Contribution", mine.pk)}, tenant=tenant_a, token=tokens["participant"])[
            "contributionSupport"
        ]
    ) == ["NOT_ALLOWED"]


def test_followers_are_emailed_after_commit(
    api, tenant_a, tokens, people, contribute, rules, django_capture_on_commit_callbacks
):
    contribution = contribute(people["participant"])
    with schema_context("alpha"):
        Follower.objects.create(contribution=contribution, user_id=people["professional"].pk)
    variables = {"id": gid("Contribution", contribution.pk), "action": "APPROVE"}
    with django_capture_on_commit_callbacks(execute=True):
        api.gql(MODERATE, variables, tenant=tenant_a, token=tokens["facilitator"])
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == [people["participant"].email, people["professional"].email]
    message = mail.outbox[0]
    assert message.subject.startswith("[Espace Alpha] Contribution « ")
    assert "est publiée" in message.body
    assert all(len(m.to) == 1 for m in mail.outbox)  # nobody sees the others' addresses


def test_no_mail_before_commit_nor_on_refusal(
    api, tenant_a, tokens, people, contribute, django_capture_on_commit_callbacks
):
    contribution = contribute(people["participant"])
    variables = {"id": gid("Contribution", contribution.pk), "action": "HIDE", "reason": "non"}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        data = api.gql(MODERATE, variables, tenant=tenant_a, token=tokens["facilitator"])["contributionModerate"]
    assert codes(data) == ["INVALID_TRANSITION"]
    assert callbacks == [] and mail.outbox == []


def test_notify_followers_for_other_domains(people, contribute, django_capture_on_commit_callbacks):
    contribution = contribute(people["participant"])
    with schema_context("alpha"):
        Follower.objects.create(contribution=contribution, user_id=people["outsider"].pk)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            notify_followers(contribution, subject="Réponse officielle", message="Bonjour, voici la réponse.")
        assert mail.outbox == []  # not before commit
        for callback in callbacks:
            callback()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people["participant"].email, people["outsider"].email])
    assert mail.outbox[0].body == "Bonjour, voici la réponse."


def test_follow_and_unfollow(api, tenant_a, tokens, contribute, rules):
    rules(moderation_mode="post")
    contribution = contribute()
    variables = {"id": gid("Contribution", contribution.pk)}
    follow = "mutation($id: ID!) { contributionFollow(id: $id) { contribution { viewerFollows } errors { code } } }"
    unfollow = "mutation($id: ID!) { contributionUnfollow(id: $id) { contribution { viewerFollows } errors { code } } }"
    assert api.gql(follow, variables, tenant=tenant_a, token=tokens["decision_maker"])["contributionFollow"][
        "contribution"
    ] == {"viewerFollows": True}
    assert api.gql(unfollow, variables, tenant=tenant_a, token=tokens["decision_maker"])["contributionUnfollow"][
        "contribution"
    ] == {"viewerFollows": False}


REPORT = """mutation($id: ID!) { contributionReport(id: $id, reason: "Propos blessants") {
  contribution { status } errors { code } } }"""


def test_reports_put_it_back_in_the_queue(api, tenant_a, tokens, contribute, rules):
    rules(moderation_mode="post", report_threshold=2)
    contribution = contribute()
    variables = {"id": gid("Contribution", contribution.pk)}
    assert api.gql(REPORT, variables, tenant=tenant_a, token=tokens["participant"])["contributionReport"][
        "contribution"
    ] == {"status": "PUBLISHED"}
    again = api.gql(REPORT, variables, tenant=tenant_a, token=tokens["participant"])["contributionReport"]
    assert codes(again) == ["ALREADY_DONE"]
    second = api.gql(REPORT, variables, tenant=tenant_a, token=tokens["professional"])["contributionReport"]
    assert second["contribution"] == {"status": "PENDING"}
    queue = api.gql(
        "{ moderationQueue { edges { node { heldBy reportCount history { toStatus actorLabel } } } } }",
        tenant=tenant_a,
        token=tokens["facilitator"],
    )["moderationQueue"]["edges"][0]["node"]
    assert queue["reportCount"] == 2 and queue["heldBy"] == "signalements"
    assert queue["history"][-1] == {"toStatus": "pending", "actorLabel": "Système"}


COMMENT = """mutation($input: CommentAddInput!) { commentAdd(input: $input) {
  comment { id status body authorLabel } errors { code field } } }"""


def test_comments_follow_the_moderation_mode(api, tenant_a, tokens, contribute, rules):
    rules(moderation_mode="post")
    contribution = contribute()
    cid = gid("Contribution", contribution.pk)
    rules(moderation_mode="pre")
    pending = api.gql(
        COMMENT,
        {"input": {"contributionId": cid, "body": "Je suis d'accord."}},
        tenant=tenant_a,
        token=tokens["participant"],
    )
    assert pending["commentAdd"]["comment"]["status"] == "PENDING"
    rules(moderation_mode="post")
    published = api.gql(
        COMMENT, {"input": {"contributionId": cid, "body": "Moi aussi."}}, tenant=tenant_a, token=tokens["professional"]
    )
    assert published["commentAdd"]["comment"]["status"] == "PUBLISHED"
    query = "query($id: ID!) { contribution(id: $id) { commentCount comments { body } } }"
    seen_by_reader = api.gql(query, {"id": cid}, tenant=tenant_a)["contribution"]
    assert seen_by_reader == {"commentCount": 1, "comments": [{"body": "Moi aussi."}]}
    seen_by_author = api.gql(query, {"id": cid}, tenant=tenant_a, token=tokens["participant"])["contribution"]
    assert [c["body"] for c in seen_by_author["comments"]] == ["Je suis d'accord.", "Moi aussi."]
    queue = api.gql("{ commentModerationQueue { totalCount } }", tenant=tenant_a, token=tokens["facilitator"])
    assert queue["commentModerationQueue"]["totalCount"] == 1
    with schema_context("alpha"):
        assert set(OutboxEvent.objects.filter(type__startswith="comment.").values_list("type", flat=True)) == {
            "comment.submitted",
            "comment.published",
        }


def test_comments_only_on_published_and_anonymous_rules(api, tenant_a, tokens, contribute, rules):
    pending = contribute()
    data = api.gql(
        COMMENT,
        {"input": {"contributionId": gid("Contribution", pending.pk), "body": "?"}},
        tenant=tenant_a,
        token=tokens["facilitator"],
    )
    assert codes(data["commentAdd"]) == ["NOT_ALLOWED"]
    rules(moderation_mode="post")
    published = contribute()
    variables = {"input": {"contributionId": gid("Contribution", published.pk), "body": "Anonyme ici"}}
    assert codes(api.gql(COMMENT, variables, tenant=tenant_a)["commentAdd"]) == ["UNAUTHENTICATED"]
    rules(allow_anonymous=True)
    assert api.gql(COMMENT, variables, tenant=tenant_a)["commentAdd"]["comment"]["authorLabel"] == "Anonyme"


EDIT = """mutation($id: ID!, $input: ContributionEditInput!) { contributionEdit(id: $id, input: $input) {
  contribution { title status canEdit editedAt } errors { code } } }"""


def test_author_edits_within_the_window(api, tenant_a, tokens, people, contribute, rules):
    rules(edit_window_minutes=30)
    contribution = contribute(people["participant"])
    variables = {"id": gid("Contribution", contribution.pk), "input": {"title": "Titre corrigé"}}
    data = api.gql(EDIT, variables, tenant=tenant_a, token=tokens["participant"])["contributionEdit"]
    assert (
        data["errors"] == [] and data["contribution"]["title"] == "Titre corrigé" and data["contribution"]["editedAt"]
    )
    assert codes(api.gql(EDIT, variables, tenant=tenant_a, token=tokens["facilitator"])["contributionEdit"]) == [
        "PERMISSION_DENIED"
    ]
    with schema_context("alpha"):
        Contribution.objects.filter(pk=contribution.pk).update(created_at=timezone.now() - timedelta(minutes=31))
    late = api.gql(EDIT, variables, tenant=tenant_a, token=tokens["participant"])["contributionEdit"]
    assert codes(late) == ["EDIT_WINDOW_CLOSED"]


def test_edit_in_pre_moderation_goes_back_to_the_queue(api, tenant_a, tokens, people, contribute, rules):
    contribution = contribute(people["participant"])
    with schema_context("alpha"):
        moderate_contribution(as_person(people["facilitator"], tenant_a), contribution, "approve")
    variables = {"id": gid("Contribution", contribution.pk), "input": {"body": "Texte précisé."}}
    data = api.gql(EDIT, variables, tenant=tenant_a, token=tokens["participant"])["contributionEdit"]
    assert data["contribution"]["status"] == "PENDING"
    rules(moderation_mode="post")
    with schema_context("alpha"):
        contribution.refresh_from_db()
        moderate_contribution(as_person(people["facilitator"], tenant_a), contribution, "approve")
    variables["input"]["body"] = "Encore précisé."
    data = api.gql(EDIT, variables, tenant=tenant_a, token=tokens["participant"])["contributionEdit"]
    assert data["contribution"]["status"] == "PUBLISHED"


def test_facilitator_enters_for_a_group_and_a_person(api, tenant_a, tokens, people):
    group = api.gql(
        'mutation { expressionGroupCreate(name: "Atelier mobilité", memberEmails: ["participant@part.alpha.test"]) {'
        " group { id name } errors { code } } }",
        tenant=tenant_a,
        token=tokens["facilitator"],
    )["expressionGroupCreate"]["group"]
    for_group = api.gql(
        SUBMIT,
        {"input": {"kind": "PROPOSAL", "title": "Un minibus le samedi", "onBehalfOf": {"groupId": group["id"]}}},
        tenant=tenant_a,
        token=tokens["facilitator"],
    )["contributionSubmit"]["contribution"]
    assert for_group["authorKind"] == "GROUP"
    assert for_group["attribution"] == "Atelier mobilité (saisi par Facilitator)"
    for_person = api.gql(
        SUBMIT,
        {"input": {"kind": "TESTIMONY", "title": "Mon retour", "onBehalfOf": {"name": "Mme Diallo"}}},
        tenant=tenant_a,
        token=tokens["facilitator"],
    )["contributionSubmit"]["contribution"]
    assert for_person["attribution"] == "Mme Diallo (saisi par Facilitator)"
    refused = api.gql(
        SUBMIT,
        {"input": {"kind": "TESTIMONY", "title": "Pour un autre", "onBehalfOf": {"name": "Mme Diallo"}}},
        tenant=tenant_a,
        token=tokens["participant"],
    )["contributionSubmit"]
    assert codes(refused) == ["PERMISSION_DENIED"]
    # A member speaks for their group; a non-member cannot.
    as_member = api.gql(
        SUBMIT,
        {"input": {"kind": "QUESTION", "title": "Et le dimanche ?", "authorKind": "GROUP", "groupId": group["id"]}},
        tenant=tenant_a,
        token=tokens["participant"],
    )["contributionSubmit"]
    assert as_member["contribution"]["authorLabel"] == "Atelier mobilité"
    not_member = api.gql(
        SUBMIT,
        {"input": {"kind": "QUESTION", "title": "Et le lundi ?", "authorKind": "GROUP", "groupId": group["id"]}},
        tenant=tenant_a,
        token=tokens["professional"],
    )["contributionSubmit"]
    assert codes(not_member) == ["PERMISSION_DENIED"]
