"""The examples integrators copy actually run over HTTP (not only validate)."""

import json
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.context import Channel, ServiceContext
from imedia_core.cycle.templates import available_cycle_templates, instantiate
from imedia_core.graphql.core.nodes import TenantGlobalIDType
from imedia_core.pages import services as pages
from tests.auth.helpers import api_key_for, token_for
from tests.conftest import PASSWORD

SYSTEM = ServiceContext.system(Channel.CLI)

EXAMPLES = Path(__file__).resolve().parents[2] / "graphql" / "examples"


def read(name):
    return (EXAMPLES / name).read_text(encoding="utf-8")


def documented_variables(name):
    """The JSON an example shows in its ``# Variables, e.g.:`` comment (so that it stays valid)."""
    lines = read(name).splitlines()
    start = lines.index("# Variables, e.g.:") + 1
    text = []
    for line in lines[start:]:
        if not line.startswith("#   "):
            break
        text.append(line[1:].strip())
    return json.loads(" ".join(text))


def test_examples_run(api, tenant_a, make_user):
    admin = make_user("exemple@alpha.test", "tenant_admin", tenant_a)
    data = api.gql(read("tenant.graphql"), tenant=tenant_a, via="path")
    assert data["tenant"]["slug"] == "alpha"
    login = api.gql(read("login.graphql"), {"email": admin.email, "password": PASSWORD}, tenant=tenant_a)
    token = login["tokenCreate"]["token"]
    assert token and login["tokenCreate"]["errors"] == []
    assert api.gql(read("me.graphql"), tenant=tenant_a, token=token)["me"]["role"] == "TENANT_ADMIN"
    key = api.gql(read("api_key_create.graphql"), {"name": "Site", "scopes": ["READ"]}, tenant=tenant_a, token=token)
    assert key["apiKeyCreate"]["secret"].startswith("imk_")
    log = api.gql(read("audit_log.graphql"), {"first": 10}, tenant=tenant_a, token=token_for(admin, tenant_a))
    assert log["auditLog"]["totalCount"] >= 1


# --- content: cycle, resource centre, pages and news ------------------------------------------


def test_cycle_example(api, tenant_a, make_user):
    template = available_cycle_templates()["participation_rsa"]
    with schema_context("alpha"):
        instantiate(SYSTEM, template)
    cycle = api.gql(read("cycle.graphql"), tenant=tenant_a)["cycle"]
    assert (cycle["name"], cycle["templateKey"]) == (template.name, "participation_rsa")
    assert cycle["currentPhase"]["slug"] == template.phases[0].slug == "constituer-le-groupe"
    assert [p["slug"] for p in cycle["phases"]] == [p.slug for p in template.phases]
    first, spec = cycle["phases"][0], template.phases[0]
    assert first["isCurrent"] and first["status"] == "PUBLISHED" and first["position"] == 0
    for field, items in (
        ("stakes", spec.stakes),
        ("objectives", spec.objectives),
        ("vigilancePoints", spec.vigilance_points),
        ("methods", spec.methods),
    ):
        assert [i["title"] for i in first[field]] == [i.title for i in items], field
        assert [i["position"] for i in first[field]] == list(range(len(items))), field
    assert first["stakes"][0]["body"].startswith("<p>")
    resources = first["resources"]
    assert [r["resource"]["slug"] for r in resources] == list(spec.resources)
    assert [r["position"] for r in resources] == list(range(len(spec.resources)))
    guide = resources[0]["resource"]
    assert guide["kind"] == "GUIDE" and guide["title"] == "Défrayer et reconnaître les participants"
    assert {t["slug"] for t in guide["themes"]} == {"insertion", "participation"}
    assert "FACILITATORS" in guide["audiences"] and guide["files"] == []
    # The same over another routing, with a read API key: identical for a cycle without drafts.
    key = api_key_for(tenant_a, "read")
    assert api.gql(read("cycle.graphql"), tenant=tenant_a, via="header", token=key)["cycle"] == cycle


def test_resource_examples(api, tenant_a, make_user):
    with schema_context("alpha"):
        instantiate(SYSTEM, available_cycle_templates()["participation_rsa"])
    staff = token_for(make_user("animation@alpha.test", "facilitator", tenant_a), tenant_a)
    search = read("resources_search.graphql")

    # The documented search: "défraiement" finds « Défrayer… » (stemming, accents ignored).
    found = api.gql(search, documented_variables("resources_search.graphql"), tenant=tenant_a)["resources"]
    assert found["totalCount"] == 1 and found["pageInfo"]["hasNextPage"] is False
    node = found["edges"][0]["node"]
    assert node["slug"] == "guide-defraiement-des-participants"
    assert node["highlight"]["title"] == "<mark>Défrayer</mark> et reconnaître les participants"
    assert node["rank"] > 0
    assert [p["slug"] for p in node["phases"]] == ["constituer-le-groupe"]
    # Filters without a search: no rank, no highlight.
    simplified = api.gql(search, {"filter": {"readingLevel": ["SIMPLIFIED"]}}, tenant=tenant_a)["resources"]
    assert {e["node"]["slug"] for e in simplified["edges"]} == {
        "guide-sieger-en-equipe-pluridisciplinaire",
        "guide-ecrire-en-falc",
    }
    assert all(e["node"]["rank"] is None and e["node"]["highlight"] is None for e in simplified["edges"])

    # The documented creation: a draft, sanitised, with a slug made from the title.
    create = read("resource_create.graphql")
    variables = documented_variables("resource_create.graphql")
    variables["input"]["body"] += '<script>alert("x")</script><p onclick="x()">Fin.</p>'
    created = api.gql(create, variables, tenant=tenant_a, token=staff)["resourceCreate"]
    assert created["errors"] == []
    resource = created["resource"]
    assert resource["slug"] == "preparer-une-premiere-reunion"
    assert (resource["status"], resource["isVisible"], resource["readingLevel"]) == ("DRAFT", False, "SIMPLIFIED")
    assert resource["body"] == "<p>Inviter <strong>deux semaines</strong> avant.</p><p>Fin.</p>"
    assert (resource["provenance"], resource["language"], resource["licence"]) == ("LOCAL", "fr", "CC BY-SA 4.0")
    # A draft: found by staff, not by readers.
    assert api.gql(search, {"search": "reunion"}, tenant=tenant_a)["resources"]["totalCount"] == 0
    staff_view = api.gql(search, {"search": "reunion"}, tenant=tenant_a, token=staff)["resources"]
    assert [e["node"]["id"] for e in staff_view["edges"]] == [resource["id"]]
    # Typed errors, and nothing created.
    link = {"input": {"kind": "LINK", "title": "Un lien sans adresse"}}
    refused = api.gql(create, link, tenant=tenant_a, token=staff)["resourceCreate"]
    assert refused["resource"] is None
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [("externalUrl", "REQUIRED")]
    anonymous = api.gql(create, variables, tenant=tenant_a)["resourceCreate"]
    assert [(e["field"], e["code"]) for e in anonymous["errors"]] == [(None, "UNAUTHENTICATED")]
    assert api.gql(search, {"search": "reunion"}, tenant=tenant_a, token=staff)["resources"]["totalCount"] == 1


def test_page_and_news_examples(api, tenant_a, make_user):
    with schema_context("alpha"):
        projet = pages.publish_page(SYSTEM, pages.create_page(SYSTEM, title="Le projet", body="<p>Le projet.</p>"))
        pages.publish_page(SYSTEM, pages.create_page(SYSTEM, title="Qui sommes-nous ?", parent=projet))
        pages.create_page(SYSTEM, title="Brouillon", parent=projet)
        pages.publish_page(SYSTEM, pages.create_page(SYSTEM, title="Comment participer ?"))
        atelier = pages.create_news(SYSTEM, title="Retour sur l'atelier", summary="Ce qui s'est dit.")
        pages.publish_news(SYSTEM, atelier, publish_at=timezone.now() - timedelta(days=30))
        pages.publish_news(SYSTEM, pages.create_news(SYSTEM, title="Ce qui a changé"))
        pages.create_news(SYSTEM, title="En préparation")
        projet_id = TenantGlobalIDType.to_global_id("Page", projet.pk)
    staff = token_for(make_user("animation@alpha.test", "facilitator", tenant_a), tenant_a)

    # Creating a page (a draft, under « Le projet »), then the same slug again.
    create = read("page_create.graphql")
    variables = {**documented_variables("page_create.graphql"), "parentId": projet_id}
    created = api.gql(create, variables, tenant=tenant_a, token=staff)["pageCreate"]
    assert created["errors"] == []
    page = created["page"]
    assert (page["path"], page["status"], page["isScheduled"]) == ("le-projet/equipe-animation", "DRAFT", False)
    assert page["parent"] == {"path": "le-projet"}
    assert page["breadcrumbs"] == [{"title": "Le projet", "path": "le-projet"}]
    again = api.gql(create, variables, tenant=tenant_a, token=staff)["pageCreate"]
    assert again["page"] is None and [(e["field"], e["code"]) for e in again["errors"]] == [("slug", "UNIQUE")]
    refused = api.gql(create, variables, tenant=tenant_a)["pageCreate"]
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [(None, "UNAUTHENTICATED")]

    # The site map: readers see published pages only; staff also see the drafts.
    tree = read("pages_tree.graphql")
    path = documented_variables("pages_tree.graphql")
    readers = api.gql(tree, path, tenant=tenant_a)
    assert [(p["path"], p["position"]) for p in readers["pages"]] == [("le-projet", 0), ("comment-participer", 1)]
    assert [c["path"] for c in readers["pages"][0]["children"]] == ["le-projet/qui-sommes-nous"]
    assert readers["page"]["body"] == "<p>Le projet.</p>" and readers["page"]["breadcrumbs"] == []
    assert readers["page"]["children"] == [{"title": "Qui sommes-nous ?", "path": "le-projet/qui-sommes-nous"}]
    staff_tree = api.gql(tree, path, tenant=tenant_a, token=staff)
    assert [c["path"] for c in staff_tree["page"]["children"]] == [
        "le-projet/qui-sommes-nous",
        "le-projet/brouillon",
        "le-projet/equipe-animation",
    ]

    # News: newest first; readers get what is published and due.
    news = read("news.graphql")
    public = api.gql(news, {"first": 10}, tenant=tenant_a)["news"]
    assert public["totalCount"] == 2
    assert [e["node"]["slug"] for e in public["edges"]] == ["ce-qui-a-change", "retour-sur-latelier"]
    assert all(e["node"]["status"] == "PUBLISHED" for e in public["edges"])
    first_page = api.gql(news, {"first": 1}, tenant=tenant_a)["news"]
    assert first_page["pageInfo"]["hasNextPage"] is True
    rest = api.gql(news, {"first": 1, "after": first_page["pageInfo"]["endCursor"]}, tenant=tenant_a)["news"]
    assert [e["node"]["slug"] for e in rest["edges"]] == ["retour-sur-latelier"]
    staff_news = api.gql(news, {}, tenant=tenant_a, token=staff)["news"]
    assert staff_news["totalCount"] == 3
    assert {e["node"]["status"] for e in staff_news["edges"]} == {"PUBLISHED", "DRAFT"}
