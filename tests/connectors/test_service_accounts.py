"""Service accounts: an API key with the `contribute` scope submits contributions and comments on
behalf of a named external person (attributed EXTERNAL, source "api", the key's prefix; never a
platform account), rate-limited per key; `respond` publishes official responses; any other key
speaks for nobody; keys stay in their space."""

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context
from graphql_relay import to_global_id

from imedia_core.participation.models import Contribution, ParticipationSettings
from tenants.models import ApiKey
from tests.auth.helpers import api_key_for

SUBMIT = """mutation($input: ContributionSubmitInput!) {
  contributionSubmit(input: $input) {
    contribution { id authorKind authorLabel source externalId externalUrl status isMine }
    errors { field code message }
  }
}"""
COMMENT = """mutation($input: CommentAddInput!) {
  commentAdd(input: $input) { comment { authorKind authorLabel source externalId } errors { field code message } }
}"""


def submission(n=1, **on_behalf):
    return {
        "input": {
            "kind": "PROPOSAL",
            "title": f"Un abri vélo devant la mairie ({n})",
            "body": "Proposé lors de la réunion publique du quartier.",
            "onBehalfOf": {
                "name": "Aïcha Benali",
                "externalId": f"formulaire-{n}",
                "url": f"https://quartiers.example.org/f/{n}",
                **on_behalf,
            },
        }
    }


@pytest.fixture
def post_moderation(tenant_a):
    with tenant_context(tenant_a):
        settings = ParticipationSettings.load()
        settings.moderation_mode = "post"
        settings.save()


def test_a_service_account_submits_on_behalf_of_a_named_person(api, tenant_a, post_moderation):
    key = api_key_for(tenant_a, "contribute")
    result = api.gql(SUBMIT, submission(), tenant=tenant_a, token=key)["contributionSubmit"]
    assert result["errors"] == []
    contribution = result["contribution"]
    assert contribution["authorKind"] == "EXTERNAL"
    assert contribution["authorLabel"] == "via Intégrateur de test : Aïcha Benali"
    assert (contribution["source"], contribution["externalId"]) == ("api", "formulaire-1")
    assert contribution["externalUrl"] == "https://quartiers.example.org/f/1"
    assert contribution["status"] == "PUBLISHED" and contribution["isMine"] is False
    with tenant_context(tenant_a):
        row = Contribution.objects.get(external_id="formulaire-1")
        assert row.author_id is None and row.entered_by_id is None  # never a platform account
        assert ApiKey.objects.get(prefix=row.source_ref).tenant == tenant_a  # the key's prefix, not its secret
        assert row.source_ref not in ("", key)
        gid = to_global_id("Contribution", f"alpha:{row.pk}")
    comment = api.gql(
        COMMENT,
        {
            "input": {
                "contributionId": gid,
                "body": "Je confirme, il en faut un.",
                "onBehalfOf": {"name": "Marc Petit", "externalId": "c-1"},
            }
        },
        tenant=tenant_a,
        token=key,
    )["commentAdd"]
    assert comment["errors"] == []
    assert comment["comment"] == {
        "authorKind": "EXTERNAL",
        "authorLabel": "via Intégrateur de test : Marc Petit",
        "source": "api",
        "externalId": "c-1",
    }


def test_a_retry_with_the_same_external_id_is_one_contribution(api, tenant_a, post_moderation):
    key = api_key_for(tenant_a, "contribute")
    api.gql(SUBMIT, submission(), tenant=tenant_a, token=key)
    again = api.gql(SUBMIT, submission(), tenant=tenant_a, token=key)["contributionSubmit"]
    assert again["errors"][0]["code"] == "DUPLICATE"
    with tenant_context(tenant_a):
        assert Contribution.objects.filter(source="api").count() == 1


def test_the_person_must_be_named(api, tenant_a):
    key = api_key_for(tenant_a, "contribute")
    result = api.gql(SUBMIT, submission(name="  "), tenant=tenant_a, token=key)["contributionSubmit"]
    assert (result["errors"][0]["field"], result["errors"][0]["code"]) == ("onBehalfOf", "REQUIRED")


def test_other_keys_speak_for_nobody(api, tenant_a):
    key = api_key_for(tenant_a, "read", "write")
    result = api.gql(SUBMIT, submission(), tenant=tenant_a, token=key)["contributionSubmit"]
    assert result["errors"][0]["code"] == "PERMISSION_DENIED"
    with tenant_context(tenant_a):
        assert not Contribution.objects.exists()


def test_submissions_are_rate_limited_per_key(api, tenant_a, post_moderation, settings):
    settings.IMEDIA_SERVICE_ACCOUNT_RATE_LIMIT = 2
    first, second = api_key_for(tenant_a, "contribute"), api_key_for(tenant_a, "contribute")
    for n in (1, 2):
        assert api.gql(SUBMIT, submission(n), tenant=tenant_a, token=first)["contributionSubmit"]["errors"] == []
    refused = api.gql(SUBMIT, submission(3), tenant=tenant_a, token=first)["contributionSubmit"]
    assert refused["errors"][0]["code"] == "RATE_LIMITED"
    assert api.gql(SUBMIT, submission(4), tenant=tenant_a, token=second)["contributionSubmit"]["errors"] == []


def test_an_alpha_key_is_refused_on_beta(api, tenant_a, tenant_b):
    key = api_key_for(tenant_a, "contribute", "respond")
    response = api.graphql(SUBMIT, submission(), tenant=tenant_b, token=key)
    assert response.status_code == 401, response.content
    with tenant_context(tenant_b):
        assert not Contribution.objects.filter(source="api").exists()


def test_the_respond_scope_publishes_official_responses(api, tenant_a):
    with tenant_context(tenant_a):
        contribution = Contribution.objects.create(
            kind="proposal",
            title="Plus de bancs",
            status="published",
            author_kind="person",
            author_label="Samia B.",
            published_at=timezone.now(),
        )
        gid = to_global_id("Contribution", f"alpha:{contribution.pk}")
    document = (
        "mutation($input: ResponseCreateInput!) { responseCreate(input: $input, publish: true) "
        "{ response { decision status } errors { code } } }"
    )
    variables = {"input": {"contributionId": gid, "decision": "ACCEPTED", "text": "Trois bancs seront posés en mai."}}
    contribute_only = api.gql(document, variables, tenant=tenant_a, token=api_key_for(tenant_a, "contribute"))
    assert contribute_only["responseCreate"]["errors"][0]["code"] == "PERMISSION_DENIED"
    result = api.gql(document, variables, tenant=tenant_a, token=api_key_for(tenant_a, "respond"))["responseCreate"]
    assert result == {"response": {"decision": "ACCEPTED", "status": "PUBLISHED"}, "errors": []}
