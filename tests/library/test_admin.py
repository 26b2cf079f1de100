"""The resource centre in the tenant admin: curate, search, filter, autocomplete, revisions
and restore, publication actions; saving goes through the services."""

from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.content.revisions import revisions_of
from imedia_core.library import services
from imedia_core.library.models import Resource, ResourceFile, Theme

from .conftest import SYSTEM

ADMIN = "/t/alpha/admin/library/resource/"
HOST = {"HTTP_HOST": "testserver"}


@pytest.fixture
def staff_client(client, tenant_a, make_user):
    client.force_login(make_user("curation@alpha.test", "facilitator", tenant_a))
    return client


def form_data(**overrides):
    data = {
        "kind": "guide",
        "title": "Guide <em>pratique</em>",
        "slug": "",
        "summary": "Un <b>résumé</b>",
        "body": '<p onmouseover="x()">Texte</p><script>alert(1)</script>',
        "language": "fr",
        "provenance": "local",
        "reading_level": "standard",
        "status": "draft",
        "files-TOTAL_FORMS": "0",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_add_goes_through_the_services(staff_client, media_root):
    with schema_context("alpha"):
        theme = services.create_theme(SYSTEM, {"name": "Méthodes"})
    response = staff_client.post(
        f"{ADMIN}add/",
        form_data(
            themes=[theme.pk],
            audiences=["citizens"],
            upload=SimpleUploadedFile("fiche.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
        ),
        **HOST,
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    with schema_context("alpha"):
        resource = Resource.objects.get()
        assert resource.slug == "guide-pratique"
        assert resource.title == "Guide pratique" and resource.summary == "Un résumé"
        assert "<script" not in resource.body and "onmouseover" not in resource.body
        assert list(resource.themes.values_list("slug", flat=True)) == ["methodes"]
        assert resource.audiences == ["citizens"]
        assert revisions_of(resource).count() == 1
        assert resource.files.get().content_type == "application/pdf"
        assert AuditEntry.objects.filter(action="resource.created", via="admin").exists()


def test_form_refuses_bad_input_and_bad_files(staff_client, media_root):
    response = staff_client.post(
        f"{ADMIN}add/",
        form_data(
            kind="link",
            language="fr_FR!",
            upload=SimpleUploadedFile("faux.pdf", b"juste du texte", content_type="application/pdf"),
        ),
        **HOST,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Une ressource de type lien a besoin d&#x27;une adresse web." in page
    assert "Code de langue invalide" in page
    assert "ne correspond pas au contenu" in page
    with schema_context("alpha"):
        assert Resource.objects.count() == 0 and ResourceFile.objects.count() == 0
    assert not any(p.is_file() for p in media_root.rglob("*"))


def test_changelist_search_and_filters(staff_client, make_resource):
    make_resource(title="Arbre à problèmes", kind="method", audiences=["facilitators"], themes=["diagnostic"])
    make_resource(title="Boîte à idées", kind="tool", audiences=["citizens"], publish=False)
    page = lambda query: staff_client.get(f"{ADMIN}{query}", **HOST).content.decode()  # noqa: E731
    assert "Arbre à problèmes" in page("?q=arbre") and "Boîte à idées" not in page("?q=arbre")
    assert "Boîte à idées" in page("?kind__exact=tool") and "Arbre à problèmes" not in page("?kind__exact=tool")
    assert "Arbre à problèmes" in page("?audience=facilitators")
    assert "Boîte à idées" not in page("?audience=facilitators")
    assert "Boîte à idées" in page("?status__exact=draft")
    with schema_context("alpha"):
        theme_pk = Theme.objects.get(slug="diagnostic").pk
    assert "Boîte à idées" not in page(f"?themes__id__exact={theme_pk}")


def test_theme_autocomplete(staff_client, make_resource):
    with schema_context("alpha"):
        services.create_theme(SYSTEM, {"name": "Accès aux droits"})
        services.create_theme(SYSTEM, {"name": "Mobilité"})
    response = staff_client.get(
        "/t/alpha/admin/autocomplete/",
        {"app_label": "library", "model_name": "resource", "field_name": "themes", "term": "droit"},
        **HOST,
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Accès aux droits"]


def test_revisions_view_and_restore(staff_client, make_resource):
    resource = make_resource(title="Première version")
    with schema_context("alpha"):
        services.update_resource(SYSTEM, resource, {"title": "Deuxième version"})
    response = staff_client.get(f"{ADMIN}{resource.pk}/revisions/", **HOST)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Première version" in page and "Deuxième version" in page
    restore_url = f"{ADMIN}{resource.pk}/revisions/1/restore/"
    assert restore_url in page
    assert staff_client.get(restore_url, **HOST).status_code == 200
    response = staff_client.post(restore_url, **HOST)
    assert response.status_code == 302
    with schema_context("alpha"):
        resource.refresh_from_db()
        assert resource.title == "Première version"
        assert revisions_of(resource).first().summary == "Restauration de la version 1"
    change = staff_client.get(f"{ADMIN}{resource.pk}/change/", **HOST).content.decode()
    assert "Toutes les versions et restauration" in change


def test_publication_actions(staff_client, make_resource):
    a = make_resource(title="A", publish=False)
    b = make_resource(title="B", publish=False)
    response = staff_client.post(ADMIN, {"action": "publish_now", "_selected_action": [a.pk, b.pk]}, **HOST)
    assert response.status_code == 302
    with schema_context("alpha"):
        assert set(Resource.objects.values_list("status", flat=True)) == {"published"}
    staff_client.post(ADMIN, {"action": "archive", "_selected_action": [a.pk]}, **HOST)
    with schema_context("alpha"):
        assert Resource.objects.get(pk=a.pk).status == "archived"
    # Scheduling asks for a date first, then applies it.
    response = staff_client.post(ADMIN, {"action": "schedule", "_selected_action": [b.pk]}, **HOST)
    assert response.status_code == 200 and "Programmer" in response.content.decode()
    when = timezone.localtime(timezone.now() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    response = staff_client.post(
        ADMIN, {"action": "schedule", "_selected_action": [b.pk], "apply": "1", "publish_at": when}, **HOST
    )
    assert response.status_code == 302
    with schema_context("alpha"):
        scheduled = Resource.objects.get(pk=b.pk)
        assert scheduled.status == "published" and scheduled.publish_at > timezone.now()
        assert not scheduled.is_visible


def test_participants_and_other_tenants_stay_out(client, tenant_a, tenant_b, make_user, make_resource):
    make_resource(title="Réservée")
    client.force_login(make_user("p@alpha.test", "participant", tenant_a))
    assert client.get(ADMIN, **HOST).status_code == 302
    client.force_login(make_user("f@beta.test", "facilitator", tenant_b))
    assert client.get(ADMIN, **HOST).status_code == 302
    assert "Réservée" not in client.get("/t/beta/admin/library/resource/", **HOST).content.decode()


def test_resource_body_uses_the_rich_text_editor_served_locally(staff_client):
    html = staff_client.get(f"{ADMIN}add/", **HOST).content.decode()
    assert "data-django-prose-editor-configurable" in html
    assert "/static/django_prose_editor/editor.js" in html and "https://" not in html.split("<body")[0]
    # The editor's files ship with the project's static files (collectstatic), no CDN.
    for asset in ("django_prose_editor/editor.js", "django_prose_editor/material-icons.woff2"):
        assert finders.find(asset), asset
    assert finders.find("imedia_content/admin_labels.js")
