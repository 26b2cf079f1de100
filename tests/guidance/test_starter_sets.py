"""Starter question sets: one per shipped cycle template, valid, installed idempotently; the
dataclasses refuse malformed data; the demo seed; isolation between programmes."""

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.context import Channel, ServiceContext
from imedia_core.cycle.templates import available_cycle_templates, instantiate
from imedia_core.demo import guidance_seed
from imedia_core.guidance import services
from imedia_core.guidance.models import Question, QuestionMethod, QuestionPhase, UnansweredSearch
from imedia_core.guidance.templates import (
    QuestionSet,
    QuestionTemplate,
    available_question_sets,
    check_against_cycle,
    install,
    install_question_set,
)
from tests.auth.helpers import token_for

from .conftest import gid

INSTALL = """mutation($key: String!) { guidanceInstallStarterQuestions(templateKey: $key) {
  created { slug } skipped unresolved errors { field code } } }"""
CYCLE_KEYS = (
    "generique",
    "imediatisation",
    "conseils_citoyens",
    "amelioration_continue_formation",
    "participation_rsa",
)


@pytest.mark.parametrize("key", CYCLE_KEYS)
def test_every_cycle_template_has_a_valid_starter_set(key):
    question_set = available_question_sets()[key]
    assert 8 <= len(question_set.questions) <= 12
    assert check_against_cycle(question_set, available_cycle_templates()[key]) == []
    for question in question_set.questions:
        assert question.text.endswith("?") and question.phases and question.keywords, question.slug
        assert question.answer.startswith("<p>"), question.slug
    assert sum(1 for q in question_set.questions if q.contribute_kind) >= 3
    assert sum(1 for q in question_set.questions if q.follow_ups) >= 2


@pytest.mark.parametrize("key", CYCLE_KEYS)
def test_install_resolves_every_link_and_is_idempotent(tenant_a, key):
    question_set = available_question_sets()[key]
    connection.set_schema("alpha")
    instantiate(ServiceContext.system(Channel.CLI), available_cycle_templates()[key])
    report = install(ServiceContext.system(Channel.CLI), question_set)
    assert report.unresolved == [] and report.skipped == []
    assert len(report.created) == len(question_set.questions) == Question.objects.count()
    assert QuestionPhase.objects.count() == sum(len(q.phases) for q in question_set.questions)
    assert QuestionMethod.objects.count() == sum(len(q.methods) for q in question_set.questions)
    assert set(Question.objects.values_list("status", flat=True)) == {"published"}
    again = install(ServiceContext.system(Channel.CLI), question_set)
    assert again.created == [] and len(again.skipped) == len(question_set.questions)
    assert Question.objects.count() == len(question_set.questions)


def test_install_mutation_skips_existing_and_reports_unresolved(api, tenant_a, make_user):
    staff = token_for(make_user("animation@starter.alpha.test", "facilitator", tenant_a), tenant_a)
    with schema_context("alpha"):
        instantiate(ServiceContext.system(Channel.CLI), available_cycle_templates()["generique"])
        Question.objects.create(slug="nos-propositions-sont-elles-lues", text="Notre version locale ?")
    data = api.gql(INSTALL, {"key": "generique"}, tenant=tenant_a, token=staff)["guidanceInstallStarterQuestions"]
    assert data["errors"] == [] and data["unresolved"] == []
    assert data["skipped"] == ["nos-propositions-sont-elles-lues"] and len(data["created"]) == 9
    again = api.gql(INSTALL, {"key": "generique"}, tenant=tenant_a, token=staff)["guidanceInstallStarterQuestions"]
    assert again["created"] == [] and len(again["skipped"]) == 10
    # Installing another template's set in this cycle: phases it names do not exist here.
    other = api.gql(INSTALL, {"key": "participation_rsa"}, tenant=tenant_a, token=staff)[
        "guidanceInstallStarterQuestions"
    ]
    assert "phase:constituer-le-groupe" in other["unresolved"]
    unknown = api.gql(INSTALL, {"key": "inconnu"}, tenant=tenant_a, token=staff)["guidanceInstallStarterQuestions"]
    assert unknown["errors"] == [{"field": "templateKey", "code": "UNKNOWN_TEMPLATE"}]
    with schema_context("alpha"):
        assert Question.objects.get(slug="nos-propositions-sont-elles-lues").text == "Notre version locale ?"
        assert AuditEntry.objects.filter(action="guidance.starter_installed").count() == 2
    sets = api.gql(
        "{ guidanceStarterSets { templateKey questions { slug installed } } }", tenant=tenant_a, token=staff
    )["guidanceStarterSets"]
    generic = next(s for s in sets if s["templateKey"] == "generique")
    assert all(q["installed"] for q in generic["questions"])
    assert {s["templateKey"] for s in sets} == set(CYCLE_KEYS)


def test_install_question_set_hook_entry_point(tenant_a):
    connection.set_schema("alpha")
    instantiate(ServiceContext.system(Channel.CLI), available_cycle_templates()["conseils_citoyens"])
    assert install_question_set(ServiceContext.system(Channel.JOB), "conseils_citoyens") == 10
    assert install_question_set(ServiceContext.system(Channel.JOB), "conseils_citoyens") == 0
    assert install_question_set(ServiceContext.system(Channel.JOB), "vierge") == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"slug": "pas un slug", "text": "Q ?"}, "invalid slug"),
        ({"slug": "q", "text": " "}, "text"),
        ({"slug": "q", "text": "Q ?", "contribute_kind": "petition", "contribute_prompt": "Signez."}, "kind"),
        ({"slug": "q", "text": "Q ?", "contribute_kind": "proposal"}, "prompt"),
        ({"slug": "q", "text": "Q ?", "follow_ups": ("q",)}, "itself"),
        ({"slug": "q", "text": "Q ?", "phases": ("a", "a")}, "twice"),
    ],
)
def test_question_templates_refuse_malformed_data(kwargs, message):
    with pytest.raises(ValueError, match=message):
        QuestionTemplate(**kwargs)


def test_question_sets_refuse_unknown_follow_ups_and_duplicates():
    with pytest.raises(ValueError, match="unknown follow-ups"):
        QuestionSet(key="k", questions=(QuestionTemplate(slug="a", text="A ?", follow_ups=("b",)),))
    with pytest.raises(ValueError, match="share a slug"):
        QuestionSet(key="k", questions=(QuestionTemplate(slug="a", text="A ?"), QuestionTemplate(slug="a", text="B ?")))
    with pytest.raises(TypeError):
        QuestionTemplate(slug="a", text="A ?", methods=("mobiliser",))


@pytest.mark.parametrize("key", sorted(guidance_seed.CYCLE_TEMPLATE))
def test_demo_seed_is_idempotent(tenant_a, key):
    connection.set_schema("alpha")
    instantiate(ServiceContext.system(Channel.CLI), available_cycle_templates()[guidance_seed.CYCLE_TEMPLATE[key]])
    summary = guidance_seed.seed(key)
    assert summary == "10 questions du parcours guidé (10 créée(s)), 4 recherches sans réponse (4 ajoutée(s))"
    assert guidance_seed.seed(key) == (
        "10 questions du parcours guidé (0 créée(s)), 4 recherches sans réponse (0 ajoutée(s))"
    )
    top = UnansweredSearch.objects.order_by("-count").first()
    expected = guidance_seed.UNANSWERED[key][0]
    assert top.count == expected[1] and top.text == expected[0].lower().rstrip(" ?")
    # The demo's unanswered searches are indeed not answered by the catalogue.
    for text, *_ in guidance_seed.UNANSWERED[key]:
        assert services.match(text, record_unanswered=False).status == "no_match", text


def test_alpha_questions_are_unreachable_from_beta(api, tenant_a, tenant_b, generic_alpha, make_user, match):
    beta_staff = token_for(make_user("admin@beta.test", "tenant_admin", tenant_b), tenant_b)
    with schema_context("alpha"):
        question = Question.objects.get(slug="nos-propositions-sont-elles-lues")
        alpha_id = gid("GuidanceQuestion", question.pk)
    match("un local à vélos")
    with schema_context("beta"):
        assert not Question.objects.exists() and not UnansweredSearch.objects.exists()
        # The same primary key, addressed with beta's schema in the ID, names nothing in beta either.
        beta_id = gid("GuidanceQuestion", question.pk)
    by_id = "query($id: ID!) { guidanceQuestion(id: $id) { slug } node(id: $id) { id } }"
    for token in (None, beta_staff):
        for some_id in (alpha_id, beta_id):
            assert api.gql(by_id, {"id": some_id}, tenant=tenant_b, token=token) == {
                "guidanceQuestion": None,
                "node": None,
            }
        listed = api.gql("{ guidanceQuestions { totalCount } }", tenant=tenant_b, token=token)
        assert listed["guidanceQuestions"]["totalCount"] == 0
        found = api.gql(
            '{ guidanceMatch(text: "nos propositions", record: false) { status matches { score } } }', tenant=tenant_b
        )
        assert found["guidanceMatch"]["matches"] == []
    unanswered = api.gql("{ guidanceUnansweredSearches { totalCount } }", tenant=tenant_b, token=beta_staff)
    assert unanswered["guidanceUnansweredSearches"]["totalCount"] == 0
    update = """mutation($id: ID!) { guidanceQuestionUpdate(id: $id, input: {text: "Piratée ?"}) {
      errors { field code } } }"""
    assert api.gql(update, {"id": alpha_id}, tenant=tenant_b, token=beta_staff)["guidanceQuestionUpdate"]["errors"] == [
        {"field": "id", "code": "NOT_FOUND"}
    ]
    delete = "mutation($id: ID!) { guidanceQuestionDelete(id: $id) { errors { code } } }"
    assert api.gql(delete, {"id": alpha_id}, tenant=tenant_b, token=beta_staff)["guidanceQuestionDelete"]["errors"] == [
        {"code": "NOT_FOUND"}
    ]
    with schema_context("alpha"):
        assert Question.objects.get(pk=question.pk).text == "Nos propositions sont-elles lues ?"
        assert UnansweredSearch.objects.count() == 1
