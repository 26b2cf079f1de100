"""The guided path costs a constant number of SQL queries: a question with 1 or 12 links of each
kind, a page of 5 or 30 questions, a match returning 2 or 20 questions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from imedia_core.context import Channel, ServiceContext
from imedia_core.cycle.models import Cycle, Phase, PhaseItem, PhaseResource
from imedia_core.guidance import services
from imedia_core.library.models import Resource, Theme

NESTED = """
  id slug text answer keywords status isVisible contribute { kind prompt }
  phases { slug stakes { title } methods { title } resources { position resource { slug themes { slug } } } }
  resources { slug themes { slug } phases { slug } }
  methods { title kind phase { slug } }
  followUps { slug phases { slug } resources { slug } followUps { slug } }
  path { steps { kind title phase { slug objectives { title } } resources { slug } methods { title }
                 followUps { slug } contribute { kind } }
         phases { slug } resources { slug } }
"""
ONE = f"query($slug: String!) {{ guidanceQuestion(slug: $slug) {{ {NESTED} }} }}"
PAGE = f"query($n: Int!) {{ guidanceQuestions(first: $n) {{ totalCount edges {{ node {{ {NESTED} }} }} }} }}"
MATCH = f"""query($t: String!, $n: Int!) {{ guidanceMatch(text: $t, first: $n, record: false) {{
  status matches {{ score question {{ {NESTED} }} }} }} }}"""


@pytest.fixture
def big_catalogue(db):
    """30 questions; question i has (i % 12) + 1 links of each kind (follow-ups: those before it, up to
    that many); « petite » has two of each and one follow-up, q11 twelve of each and eleven follow-ups."""
    with schema_context("alpha"):
        theme = Theme.objects.create(name="Mobilisation", slug="mobilisation")
        cycle = Cycle.objects.create(name="Cycle")
        phases, methods = [], []
        for i in range(12):
            phase = Phase.objects.create(cycle=cycle, position=i, slug=f"p{i}", title=f"Phase {i}", status="published")
            phases.append(phase)
            PhaseItem.objects.create(phase=phase, kind="stake", title=f"Enjeu {i}")
            methods.append(PhaseItem.objects.create(phase=phase, kind="method", title=f"Méthode {i}"))
        resources = []
        for i in range(12):
            resource = Resource.objects.create(slug=f"r{i}", title=f"Ressource {i}", kind="guide", status="published")
            resource.themes.set([theme])
            PhaseResource.objects.create(phase=phases[i], resource=resource)
            resources.append(resource)
        previous = []
        for i in range(30):
            n = (i % 12) + 1
            question = services.create_question(
                ServiceContext.system(Channel.CLI),
                {
                    "text": f"Comment mobiliser les habitants, variante {i} ?",
                    "slug": "petite" if i == 1 else f"q{i}",
                    "status": "published",
                    "keywords": ["faire venir"],
                    "contribute_kind": "proposal",
                    "contribute_prompt": "Proposez.",
                    "phases": phases[:n],
                    "resources": resources[:n],
                    "methods": methods[:n],
                    "follow_ups": previous[-n:],
                },
            )
            previous.append(question)


def count(api, tenant, query, variables):
    with CaptureQueriesContext(connection) as captured:
        data = api.gql(query, variables, tenant=tenant, via="header")
    return len(captured.captured_queries), data


@pytest.mark.parametrize("token_kind", ["anonymous", "facilitator"])
def test_question_cost_does_not_depend_on_its_links(api, tenant_a, big_catalogue, callers, token_kind):
    token = callers[token_kind]
    api.gql(ONE, {"slug": "petite"}, tenant=tenant_a, via="header", token=token)  # warm caches

    def run(slug):
        with CaptureQueriesContext(connection) as captured:
            data = api.gql(ONE, {"slug": slug}, tenant=tenant_a, via="header", token=token)
        return len(captured.captured_queries), data["guidanceQuestion"]

    few, small = run("petite")
    many, large = run("q11")
    assert len(small["phases"]) == 2 and len(small["followUps"]) == 1 and len(large["phases"]) == 12
    assert len(large["followUps"]) == 11 and len(large["path"]["steps"]) == 1 + 12 + 4
    assert large["followUps"][0]["phases"] and large["phases"][0]["resources"][0]["resource"]["themes"]
    assert few == many


def test_catalogue_page_cost_is_constant(api, tenant_a, big_catalogue):
    api.gql(PAGE, {"n": 1}, tenant=tenant_a, via="header")
    small, data_small = count(api, tenant_a, PAGE, {"n": 5})
    large, data_large = count(api, tenant_a, PAGE, {"n": 30})
    assert len(data_small["guidanceQuestions"]["edges"]) == 5 and len(data_large["guidanceQuestions"]["edges"]) == 30
    assert small == large


def test_match_cost_is_constant(api, tenant_a, big_catalogue):
    api.gql(MATCH, {"t": "mobiliser", "n": 1}, tenant=tenant_a, via="header")
    small, data_small = count(api, tenant_a, MATCH, {"t": "mobiliser habitants", "n": 2})
    large, data_large = count(api, tenant_a, MATCH, {"t": "mobiliser habitants", "n": 20})
    assert len(data_small["guidanceMatch"]["matches"]) == 2 and len(data_large["guidanceMatch"]["matches"]) == 20
    assert small == large
