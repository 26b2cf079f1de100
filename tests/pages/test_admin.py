"""Pages and news in the tenant admin: saves go through the services."""

from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.content.revisions import revisions_of
from imedia_core.context import Channel, ServiceContext
from imedia_core.events.models import OutboxEvent
from imedia_core.pages import services
from imedia_core.pages.models import NewsItem, Page

# Test content is made by the platform itself (its journal lines name no person).
SETUP = ServiceContext.system(Channel.CLI)

ADMIN = "/t/alpha/admin/pages"


def get(client, url, **params):
    return client.get(url, params, HTTP_HOST="testserver")


def post(client, url, data):
    return client.post(url, data, HTTP_HOST="testserver")


def page_form(**values):
    data = {"title": "", "slug": "", "parent": "", "position": "0", "summary": "", "body": "", "status": "draft"}
    data.update({"publish_at_0": "", "publish_at_1": ""})
    data.update(values)
    return data


def test_staff_create_pages_through_the_services(client, tenant_a, make_user):
    client.force_login(make_user("anim@alpha.test", "facilitator", tenant_a, display_name="Anim Alpha"))
    with schema_context("alpha"):
        projet = services.create_page(SETUP, title="Le projet")
    response = post(
        client,
        f"{ADMIN}/page/add/",
        page_form(title="Qui sommes-nous ?", parent=projet.pk, body='<p onclick="x()">Nous</p><script>x()</script>'),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    with schema_context("alpha"):
        page = Page.objects.get(title="Qui sommes-nous ?")
        assert (page.path, page.body) == ("le-projet/qui-sommes-nous", "<p>Nous</p>")
        assert revisions_of(page).count() == 1
        entry = AuditEntry.objects.get(action="page.created", target_id=str(page.pk))
        assert (entry.via, entry.actor_label) == ("admin", "Anim Alpha")  # a name, never the e-mail

    # What the service refuses is a form error, and nothing is saved.
    response = post(client, f"{ADMIN}/page/add/", page_form(title="Doublon", slug="qui-sommes-nous", parent=projet.pk))
    assert response.status_code == 200
    assert "le-projet/qui-sommes-nous" in response.content.decode()
    response = post(client, f"{ADMIN}/page/{projet.pk}/change/", page_form(title="Le projet", parent=page.pk))
    assert response.status_code == 200
    assert "sous elle-même" in response.content.decode()
    with schema_context("alpha"):
        assert sorted(Page.objects.values_list("path", flat=True)) == ["le-projet", "le-projet/qui-sommes-nous"]

    listing = get(client, f"{ADMIN}/page/").content.decode()
    assert "— Qui sommes-nous ?" in listing
    found = get(
        client, "/t/alpha/admin/autocomplete/", app_label="pages", model_name="page", field_name="parent", term="qui"
    )
    assert [r["text"] for r in found.json()["results"]] == ["Qui sommes-nous ?"]


def test_actions_revisions_and_restore(client, tenant_a, make_user):
    client.force_login(make_user("pro@alpha.test", "professional", tenant_a))
    with schema_context("alpha"):
        page = services.create_page(SETUP, title="Charte", body="<p>v1</p>")
        services.update_page(SETUP, page, {"body": "<p>v2</p>"})
        news = services.create_news(SETUP, title="Atelier")
    response = post(client, f"{ADMIN}/page/", {"action": "publish_selected", "_selected_action": [page.pk]})
    assert response.status_code == 302
    response = post(client, f"{ADMIN}/newsitem/", {"action": "publish_selected", "_selected_action": [news.pk]})
    assert response.status_code == 302
    with schema_context("alpha"):
        assert Page.objects.get(pk=page.pk).status == "published"
        assert NewsItem.objects.get(pk=news.pk).status == "published"

    change = get(client, f"{ADMIN}/page/{page.pk}/change/").content.decode()
    assert "Restaurer" in change and "version actuelle" in change
    confirm = get(client, f"{ADMIN}/page/{page.pk}/restore/1/")
    assert confirm.status_code == 200 and "Restaurer la version 1" in confirm.content.decode()
    response = post(client, f"{ADMIN}/page/{page.pk}/restore/1/", {})
    assert response.status_code == 302
    with schema_context("alpha"):
        page.refresh_from_db()
        assert (page.body, page.status) == ("<p>v1</p>", "draft")
        assert revisions_of(page).first().summary == "Restauration de la version 1"
    assert get(client, f"{ADMIN}/page/{page.pk}/restore/99/").status_code == 404

    response = post(client, f"{ADMIN}/newsitem/", {"action": "archive_selected", "_selected_action": [news.pk]})
    with schema_context("alpha"):
        assert NewsItem.objects.get(pk=news.pk).status == "archived"


def test_deleting_goes_through_the_services(client, tenant_a, make_user):
    client.force_login(make_user("adm@alpha.test", "tenant_admin", tenant_a))
    with schema_context("alpha"):
        parent = services.create_page(SETUP, title="Parent")
        child = services.create_page(SETUP, title="Enfant", parent=parent)
    # A page with sub-pages is protected.
    response = post(client, f"{ADMIN}/page/{parent.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200
    with schema_context("alpha"):
        assert Page.objects.count() == 2
    # Also when its sub-pages are selected with it.
    both = {"action": "delete_selected", "_selected_action": [parent.pk, child.pk], "post": "yes"}
    assert post(client, f"{ADMIN}/page/", both).status_code == 200
    with schema_context("alpha"):
        assert Page.objects.count() == 2
    for page in (child, parent):
        selected = {"action": "delete_selected", "_selected_action": [page.pk], "post": "yes"}
        assert post(client, f"{ADMIN}/page/", selected).status_code == 302
    with schema_context("alpha"):
        assert not Page.objects.exists()
        assert AuditEntry.objects.filter(action="page.deleted", via="admin").count() == 2


def test_participants_and_other_tenants_stay_out(client, tenant_a, tenant_b, make_user):
    client.force_login(make_user("p@alpha.test", "participant", tenant_a))
    assert get(client, f"{ADMIN}/page/").status_code == 302
    client.force_login(make_user("anim@beta.test", "facilitator", tenant_b))
    assert get(client, f"{ADMIN}/page/").status_code == 302
    assert get(client, "/t/beta/admin/pages/page/").status_code == 200


def test_news_items_are_created_and_checked_through_the_services(client, tenant_a, make_user):
    client.force_login(make_user("dec@alpha.test", "decision_maker", tenant_a))
    form = {
        "title": "Retour sur l'atelier",
        "slug": "",
        "summary": "<b>Bilan</b>",
        "body": "<p>Ok</p><script>x()</script>",
    }
    form.update({"status": "draft", "publish_at_0": "", "publish_at_1": ""})
    assert post(client, f"{ADMIN}/newsitem/add/", form).status_code == 302
    with schema_context("alpha"):
        item = NewsItem.objects.get()
        assert (item.slug, item.summary, item.body) == ("retour-sur-latelier", "Bilan", "<p>Ok</p>")
        assert revisions_of(item).count() == 1
    taken = post(client, f"{ADMIN}/newsitem/add/", {**form, "slug": "retour-sur-latelier"})
    assert taken.status_code == 200
    assert "slug" in taken.context_data["adminform"].form.errors
    with schema_context("alpha"):
        assert NewsItem.objects.count() == 1


def test_a_status_set_in_the_form_is_that_event(client, tenant_a, make_user):
    client.force_login(make_user("red@alpha.test", "tenant_admin", tenant_a))
    with schema_context("alpha"):
        item = services.create_news(SETUP, title="Vous avez dit, nous avons fait")
        last = OutboxEvent.objects.order_by("-id").values_list("id", flat=True).first()
    form = {"title": item.title, "slug": item.slug, "summary": "", "body": "<p>Fait.</p>", "status": "published"}
    form.update({"publish_at_0": "", "publish_at_1": ""})
    assert post(client, f"{ADMIN}/newsitem/{item.pk}/change/", form).status_code == 302
    assert post(client, f"{ADMIN}/newsitem/{item.pk}/change/", {**form, "body": "<p>Fait !</p>"}).status_code == 302
    with schema_context("alpha"):
        written = list(OutboxEvent.objects.filter(id__gt=last).order_by("id").values_list("type", "payload"))
        actions = list(AuditEntry.objects.filter(target_id=str(item.pk)).order_by("id").values_list("action", "via"))
    assert [event_type for event_type, _ in written] == ["news.updated", "news.published", "news.updated"]
    assert written[1][1]["status"] == "published" and written[1][1]["id"] == item.pk
    assert actions[1:] == [("news.updated", "admin"), ("news.published", "admin"), ("news.updated", "admin")]


def test_pages_are_reordered_with_buttons_through_the_service(client, tenant_a, make_user):
    client.force_login(make_user("ordre@alpha.test", "facilitator", tenant_a))
    with schema_context("alpha"):
        first = services.create_page(SETUP, title="Première")
        second = services.create_page(SETUP, title="Deuxième")
        OutboxEvent.objects.all().delete()
    listing = get(client, f"{ADMIN}/page/").content.decode()
    assert "Monter « Deuxième »" in listing and 'name="position"' not in listing
    response = post(client, f"{ADMIN}/page/{second.pk}/move/up/", {})
    assert response.status_code == 302
    with schema_context("alpha"):
        order = list(Page.objects.filter(parent=None).order_by("position", "id").values_list("pk", flat=True))
        assert order == [second.pk, first.pk]
        events = list(OutboxEvent.objects.values_list("type", "payload"))
        assert [(t, p["pageIds"]) for t, p in events] == [("page.reordered", [second.pk, first.pk])]
        assert AuditEntry.objects.filter(action="page.reordered", via="admin").count() == 1
    # Refusals change nothing: already first, GET, a participant.
    post(client, f"{ADMIN}/page/{second.pk}/move/up/", {})
    assert get(client, f"{ADMIN}/page/{first.pk}/move/up/").status_code == 405
    client.force_login(make_user("p-ordre@alpha.test", "participant", tenant_a))
    assert post(client, f"{ADMIN}/page/{first.pk}/move/up/", {}).status_code == 302
    with schema_context("alpha"):
        assert OutboxEvent.objects.count() == 1
        order = list(Page.objects.filter(parent=None).order_by("position", "id").values_list("pk", flat=True))
        assert order == [second.pk, first.pk]


def test_body_fields_use_the_rich_text_editor(client, tenant_a, make_user):
    client.force_login(make_user("riche@alpha.test", "facilitator", tenant_a))
    for url in (f"{ADMIN}/page/add/", f"{ADMIN}/newsitem/add/"):
        html = get(client, url).content.decode()
        assert "data-django-prose-editor-configurable" in html
        assert "/static/django_prose_editor/editor.js" in html and "imedia_content/admin_labels.js" in html
        assert 'aria-label="Publier le — date"' in html or "Publier le" not in html
    # What the editor posts is still cleaned by the service.
    response = post(
        client,
        f"{ADMIN}/newsitem/add/",
        {
            "title": "Riche",
            "slug": "",
            "summary": "",
            "status": "draft",
            "publish_at_0": "",
            "publish_at_1": "",
            "body": '<h2>Titre</h2><p><a href="javascript:x()">lien</a><img src=x onerror="y()"></p>',
        },
    )
    assert response.status_code == 302
    with schema_context("alpha"):
        body = NewsItem.objects.get(title="Riche").body
    assert "<h2>Titre</h2>" in body and "javascript:" not in body and "onerror" not in body
