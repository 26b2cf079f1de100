"""A page of resources with themes, audiences, phases and files costs the same number of SQL
queries for 5 as for 50; so do themes with their counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from imedia_core.cycle.models import Cycle, Phase, PhaseResource
from imedia_core.library import services
from imedia_core.library.models import Resource, ResourceFile, Theme

from .conftest import SYSTEM

PAGE = """query($n: Int!, $s: String) {
  resources(first: $n, search: $s) {
    totalCount
    edges { node {
      id kind title slug summary body audiences readingLevel provenance status publishAt rank
      highlight { title summary }
      themes { id slug name resourceCount }
      phases { id slug title }
      files { id name contentType size url }
      revisions { number summary }
    } }
  }
}"""


@pytest.fixture
def big_library(db):
    with schema_context("alpha"):
        themes = [Theme.objects.create(name=f"Thème {i}", slug=f"theme-{i}") for i in range(6)]
        cycle = Cycle.objects.create(name="Cycle")
        phases = [
            Phase.objects.create(cycle=cycle, position=i, slug=f"phase-{i}", title=f"Phase {i}", status="published")
            for i in range(5)
        ]
        for i in range(60):
            resource = services.create_resource(
                SYSTEM,
                {
                    "kind": "guide",
                    "title": f"Mobiliser le groupe, fiche {i}",
                    "summary": "Une fiche pour la mobilisation.",
                    "audiences": ["citizens", "facilitators"],
                    "themes": themes[i % 3 : i % 3 + 3],
                },
            )
            services.publish_resource(SYSTEM, resource)
            PhaseResource.objects.create(phase=phases[i % 5], resource=resource)
            PhaseResource.objects.create(phase=phases[(i + 1) % 5], resource=resource)
            for j in range(2):
                ResourceFile.objects.create(
                    resource=resource,
                    file=f"resources/x/{i}-{j}.pdf",
                    original_name=f"fiche-{i}-{j}.pdf",
                    content_type="application/pdf",
                    size=100,
                    sha256="0" * 64,
                )
        assert Resource.objects.count() == 60


def count(api, tenant, query, variables, token=None):
    api.gql(query, {**variables, "n": 1}, tenant=tenant, via="header", token=token)  # warm caches
    with CaptureQueriesContext(connection) as captured:
        data = api.gql(query, variables, tenant=tenant, via="header", token=token)
    return len(captured.captured_queries), data, [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize("who", ["anonymous", "facilitator"])
@pytest.mark.parametrize("search", [None, "mobilisation"])
def test_resource_page_cost_is_constant(api, tenant_a, big_library, callers, who, search):
    token = callers[who]
    small, data_small, _ = count(api, tenant_a, PAGE, {"n": 5, "s": search}, token)
    large, data_large, sql = count(api, tenant_a, PAGE, {"n": 50, "s": search}, token)
    edges = data_large["resources"]["edges"]
    assert len(data_small["resources"]["edges"]) == 5 and len(edges) == 50
    node = edges[0]["node"]
    assert len(node["themes"]) == 3 and len(node["phases"]) == 2 and len(node["files"]) == 2
    assert node["audiences"] == ["CITIZENS", "FACILITATORS"]
    assert small == large, sql
    # search_path, (token, role,) count, page, themes, phases, files; for staff also revisions,
    # after the content type they point to (django-tenants clears that cache on schema changes).
    expected = 6 if who == "anonymous" else 10
    assert large == expected, "\n".join(s[:150] for s in sql)
    # The prefetches ran on the page graphene-django sliced (50 ids), not on the 60 matches.
    files_sql = next(q for q in sql if q.startswith('SELECT "library_resourcefile"'))
    in_list = files_sql.split(" IN (", 1)[1].split(")", 1)[0]
    assert len(in_list.split(",")) == 50


def test_themes_with_counts_cost_is_constant(api, tenant_a, big_library):
    query = "{ themes { id name slug resourceCount } }"
    few, data, _ = count(api, tenant_a, query.replace("$n", "1"), {})
    with schema_context("alpha"):
        for i in range(30):
            Theme.objects.create(name=f"Autre {i}", slug=f"autre-{i}")
    many, data_many, sql = count(api, tenant_a, query, {})
    assert len(data_many["themes"]) == len(data["themes"]) + 30
    assert few == many == 2, sql  # search_path, themes
