"""The path a question leads to: its steps in order, what each phase says, and what readers see."""

from datetime import timedelta

from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.context import Channel, ServiceContext
from imedia_core.cycle.models import Phase
from imedia_core.cycle.templates import available_cycle_templates, instantiate
from imedia_core.guidance.models import Question, UnansweredSearch
from imedia_core.library.models import Resource

from .conftest import gid

PATH = """query($slug: String, $id: ID) {
  guidanceQuestion(slug: $slug, id: $id) {
    id slug text answer keywords status isVisible
    contribute { kind prompt }
    path {
      question { slug }
      steps {
        position kind title
        phase { slug title stakes { title } objectives { title } methods { title } }
        resources { slug title }
        methods { title kind phase { slug } }
        followUps { slug text }
        contribute { kind prompt }
      }
      phases { slug } resources { slug } methods { title } followUps { slug }
    }
  }
}"""

MOBILISER = "comment-mobiliser-des-habitants-qui-ne-viennent-jamais"


def test_path_walks_question_phase_resources_methods_follow_ups_contribute(api, tenant_a, generic_alpha):
    question = api.gql(PATH, {"slug": MOBILISER}, tenant=tenant_a)["guidanceQuestion"]
    assert question["text"] == "Comment mobiliser des habitants qui ne viennent jamais ?"
    assert question["answer"].startswith("<p>On ne fait pas venir les gens")
    assert "faire venir du monde" in question["keywords"]
    assert question["contribute"] == {
        "kind": "TESTIMONY",
        "prompt": "Racontez ce qui a marché, ou pas, pour faire venir des gens près de chez vous.",
    }
    path = question["path"]
    steps = path["steps"]
    assert [(s["position"], s["kind"]) for s in steps] == [
        (0, "QUESTION"),
        (1, "PHASE"),
        (2, "RESOURCES"),
        (3, "METHODS"),
        (4, "FOLLOW_UPS"),
        (5, "CONTRIBUTE"),
    ]
    assert steps[0]["title"] == "Votre question" and path["question"] == {"slug": MOBILISER}
    phase = steps[1]["phase"]
    assert steps[1]["title"] == "Où cela se joue : Mobiliser"
    assert phase["slug"] == "mobiliser"
    assert phase["stakes"][0]["title"] == "Toucher celles et ceux qu'on n'entend jamais"
    assert [m["title"] for m in phase["methods"]] == [
        "L'aller-vers",
        "La cooptation par les pairs",
        "Une réunion de lancement conviviale",
    ]
    assert phase["objectives"]
    assert [r["slug"] for r in steps[2]["resources"]] == ["guide-ecrire-en-falc", "modele-charte-de-participation"]
    assert [(m["title"], m["kind"], m["phase"]["slug"]) for m in steps[3]["methods"]] == [
        ("L'aller-vers", "METHOD", "mobiliser"),
        ("La cooptation par les pairs", "METHOD", "mobiliser"),
    ]
    assert [q["slug"] for q in steps[4]["followUps"]] == [
        "par-ou-commencer-une-demarche-participative",
        "que-faire-quand-rien-ne-change",
    ]
    assert steps[5]["contribute"]["kind"] == "TESTIMONY"
    # Unused fields of a step stay empty.
    assert steps[0]["resources"] == [] and steps[0]["phase"] is None and steps[0]["contribute"] is None
    # The flat lists match the steps.
    assert path["phases"] == [{"slug": "mobiliser"}]
    assert [r["slug"] for r in path["resources"]] == [r["slug"] for r in steps[2]["resources"]]
    # By global ID: the same question.
    by_id = api.gql(PATH, {"id": question["id"]}, tenant=tenant_a)["guidanceQuestion"]
    assert by_id == question


def test_empty_steps_are_left_out(api, tenant_a, generic_alpha):
    # This starter question has a phase and a resource, no method, no follow-up, no invitation.
    path = api.gql(PATH, {"slug": "comment-ecrire-pour-que-tout-le-monde-comprenne"}, tenant=tenant_a)
    steps = path["guidanceQuestion"]["path"]["steps"]
    assert [s["kind"] for s in steps] == ["QUESTION", "PHASE", "RESOURCES"]
    assert path["guidanceQuestion"]["contribute"] is None


def test_readers_see_only_published_links_staff_see_all(api, tenant_a, generic_alpha, callers):
    with schema_context("alpha"):
        Resource.objects.filter(slug="guide-ecrire-en-falc").update(status="draft")
        Phase.objects.filter(slug="mobiliser").update(status="archived")
        Question.objects.filter(slug="que-faire-quand-rien-ne-change").update(status="draft")
    for who in ("anonymous", "participant"):  # read API keys may read drafts, like staff
        path = api.gql(PATH, {"slug": MOBILISER}, tenant=tenant_a, token=callers[who])["guidanceQuestion"]["path"]
        assert [r["slug"] for r in path["resources"]] == ["modele-charte-de-participation"], who
        assert path["phases"] == [] and path["methods"] == [], who  # methods of a hidden phase are hidden too
        assert [q["slug"] for q in path["followUps"]] == ["par-ou-commencer-une-demarche-participative"], who
        assert [s["kind"] for s in path["steps"]] == ["QUESTION", "RESOURCES", "FOLLOW_UPS", "CONTRIBUTE"], who
    staff = api.gql(PATH, {"slug": MOBILISER}, tenant=tenant_a, token=callers["facilitator"])["guidanceQuestion"]
    assert len(staff["path"]["resources"]) == 2 and staff["path"]["phases"] == [{"slug": "mobiliser"}]
    assert len(staff["path"]["followUps"]) == 2 and len(staff["path"]["methods"]) == 2


def test_scheduled_resources_stay_hidden_until_due(api, tenant_a, generic_alpha):
    with schema_context("alpha"):
        Resource.objects.filter(slug="guide-ecrire-en-falc").update(publish_at=timezone.now() + timedelta(days=2))
    path = api.gql(PATH, {"slug": MOBILISER}, tenant=tenant_a)["guidanceQuestion"]["path"]
    assert [r["slug"] for r in path["resources"]] == ["modele-charte-de-participation"]


def test_draft_question_is_null_for_readers(api, tenant_a, generic_alpha, callers):
    with schema_context("alpha"):
        question = Question.objects.get(slug=MOBILISER)
        question.status = "draft"
        question.save()
    for who in ("anonymous", "participant"):
        assert api.gql(PATH, {"slug": MOBILISER}, tenant=tenant_a, token=callers[who])["guidanceQuestion"] is None
        by_id = api.gql(PATH, {"id": gid("GuidanceQuestion", question.pk)}, tenant=tenant_a, token=callers[who])
        assert by_id["guidanceQuestion"] is None
    staff = api.gql(PATH, {"slug": MOBILISER}, tenant=tenant_a, token=callers["tenant_admin"])["guidanceQuestion"]
    assert (staff["status"], staff["isVisible"]) == ("DRAFT", False)


def test_phases_of_a_past_cycle_are_hidden_from_readers(api, tenant_a, generic_alpha):
    with schema_context("alpha"):
        # The generic cycle becomes a past one.
        instantiate(ServiceContext.system(Channel.CLI), available_cycle_templates()["participation_rsa"])
    path = api.gql(PATH, {"slug": MOBILISER}, tenant=tenant_a)["guidanceQuestion"]["path"]
    assert path["phases"] == [] and path["methods"] == []


def test_catalogue_lists_published_questions_in_order_with_filters(api, tenant_a, generic_alpha, callers):
    query = """query($phase: String, $search: String, $status: [PublicationStatus!]) {
      guidanceQuestions(phaseSlug: $phase, search: $search, status: $status) {
        totalCount edges { node { slug position } } } }"""
    everything = api.gql(query, {}, tenant=tenant_a)["guidanceQuestions"]
    assert everything["totalCount"] == 10
    positions = [e["node"]["position"] for e in everything["edges"]]
    assert positions == sorted(positions)
    by_phase = api.gql(query, {"phase": "evaluer-et-ajuster"}, tenant=tenant_a)["guidanceQuestions"]
    assert {e["node"]["slug"] for e in by_phase["edges"]} == {
        "que-faire-quand-rien-ne-change",
        "comment-savoir-si-notre-demarche-fonctionne",
    }
    searched = api.gql(query, {"search": "évaluation"}, tenant=tenant_a)["guidanceQuestions"]
    assert [e["node"]["slug"] for e in searched["edges"]] == ["comment-savoir-si-notre-demarche-fonctionne"]
    with schema_context("alpha"):
        Question.objects.filter(slug="comment-fixer-les-regles-du-groupe").update(status="draft")
    assert api.gql(query, {}, tenant=tenant_a)["guidanceQuestions"]["totalCount"] == 9
    drafts = api.gql(query, {"status": ["DRAFT"]}, tenant=tenant_a, token=callers["professional"])
    assert [e["node"]["slug"] for e in drafts["guidanceQuestions"]["edges"]] == ["comment-fixer-les-regles-du-groupe"]
    # Readers asking for drafts get none.
    assert api.gql(query, {"status": ["DRAFT"]}, tenant=tenant_a)["guidanceQuestions"]["totalCount"] == 0


NODE = """query($id: ID!) { node(id: $id) { id ... on GuidanceQuestion { slug } ... on GuidanceUnansweredSearch { text } } }"""
CATALOGUE = "{ guidanceQuestions { edges { node { slug } } } }"


def test_node_hides_what_the_catalogue_hides(api, tenant_a, generic_alpha, callers):
    """``node(id:)`` applies the guided path's one visibility rule, like the catalogue: readers
    never reach a draft, scheduled or archived question by its ID."""
    hidden = {
        "draft": ("que-faire-quand-rien-ne-change", {"status": "draft"}),
        "archived": ("comment-fixer-les-regles-du-groupe", {"status": "archived"}),
        "scheduled": (MOBILISER, {"publish_at": timezone.now() + timedelta(days=2)}),
    }
    with schema_context("alpha"):
        ids = {}
        for state, (slug, change) in hidden.items():
            Question.objects.filter(slug=slug).update(**change)
            ids[state] = gid("GuidanceQuestion", Question.objects.get(slug=slug).pk)
        shown = gid("GuidanceQuestion", Question.objects.get(slug="nos-propositions-sont-elles-lues").pk)
    for who in ("anonymous", "participant"):
        listed = {
            e["node"]["slug"]
            for e in api.gql(CATALOGUE, tenant=tenant_a, token=callers[who])["guidanceQuestions"]["edges"]
        }
        for state, (slug, _) in hidden.items():
            assert slug not in listed, (who, state)
            assert api.gql(NODE, {"id": ids[state]}, tenant=tenant_a, token=callers[who])["node"] is None, (who, state)
        assert api.gql(NODE, {"id": shown}, tenant=tenant_a, token=callers[who])["node"]["slug"] == (
            "nos-propositions-sont-elles-lues"
        )
    for state, (slug, _) in hidden.items():
        node = api.gql(NODE, {"id": ids[state]}, tenant=tenant_a, token=callers["facilitator"])["node"]
        assert node["slug"] == slug, state


def test_node_hides_unanswered_searches_from_those_who_cannot_list_them(api, tenant_a, generic_alpha, callers, match):
    match("piscine municipale")
    with schema_context("alpha"):
        search_id = gid("GuidanceUnansweredSearch", UnansweredSearch.objects.get().pk)
    for who in ("anonymous", "participant", "read_key"):
        listed = api.graphql("{ guidanceUnansweredSearches { totalCount } }", tenant=tenant_a, token=callers[who])
        assert listed.json()["errors"][0]["extensions"]["code"] in {"UNAUTHENTICATED", "PERMISSION_DENIED"}, who
        assert api.gql(NODE, {"id": search_id}, tenant=tenant_a, token=callers[who])["node"] is None, who
    node = api.gql(NODE, {"id": search_id}, tenant=tenant_a, token=callers["facilitator"])["node"]
    assert node["text"] == "piscine municipale"
