"""Staff edit the catalogue and handle the unanswered log: permissions per role, typed errors
that change nothing, sanitising, ordering, audit entries."""

import pytest
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.content.revisions import revisions_of
from imedia_core.cycle.models import Phase, PhaseItem
from imedia_core.guidance.models import Question, UnansweredSearch
from imedia_core.library.models import Resource

from .conftest import NOT_STAFF, STAFF, gid

QUESTION_FIELDS = """id slug text answer keywords status position
  contribute { kind prompt }
  phases { slug } resources { slug } methods { title } followUps { slug }"""

CREATE = f"""mutation($input: GuidanceQuestionCreateInput!) {{
  guidanceQuestionCreate(input: $input) {{ question {{ {QUESTION_FIELDS} }} errors {{ field code message }} }}
}}"""
UPDATE = f"""mutation($id: ID!, $input: GuidanceQuestionUpdateInput!) {{
  guidanceQuestionUpdate(id: $id, input: $input) {{ question {{ {QUESTION_FIELDS} }} errors {{ field code message }} }}
}}"""
LINK = f"""mutation($id: ID!, $links: GuidanceQuestionLinksInput!) {{
  guidanceQuestionLink(id: $id, links: $links) {{ question {{ {QUESTION_FIELDS} }} errors {{ field code message }} }}
}}"""
UNLINK = f"""mutation($id: ID!, $links: GuidanceQuestionLinksInput!) {{
  guidanceQuestionUnlink(id: $id, links: $links) {{ question {{ {QUESTION_FIELDS} }} errors {{ field code message }} }}
}}"""
DELETE = """mutation($id: ID!) { guidanceQuestionDelete(id: $id) { deletedId errors { field code message } } }"""
REORDER = """mutation($ids: [ID!]!) {
  guidanceQuestionReorder(ids: $ids) { questions { slug position } errors { field code message } } }"""
HANDLE = """mutation($id: ID!, $status: GuidanceUnansweredStatus!, $q: ID) {
  guidanceUnansweredSearchHandle(id: $id, status: $status, questionId: $q) {
    search { text status handledOn question { slug } } errors { field code message } } }"""
UNANSWERED = """query($status: [GuidanceUnansweredStatus!]) {
  guidanceUnansweredSearches(status: $status) {
    totalCount edges { node { id text count firstSeenOn lastSeenOn status question { slug } } } } }"""


def errors_of(payload):
    return [(e["field"], e["code"]) for e in payload["errors"]]


@pytest.fixture
def ids(generic_alpha):
    with schema_context("alpha"):
        return {
            "phase": gid("Phase", Phase.objects.get(slug="co-construire").pk),
            "resource": gid("Resource", Resource.objects.get(slug="modele-fiche-constat-proposition").pk),
            "method": gid("PhaseItem", PhaseItem.objects.get(title="L'atelier en sous-groupes").pk),
            "stake": gid("PhaseItem", PhaseItem.objects.get(title="Passer de la plainte à la proposition").pk),
            "follow": gid("GuidanceQuestion", Question.objects.get(slug="nos-propositions-sont-elles-lues").pk),
        }


@pytest.mark.parametrize("who", STAFF)
def test_staff_create_a_question_with_links(api, tenant_a, callers, ids, who):
    data = api.gql(
        CREATE,
        {
            "input": {
                "text": "  Comment <b>organiser</b> une réunion publique ? ",
                "answer": '<p>Choisissez un lieu <a href="javascript:alert(1)">accessible</a>.</p><script>x</script>',
                "keywords": ["réunion publique", "assemblée", "réunion publique", " "],
                "contributeKind": "PROPOSAL",
                "contributePrompt": "Proposez un lieu de réunion.",
                "phases": [ids["phase"]],
                "resources": [ids["resource"]],
                "methods": [ids["method"]],
                "followUps": [ids["follow"]],
            }
        },
        tenant=tenant_a,
        token=callers[who],
    )["guidanceQuestionCreate"]
    assert data["errors"] == []
    question = data["question"]
    assert question["text"] == "Comment organiser une réunion publique ?"
    assert question["slug"] == "comment-organiser-une-reunion-publique"
    assert "javascript" not in question["answer"] and "<script>" not in question["answer"]
    assert question["keywords"] == ["réunion publique", "assemblée"]
    assert (question["status"], question["position"]) == ("DRAFT", 10)
    assert question["contribute"] == {"kind": "PROPOSAL", "prompt": "Proposez un lieu de réunion."}
    assert question["phases"] == [{"slug": "co-construire"}]
    assert question["resources"] == [{"slug": "modele-fiche-constat-proposition"}]
    assert question["methods"] == [{"title": "L'atelier en sous-groupes"}]
    assert question["followUps"] == [{"slug": "nos-propositions-sont-elles-lues"}]
    with schema_context("alpha"):
        entry = AuditEntry.objects.filter(action="guidance.question_created").get()
        assert entry.summary == "Comment organiser une réunion publique ?"
        assert revisions_of(Question.objects.get(slug=question["slug"])).count() == 1


@pytest.mark.parametrize("who", NOT_STAFF)
def test_others_may_not_edit(api, tenant_a, callers, ids, who):
    expected = "UNAUTHENTICATED" if who == "anonymous" else "PERMISSION_DENIED"
    token = callers[who]
    created = api.gql(CREATE, {"input": {"text": "Une question ?"}}, tenant=tenant_a, token=token)
    assert errors_of(created["guidanceQuestionCreate"]) == [(None, expected)]
    updated = api.gql(UPDATE, {"id": ids["follow"], "input": {"text": "Piratée ?"}}, tenant=tenant_a, token=token)
    assert errors_of(updated["guidanceQuestionUpdate"]) == [(None, expected)]
    deleted = api.gql(DELETE, {"id": ids["follow"]}, tenant=tenant_a, token=token)
    assert errors_of(deleted["guidanceQuestionDelete"]) == [(None, expected)]
    install = api.gql(
        'mutation { guidanceInstallStarterQuestions(templateKey: "generique") { errors { code } } }',
        tenant=tenant_a,
        token=token,
    )
    assert install["guidanceInstallStarterQuestions"]["errors"] == [{"code": expected}]
    with schema_context("alpha"):
        assert Question.objects.count() == 10
        assert (
            Question.objects.get(slug="nos-propositions-sont-elles-lues").text == "Nos propositions sont-elles lues ?"
        )
    # The unanswered log is staff-only too.
    response = api.graphql(UNANSWERED, {}, tenant=tenant_a, token=token).json()
    assert response["errors"][0]["extensions"]["code"] == expected


def test_typed_errors_change_nothing(api, tenant_a, staff, ids):
    cases = [
        ({"text": " "}, [("text", "REQUIRED")]),
        ({"text": "x" * 301}, [("text", "INVALID")]),
        ({"text": "Q ?", "slug": "nos-propositions-sont-elles-lues"}, [("slug", "UNIQUE")]),
        ({"text": "Q ?", "slug": "pas un slug"}, [("slug", "INVALID")]),
        ({"text": "Q ?", "contributeKind": "OBSERVATION"}, [("contributePrompt", "REQUIRED")]),
        ({"text": "Q ?", "contributePrompt": "Dites-le."}, [("contributeKind", "REQUIRED")]),
        ({"text": "Q ?", "methods": [ids["stake"]]}, [("methods", "NOT_FOUND")]),  # a stake is not a method
        ({"text": "Q ?", "phases": ["bm9uc2Vuc2U="]}, [("phases", "NOT_FOUND")]),
        ({"text": "Q ?", "keywords": ["x" * 101]}, [("keywords", "INVALID")]),
    ]
    for data, expected in cases:
        payload = api.gql(CREATE, {"input": data}, tenant=tenant_a, token=staff)["guidanceQuestionCreate"]
        assert payload["question"] is None and errors_of(payload) == expected, data
        assert all(e["message"] for e in payload["errors"])
    with schema_context("alpha"):
        assert Question.objects.count() == 10
        assert not AuditEntry.objects.filter(action__startswith="guidance.").exists()
    # A question cannot follow itself.
    refused = api.gql(
        UPDATE, {"id": ids["follow"], "input": {"followUps": [ids["follow"]]}}, tenant=tenant_a, token=staff
    )
    assert errors_of(refused["guidanceQuestionUpdate"]) == [("followUps", "SELF_FOLLOW_UP")]
    missing = api.gql(
        UPDATE, {"id": gid("GuidanceQuestion", 999999), "input": {"text": "?"}}, tenant=tenant_a, token=staff
    )
    assert errors_of(missing["guidanceQuestionUpdate"]) == [("id", "NOT_FOUND")]


def test_update_publish_replace_links_and_remove_invitation(api, tenant_a, staff, ids):
    created = api.gql(CREATE, {"input": {"text": "Comment voter ?"}}, tenant=tenant_a, token=staff)
    qid = created["guidanceQuestionCreate"]["question"]["id"]
    data = {
        "status": "PUBLISHED",
        "resources": [ids["resource"]],
        "followUps": [ids["follow"]],
        "contributeKind": "QUESTION",
        "contributePrompt": "Posez-nous la question.",
    }
    updated = api.gql(UPDATE, {"id": qid, "input": data}, tenant=tenant_a, token=staff)["guidanceQuestionUpdate"]
    assert updated["errors"] == [] and updated["question"]["status"] == "PUBLISHED"
    # Visible to readers now.
    reader = api.gql("query($id: ID!) { guidanceQuestion(id: $id) { slug } }", {"id": qid}, tenant=tenant_a)
    assert reader["guidanceQuestion"] == {"slug": "comment-voter"}
    # Links appended, then one removed; an explicit null removes the invitation.
    linked = api.gql(
        LINK,
        {"id": qid, "links": {"phases": [ids["phase"]], "resources": [ids["resource"]]}},
        tenant=tenant_a,
        token=staff,
    )
    assert linked["guidanceQuestionLink"]["question"]["phases"] == [{"slug": "co-construire"}]
    assert linked["guidanceQuestionLink"]["question"]["resources"] == [{"slug": "modele-fiche-constat-proposition"}]
    unlinked = api.gql(UNLINK, {"id": qid, "links": {"followUps": [ids["follow"]]}}, tenant=tenant_a, token=staff)
    assert unlinked["guidanceQuestionUnlink"]["question"]["followUps"] == []
    cleared = api.gql(UPDATE, {"id": qid, "input": {"contributeKind": None}}, tenant=tenant_a, token=staff)
    assert cleared["guidanceQuestionUpdate"]["question"]["contribute"] is None
    with schema_context("alpha"):
        actions = list(AuditEntry.objects.filter(action__startswith="guidance.").values_list("action", flat=True))
    assert sorted(actions) == sorted(
        [
            "guidance.question_created",
            "guidance.question_updated",
            "guidance.question_linked",
            "guidance.question_unlinked",
            "guidance.question_updated",
        ]
    )


def test_reorder_and_delete(api, tenant_a, staff, generic_alpha):
    with schema_context("alpha"):
        questions = list(Question.objects.order_by("position", "id"))
        reversed_ids = [gid("GuidanceQuestion", q.pk) for q in reversed(questions)]
    partial = api.gql(REORDER, {"ids": reversed_ids[1:]}, tenant=tenant_a, token=staff)["guidanceQuestionReorder"]
    assert errors_of(partial) == [("ids", "INVALID_ORDER")]
    done = api.gql(REORDER, {"ids": reversed_ids}, tenant=tenant_a, token=staff)["guidanceQuestionReorder"]
    assert done["errors"] == []
    assert [q["slug"] for q in done["questions"]] == [q.slug for q in reversed(questions)]
    assert [q["position"] for q in done["questions"]] == list(range(10))
    deleted = api.gql(DELETE, {"id": reversed_ids[0]}, tenant=tenant_a, token=staff)["guidanceQuestionDelete"]
    assert deleted == {"deletedId": reversed_ids[0], "errors": []}
    with schema_context("alpha"):
        assert not Question.objects.filter(pk=questions[-1].pk).exists()
        assert AuditEntry.objects.filter(action="guidance.question_deleted").count() == 1


def test_unanswered_searches_staff_list_and_handle(api, tenant_a, callers, match, generic_alpha, ids):
    staff = callers["tenant_admin"]
    for text in ("local à vélos", "local vélos", "Local pour vélos ?", "piscine municipale"):
        match(text)
    listed = api.gql(UNANSWERED, {}, tenant=tenant_a, token=staff)["guidanceUnansweredSearches"]
    assert listed["totalCount"] == 2
    top, other = (e["node"] for e in listed["edges"])
    assert (top["text"], top["count"], top["status"]) == ("local à vélos", 3, "OPEN")
    assert other["count"] == 1 and top["firstSeenOn"] == top["lastSeenOn"]
    # Answered needs a question; then it is linked and leaves the open list.
    refused = api.gql(HANDLE, {"id": top["id"], "status": "ANSWERED"}, tenant=tenant_a, token=staff)
    assert errors_of(refused["guidanceUnansweredSearchHandle"]) == [("questionId", "REQUIRED")]
    done = api.gql(HANDLE, {"id": top["id"], "status": "ANSWERED", "q": ids["follow"]}, tenant=tenant_a, token=staff)
    search = done["guidanceUnansweredSearchHandle"]["search"]
    assert search["status"] == "ANSWERED" and search["question"] == {"slug": "nos-propositions-sont-elles-lues"}
    assert search["handledOn"]
    open_only = api.gql(UNANSWERED, {"status": ["OPEN"]}, tenant=tenant_a, token=staff)["guidanceUnansweredSearches"]
    assert [e["node"]["text"] for e in open_only["edges"]] == ["piscine municipale"]
    dismissed = api.gql(HANDLE, {"id": other["id"], "status": "DISMISSED"}, tenant=tenant_a, token=staff)
    assert dismissed["guidanceUnansweredSearchHandle"]["search"]["status"] == "DISMISSED"
    forget = api.gql(
        "mutation($id: ID!) { guidanceUnansweredSearchDelete(id: $id) { deletedId errors { code } } }",
        {"id": other["id"]},
        tenant=tenant_a,
        token=staff,
    )
    assert forget["guidanceUnansweredSearchDelete"]["errors"] == []
    with schema_context("alpha"):
        assert UnansweredSearch.objects.count() == 1
        assert AuditEntry.objects.filter(action="guidance.unanswered_handled").count() == 2
        # Deleting the answering question puts the search back in the open list.
        Question.objects.get(slug="nos-propositions-sont-elles-lues")
    api.gql(DELETE, {"id": ids["follow"]}, tenant=tenant_a, token=staff)
    with schema_context("alpha"):
        row = UnansweredSearch.objects.get()
        assert (row.status, row.question_id, row.handled_on) == ("open", None, None)
