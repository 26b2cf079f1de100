"""Mutations: the permission matrix, typed errors that change nothing, sanitisation,
publication and scheduling, revisions and restore."""

from datetime import timedelta

import pytest
from django.test import TestCase
from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.content.revisions import revisions_of
from imedia_core.errors import ServiceError
from imedia_core.graphql.core.nodes import TenantNode
from imedia_core.library import services
from imedia_core.library.models import Resource, ResourceFile, Theme
from imedia_core.library.uploads import in_memory, store_upload

from .conftest import STAFF, SYSTEM

PAYLOAD = "errors { field code message }"


def gid(type_name, pk, schema="alpha"):
    with schema_context(schema):
        return TenantNode.to_global_id(type_name, pk)


def snapshot():
    """Everything a mutation could change in alpha's resource centre."""
    with schema_context("alpha"):
        return {
            "resources": sorted(Resource.objects.values_list("id", "title", "slug", "status", "body", "publish_at")),
            "themes": sorted(Theme.objects.values_list("id", "name", "slug")),
            "links": sorted(Resource.themes.through.objects.values_list("resource_id", "theme_id")),
            "files": sorted(ResourceFile.objects.values_list("id", "resource_id")),
            "revisions": sum(revisions_of(r).count() for r in Resource.objects.all()),
            "journal": AuditEntry.objects.count(),
        }


def call(api, tenant, token, mutation, variables, field):
    data = api.gql(mutation, variables, tenant=tenant, token=token)
    return data[field]


# One operation per mutation, with what it needs made fresh for each call.
def _ops(make_resource, media_root):
    def resource_id():
        return gid("Resource", make_resource(title="Cible").pk)

    def theme_id():
        with schema_context("alpha"):
            return gid("Theme", services.create_theme(SYSTEM, {"name": "Thème cible"}).pk)

    def file_id():
        resource = make_resource(title="Avec fichier")
        with schema_context("alpha"):
            stored = store_upload(SYSTEM, resource, in_memory(b"%PDF-1.4\n%%EOF\n", "a.pdf", "application/pdf"))
        return gid("ResourceFile", stored.pk)

    return {
        "resourceCreate": (
            f"mutation($input: ResourceCreateInput!) {{ resourceCreate(input: $input) {{ resource {{ title }} {PAYLOAD} }} }}",
            lambda: {"input": {"kind": "GUIDE", "title": "Nouvelle"}},
        ),
        "resourceUpdate": (
            f'mutation($id: ID!) {{ resourceUpdate(id: $id, input: {{title: "Changée"}}) {{ resource {{ title }} {PAYLOAD} }} }}',
            lambda: {"id": resource_id()},
        ),
        "resourcePublish": (
            f"mutation($id: ID!) {{ resourcePublish(id: $id) {{ resource {{ status }} {PAYLOAD} }} }}",
            lambda: {"id": resource_id()},
        ),
        "resourceArchive": (
            f"mutation($id: ID!) {{ resourceArchive(id: $id) {{ resource {{ status }} {PAYLOAD} }} }}",
            lambda: {"id": resource_id()},
        ),
        "resourceDelete": (
            f"mutation($id: ID!) {{ resourceDelete(id: $id) {{ deletedId {PAYLOAD} }} }}",
            lambda: {"id": resource_id()},
        ),
        "resourceRestoreRevision": (
            f"mutation($id: ID!) {{ resourceRestoreRevision(id: $id, number: 1) {{ resource {{ status }} {PAYLOAD} }} }}",
            lambda: {"id": resource_id()},
        ),
        "resourceFileDelete": (
            f"mutation($id: ID!) {{ resourceFileDelete(id: $id) {{ deletedId {PAYLOAD} }} }}",
            lambda: {"id": file_id()},
        ),
        "themeCreate": (
            f'mutation {{ themeCreate(input: {{name: "Nouveau thème"}}) {{ theme {{ slug }} {PAYLOAD} }} }}',
            lambda: {},
        ),
        "themeUpdate": (
            f'mutation($id: ID!) {{ themeUpdate(id: $id, input: {{name: "Renommé"}}) {{ theme {{ name }} {PAYLOAD} }} }}',
            lambda: {"id": theme_id()},
        ),
        "themeDelete": (
            f"mutation($id: ID!) {{ themeDelete(id: $id) {{ deletedId {PAYLOAD} }} }}",
            lambda: {"id": theme_id()},
        ),
    }


MUTATIONS = [
    "resourceCreate",
    "resourceUpdate",
    "resourcePublish",
    "resourceArchive",
    "resourceDelete",
    "resourceRestoreRevision",
    "resourceFileDelete",
    "themeCreate",
    "themeUpdate",
    "themeDelete",
]


@pytest.mark.parametrize("name", MUTATIONS)
def test_permission_matrix(api, tenant_a, make_resource, media_root, callers, name):
    mutation, variables = _ops(make_resource, media_root)[name]
    expected = {"anonymous": "UNAUTHENTICATED", "participant": "PERMISSION_DENIED", "read_key": "PERMISSION_DENIED"}
    for who, code in expected.items():
        args = variables()
        before = snapshot()
        result = call(api, tenant_a, callers[who], mutation, args, name)
        assert [e["code"] for e in result["errors"]] == [code], (who, result)
        assert snapshot() == before, who
    for who in STAFF:
        result = call(api, tenant_a, callers[who], mutation, variables(), name)
        assert result["errors"] == [], (who, result)


CREATE = f"""mutation($input: ResourceCreateInput!) {{
  resourceCreate(input: $input) {{
    resource {{ id title slug summary body status externalUrl audiences themes {{ slug }} phases {{ slug }} }}
    {PAYLOAD}
  }}
}}"""
UPDATE = f"""mutation($id: ID!, $input: ResourceUpdateInput!, $note: String) {{
  resourceUpdate(id: $id, input: $input, note: $note) {{ resource {{ title slug summary body themes {{ slug }} }} {PAYLOAD} }}
}}"""


def test_create_sanitises_and_makes_a_unique_slug(api, tenant_a, callers, make_resource):
    make_resource(title="Évaluer ensemble")
    with schema_context("alpha"):
        theme = services.create_theme(SYSTEM, {"name": "Évaluation"})
    token = callers["facilitator"]
    body = (
        '<p onclick="steal()">Bonjour <a href="javascript:alert(1)">lien</a> <a href="https://ok.example/">ok</a></p>'
        "<script>alert('x')</script><img src=x onerror=alert(1)><style>p{}</style><iframe src=//evil></iframe>"
    )
    result = call(
        api,
        tenant_a,
        token,
        CREATE,
        {
            "input": {
                "kind": "METHOD",
                "title": "  Évaluer   ensemble ",
                "summary": "<b>Un</b> résumé <script>alert(1)</script>",
                "body": body,
                "themes": [gid("Theme", theme.pk)],
                "audiences": ["CITIZENS", "CITIZENS", "FACILITATORS"],
            }
        },
        "resourceCreate",
    )
    assert result["errors"] == []
    resource = result["resource"]
    assert resource["title"] == "Évaluer ensemble"
    assert resource["slug"] == "evaluer-ensemble-2"
    assert resource["status"] == "DRAFT"
    assert resource["summary"] == "Un résumé"  # scripts go with their content
    assert resource["audiences"] == ["CITIZENS", "FACILITATORS"]
    assert resource["themes"] == [{"slug": "evaluation"}]
    with schema_context("alpha"):
        stored = Resource.objects.get(slug="evaluer-ensemble-2").body
    for text in (stored, resource["body"]):
        assert "<script" not in text and "onclick" not in text and "onerror" not in text
        assert "javascript:" not in text and "<iframe" not in text and "<style" not in text
        assert 'href="https://ok.example/"' in text and "Bonjour" in text


def test_stored_html_is_cleaned_again_on_the_way_out(api, tenant_a, make_resource):
    resource = make_resource(title="Ancienne")
    with schema_context("alpha"):
        Resource.objects.filter(pk=resource.pk).update(
            body='<p>ok</p><script>alert(1)</script><a href="javascript:x">l</a>'
        )
    query = "query($slug: String) { resource(slug: $slug) { body } }"
    body = api.gql(query, {"slug": resource.slug}, tenant=tenant_a)["resource"]["body"]
    assert "<script" not in body and "javascript:" not in body and "<p>ok</p>" in body


@pytest.mark.parametrize(
    ("input_", "field", "code"),
    [
        ({"kind": "GUIDE", "title": "   "}, "title", "REQUIRED"),
        ({"kind": "GUIDE", "title": "x" * 201}, "title", "INVALID"),
        ({"kind": "GUIDE", "title": "Ok", "slug": "pas un slug!"}, "slug", "INVALID"),
        ({"kind": "GUIDE", "title": "Ok", "slug": "existante"}, "slug", "UNIQUE"),
        ({"kind": "GUIDE", "title": "Ok", "externalUrl": "javascript:alert(1)"}, "externalUrl", "INVALID"),
        ({"kind": "GUIDE", "title": "Ok", "externalUrl": "ftp://example.org/x"}, "externalUrl", "INVALID"),
        ({"kind": "LINK", "title": "Lien sans adresse"}, "externalUrl", "REQUIRED"),
        ({"kind": "GUIDE", "title": "Ok", "language": "français"}, "language", "INVALID"),
        ({"kind": "GUIDE", "title": "Ok", "themes": ["VGhlbWU6YmV0YTox"]}, "themes", "NOT_FOUND"),
        ({"kind": "GUIDE", "title": "Ok", "themes": ["n'importe quoi"]}, "themes", "NOT_FOUND"),
        ({"kind": "GUIDE", "title": "Ok", "phases": ["UGhhc2U6YWxwaGE6OTk5OQ=="]}, "phases", "NOT_FOUND"),
    ],
)
def test_invalid_create_changes_nothing(api, tenant_a, callers, make_resource, input_, field, code):
    make_resource(title="Existante", slug="existante")
    before = snapshot()
    result = call(api, tenant_a, callers["tenant_admin"], CREATE, {"input": input_}, "resourceCreate")
    assert result["resource"] is None
    assert (result["errors"][0]["field"], result["errors"][0]["code"]) == (field, code)
    assert result["errors"][0]["message"]
    assert snapshot() == before


def test_invalid_update_changes_nothing(api, tenant_a, callers, make_resource):
    resource = make_resource(title="Intacte")
    make_resource(title="Autre", slug="autre")
    before = snapshot()
    token = callers["write_key"]
    for input_, field, code in [
        ({"title": "Nouveau", "slug": "autre"}, "slug", "UNIQUE"),
        ({"title": "", "summary": "changé"}, "title", "REQUIRED"),
        ({"kind": "LINK"}, "externalUrl", "REQUIRED"),
    ]:
        result = call(
            api, tenant_a, token, UPDATE, {"id": gid("Resource", resource.pk), "input": input_}, "resourceUpdate"
        )
        assert (result["errors"][0]["field"], result["errors"][0]["code"]) == (field, code)
        assert snapshot() == before
    # Unknown or foreign IDs.
    for bad_id in ("nope", gid("Resource", resource.pk, "beta"), gid("Theme", 1)):
        result = call(api, tenant_a, token, UPDATE, {"id": bad_id, "input": {"title": "X"}}, "resourceUpdate")
        assert result["errors"] == [{"field": "id", "code": "NOT_FOUND", "message": result["errors"][0]["message"]}]
    assert snapshot() == before


def test_update_keeps_what_is_omitted_and_records_a_revision(api, tenant_a, callers, make_resource):
    resource = make_resource(title="Départ", summary="Résumé", themes=["a", "b"])
    token = callers["facilitator"]
    rid = gid("Resource", resource.pk)
    result = call(
        api, tenant_a, token, UPDATE, {"id": rid, "input": {"title": "Arrivée"}, "note": "Titre"}, "resourceUpdate"
    )
    assert result["resource"]["summary"] == "Résumé"
    assert result["resource"]["slug"] == resource.slug  # the slug does not follow the title
    assert [t["slug"] for t in result["resource"]["themes"]] == ["a", "b"]
    result = call(api, tenant_a, token, UPDATE, {"id": rid, "input": {"themes": []}}, "resourceUpdate")
    assert result["resource"]["themes"] == []
    with schema_context("alpha"):
        revisions = list(revisions_of(resource).values_list("number", "summary"))
        journal = list(AuditEntry.objects.filter(target_id=str(resource.pk)).values_list("action", "via"))
    assert revisions[:2] == [(4, "Modification"), (3, "Titre")]
    assert ("resource.updated", "graphql") in journal


PUBLISH = f"""mutation($id: ID!, $at: DateTime) {{
  resourcePublish(id: $id, publishAt: $at) {{ resource {{ status publishAt publishedAt isVisible }} {PAYLOAD} }}
}}"""
ARCHIVE = f"mutation($id: ID!) {{ resourceArchive(id: $id) {{ resource {{ status isVisible }} {PAYLOAD} }} }}"


def test_publish_schedule_archive(api, tenant_a, callers, make_resource):
    resource = make_resource(title="Cycle de vie", publish=False)
    rid = gid("Resource", resource.pk)
    token = callers["professional"]
    reader_query = "query($slug: String) { resource(slug: $slug) { title } }"
    later = (timezone.now() + timedelta(days=3)).isoformat()
    result = call(api, tenant_a, token, PUBLISH, {"id": rid, "at": later}, "resourcePublish")
    assert result["resource"]["status"] == "PUBLISHED" and result["resource"]["isVisible"] is False
    assert result["resource"]["publishAt"]
    assert api.gql(reader_query, {"slug": resource.slug}, tenant=tenant_a)["resource"] is None
    result = call(api, tenant_a, token, PUBLISH, {"id": rid}, "resourcePublish")
    assert result["resource"]["isVisible"] is True and result["resource"]["publishAt"] is None
    assert api.gql(reader_query, {"slug": resource.slug}, tenant=tenant_a)["resource"]["title"] == "Cycle de vie"
    result = call(api, tenant_a, token, ARCHIVE, {"id": rid}, "resourceArchive")
    assert result["resource"] == {"status": "ARCHIVED", "isVisible": False}
    assert api.gql(reader_query, {"slug": resource.slug}, tenant=tenant_a)["resource"] is None
    with schema_context("alpha"):
        actions = list(AuditEntry.objects.filter(target_id=str(resource.pk)).values_list("action", flat=True))
    assert {"resource.scheduled", "resource.published", "resource.archived"} <= set(actions)


RESTORE = f"""mutation($id: ID!, $n: Int!) {{
  resourceRestoreRevision(id: $id, number: $n) {{ resource {{ title summary status themes {{ slug }} revisions {{ number summary }} }} {PAYLOAD} }}
}}"""


def test_revisions_and_restore(api, tenant_a, callers, make_resource):
    resource = make_resource(title="Version un", summary="Premier résumé", themes=["premier"], publish=False)
    token = callers["tenant_admin"]
    rid = gid("Resource", resource.pk)
    with schema_context("alpha"):
        second = services.create_theme(SYSTEM, {"name": "second"})
    call(
        api,
        tenant_a,
        token,
        UPDATE,
        {"id": rid, "input": {"title": "Version deux", "summary": "Autre", "themes": [gid("Theme", second.pk)]}},
        "resourceUpdate",
    )
    result = call(api, tenant_a, token, RESTORE, {"id": rid, "n": 1}, "resourceRestoreRevision")
    assert result["errors"] == []
    restored = result["resource"]
    assert restored["title"] == "Version un" and restored["summary"] == "Premier résumé"
    assert restored["themes"] == [{"slug": "premier"}]
    assert [r["number"] for r in restored["revisions"]] == [3, 2, 1]
    assert restored["revisions"][0]["summary"] == "Restauration de la version 1"
    # Unknown revision: typed error, nothing changes.
    before = snapshot()
    result = call(api, tenant_a, token, RESTORE, {"id": rid, "n": 42}, "resourceRestoreRevision")
    assert (result["errors"][0]["field"], result["errors"][0]["code"]) == ("number", "NOT_FOUND")
    assert snapshot() == before


def test_restore_refuses_a_slug_now_taken(api, tenant_a, callers, make_resource):
    resource = make_resource(title="Ancien nom", slug="ancien-nom")
    token = callers["tenant_admin"]
    rid = gid("Resource", resource.pk)
    call(api, tenant_a, token, UPDATE, {"id": rid, "input": {"slug": "nouveau-nom"}}, "resourceUpdate")
    make_resource(title="Squatteuse", slug="ancien-nom")
    before = snapshot()
    result = call(api, tenant_a, token, RESTORE, {"id": rid, "n": 1}, "resourceRestoreRevision")
    assert result["errors"][0]["code"] == "UNIQUE"
    assert snapshot() == before


def test_restore_sanitises_what_it_brings_back(api, tenant_a, callers, make_resource):
    resource = make_resource(title="Piégée", body="<p>propre</p>")
    with schema_context("alpha"):
        revision = revisions_of(resource).get(number=1)
        revision.data = {**revision.data, "body": "<p>propre</p><script>alert(1)</script>"}
        revision.save()
    call(
        api,
        tenant_a,
        callers["tenant_admin"],
        RESTORE,
        {"id": gid("Resource", resource.pk), "n": 1},
        "resourceRestoreRevision",
    )
    with schema_context("alpha"):
        assert Resource.objects.get(pk=resource.pk).body == "<p>propre</p>"


def test_delete_resource_removes_its_files(api, tenant_a, callers, make_resource, media_root):
    resource = make_resource(title="À supprimer")
    with schema_context("alpha"):
        stored = store_upload(SYSTEM, resource, in_memory(b"%PDF-1.4\n%%EOF\n", "doc.pdf", "application/pdf"))
    path = media_root / "alpha" / stored.file.name
    assert path.exists()
    mutation = f"mutation($id: ID!) {{ resourceDelete(id: $id) {{ deletedId {PAYLOAD} }} }}"
    rid = gid("Resource", resource.pk)
    # Stored content goes once the deletion commits (the test transaction never does: run them).
    with TestCase.captureOnCommitCallbacks(execute=True):
        result = call(api, tenant_a, callers["facilitator"], mutation, {"id": rid}, "resourceDelete")
    assert result == {"deletedId": rid, "errors": []}
    assert not path.exists()
    with schema_context("alpha"):
        assert not Resource.objects.filter(pk=resource.pk).exists()
        assert not ResourceFile.objects.filter(pk=stored.pk).exists()


def test_theme_mutations(api, tenant_a, callers, make_resource):
    token = callers["decision_maker"]
    create = f"mutation($input: ThemeInput!) {{ themeCreate(input: $input) {{ theme {{ id name slug description }} {PAYLOAD} }} }}"
    result = call(
        api,
        tenant_a,
        token,
        create,
        {"input": {"name": "Accès aux droits", "description": "<b>Droits</b>"}},
        "themeCreate",
    )
    theme = result["theme"]
    assert (theme["slug"], theme["description"]) == ("acces-aux-droits", "Droits")
    before = snapshot()
    result = call(
        api, tenant_a, token, create, {"input": {"name": "Doublon", "slug": "acces-aux-droits"}}, "themeCreate"
    )
    assert result["errors"][0]["code"] == "UNIQUE"
    result = call(api, tenant_a, token, create, {"input": {"description": "sans nom"}}, "themeCreate")
    assert (result["errors"][0]["field"], result["errors"][0]["code"]) == ("name", "REQUIRED")
    assert snapshot() == before
    resource = make_resource(title="Classée", themes=["acces-aux-droits"])
    delete = f"mutation($id: ID!) {{ themeDelete(id: $id) {{ deletedId {PAYLOAD} }} }}"
    assert call(api, tenant_a, token, delete, {"id": theme["id"]}, "themeDelete")["errors"] == []
    with schema_context("alpha"):
        assert Resource.objects.get(pk=resource.pk).themes.count() == 0


def test_publish_at_needs_a_time_zone(api, tenant_a, callers, make_resource):
    resource = make_resource(title="Sans fuseau", publish=False)
    before = snapshot()
    result = call(
        api,
        tenant_a,
        callers["facilitator"],
        PUBLISH,
        {"id": gid("Resource", resource.pk), "at": "2031-01-01T10:00:00"},
        "resourcePublish",
    )
    assert (result["errors"][0]["field"], result["errors"][0]["code"]) == ("publishAt", "INVALID")
    assert snapshot() == before


def test_a_slug_taken_concurrently_is_a_typed_error(make_resource, monkeypatch):
    """The uniqueness check and the insert are not atomic: the database has the last word."""
    make_resource(title="Déjà là", slug="deja-la")
    monkeypatch.setattr(services, "_check_slug", lambda errors, model, slug, **kw: slug)
    with schema_context("alpha"), pytest.raises(ServiceError) as raised:
        services.create_resource(SYSTEM, {"kind": "guide", "title": "Autre", "slug": "deja-la"})
    assert raised.value.errors[0]["code"] == "UNIQUE"
    with schema_context("alpha"):
        assert Resource.objects.filter(slug="deja-la").count() == 1
