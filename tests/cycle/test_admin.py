"""The cycle in the tenant admin: pages load, saves are sanitised and recorded as revisions,
publication actions and restore go through the services."""

import pytest
from django_tenants.utils import schema_context

from imedia_core.admin_site import tenant_admin_site
from imedia_core.audit.models import AuditEntry
from imedia_core.context import Channel, ServiceContext
from imedia_core.cycle import services
from imedia_core.cycle.models import Phase
from imedia_core.events.models import OutboxEvent
from imedia_core.library.models import Resource

SYSTEM = ServiceContext.system(Channel.CLI)

ADMIN = "/t/alpha/admin/cycle"


@pytest.fixture
def staff_client(client, tenant_a, make_user):
    client.force_login(make_user("admin-cycle@alpha.test", "facilitator", tenant_a))
    return client


def last_event_id() -> int:
    with schema_context("alpha"):
        return OutboxEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def events_since(last: int) -> list[tuple[str, dict]]:
    with schema_context("alpha"):
        return list(OutboxEvent.objects.filter(id__gt=last).order_by("id").values_list("type", "payload"))


def get(client, url):
    return client.get(url, HTTP_HOST="testserver")


def post(client, url, data):
    return client.post(url, data, HTTP_HOST="testserver")


def change_form_data(phase, **overrides):
    """The phase's change form as the admin would post it back, items and links included."""
    data = {
        "cycle": phase.cycle_id,
        "title": phase.title,
        "slug": phase.slug,
        "summary": phase.summary,
        "body": phase.body,
        "starts_on": "",
        "ends_on": "",
        "status": phase.status,
        "publish_at_0": "",
        "publish_at_1": "",
        "_save": "Enregistrer",
    }
    items = list(phase.items.order_by("kind", "position", "id"))
    data.update(
        {
            "items-TOTAL_FORMS": len(items),
            "items-INITIAL_FORMS": len(items),
            "items-MIN_NUM_FORMS": 0,
            "items-MAX_NUM_FORMS": 1000,
        }
    )
    for index, item in enumerate(items):
        for name in ("kind", "position", "title", "summary", "body"):
            data[f"items-{index}-{name}"] = getattr(item, name)
        data[f"items-{index}-id"] = item.pk
        data[f"items-{index}-phase"] = phase.pk
    links = list(phase.resource_links.order_by("position", "id"))
    data.update(
        {
            "resource_links-TOTAL_FORMS": len(links),
            "resource_links-INITIAL_FORMS": len(links),
            "resource_links-MIN_NUM_FORMS": 0,
            "resource_links-MAX_NUM_FORMS": 1000,
        }
    )
    for index, link in enumerate(links):
        data.update(
            {
                f"resource_links-{index}-id": link.pk,
                f"resource_links-{index}-phase": phase.pk,
                f"resource_links-{index}-resource": link.resource_id,
                f"resource_links-{index}-position": link.position,
                f"resource_links-{index}-note": link.note,
            }
        )
    data.update(overrides)
    return data, items


def test_cycle_and_phase_pages_load(staff_client, cycle_a):
    with schema_context("alpha"):
        phase = cycle_a.phases.get(slug="mobiliser")
    assert get(staff_client, f"{ADMIN}/cycle/").status_code == 200
    page = get(staff_client, f"{ADMIN}/cycle/{cycle_a.pk}/change/")
    assert page.status_code == 200 and "diagnostic-partage" in page.content.decode()
    changelist = get(staff_client, f"{ADMIN}/phase/?status__exact=published&cycle__id__exact={cycle_a.pk}")
    assert changelist.status_code == 200 and "Mobiliser" in changelist.content.decode()
    change = get(staff_client, f"{ADMIN}/phase/{phase.pk}/change/")
    html = change.content.decode()
    assert change.status_code == 200
    assert "Toucher celles et ceux" in html  # items inline
    assert "1 version(s)" in html


def test_participants_cannot_use_the_cycle_admin(client, tenant_a, make_user, cycle_a):
    client.force_login(make_user("p-cycle@alpha.test", "participant", tenant_a))
    assert get(client, f"{ADMIN}/phase/").status_code == 302


def test_saving_a_phase_sanitises_normalises_and_records_a_revision(staff_client, cycle_a):
    with schema_context("alpha"):
        phase = cycle_a.phases.get(slug="mobiliser")
        data, items = change_form_data(
            phase,
            body='<p>Texte<script>alert(1)</script><img src="https://example.org/x.png" onerror="alert(2)"></p>',
        )
    # Move the first stake last and the last first (positions need not be contiguous: they are normalised).
    stakes = [i for i, item in enumerate(items) if item.kind == "stake"]
    data[f"items-{stakes[-1]}-position"] = 0
    data[f"items-{stakes[0]}-position"] = 7
    data[f"items-{stakes[0]}-body"] = '<p><a href="javascript:alert(3)">lien</a></p>'
    response = post(staff_client, f"{ADMIN}/phase/{phase.pk}/change/", data)
    assert response.status_code == 302
    with schema_context("alpha"):
        phase.refresh_from_db()
        assert "<script" not in phase.body and "onerror" not in phase.body and "Texte" in phase.body
        stake_rows = list(phase.items.filter(kind="stake").order_by("position"))
        assert [s.position for s in stake_rows] == [0, 1, 2]
        assert [s.pk for s in stake_rows] == [items[stakes[-1]].pk, items[stakes[1]].pk, items[stakes[0]].pk]
        assert "javascript:" not in stake_rows[-1].body
        revisions = list(services.phase_revisions(phase))
        assert [r.number for r in revisions] == [2, 1]
        assert revisions[0].summary == "Modifiée dans l'administration"
        assert revisions[0].author_label == "admin-cycle@alpha.test"
        assert len(revisions[0].data["items"]) == phase.items.count()
        assert AuditEntry.objects.filter(action="phase.updated", via="admin").exists()


def test_dates_out_of_order_are_refused_in_the_form(staff_client, cycle_a):
    with schema_context("alpha"):
        phase = cycle_a.phases.get(slug="mobiliser")
        data, _ = change_form_data(phase, starts_on="2026-05-02", ends_on="2026-05-01")
    response = post(staff_client, f"{ADMIN}/phase/{phase.pk}/change/", data)
    assert response.status_code == 200
    assert "La fin de la phase précède son début." in response.content.decode()
    with schema_context("alpha"):
        assert services.phase_revisions(phase).count() == 1


def test_publish_archive_and_current_actions(staff_client, cycle_a):
    with schema_context("alpha"):
        draft = services.create_phase(SYSTEM, cycle_a, title="Brouillon")
        second = cycle_a.phases.get(slug="diagnostic-partage")
    changelist = f"{ADMIN}/phase/"
    post(staff_client, changelist, {"action": "publish", "_selected_action": [draft.pk]})
    post(staff_client, changelist, {"action": "archive", "_selected_action": [second.pk]})
    post(staff_client, changelist, {"action": "make_current", "_selected_action": [draft.pk]})
    with schema_context("alpha"):
        draft.refresh_from_db()
        second.refresh_from_db()
        assert draft.status == "published" and draft.is_visible and draft.is_current
        assert second.status == "archived"
        assert list(Phase.objects.filter(cycle=cycle_a, is_current=True)) == [draft]
        assert AuditEntry.objects.filter(action="phase.published", via="admin").exists()


def test_revisions_page_lists_and_restores(staff_client, cycle_a):
    with schema_context("alpha"):
        phase = cycle_a.phases.get(slug="mobiliser")
        services.update_phase(SYSTEM, phase, title="Aller vers")
        services.delete_item(SYSTEM, phase.items.filter(kind="stake").first())
    url = f"{ADMIN}/phase/{phase.pk}/revisions/"
    page = get(staff_client, url)
    assert page.status_code == 200 and "Aller vers" in page.content.decode()
    response = post(staff_client, url, {"number": 1})
    assert response.status_code == 302
    with schema_context("alpha"):
        phase.refresh_from_db()
        assert phase.title == "Mobiliser"
        assert phase.items.filter(kind="stake").count() == 3
        assert services.phase_revisions(phase).first().summary == "Restauration de la version 1"


def test_resource_links_use_autocomplete_when_the_library_admin_searches(staff_client, cycle_a):
    with schema_context("alpha"):
        phase = cycle_a.phases.get(slug="mobiliser")
    html = get(staff_client, f"{ADMIN}/phase/{phase.pk}/change/").content.decode()
    library_admin = tenant_admin_site._registry.get(Resource)
    if library_admin is not None and library_admin.search_fields:
        assert "admin-autocomplete" in html
    else:
        assert "vForeignKeyRawIdAdminField" in html


def test_cycle_page_edits_phases_inline(staff_client, cycle_a):
    with schema_context("alpha"):
        phases = list(cycle_a.phases.order_by("position"))
    data = {
        "name": "Notre cycle",
        "description": '<p onclick="x()">Le nôtre</p>',
        "phases-TOTAL_FORMS": len(phases),
        "phases-INITIAL_FORMS": len(phases),
        "phases-MIN_NUM_FORMS": 0,
        "phases-MAX_NUM_FORMS": 1000,
        "_save": "Enregistrer",
    }
    for index, phase in enumerate(phases):
        data.update(
            {
                f"phases-{index}-id": phase.pk,
                f"phases-{index}-cycle": cycle_a.pk,
                f"phases-{index}-position": 10 - index,  # reversed
                f"phases-{index}-title": phase.title,
                f"phases-{index}-slug": phase.slug,
            }
        )
    data["phases-0-title"] = "Aller vers les personnes"
    data["phases-4-DELETE"] = "on"
    last = last_event_id()
    response = post(staff_client, f"{ADMIN}/cycle/{cycle_a.pk}/change/", data)
    assert response.status_code == 302
    written = events_since(last)
    assert [event_type for event_type, _ in written] == [
        "cycle.updated",
        "phase.deleted",
        "phase.updated",
        "phase.reordered",
    ]
    assert written[0][1]["name"] == "Notre cycle"
    assert written[1][1]["slug"] == "evaluer-et-ajuster"
    assert written[3][1] == {"id": cycle_a.pk, "cycleId": cycle_a.pk, "phaseIds": [p.pk for p in reversed(phases[:4])]}
    with schema_context("alpha"):
        cycle_a.refresh_from_db()
        assert cycle_a.name == "Notre cycle" and "onclick" not in cycle_a.description
        rows = list(cycle_a.phases.order_by("position").values_list("slug", "position"))
        assert rows == [("agir-et-rendre-compte", 0), ("co-construire", 1), ("diagnostic-partage", 2), ("mobiliser", 3)]
        first = cycle_a.phases.get(slug="mobiliser")
        assert first.title == "Aller vers les personnes"
        assert services.phase_revisions(first).first().data["title"] == "Aller vers les personnes"
        assert services.phase_revisions(cycle_a.phases.get(slug="co-construire")).count() == 1  # moved only
        assert AuditEntry.objects.filter(action="phase.deleted", via="admin").count() == 1


def test_a_status_set_in_the_phase_form_is_that_event(staff_client, cycle_a):
    with schema_context("alpha"):
        draft = services.create_phase(SYSTEM, cycle_a, title="Une phase locale")
        data, _ = change_form_data(draft, status="published")
    last = last_event_id()
    assert post(staff_client, f"{ADMIN}/phase/{draft.pk}/change/", data).status_code == 302
    assert post(staff_client, f"{ADMIN}/phase/{draft.pk}/change/", {**data, "status": "draft"}).status_code == 302
    assert post(staff_client, f"{ADMIN}/phase/{draft.pk}/change/", {**data, "title": "Renommée"}).status_code == 302
    written = events_since(last)
    assert [event_type for event_type, _ in written] == [
        "phase.updated",
        "phase.published",
        "phase.updated",
        "phase.unpublished",
        "phase.updated",
        "phase.published",
    ]
    assert written[1][1]["status"] == "published" and written[1][1]["id"] == draft.pk
    with schema_context("alpha"):
        assert AuditEntry.objects.filter(action="phase.published", via="admin", target_id=str(draft.pk)).count() == 2
