"""Page and news mutations: who may call them, what they do, and that refusals change nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.content.models import Revision
from imedia_core.context import Channel, ServiceContext
from imedia_core.graphql.core.nodes import TenantGlobalIDType
from imedia_core.pages import services
from imedia_core.pages.models import NewsItem, Page
from tests.auth.helpers import api_key_for

# Test content is made by the platform itself (its journal lines name no person).
SETUP = ServiceContext.system(Channel.CLI)

ERRORS = "errors { field code message }"
PAGE_OUT = f"page {{ id path title status }} {ERRORS}"
NEWS_OUT = f"newsItem {{ id slug title status }} {ERRORS}"

MUTATIONS = {
    "pageCreate": (
        f"mutation($title: String!, $parentId: ID) {{ pageCreate(title: $title, parentId: $parentId) {{ {PAGE_OUT} }} }}",
        lambda ids: {"title": "Nouvelle page", "parentId": ids["page"]},
    ),
    "pageUpdate": (
        f"mutation($id: ID!, $title: String) {{ pageUpdate(id: $id, title: $title) {{ {PAGE_OUT} }} }}",
        lambda ids: {"id": ids["page"], "title": "Titre changé"},
    ),
    "pageReorder": (
        f"mutation($parentId: ID, $ids: [ID!]!) {{ pageReorder(parentId: $parentId, ids: $ids) {{ pages {{ path }} {ERRORS} }} }}",
        lambda ids: {"parentId": ids["page"], "ids": ids["children"][::-1]},
    ),
    "pagePublish": (
        f"mutation($id: ID!) {{ pagePublish(id: $id) {{ {PAGE_OUT} }} }}",
        lambda ids: {"id": ids["page"]},
    ),
    "pageArchive": (
        f"mutation($id: ID!) {{ pageArchive(id: $id) {{ {PAGE_OUT} }} }}",
        lambda ids: {"id": ids["page"]},
    ),
    "pageDelete": (
        f"mutation($id: ID!) {{ pageDelete(id: $id) {{ deletedId {ERRORS} }} }}",
        lambda ids: {"id": ids["children"][0]},
    ),
    "pageRestoreRevision": (
        f"mutation($id: ID!, $number: Int!) {{ pageRestoreRevision(id: $id, number: $number) {{ {PAGE_OUT} }} }}",
        lambda ids: {"id": ids["page"], "number": 1},
    ),
    "newsCreate": (
        f"mutation($title: String!) {{ newsCreate(title: $title) {{ {NEWS_OUT} }} }}",
        lambda ids: {"title": "Nouvelle actualité"},
    ),
    "newsUpdate": (
        f"mutation($id: ID!, $title: String) {{ newsUpdate(id: $id, title: $title) {{ {NEWS_OUT} }} }}",
        lambda ids: {"id": ids["news"], "title": "Titre changé"},
    ),
    "newsPublish": (
        f"mutation($id: ID!) {{ newsPublish(id: $id) {{ {NEWS_OUT} }} }}",
        lambda ids: {"id": ids["news"]},
    ),
    "newsArchive": (
        f"mutation($id: ID!) {{ newsArchive(id: $id) {{ {NEWS_OUT} }} }}",
        lambda ids: {"id": ids["news"]},
    ),
    "newsDelete": (
        f"mutation($id: ID!) {{ newsDelete(id: $id) {{ deletedId {ERRORS} }} }}",
        lambda ids: {"id": ids["news"]},
    ),
    "newsRestoreRevision": (
        f"mutation($id: ID!, $number: Int!) {{ newsRestoreRevision(id: $id, number: $number) {{ {NEWS_OUT} }} }}",
        lambda ids: {"id": ids["news"], "number": 1},
    ),
}


def gid(type_name, pk, schema="alpha"):
    with schema_context(schema):
        return TenantGlobalIDType.to_global_id(type_name, pk)


def make_content(schema="alpha"):
    """A page with two sub-pages and a news item, each with two revisions."""
    with schema_context(schema):
        page = services.create_page(SETUP, title="Rubrique")
        services.update_page(SETUP, page, {"body": "<p>v2</p>"})
        children = [services.create_page(SETUP, title=t, parent=page) for t in ("Un", "Deux")]
        news = services.create_news(SETUP, title="Actualité")
        services.update_news(SETUP, news, {"body": "<p>v2</p>"})
    return {
        "page": gid("Page", page.pk, schema),
        "children": [gid("Page", child.pk, schema) for child in children],
        "news": gid("NewsItem", news.pk, schema),
    }


def state(schema="alpha"):
    """Everything a mutation could change in the tenant."""
    with schema_context(schema):
        return (
            sorted(Page.objects.values_list("id", "path", "title", "status", "position", "body")),
            sorted(NewsItem.objects.values_list("id", "slug", "title", "status", "body")),
            Revision.objects.count(),
            AuditEntry.objects.count(),
        )


def call(api, tenant, name, variables, token=None):
    query, _ = MUTATIONS[name]
    return api.gql(query, variables, tenant=tenant, token=token)[name]


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_permission_matrix(api, tenant_a, tokens, name):
    query, variables = MUTATIONS[name]
    ids = make_content()
    before = state()
    for role, code in ((None, "UNAUTHENTICATED"), ("participant", "PERMISSION_DENIED")):
        result = call(api, tenant_a, name, variables(ids), tokens(role))
        assert [(e["field"], e["code"]) for e in result["errors"]] == [(None, code)], role
    read_key = api_key_for(tenant_a, "read")
    assert call(api, tenant_a, name, variables(ids), read_key)["errors"][0]["code"] == "PERMISSION_DENIED"
    assert state() == before
    for role in ("facilitator", "professional", "decision_maker", "tenant_admin"):
        ids = make_content()
        assert call(api, tenant_a, name, variables(ids), tokens(role))["errors"] == [], role
    ids = make_content()
    assert call(api, tenant_a, name, variables(ids), api_key_for(tenant_a, "write"))["errors"] == []


def refused(api, tenant, token, query, variables, field_name):
    before = state()
    result = api.gql(query, variables, tenant=tenant, token=token)[field_name]
    assert state() == before, result
    for key in ("page", "newsItem", "pages", "deletedId"):
        assert result.get(key) is None
    return [(e["field"], e["code"]) for e in result["errors"]]


def test_invalid_input_changes_nothing(api, tenant_a, tenant_b, tokens):
    token = tokens("facilitator")
    ids = make_content()
    beta = make_content("beta")
    with schema_context("alpha"):
        services.create_page(SETUP, title="Pris", slug="pris")
    cases = [
        ('pageCreate(title: "  ")', "pageCreate", [("title", "REQUIRED")]),
        ('pageCreate(title: "T", slug: "pas un slug")', "pageCreate", [("slug", "INVALID")]),
        (f'pageCreate(title: "T", parentId: "{beta["page"]}")', "pageCreate", [("parentId", "NOT_FOUND")]),
        ('pageCreate(title: "T", parentId: "n\'importe quoi")', "pageCreate", [("parentId", "NOT_FOUND")]),
        (f'pageCreate(title: "x", slug: "un", parentId: "{ids["page"]}")', "pageCreate", [("slug", "UNIQUE")]),
        (f'pageUpdate(id: "{beta["page"]}", title: "T")', "pageUpdate", [("id", "NOT_FOUND")]),
        (f'pageUpdate(id: "{ids["news"]}", title: "T")', "pageUpdate", [("id", "NOT_FOUND")]),
        (f'pageUpdate(id: "{ids["page"]}", title: "")', "pageUpdate", [("title", "REQUIRED")]),
        (f'pageUpdate(id: "{ids["page"]}", title: null)', "pageUpdate", [("title", "REQUIRED")]),
        (f'pageUpdate(id: "{ids["page"]}", slug: "pris")', "pageUpdate", [("slug", "UNIQUE")]),
        (f'pageUpdate(id: "{ids["page"]}", parentId: "{ids["page"]}")', "pageUpdate", [("parentId", "CYCLE")]),
        (f'pageUpdate(id: "{ids["page"]}", parentId: "{ids["children"][0]}")', "pageUpdate", [("parentId", "CYCLE")]),
        (f'pageUpdate(id: "{ids["page"]}", parentId: "{beta["page"]}")', "pageUpdate", [("parentId", "NOT_FOUND")]),
        (f'pageReorder(parentId: "{ids["page"]}", ids: ["{ids["children"][0]}"])', "pageReorder", [("ids", "INVALID")]),
        (
            f'pageReorder(parentId: "{ids["page"]}", ids: ["{ids["children"][0]}", "{beta["children"][1]}"])',
            "pageReorder",
            [("ids", "NOT_FOUND")],
        ),
        (
            f'pagePublish(id: "{ids["page"]}", publishAt: "2030-01-01T10:00:00")',
            "pagePublish",
            [("publishAt", "INVALID")],
        ),
        (f'pagePublish(id: "{beta["page"]}")', "pagePublish", [("id", "NOT_FOUND")]),
        (f'pageArchive(id: "{beta["page"]}")', "pageArchive", [("id", "NOT_FOUND")]),
        (f'pageDelete(id: "{ids["page"]}")', "pageDelete", [("id", "HAS_CHILDREN")]),
        (f'pageDelete(id: "{beta["children"][0]}")', "pageDelete", [("id", "NOT_FOUND")]),
        (f'pageRestoreRevision(id: "{ids["page"]}", number: 99)', "pageRestoreRevision", [("number", "NOT_FOUND")]),
        (f'pageRestoreRevision(id: "{beta["page"]}", number: 1)', "pageRestoreRevision", [("id", "NOT_FOUND")]),
        ('newsCreate(title: "")', "newsCreate", [("title", "REQUIRED")]),
        ('newsCreate(title: "T", slug: "actualite")', "newsCreate", [("slug", "UNIQUE")]),
        (f'newsCreate(title: "T", summary: "{"x" * 1001}")', "newsCreate", [("summary", "INVALID")]),
        (f'newsUpdate(id: "{beta["news"]}", title: "T")', "newsUpdate", [("id", "NOT_FOUND")]),
        (f'newsUpdate(id: "{ids["page"]}", title: "T")', "newsUpdate", [("id", "NOT_FOUND")]),
        (f'newsUpdate(id: "{ids["news"]}", slug: "é è")', "newsUpdate", [("slug", "INVALID")]),
        (
            f'newsPublish(id: "{ids["news"]}", publishAt: "2030-01-01T10:00:00")',
            "newsPublish",
            [("publishAt", "INVALID")],
        ),
        (f'newsArchive(id: "{beta["news"]}")', "newsArchive", [("id", "NOT_FOUND")]),
        (f'newsDelete(id: "{beta["news"]}")', "newsDelete", [("id", "NOT_FOUND")]),
        (f'newsRestoreRevision(id: "{ids["news"]}", number: 0)', "newsRestoreRevision", [("number", "NOT_FOUND")]),
    ]
    outputs = {
        "pageReorder": f"pages {{ path }} {ERRORS}",
        "pageDelete": f"deletedId {ERRORS}",
        "newsDelete": f"deletedId {ERRORS}",
    }
    beta_before = state("beta")
    for call_text, name, expected in cases:
        output = outputs.get(name, PAGE_OUT if name.startswith("page") else NEWS_OUT)
        assert refused(api, tenant_a, token, f"mutation {{ {call_text} {{ {output} }} }}", None, name) == expected, (
            call_text
        )
    assert state("beta") == beta_before


def test_a_page_tree_built_moved_and_published_through_graphql(api, tenant_a, tokens):
    token = tokens("tenant_admin")

    def run(text):
        name = text.split("(")[0]
        output = {"pageReorder": f"pages {{ path }} {ERRORS}", "pageDelete": f"deletedId {ERRORS}"}.get(name, PAGE_OUT)
        result = api.gql(f"mutation {{ {text} {{ {output} }} }}", tenant=tenant_a, token=token)[name]
        assert result["errors"] == [], result
        return result

    projet = run('pageCreate(title: "Le projet", body: "<p onmouseover=\\"x()\\">Bienvenue</p><script>x()</script>")')[
        "page"
    ]
    assert (projet["path"], projet["status"]) == ("le-projet", "DRAFT")
    participer = run('pageCreate(title: "Comment participer ?")')["page"]
    charte = run(f'pageCreate(title: "Charte de participation", parentId: "{participer["id"]}")')["page"]
    assert charte["path"] == "comment-participer/charte-de-participation"
    moved = run(f'pageUpdate(id: "{charte["id"]}", parentId: "{projet["id"]}", slug: "charte")')["page"]
    assert moved["path"] == "le-projet/charte"
    top = run(f'pageReorder(ids: ["{participer["id"]}", "{projet["id"]}"])')["pages"]
    assert [p["path"] for p in top] == ["comment-participer", "le-projet"]
    for page in (projet, participer):
        assert run(f'pagePublish(id: "{page["id"]}")')["page"]["status"] == "PUBLISHED"
    later = (timezone.now() + timedelta(days=2)).isoformat()
    run(f'pagePublish(id: "{moved["id"]}", publishAt: "{later}")')

    tree = api.gql("{ pages { path body children { path } } }", tenant=tenant_a)["pages"]
    assert tree == [
        {"path": "comment-participer", "body": "", "children": []},
        {"path": "le-projet", "body": "<p>Bienvenue</p>", "children": []},  # the charter is scheduled
    ]
    staff = api.gql('{ page(path: "le-projet") { children { path isScheduled } } }', tenant=tenant_a, token=token)
    assert staff["page"]["children"] == [{"path": "le-projet/charte", "isScheduled": True}]

    restored = run(f'pageRestoreRevision(id: "{moved["id"]}", number: 1)')["page"]
    assert (restored["path"], restored["status"]) == ("comment-participer/charte-de-participation", "DRAFT")
    assert run(f'pageArchive(id: "{projet["id"]}")')["page"]["status"] == "ARCHIVED"
    assert run(f'pageDelete(id: "{projet["id"]}")')["deletedId"] == projet["id"]
    with schema_context("alpha"):
        assert sorted(Page.objects.values_list("path", flat=True)) == [
            "comment-participer",
            "comment-participer/charte-de-participation",
        ]
        actions = list(AuditEntry.objects.filter(action__startswith="page.").values_list("action", "via"))
    assert {via for _, via in actions} == {"graphql"}
    assert [a for a, _ in actions].count("page.created") == 3


def test_payload_sees_the_change_made_in_the_same_request(api, tenant_a, tokens):
    token = tokens("facilitator")
    parent = api.gql('mutation { pageCreate(title: "Parent") { page { id } } }', tenant=tenant_a, token=token)
    parent_id = parent["pageCreate"]["page"]["id"]
    document = f"""mutation {{
      first: pageCreate(title: "Un", parentId: "{parent_id}") {{ page {{ parent {{ children {{ title }} }} }} }}
      second: pageCreate(title: "Deux", parentId: "{parent_id}") {{ page {{ parent {{ children {{ title }} }} }} }}
    }}"""
    data = api.gql(document, tenant=tenant_a, token=token)
    assert data["first"]["page"]["parent"]["children"] == [{"title": "Un"}]
    assert data["second"]["page"]["parent"]["children"] == [{"title": "Un"}, {"title": "Deux"}]


def test_news_through_graphql(api, tenant_a, tokens):
    token = tokens("decision_maker")

    def run(text):
        name = text.split("(")[0]
        output = f"deletedId {ERRORS}" if name == "newsDelete" else f"newsItem {{ id slug title status date }} {ERRORS}"
        result = api.gql(f"mutation {{ {text} {{ {output} }} }}", tenant=tenant_a, token=token)[name]
        assert result["errors"] == [], result
        return result

    item = run('newsCreate(title: "Retour sur l\'atelier du 12 mars", summary: "<b>Un</b> résumé")')["newsItem"]
    assert (item["slug"], item["status"]) == ("retour-sur-latelier-du-12-mars", "DRAFT")
    run(f'newsUpdate(id: "{item["id"]}", title: "Retour sur l\'atelier")')
    published = run(f'newsPublish(id: "{item["id"]}", publishAt: "2026-03-14T09:00:00+01:00")')["newsItem"]
    assert published["date"].startswith("2026-03-14T")
    query = '{ newsItem(slug: "retour-sur-latelier-du-12-mars") { title summary revisions { number } } }'
    assert api.gql(query, tenant=tenant_a)["newsItem"] == {
        "title": "Retour sur l'atelier",
        "summary": "Un résumé",
        "revisions": None,
    }
    staff = api.gql(query, tenant=tenant_a, token=token)["newsItem"]
    assert [r["number"] for r in staff["revisions"]] == [3, 2, 1]
    assert run(f'newsRestoreRevision(id: "{item["id"]}", number: 1)')["newsItem"]["status"] == "DRAFT"
    assert run(f'newsArchive(id: "{item["id"]}")')["newsItem"]["status"] == "ARCHIVED"
    assert run(f'newsDelete(id: "{item["id"]}")')["deletedId"] == item["id"]
    with schema_context("alpha"):
        assert not NewsItem.objects.exists()
