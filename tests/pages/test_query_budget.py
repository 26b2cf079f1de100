"""Pages and news cost a constant number of SQL queries, whatever the page size or tree size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from imedia_core.context import Channel, ServiceContext
from imedia_core.pages import services

# Test content is made by the platform itself (its journal lines name no person).
SETUP = ServiceContext.system(Channel.CLI)

NEWS = """query($n: Int!) { news(first: $n) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { id title slug summary body status date isScheduled publishAt publishedAt revisions { number } } } } }"""
TREE = """{ pages {
  id title path body status breadcrumbs { path } parent { path } revisions { number }
  children { id title path body breadcrumbs { path } parent { path } revisions { number }
    children { id title path body breadcrumbs { path } parent { path } revisions { number } children { id } } } } }"""
PAGE = """query($path: String!) { page(path: $path) {
  title body breadcrumbs { title } children { title body children { title } } revisions { number } } }"""


def measure(api, tenant, query, variables=None, token=None):
    api.gql(query, variables, tenant=tenant, via="header", token=token)  # warm: routing cache, token stamp
    with CaptureQueriesContext(connection) as captured:
        data = api.gql(query, variables, tenant=tenant, via="header", token=token)
    return len(captured.captured_queries), data


def add_news(count):
    with schema_context("alpha"):
        for i in range(count):
            services.publish_news(SETUP, services.create_news(SETUP, title=f"Actualité {i}", body=f"<p>{i}</p>"))


def add_tree(width):
    """``width`` top-level pages, each with ``width`` sub-pages, each with ``width`` sub-sub-pages."""
    with schema_context("alpha"):
        for i in range(width):
            top = services.publish_page(SETUP, services.create_page(SETUP, title=f"Rubrique {i}"))
            for j in range(width):
                middle = services.publish_page(SETUP, services.create_page(SETUP, title=f"Page {i}.{j}", parent=top))
                for k in range(width):
                    services.publish_page(SETUP, services.create_page(SETUP, title=f"Page {i}.{j}.{k}", parent=middle))


@pytest.mark.parametrize("role", [None, "facilitator"])
def test_news_page_cost_is_constant(api, tenant_a, tokens, role):
    token = tokens(role)
    add_news(55)
    small, data_small = measure(api, tenant_a, NEWS, {"n": 5}, token)
    large, data_large = measure(api, tenant_a, NEWS, {"n": 50}, token)
    assert len(data_small["news"]["edges"]) == 5
    assert len(data_large["news"]["edges"]) == 50
    assert data_large["news"]["totalCount"] == 55
    assert small == large
    # search_path, count, page; for staff also token, role, content type and revisions: nothing per row.
    assert large == (3 if role is None else 7)


@pytest.mark.parametrize("role", [None, "tenant_admin"])
def test_page_tree_cost_does_not_grow_with_the_tree(api, tenant_a, tokens, role):
    token = tokens(role)
    add_tree(2)
    small, data_small = measure(api, tenant_a, TREE, token=token)
    add_tree(4)  # 2 + 4 top-level pages, 6 + 84 pages in all
    large, data_large = measure(api, tenant_a, TREE, token=token)
    assert len(data_small["pages"]) == 2
    assert len(data_large["pages"]) == 6
    assert data_large["pages"][5]["children"][3]["children"][3]["breadcrumbs"] == [
        {"path": data_large["pages"][5]["path"]},
        {"path": data_large["pages"][5]["children"][3]["path"]},
    ]
    assert small == large
    # search_path, the tree, its bodies; for staff also token, role, content type and revisions.
    assert large == (3 if role is None else 7)


def test_one_page_with_its_tree(api, tenant_a):
    add_tree(2)
    small, _ = measure(api, tenant_a, PAGE, {"path": "rubrique-0"})
    add_tree(3)
    large, data = measure(api, tenant_a, PAGE, {"path": "rubrique-0"})
    assert [c["title"] for c in data["page"]["children"]] == ["Page 0.0", "Page 0.1"]
    assert small == large == 4  # search_path, the page, the tree, the children's bodies
