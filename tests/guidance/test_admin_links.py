"""A question's links (phases, resources, methods, follow-ups) edited in the tenant admin are saved
with the question by ``services.save_question``: one revision, one audit entry and one event per
save, in the order of the positions typed; a link the service refuses rolls the page back."""

import pytest
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.cycle.models import Phase, PhaseItem
from imedia_core.events.models import OutboxEvent
from imedia_core.guidance.models import Question

ADMIN = "/t/alpha/admin/guidance/question/"
HOST = {"HTTP_HOST": "testserver"}
PREFIXES = {
    "phases": "phase_links",
    "resources": "resource_links",
    "methods": "method_links",
    "follow_ups": "follow_up_links",
}


@pytest.fixture
def staff(client, tenant_a, make_user):
    client.force_login(make_user("liens@guidance.alpha.test", "facilitator", tenant_a))
    return client


def links(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data |= {f"{prefix}-{index}-{name}": value for name, value in row.items()}
    return data


def question_data(**lists):
    data = {
        "text": "Comment associer les habitant·es ?",
        "slug": "",
        "answer": "<p>En allant vers elles et eux.</p>",
        "keywords": "associer",
        "position": "0",
        "status": "published",
        "contribute_kind": "",
        "contribute_prompt": "",
    }
    for name, prefix in PREFIXES.items():
        data |= links(prefix, lists.get(name, []))
    return data


def person_entries(action):
    with schema_context("alpha"):
        return AuditEntry.objects.filter(action=action, actor_id__isnull=False).count()


def test_links_are_saved_with_the_question(staff, generic_alpha):
    with schema_context("alpha"):
        first, second = Phase.objects.filter(cycle=generic_alpha).order_by("position")[:2]
        method = PhaseItem.objects.filter(kind="method").first()
        follow_up = Question.objects.order_by("position").first()
    data = question_data(
        phases=[{"phase": second.pk, "position": "0"}, {"phase": first.pk, "position": "1"}],
        methods=[{"item": method.pk, "position": "0"}],
        follow_ups=[{"follow_up": follow_up.pk, "position": "0"}],
    )
    response = staff.post(f"{ADMIN}add/", data, **HOST)
    assert response.status_code == 302
    with schema_context("alpha"):
        question = Question.objects.get(slug="comment-associer-les-habitantes")
        assert [link.phase_id for link in question.phase_links.order_by("position")] == [second.pk, first.pk]
        assert [link.item_id for link in question.method_links.all()] == [method.pk]
        assert [link.follow_up_id for link in question.follow_up_links.all()] == [follow_up.pk]
        assert OutboxEvent.objects.filter(type="guidance.question_created", actor_id__isnull=False).count() == 1
    assert person_entries("guidance.question_created") == 1

    # Reordered and one removed on the change page: one update, the same rules.
    with schema_context("alpha"):
        rows = list(question.phase_links.order_by("position"))
    data = question_data() | links(
        "phase_links",
        [
            {"id": rows[0].pk, "question": question.pk, "phase": second.pk, "position": "1"},
            {"id": rows[1].pk, "question": question.pk, "phase": first.pk, "position": "0"},
        ],
        initial=2,
    )
    with schema_context("alpha"):
        kept = {
            "method_links": list(question.method_links.all()),
            "follow_up_links": list(question.follow_up_links.all()),
        }
    data |= links(
        "method_links",
        [
            {
                "id": kept["method_links"][0].pk,
                "question": question.pk,
                "item": method.pk,
                "position": "0",
                "DELETE": "on",
            }
        ],
        initial=1,
    )
    data |= links(
        "follow_up_links",
        [{"id": kept["follow_up_links"][0].pk, "question": question.pk, "follow_up": follow_up.pk, "position": "0"}],
        initial=1,
    )
    assert staff.post(f"{ADMIN}{question.pk}/change/", data, **HOST).status_code == 302
    with schema_context("alpha"):
        assert [link.phase_id for link in question.phase_links.order_by("position")] == [first.pk, second.pk]
        assert not question.method_links.exists() and question.follow_up_links.count() == 1
    assert person_entries("guidance.question_updated") == 1


def test_a_refused_link_changes_nothing(staff, generic_alpha):
    with schema_context("alpha"):
        not_a_method = PhaseItem.objects.exclude(kind="method").first()
        before = Question.objects.count()
    response = staff.post(f"{ADMIN}add/", question_data(methods=[{"item": not_a_method.pk, "position": "0"}]), **HOST)
    assert response.status_code == 302 and response["Location"].endswith(f"{ADMIN}add/")
    page = staff.get(response["Location"], **HOST).content.decode()
    assert "n&#x27;est pas une méthode d&#x27;une phase de cet espace." in page
    with schema_context("alpha"):
        assert Question.objects.count() == before
    assert person_entries("guidance.question_created") == 0
