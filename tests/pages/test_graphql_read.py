"""Reading pages and news over GraphQL: what each kind of viewer sees, by every routing."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.context import Channel, ServiceContext
from imedia_core.graphql.core.nodes import TenantGlobalIDType
from imedia_core.pages import services
from tests.auth.helpers import api_key_for

# Test content is made by the platform itself (its journal lines name no person).
SETUP = ServiceContext.system(Channel.CLI)

PAGE = """query($path: String!) { page(path: $path) {
  id title path body status isScheduled parent { path } children { path } breadcrumbs { path }
  revisions { number summary } } }"""
PAGES = "{ pages { path children { path children { path } } } }"
NEWS = "{ news(first: 20) { totalCount edges { node { slug status date isScheduled } } } }"
NODE = "query($id: ID!) { node(id: $id) { id ... on Page { path } ... on NewsItem { slug } } }"


@pytest.fixture
def site(tenant_a):
    """projet (published) > equipe (published) > archives (archived) > ancien (published);
    projet > brouillon (draft); agenda (scheduled); news: two published, one draft, one scheduled."""
    with schema_context("alpha"):
        soon = timezone.now() + timedelta(days=5)
        projet = services.publish_page(SETUP, services.create_page(SETUP, title="Le projet", body="<p>Le projet</p>"))
        equipe = services.publish_page(SETUP, services.create_page(SETUP, title="Équipe", parent=projet))
        archives = services.publish_page(SETUP, services.create_page(SETUP, title="Archives", parent=equipe))
        services.archive_page(SETUP, archives)
        services.publish_page(SETUP, services.create_page(SETUP, title="Ancien", parent=archives))
        services.create_page(SETUP, title="Brouillon", parent=projet)
        services.publish_page(SETUP, services.create_page(SETUP, title="Agenda"), publish_at=soon)
        old = services.create_news(SETUP, title="Atelier de mars")
        services.publish_news(SETUP, old, publish_at=timezone.now() - timedelta(days=60))
        services.publish_news(SETUP, services.create_news(SETUP, title="Ce qui a changé"))
        services.create_news(SETUP, title="En préparation")
        services.publish_news(SETUP, services.create_news(SETUP, title="Bientôt"), publish_at=soon)
        return {"projet": projet.pk, "brouillon": projet.children.get(slug="brouillon").pk}


STAFF_PATHS = [
    "agenda",
    "le-projet",
    "le-projet/brouillon",
    "le-projet/equipe",
    "le-projet/equipe/archives",
    "le-projet/equipe/archives/ancien",
]


def all_paths(pages):
    found = []
    for page in pages:
        found.append(page["path"])
        found += all_paths(page.get("children") or [])
    return sorted(found)


@pytest.mark.parametrize("via", ["host", "path", "header"])
def test_anonymous_readers_see_only_published_due_pages(api, site, tenant_a, via):
    data = api.gql(PAGES, tenant=tenant_a, via=via)
    assert all_paths(data["pages"]) == ["le-projet", "le-projet/equipe"]
    page = api.gql(PAGE, {"path": "/le-projet/"}, tenant=tenant_a, via=via)["page"]
    assert page["children"] == [{"path": "le-projet/equipe"}]
    assert page["revisions"] is None
    assert (page["status"], page["isScheduled"], page["body"]) == ("PUBLISHED", False, "<p>Le projet</p>")
    for hidden in ("le-projet/brouillon", "agenda", "le-projet/equipe/archives", "le-projet/equipe/archives/ancien"):
        assert api.gql(PAGE, {"path": hidden}, tenant=tenant_a, via=via)["page"] is None, hidden


@pytest.mark.parametrize("role", ["participant", None])
def test_participants_see_what_anonymous_readers_see(api, site, tenant_a, tokens, role):
    token = tokens(role)
    assert all_paths(api.gql(PAGES, tenant=tenant_a, token=token)["pages"]) == ["le-projet", "le-projet/equipe"]
    news = api.gql(NEWS, tenant=tenant_a, token=token)["news"]
    assert news["totalCount"] == 2
    assert [e["node"]["slug"] for e in news["edges"]] == ["ce-qui-a-change", "atelier-de-mars"]


@pytest.mark.parametrize("role", ["facilitator", "professional", "decision_maker", "tenant_admin"])
def test_staff_see_everything(api, site, tenant_a, tokens, role):
    token = tokens(role)
    data = api.gql(
        "{ pages { path children { path children { path children { path } } } } }", tenant=tenant_a, token=token
    )
    assert all_paths(data["pages"]) == STAFF_PATHS
    ancien = api.gql(PAGE, {"path": "le-projet/equipe/archives/ancien"}, tenant=tenant_a, token=token)["page"]
    assert ancien["breadcrumbs"] == [
        {"path": "le-projet"},
        {"path": "le-projet/equipe"},
        {"path": "le-projet/equipe/archives"},
    ]
    assert ancien["parent"] == {"path": "le-projet/equipe/archives"}
    assert [r["summary"] for r in ancien["revisions"]] == ["Publication", "Création"]
    agenda = api.gql(PAGE, {"path": "agenda"}, tenant=tenant_a, token=token)["page"]
    assert (agenda["status"], agenda["isScheduled"]) == ("PUBLISHED", True)
    news = api.gql(NEWS, tenant=tenant_a, token=token)["news"]
    assert news["totalCount"] == 4
    assert [e["node"]["slug"] for e in news["edges"]][0] == "bientot"  # newest date first
    drafts = api.gql("{ news(status: DRAFT) { edges { node { slug } } } }", tenant=tenant_a, token=token)
    assert [e["node"]["slug"] for e in drafts["news"]["edges"]] == ["en-preparation"]


def test_read_api_keys_see_drafts(api, site, tenant_a):
    key = api_key_for(tenant_a, "read")
    # PAGES goes three levels deep: everything but « ancien ».
    assert all_paths(api.gql(PAGES, tenant=tenant_a, token=key)["pages"]) == STAFF_PATHS[:-1]


def test_pages_by_parent_path_and_breadcrumbs(api, site, tenant_a):
    data = api.gql('{ pages(parentPath: "le-projet") { path breadcrumbs { title } } }', tenant=tenant_a)
    assert data["pages"] == [{"path": "le-projet/equipe", "breadcrumbs": [{"title": "Le projet"}]}]
    assert api.gql('{ pages(parentPath: "le-projet/brouillon") { path } }', tenant=tenant_a)["pages"] == []
    assert api.gql('{ pages(parentPath: "nulle-part") { path } }', tenant=tenant_a)["pages"] == []
    assert [p["path"] for p in api.gql('{ pages(parentPath: "/") { path } }', tenant=tenant_a)["pages"]] == [
        "le-projet"
    ]


def test_node_and_news_item_hide_what_readers_may_not_see(api, site, tenant_a, tokens):
    with schema_context("alpha"):
        draft_id = TenantGlobalIDType.to_global_id("Page", site["brouillon"])
        projet_id = TenantGlobalIDType.to_global_id("Page", site["projet"])
    assert api.gql(NODE, {"id": draft_id}, tenant=tenant_a)["node"] is None
    assert api.gql(NODE, {"id": projet_id}, tenant=tenant_a)["node"] == {"id": projet_id, "path": "le-projet"}
    assert api.gql(NODE, {"id": draft_id}, tenant=tenant_a, token=tokens("facilitator"))["node"]["path"] == (
        "le-projet/brouillon"
    )
    query = "query($slug: String!) { newsItem(slug: $slug) { title status } }"
    assert api.gql(query, {"slug": "en-preparation"}, tenant=tenant_a)["newsItem"] is None
    assert api.gql(query, {"slug": "bientot"}, tenant=tenant_a)["newsItem"] is None
    assert api.gql(query, {"slug": "ce-qui-a-change"}, tenant=tenant_a)["newsItem"] == {
        "title": "Ce qui a changé",
        "status": "PUBLISHED",
    }
    staff = api.gql(query, {"slug": "en-preparation"}, tenant=tenant_a, token=tokens("professional"))
    assert staff["newsItem"]["status"] == "DRAFT"


def test_another_tenant_sees_none_of_it(api, site, tenant_a, tenant_b):
    assert api.gql(PAGES, tenant=tenant_b)["pages"] == []
    assert api.gql(PAGE, {"path": "le-projet"}, tenant=tenant_b)["page"] is None
    assert api.gql(NEWS, tenant=tenant_b)["news"]["totalCount"] == 0
    with schema_context("alpha"):
        projet_id = TenantGlobalIDType.to_global_id("Page", site["projet"])
    assert api.gql(NODE, {"id": projet_id}, tenant=tenant_b)["node"] is None


def test_news_page_size_is_capped(api, tenant_a):
    response = api.graphql("{ news(first: 101) { totalCount } }", tenant=tenant_a).json()
    assert response["data"] == {"news": None}
    assert response["errors"][0]["extensions"]["code"] == "PAGE_SIZE_EXCEEDED"
