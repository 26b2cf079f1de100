"""Official responses over GraphQL: drafts and publication, typed errors that change nothing,
sanitised text, visibility, events, audit and the followers' e-mail."""

from django.core import mail
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.events.models import OutboxEvent
from imedia_core.feedback.models import Response

from .conftest import PAYLOAD, gid

RESPONSE_FIELDS = (
    "id decision decisionLabel text textPlain reason status responderLabel capacity publishedAt "
    "contribution { id title }"
)
CREATE = f"""mutation($input: ResponseCreateInput!, $publish: Boolean) {{
  responseCreate(input: $input, publish: $publish) {{ response {{ {RESPONSE_FIELDS} }} {PAYLOAD} }} }}"""
UPDATE = f"""mutation($id: ID!, $input: ResponseUpdateInput!) {{
  responseUpdate(id: $id, input: $input) {{ response {{ {RESPONSE_FIELDS} }} {PAYLOAD} }} }}"""
PUBLISH = f"mutation($id: ID!) {{ responsePublish(id: $id) {{ response {{ {RESPONSE_FIELDS} }} {PAYLOAD} }} }}"
DELETE = f"mutation($id: ID!) {{ responseDelete(id: $id) {{ deletedId {PAYLOAD} }} }}"
ONE = f"query($id: ID!) {{ response(id: $id) {{ {RESPONSE_FIELDS} }} }}"
LIST = "query($f: ResponseFilterInput) { responses(first: 20, filter: $f) { totalCount edges { node { id status } } } }"


def state():
    with schema_context("alpha"):
        return (
            sorted(Response.objects.values_list("id", "decision", "status", "text", "reason")),
            OutboxEvent.objects.count(),
            AuditEntry.objects.count(),
        )


def errors_of(payload):
    return [(e["field"], e["code"]) for e in payload["errors"]]


def test_draft_then_publish(
    api, tenant_a, make_contribution, callers, people, follow, make_user, django_capture_on_commit_callbacks
):
    contribution = make_contribution(title="Des ateliers CV le soir")
    author = make_user("samia@exemple.test")
    follow(contribution, author)
    follow(contribution, people["professional"])  # the responder follows too: not mailed about their own act
    cid = gid("Contribution", contribution.pk)
    variables = {
        "input": {
            "contributionId": cid,
            "decision": "UNDER_STUDY",
            "text": "Nous étudions la question avec l'organisme de formation.\n\nRéponse d'ici fin mars.",
            "capacity": "Chargée de mission formation, Région Sud",
        }
    }
    created = api.gql(CREATE, variables, tenant=tenant_a, token=callers["professional"])["responseCreate"]
    assert created["errors"] == []
    draft = created["response"]
    assert (draft["status"], draft["decision"], draft["publishedAt"]) == ("DRAFT", "UNDER_STUDY", None)
    assert draft["text"] == (
        "<p>Nous étudions la question avec l'organisme de formation.</p><p>Réponse d'ici fin mars.</p>"
    )
    assert draft["responderLabel"] == "Professional" and draft["decisionLabel"] == "À l'étude"
    assert draft["contribution"] == {"id": cid, "title": "Des ateliers CV le soir"}
    with schema_context("alpha"):
        assert not OutboxEvent.objects.filter(type="response.published").exists()

    # A draft: people who may respond see it; readers and other staff do not.
    for who in ("professional", "decision_maker", "tenant_admin"):
        assert api.gql(ONE, {"id": draft["id"]}, tenant=tenant_a, token=callers[who])["response"]["id"] == draft["id"]
    for who in ("anonymous", "participant", "facilitator", "read_key"):
        assert api.gql(ONE, {"id": draft["id"]}, tenant=tenant_a, token=callers[who])["response"] is None
        assert api.gql(LIST, {}, tenant=tenant_a, token=callers[who])["responses"]["totalCount"] == 0

    changed = api.gql(
        UPDATE,
        {"id": draft["id"], "input": {"text": "<p>Étude en cours.</p><script>alert(1)</script>"}},
        tenant=tenant_a,
        token=callers["decision_maker"],
    )["responseUpdate"]
    assert changed["errors"] == [] and changed["response"]["text"] == "<p>Étude en cours.</p>"

    with django_capture_on_commit_callbacks(execute=True):
        published = api.gql(PUBLISH, {"id": draft["id"]}, tenant=tenant_a, token=callers["professional"])
    response = published["responsePublish"]["response"]
    assert response["status"] == "PUBLISHED" and response["publishedAt"]
    assert api.gql(ONE, {"id": draft["id"]}, tenant=tenant_a)["response"]["status"] == "PUBLISHED"
    assert api.gql(LIST, {}, tenant=tenant_a)["responses"]["totalCount"] == 1

    # The followers are told, except the person who answered.
    assert [m.to for m in mail.outbox] == [["samia@exemple.test"]]
    message = mail.outbox[0]
    assert message.subject == "[Espace Alpha] Réponse officielle : « Des ateliers CV le soir »"
    assert "Décision : À l'étude" in message.body
    assert "Réponse de : Professional, Chargée de mission formation, Région Sud" in message.body
    assert "Étude en cours." in message.body and "<p>" not in message.body

    with schema_context("alpha"):
        event = OutboxEvent.objects.get(type="response.published")
        assert event.actor_id == people["professional"].pk
        # Each step of the draft is an event too, for the space's own integrations.
        written = OutboxEvent.objects.filter(type__startswith="response.").order_by("id")
        assert [(e.type, e.payload) for e in written][:2] == [
            (
                "response.created",
                {"id": int(event.subject_id), "contribution_id": contribution.pk, "decision": "under_study"},
            ),
            (
                "response.updated",
                {"id": int(event.subject_id), "contribution_id": contribution.pk, "decision": "under_study"},
            ),
        ]
        assert [e.type for e in written][2:] == ["response.published"]
        actions = list(
            AuditEntry.objects.filter(action__startswith="response.").order_by("id").values_list("action", "via")
        )
    assert actions == [
        ("response.created", "graphql"),
        ("response.updated", "graphql"),
        ("response.published", "graphql"),
    ]

    # Published: part of the record; it no longer changes and cannot be deleted.
    before = state()
    for mutation, variables in (
        (UPDATE, {"id": draft["id"], "input": {"text": "Autre chose"}}),
        (PUBLISH, {"id": draft["id"]}),
        (DELETE, {"id": draft["id"]}),
    ):
        data = api.gql(mutation, variables, tenant=tenant_a, token=callers["professional"])
        payload = next(iter(data.values()))
        assert errors_of(payload) == [("id", "ALREADY_PUBLISHED")]
    assert state() == before


def test_publish_at_once_and_later_decisions(api, tenant_a, make_contribution, callers):
    contribution = make_contribution()
    cid = gid("Contribution", contribution.pk)

    def answer(decision, reason=None):
        data = {"contributionId": cid, "decision": decision, "text": "Réponse."}
        if reason is not None:
            data["reason"] = reason
        result = api.gql(CREATE, {"input": data, "publish": True}, tenant=tenant_a, token=callers["decision_maker"])
        return result["responseCreate"]

    assert answer("UNDER_STUDY")["errors"] == []
    assert answer("PARTLY_ACCEPTED")["errors"] == []
    before = state()
    assert errors_of(answer("PARTLY_ACCEPTED")) == [("decision", "INVALID_TRANSITION")]
    assert errors_of(answer("UNDER_STUDY")) == [("decision", "INVALID_TRANSITION")]
    assert errors_of(answer("DECLINED")) == [("reason", "REQUIRED")]
    assert errors_of(answer("ACCEPTED")) == [("reason", "REQUIRED")]  # revising a decision is explained
    assert state() == before
    accepted = answer("ACCEPTED", "Le budget a finalement été voté.")
    assert accepted["errors"] == [] and accepted["response"]["reason"] == "Le budget a finalement été voté."
    listed = api.gql(LIST, {"f": {"contribution": cid}}, tenant=tenant_a)["responses"]
    assert listed["totalCount"] == 3


def test_refusals_change_nothing(api, tenant_a, make_contribution, callers):
    pending = make_contribution(title="En attente", status="pending")
    published = make_contribution(title="Publiée")
    before = state()
    cases = [
        (
            {"contributionId": gid("Contribution", pending.pk), "decision": "ACCEPTED", "text": "Oui"},
            [("contributionId", "CONTRIBUTION_NOT_PUBLISHED")],
        ),
        (
            {"contributionId": gid("Contribution", 999999), "decision": "ACCEPTED", "text": "Oui"},
            [("contributionId", "NOT_FOUND")],
        ),
        (
            {"contributionId": gid("Resource", published.pk), "decision": "ACCEPTED", "text": "Oui"},
            [("contributionId", "NOT_FOUND")],
        ),
        (
            {"contributionId": gid("Contribution", published.pk), "decision": "ACCEPTED", "text": "<script>x</script>"},
            [("text", "REQUIRED")],
        ),
        (
            {"contributionId": gid("Contribution", published.pk), "decision": "DECLINED", "text": "Non."},
            [("reason", "REQUIRED")],
        ),
        (
            {
                "contributionId": gid("Contribution", published.pk),
                "decision": "ACCEPTED",
                "text": "Oui",
                "capacity": "x" * 301,
            },
            [("capacity", "INVALID")],
        ),
    ]
    for data, expected in cases:
        for publish in (False, True):
            result = api.gql(
                CREATE, {"input": data, "publish": publish}, tenant=tenant_a, token=callers["professional"]
            )
            assert errors_of(result["responseCreate"]) == expected, data
            assert result["responseCreate"]["response"] is None
    assert state() == before


def test_a_draft_can_be_deleted_and_a_withdrawn_contribution_cannot_be_answered(
    api, tenant_a, make_contribution, callers
):
    contribution = make_contribution()
    cid = gid("Contribution", contribution.pk)
    draft = api.gql(
        CREATE,
        {"input": {"contributionId": cid, "decision": "ACCEPTED", "text": "Oui."}},
        tenant=tenant_a,
        token=callers["professional"],
    )["responseCreate"]["response"]
    with schema_context("alpha"):
        type(contribution).objects.filter(pk=contribution.pk).update(status="withdrawn")
    refused = api.gql(PUBLISH, {"id": draft["id"]}, tenant=tenant_a, token=callers["professional"])["responsePublish"]
    assert errors_of(refused) == [("id", "CONTRIBUTION_NOT_PUBLISHED")]
    deleted = api.gql(DELETE, {"id": draft["id"]}, tenant=tenant_a, token=callers["professional"])["responseDelete"]
    assert deleted == {"deletedId": draft["id"], "errors": []}
    with schema_context("alpha"):
        assert not Response.objects.exists()
        assert AuditEntry.objects.filter(action="response.deleted").count() == 1
        (event,) = OutboxEvent.objects.filter(type="response.deleted")
        assert event.payload == {
            "id": int(event.subject_id),
            "contribution_id": contribution.pk,
            "decision": "accepted",
        }
        assert gid("Response", int(event.subject_id)) == draft["id"]
