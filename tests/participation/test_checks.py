"""Automatic moderation: the ``imedia_tenant_contribution_check`` hook and the bundled word_filter plugin."""

import pytest
from django_tenants.utils import schema_context

from imedia_core.participation.checks import ModerationVerdict, strictest
from imedia_core.participation.models import Comment, Contribution
from imedia_core.pluginhost import hookimpl, manager
from plugins.word_filter.plugin import find_words, normalise, words_for
from tests.participation.conftest import SUBMIT, gid
from tests.participation.test_engagement import COMMENT


def configure(tenant, **config):
    tenant.plugin_settings = {**(tenant.plugin_settings or {}), "word_filter": {"enabled": True, "config": config}}
    tenant.save()


def submit(api, tenant, token, **fields):
    fields.setdefault("kind", "TESTIMONY")
    fields.setdefault("title", "Mon parcours")
    return api.gql(SUBMIT, {"input": fields}, tenant=tenant, token=token)["contributionSubmit"]


def test_matching_ignores_case_and_accents_and_needs_whole_words():
    words = words_for({"words": ["Arnaque", "mauvaise foi"], "use_default_list": False})
    assert words == ["arnaque", "mauvaise foi"]
    assert find_words("Une ARNÂQUE totale", words) == ["arnaque"]
    assert find_words("Arnaques en série", words) == []
    assert find_words("C'est de la mauvaise   foi !", words) == ["mauvaise foi"]
    assert normalise("Élève") == " eleve "


def test_configured_word_holds_even_in_post_moderation(api, tenant_a, tokens, rules):
    rules(moderation_mode="post")
    configure(tenant_a, words=["arnaque"])
    data = submit(api, tenant_a, tokens["participant"], body="Cette formation est une arnaque.")
    assert data["errors"] == [] and data["contribution"]["status"] == "PENDING"
    queue = api.gql(
        "{ moderationQueue(filter: {held: true}) { edges { node { heldBy heldReason } } } }",
        tenant=tenant_a,
        token=tokens["facilitator"],
    )["moderationQueue"]["edges"]
    assert queue[0]["node"]["heldBy"] == "word_filter"
    assert "arnaque" in queue[0]["node"]["heldReason"]
    clean = submit(api, tenant_a, tokens["participant"], title="Tout va bien", body="Merci à l'équipe.")
    assert clean["contribution"]["status"] == "PUBLISHED"


def test_reject_action_refuses_and_saves_nothing(api, tenant_a, tokens):
    configure(tenant_a, words=["arnaque"], action="reject")
    data = submit(api, tenant_a, tokens["participant"], body="Une arnaque !")
    assert [e["code"] for e in data["errors"]] == ["REJECTED_BY_CHECK"]
    assert "arnaque" in data["errors"][0]["message"]
    with schema_context("alpha"):
        assert not Contribution.objects.exists()


def test_default_list_and_its_opt_out(api, tenant_a, tokens, rules):
    rules(moderation_mode="post")
    assert submit(api, tenant_a, tokens["participant"], body="Quel connard.")["contribution"]["status"] == "PENDING"
    configure(tenant_a, use_default_list=False)
    data = submit(api, tenant_a, tokens["participant"], title="Autre", body="Quel connard, vraiment.")
    assert data["contribution"]["status"] == "PUBLISHED"


def test_disabled_plugin_does_not_run(api, tenant_a, tokens, rules):
    rules(moderation_mode="post")
    tenant_a.plugin_settings = {"word_filter": {"enabled": False, "config": {"words": ["arnaque"]}}}
    tenant_a.save()
    assert submit(api, tenant_a, tokens["participant"], body="arnaque")["contribution"]["status"] == "PUBLISHED"


def test_the_check_runs_again_on_edit(api, tenant_a, tokens, rules):
    rules(moderation_mode="post")
    configure(tenant_a, words=["escroc"])
    data = submit(api, tenant_a, tokens["participant"], body="Texte correct.")
    assert data["contribution"]["status"] == "PUBLISHED"
    edit = api.gql(
        """mutation($id: ID!) { contributionEdit(id: $id, input: {body: "Un escroc."}) {
             contribution { status } errors { code } } }""",
        {"id": data["contribution"]["id"]},
        tenant=tenant_a,
        token=tokens["participant"],
    )["contributionEdit"]
    assert edit["errors"] == [] and edit["contribution"]["status"] == "PENDING"


class StrictPlugin:
    @hookimpl
    def imedia_tenant_contribution_check(self, tenant, contribution):
        if "interdit" in contribution.title:
            return ModerationVerdict(action="reject", reason="mot interdit", checker="strict")
        return ModerationVerdict(action="hold", reason="tout est relu", checker="strict")


@pytest.fixture
def strict_plugin():
    manager.register(StrictPlugin(), name="strict_test")
    yield
    manager.unregister("strict_test")


def test_any_plugin_can_check_and_the_strictest_wins(api, tenant_a, tokens, rules, strict_plugin):
    rules(moderation_mode="post")
    configure(tenant_a, words=["arnaque"])
    held = submit(api, tenant_a, tokens["participant"], title="Bonjour")
    assert held["contribution"]["status"] == "PENDING"
    refused = submit(api, tenant_a, tokens["participant"], title="Un mot interdit et une arnaque")
    assert [e["code"] for e in refused["errors"]] == ["REJECTED_BY_CHECK"]


def test_verdicts():
    hold = ModerationVerdict("hold", "a", "x")
    reject = ModerationVerdict("reject", "b", "y")
    assert strictest([None, hold, reject, "garbage"]) is reject
    assert strictest([None]) is None
    with pytest.raises(ValueError):
        ModerationVerdict("delete", "c", "z")


def test_approving_a_held_contribution_clears_the_hold(api, tenant_a, tokens, rules):
    rules(moderation_mode="post")
    configure(tenant_a, words=["arnaque"])
    data = submit(api, tenant_a, tokens["participant"], body="arnaque")
    api.gql(
        "mutation($id: ID!) { contributionModerate(id: $id, action: APPROVE) { errors { code } } }",
        {"id": data["contribution"]["id"]},
        tenant=tenant_a,
        token=tokens["facilitator"],
    )
    with schema_context("alpha"):
        row = Contribution.objects.get()
        assert (row.status, row.held_by) == ("published", "")
    assert gid("Contribution", row.pk) == data["contribution"]["id"]


def test_comments_are_checked_too(api, tenant_a, tokens, contribute, rules):
    rules(moderation_mode="post")
    cid = gid("Contribution", contribute().pk)

    def comment(body):
        return api.gql(
            COMMENT, {"input": {"contributionId": cid, "body": body}}, tenant=tenant_a, token=tokens["participant"]
        )["commentAdd"]

    configure(tenant_a, words=["arnaque"])
    held = comment("Encore une arnaque.")
    assert held["errors"] == [] and held["comment"]["status"] == "PENDING"  # held despite post-moderation
    assert comment("Bien vu, merci.")["comment"]["status"] == "PUBLISHED"
    configure(tenant_a, words=["arnaque"], action="reject")
    refused = comment("Une arnaque, vraiment.")
    assert refused["comment"] is None and refused["errors"] == [{"code": "REJECTED_BY_CHECK", "field": "body"}]
    with schema_context("alpha"):
        assert sorted(Comment.objects.values_list("body", flat=True)) == ["Bien vu, merci.", "Encore une arnaque."]
    # A tenant that disabled the plugin: its comments are not checked.
    tenant_a.plugin_settings = {"word_filter": {"enabled": False, "config": {"words": ["arnaque"]}}}
    tenant_a.save()
    assert comment("Toujours une arnaque.")["comment"]["status"] == "PUBLISHED"
