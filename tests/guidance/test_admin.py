"""The guided path in the tenant admin: questions are listed and saved through the services;
unanswered searches are listed most frequent first and handled; participants are kept out."""

import pytest
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.guidance.models import Question, UnansweredSearch

ADMIN = "/t/alpha/admin/guidance/"
HOST = {"HTTP_HOST": "testserver"}
INLINES = ("phase_links", "resource_links", "method_links", "follow_up_links")


@pytest.fixture
def staff_client(client, tenant_a, make_user):
    client.force_login(make_user("curation@guidance.alpha.test", "facilitator", tenant_a))
    return client


def management(prefix):
    return {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


def test_staff_add_a_question_through_the_services(staff_client, generic_alpha):
    assert staff_client.get(f"{ADMIN}question/", **HOST).status_code == 200
    data = {
        "text": "Comment <i>animer</i> une réunion ?",
        "slug": "",
        "answer": "<p>Un ordre du jour.</p><script>x</script>",
        "keywords": "animation\nréunion",
        "position": "0",
        "status": "published",
        "contribute_kind": "",
        "contribute_prompt": "",
    }
    for prefix in INLINES:
        data |= management(prefix)
    response = staff_client.post(f"{ADMIN}question/add/", data, **HOST)
    assert response.status_code == 302
    with schema_context("alpha"):
        question = Question.objects.get(slug="comment-animer-une-reunion")
        assert question.text == "Comment animer une réunion ?" and "<script>" not in question.answer
        assert question.keyword_list == ["animation", "réunion"] and question.published_at is not None
        assert AuditEntry.objects.filter(action="guidance.question_created", via="admin").exists()
    # A prompt without a kind is refused by the form, nothing saved.
    refused = staff_client.post(f"{ADMIN}question/add/", {**data, "contribute_prompt": "Dites-le."}, **HOST)
    assert refused.status_code == 200
    with schema_context("alpha"):
        assert Question.objects.filter(text="Comment animer une réunion ?").count() == 1


def test_unanswered_searches_in_the_admin(staff_client, generic_alpha, match):
    match("un local à vélos")
    match("une piscine municipale")
    match("local vélos")
    page = staff_client.get(f"{ADMIN}unansweredsearch/", **HOST).content.decode()
    assert page.index("un local à vélos") < page.index("une piscine municipale")
    assert staff_client.get(f"{ADMIN}unansweredsearch/add/", **HOST).status_code == 403
    with schema_context("alpha"):
        row = UnansweredSearch.objects.get(text="une piscine municipale")
    response = staff_client.post(
        f"{ADMIN}unansweredsearch/", {"action": "dismiss", "_selected_action": [row.pk]}, **HOST
    )
    assert response.status_code == 302
    with schema_context("alpha"):
        row.refresh_from_db()
        assert row.status == "dismissed" and row.handled_on is not None


def test_participants_cannot_use_the_admin(client, tenant_a, make_user, generic_alpha):
    client.force_login(make_user("participant@guidance.alpha.test", "participant", tenant_a))
    response = client.get(f"{ADMIN}question/", **HOST)
    assert response.status_code == 302 and "/login/" in response["Location"]
