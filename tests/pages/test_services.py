"""Page and news rules, through the services every write goes through."""

from datetime import timedelta

import pytest
from django.utils import timezone

from imedia_core.audit.models import AuditEntry
from imedia_core.content.revisions import revisions_of
from imedia_core.errors import ServiceError
from imedia_core.events.models import OutboxEvent
from imedia_core.pages import services
from imedia_core.pages.models import NewsItem, Page


def paths():
    return sorted(Page.objects.values_list("path", flat=True))


def refused(code, field, call, *args, **kwargs):
    with pytest.raises(ServiceError) as excinfo:
        call(*args, **kwargs)
    assert [(e["code"], e["field"]) for e in excinfo.value.errors] == [(code, field)]
    return excinfo.value.errors[0]["message"]


# --- paths and moves -----------------------------------------------------------------------


def test_paths_follow_the_tree(in_alpha, ctx):
    projet = services.create_page(ctx, title="Le projet")
    equipe = services.create_page(ctx, title="Qui sommes-nous ?", parent=projet)
    charte = services.create_page(ctx, title="Charte", slug="Charte-Participation", parent=equipe)
    assert (projet.slug, projet.path) == ("le-projet", "le-projet")
    assert equipe.path == "le-projet/qui-sommes-nous"
    assert charte.path == "le-projet/qui-sommes-nous/charte-participation"  # slugs are lowercased
    assert [projet.position, equipe.position, charte.position] == [0, 0, 0]
    assert services.create_page(ctx, title="Comment participer ?").position == 1


def test_renaming_or_moving_carries_the_descendants(in_alpha, ctx):
    a = services.create_page(ctx, title="A")
    b = services.create_page(ctx, title="B", parent=a)
    services.create_page(ctx, title="C", parent=b)
    other = services.create_page(ctx, title="Autre")

    services.update_page(ctx, a, {"slug": "alpha"})
    assert paths() == ["alpha", "alpha/b", "alpha/b/c", "autre"]

    services.update_page(ctx, b, {"parent": other})
    assert paths() == ["alpha", "autre", "autre/b", "autre/b/c"]
    b.refresh_from_db()
    assert b.position == 0

    services.update_page(ctx, b, {"parent": None})
    assert paths() == ["alpha", "autre", "b", "b/c"]
    assert Page.objects.get(path="b").position == 2  # last of the top level


def test_underscores_in_paths_are_not_wildcards(in_alpha, ctx):
    a = services.create_page(ctx, title="a_b", slug="a_b")
    services.create_page(ctx, title="x", parent=a)
    services.create_page(ctx, title="axb", slug="axb")
    services.create_page(ctx, title="y", slug="y", parent=Page.objects.get(path="axb"))
    services.update_page(ctx, a, {"slug": "renamed"})
    assert paths() == ["axb", "axb/y", "renamed", "renamed/x"]


def test_cycles_are_refused(in_alpha, ctx):
    a = services.create_page(ctx, title="A")
    b = services.create_page(ctx, title="B", parent=a)
    c = services.create_page(ctx, title="C", parent=b)
    before = paths()
    refused("CYCLE", "parentId", services.update_page, ctx, a, {"parent": c})
    refused("CYCLE", "parentId", services.update_page, ctx, a, {"parent": Page.objects.get(pk=a.pk)})
    assert paths() == before


def test_sibling_slugs_are_unique_but_cousins_may_share(in_alpha, ctx):
    a = services.create_page(ctx, title="A")
    b = services.create_page(ctx, title="B")
    services.create_page(ctx, title="Agenda", parent=a)
    services.create_page(ctx, title="Agenda", parent=b)  # another parent: fine
    message = refused("UNIQUE", "slug", services.create_page, ctx, title="Autre", slug="agenda", parent=a)
    assert "a/agenda" in message
    # Without a slug, a free one is made from the title.
    assert services.create_page(ctx, title="Agenda", parent=a).slug == "agenda-2"
    moved = services.create_page(ctx, title="Agenda", slug="agenda")
    refused("UNIQUE", "slug", services.update_page, ctx, moved, {"parent": a, "title": "Nouveau titre"})
    assert Page.objects.get(pk=moved.pk).path == "agenda"
    assert (moved.parent_id, moved.title, moved.path) == (None, "Agenda", "agenda")  # the instance too


def test_invalid_page_input_is_refused(in_alpha, ctx):
    refused("REQUIRED", "title", services.create_page, ctx, title="  ")
    refused("INVALID", "title", services.create_page, ctx, title="x" * 201)
    refused("INVALID", "slug", services.create_page, ctx, title="T", slug="pas un slug !")
    refused("INVALID", "slug", services.create_page, ctx, title="T", slug="x" * 121)
    refused("INVALID", "summary", services.create_page, ctx, title="T", summary="x" * 1001)
    assert not Page.objects.exists()


def test_reorder_sets_positions_and_wants_every_sibling_once(in_alpha, ctx):
    parent = services.create_page(ctx, title="Parent")
    one, two, three = (services.create_page(ctx, title=t, parent=parent) for t in ("Un", "Deux", "Trois"))
    outsider = services.create_page(ctx, title="Ailleurs")
    services.reorder_pages(ctx, parent, [three, one, two])
    assert list(parent.children.order_by("position").values_list("slug", flat=True)) == ["trois", "un", "deux"]
    assert revisions_of(three).first().summary == "Changement d'ordre"
    for wrong in ([three, one], [three, one, two, two], [three, one, two, outsider]):
        refused("INVALID", "ids", services.reorder_pages, ctx, parent, wrong)
    assert list(parent.children.order_by("position").values_list("slug", flat=True)) == ["trois", "un", "deux"]
    services.reorder_pages(ctx, None, [outsider, parent])
    assert Page.objects.get(pk=outsider.pk).position == 0


def test_delete_refuses_a_page_with_children(in_alpha, ctx):
    parent = services.create_page(ctx, title="Parent")
    child = services.create_page(ctx, title="Enfant", parent=parent)
    refused("HAS_CHILDREN", "id", services.delete_page, ctx, parent)
    services.delete_page(ctx, child)
    services.delete_page(ctx, parent)
    assert not Page.objects.exists()
    assert not revisions_of(parent).exists()
    assert AuditEntry.objects.filter(action="page.deleted").count() == 2


# --- publication and visibility ------------------------------------------------------------


def readable(can_read_unpublished=False):
    return sorted(services.readable_pages(can_read_unpublished=can_read_unpublished).values_list("path", flat=True))


def test_readers_see_published_due_pages_under_visible_ancestors(in_alpha, ctx):
    projet = services.publish_page(ctx, services.create_page(ctx, title="Projet"))
    equipe = services.publish_page(ctx, services.create_page(ctx, title="Équipe", parent=projet))
    services.create_page(ctx, title="Brouillon", parent=projet)
    later = services.create_page(ctx, title="Plus tard")
    services.publish_page(ctx, later, publish_at=timezone.now() + timedelta(days=3))
    services.publish_page(ctx, services.create_page(ctx, title="Sous plus tard", parent=later))

    assert readable() == ["projet", "projet/equipe"]
    assert len(readable(True)) == 5
    assert later.published_at == later.publish_at  # scheduled: its date is the future one

    services.archive_page(ctx, projet)
    assert readable() == []
    equipe.refresh_from_db()
    assert equipe.status == "published"  # archiving the parent hides, it does not change the child


def test_publication_dates(in_alpha, ctx):
    page = services.create_page(ctx, title="Page")
    assert (page.status, page.published_at) == ("draft", None)
    services.publish_page(ctx, page)
    first = page.published_at
    assert first is not None and page.publish_at is None
    services.archive_page(ctx, page)
    services.publish_page(ctx, page)
    assert page.published_at == first  # first publication is kept
    naive = timezone.now().replace(tzinfo=None)
    refused("INVALID", "publishAt", services.publish_page, ctx, page, publish_at=naive)
    assert AuditEntry.objects.filter(action="page.published").count() == 2


# --- revisions -----------------------------------------------------------------------------


def test_every_change_records_a_revision_and_restore_brings_it_back(in_alpha, ctx):
    a = services.create_page(ctx, title="A")
    b = services.create_page(ctx, title="B")
    page = services.create_page(ctx, title="Page", parent=a, body="<p>v1</p>")
    services.create_page(ctx, title="Sous-page", parent=page)
    services.update_page(ctx, page, {"title": "Page v2", "body": "<p>v2</p>", "slug": "page-v2"})
    services.update_page(ctx, page, {"parent": b})
    services.publish_page(ctx, page)
    assert [r.number for r in revisions_of(page)] == [4, 3, 2, 1]
    assert [r.summary for r in revisions_of(page)] == ["Publication", "Déplacement", "Modification", "Création"]

    services.restore_page_revision(ctx, page, 1)
    page.refresh_from_db()
    assert (page.title, page.body, page.path, page.status) == ("Page", "<p>v1</p>", "a/page", "draft")
    assert Page.objects.get(slug="sous-page").path == "a/page/sous-page"
    latest = revisions_of(page).first()
    assert (latest.number, latest.summary) == (5, "Restauration de la version 1")
    assert AuditEntry.objects.filter(action="page.revision_restored").count() == 1


def test_restore_refuses_what_no_longer_fits(in_alpha, ctx):
    a = services.create_page(ctx, title="A")
    page = services.create_page(ctx, title="Page", parent=a)
    services.update_page(ctx, page, {"parent": None})
    services.create_page(ctx, title="Page", slug="page", parent=a)  # takes the old place
    refused("UNIQUE", "number", services.restore_page_revision, ctx, page, 1)
    refused("NOT_FOUND", "number", services.restore_page_revision, ctx, page, 99)
    child = services.create_page(ctx, title="Enfant", parent=page)
    services.update_page(ctx, a, {"parent": child})  # a now lives under page
    refused("CYCLE", "number", services.restore_page_revision, ctx, page, 1)
    assert Page.objects.get(pk=page.pk).path == "page"
    assert revisions_of(page).count() == 2


# --- sanitisation --------------------------------------------------------------------------


def test_bodies_are_sanitised_and_summaries_are_plain_text(in_alpha, ctx):
    page = services.create_page(
        ctx,
        title="<b>Titre</b>",
        summary="<script>alert(1)</script><p>Un  résumé &amp; <em>deux</em></p>",
        body='<p onclick="x()">Texte</p><script>alert(1)</script><a href="javascript:alert(1)">lien</a>',
    )
    assert page.title == "Titre"
    assert page.summary == "Un résumé & deux"
    assert "script" not in page.body and "onclick" not in page.body and "javascript" not in page.body
    assert page.body.startswith("<p>Texte</p>")
    services.update_page(ctx, page, {"body": '<img src="x" onerror="alert(1)">'})
    assert Page.objects.get(pk=page.pk).body == '<img src="x">'
    item = services.create_news(ctx, title="Actu", body="<iframe src='https://evil'></iframe><p>ok</p>")
    assert item.body == "<p>ok</p>"


# --- news ----------------------------------------------------------------------------------


def test_news_slugs_dates_and_order(in_alpha, ctx):
    first = services.create_news(ctx, title="Retour sur l'atelier du 12 mars")
    second = services.create_news(ctx, title="Retour sur l'atelier du 12 mars")
    assert (first.slug, second.slug) == ("retour-sur-latelier-du-12-mars", "retour-sur-latelier-du-12-mars-2")
    refused("UNIQUE", "slug", services.update_news, ctx, second, {"slug": first.slug})
    refused("UNIQUE", "slug", services.create_news, ctx, title="X", slug=first.slug)
    march = timezone.now() - timedelta(days=200)
    services.publish_news(ctx, first, publish_at=march)  # backdated
    assert first.published_at == march
    services.publish_news(ctx, second)
    draft = services.create_news(ctx, title="Brouillon")
    ordered = list(services.news_by_date().values_list("slug", flat=True))
    assert ordered == [draft.slug, second.slug, first.slug]
    assert list(services.news_by_date(NewsItem.objects.visible()).values_list("slug", flat=True)) == [
        second.slug,
        first.slug,
    ]


def test_news_revisions_and_restore(in_alpha, ctx):
    item = services.create_news(ctx, title="Actu", body="<p>v1</p>")
    services.update_news(ctx, item, {"title": "Actu modifiée", "body": "<p>v2</p>"})
    services.publish_news(ctx, item)
    services.restore_news_revision(ctx, item, 2)
    item.refresh_from_db()
    assert (item.title, item.body, item.status) == ("Actu modifiée", "<p>v2</p>", "draft")
    assert [r.number for r in revisions_of(item)] == [4, 3, 2, 1]
    other = services.create_news(ctx, title="Autre")
    services.update_news(ctx, item, {"slug": "nouvel-identifiant"})
    services.update_news(ctx, other, {"slug": "actu"})
    refused("UNIQUE", "number", services.restore_news_revision, ctx, item, 1)
    refused("NOT_FOUND", "number", services.restore_news_revision, ctx, item, 42)
    services.delete_news(ctx, item)
    assert not revisions_of(item).exists()
    assert list(
        AuditEntry.objects.filter(action__startswith="news.").values_list("action", flat=True).order_by("id")
    ) == [
        "news.created",
        "news.updated",
        "news.published",
        "news.revision_restored",
        "news.created",
        "news.updated",
        "news.updated",
        "news.deleted",
    ]


# --- audit entries and events --------------------------------------------------------------


def test_every_change_writes_its_audit_entry_and_its_event(in_alpha, ctx):
    last = OutboxEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    item = services.publish_news(ctx, services.create_news(ctx, title="Vous avez dit, nous avons fait"))
    page = services.create_page(ctx, title="Projet")
    services.publish_page(ctx, page, publish_at=timezone.now() + timedelta(days=1))
    services.reorder_pages(ctx, None, [page])
    page_id = page.pk
    services.delete_page(ctx, page)

    events = list(OutboxEvent.objects.filter(id__gt=last).order_by("id"))
    types = ["news.created", "news.published", "page.created", "page.scheduled", "page.reordered", "page.deleted"]
    assert [event.type for event in events] == types
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True))[-6:] == types
    assert {event.actor_id for event in events} == {ctx.user_id}
    assert events[1].payload == {
        "id": item.pk,
        "title": "Vous avez dit, nous avons fait",
        "slug": "vous-avez-dit-nous-avons-fait",
        "status": "published",
        "publishAt": None,
        "publishedAt": item.published_at.isoformat(),
    }
    assert events[3].payload["path"] == "projet" and events[3].payload["status"] == "published"
    assert events[4].payload == {"parentId": None, "pageIds": [page_id]}
    assert events[5].payload == {"id": page_id, "title": "Projet", "slug": "projet", "path": "projet"}


def test_a_refused_change_writes_nothing(in_alpha, ctx):
    before = (AuditEntry.objects.count(), OutboxEvent.objects.count())
    refused("REQUIRED", "title", services.create_news, ctx, title=" ")
    page = services.create_page(ctx, title="Page")
    refused("INVALID", "slug", services.update_page, ctx, page, {"slug": "pas un slug"})
    assert (AuditEntry.objects.count(), OutboxEvent.objects.count()) == (before[0] + 1, before[1] + 1)
