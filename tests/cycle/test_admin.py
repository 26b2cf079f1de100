"""The cycle in the tenant admin: pages load, saves are sanitised and recorded as revisions,
publication actions and restore go through the services."""

import pytest
from django.utils.html import escape
from django_tenants.utils import schema_context

from imedia_core.admin_site import tenant_admin_site
from imedia_core.audit.models import AuditEntry
from imedia_core.context import Channel, ServiceContext
from imedia_core.cycle import services
from imedia_core.cycle.models import Cycle, Phase
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


ITEM_PREFIXES = {"stake": "items", "objective": "items-2", "vigilance": "items-3", "method": "items-4"}


def change_form_data(phase, **overrides):
    """The phase's change form as the admin would post it back: one inline per kind of item,
    then the resource links (no positions: order is set with the buttons)."""
    data = {
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
    for kind, prefix in ITEM_PREFIXES.items():
        of_kind = [item for item in items if item.kind == kind]
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": len(of_kind),
                f"{prefix}-INITIAL_FORMS": len(of_kind),
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
        for index, item in enumerate(of_kind):
            for name in ("title", "summary", "body"):
                data[f"{prefix}-{index}-{name}"] = getattr(item, name)
            data[f"{prefix}-{index}-id"] = item.pk
            data[f"{prefix}-{index}-phase"] = phase.pk
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
                f"resource_links-{index}-note": link.note,
            }
        )
    data.update(overrides)
    return data, items


def add_item(data, kind, **values):
    """Add a new row to the inline of ``kind`` in ``data`` (a change form's post)."""
    prefix = ITEM_PREFIXES[kind]
    index = data[f"{prefix}-TOTAL_FORMS"]
    data[f"{prefix}-TOTAL_FORMS"] = index + 1
    for name in ("title", "summary", "body"):
        data[f"{prefix}-{index}-{name}"] = values.get(name, "")
    return data


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


def audit_count(action: str) -> int:
    with schema_context("alpha"):
        return AuditEntry.objects.filter(action=action, via="admin").count()


def test_saving_a_phase_goes_through_the_services(staff_client, cycle_a):
    """Rename a phase, add a vigilance point, edit a stake's body: each is its service's change,
    sanitised, journalled (audit via admin) and emitted."""
    with schema_context("alpha"):
        phase = cycle_a.phases.get(slug="mobiliser")
        data, items = change_form_data(
            phase,
            title="Aller vers",
            body='<p>Texte<script>alert(1)</script><img src="https://example.org/x.png" onerror="alert(2)"></p>',
        )
        vigilance_before = phase.items.filter(kind="vigilance").count()
    data["items-0-body"] = '<p><a href="javascript:alert(3)">lien</a></p>'
    add_item(data, "vigilance", title="Ne pas oublier les personnes isolées", body="<p>Appeler <b>avant</b></p>")
    last = last_event_id()
    response = post(staff_client, f"{ADMIN}/phase/{phase.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    written = events_since(last)
    assert [event_type for event_type, _ in written] == ["phase.updated", "phase_item.updated", "phase_item.created"]
    assert written[0][1]["title"] == "Aller vers"
    assert written[2][1]["kind"] == "vigilance" and written[2][1]["position"] == vigilance_before
    with schema_context("alpha"):
        phase.refresh_from_db()
        assert phase.title == "Aller vers"
        assert "<script" not in phase.body and "onerror" not in phase.body and "Texte" in phase.body
        stake = phase.items.filter(kind="stake").order_by("position").first()
        assert "javascript:" not in stake.body
        point = phase.items.get(kind="vigilance", title="Ne pas oublier les personnes isolées")
        assert point.body == "<p>Appeler <b>avant</b></p>"
        revisions = list(services.phase_revisions(phase))
        assert revisions[-1].number == 1 and len(revisions) == 4
        # Labels name people by their display name (« Participant·e » without one), never by e-mail.
        assert revisions[0].author_label == "Participant·e"
        for action in ("phase.updated", "phase_item.updated", "phase_item.created"):
            assert AuditEntry.objects.filter(action=action, via="admin").count() == 1
            assert AuditEntry.objects.get(action=action, via="admin").actor_label == "Participant·e"


def test_a_phase_refused_by_the_service_changes_nothing(staff_client, cycle_a):
    """A title that is only markup passes the form but not the service: nothing is saved."""
    with schema_context("alpha"):
        phase = cycle_a.phases.get(slug="mobiliser")
        data, _ = change_form_data(phase, title="<b></b>", summary="Nouveau résumé")
    add_item(data, "vigilance", title="Point perdu")
    last = last_event_id()
    response = post(staff_client, f"{ADMIN}/phase/{phase.pk}/change/", data)
    assert response.status_code == 302
    assert "Le titre est obligatoire." in get(staff_client, response.url).content.decode()
    assert events_since(last) == []
    with schema_context("alpha"):
        phase.refresh_from_db()
        assert phase.title == "Mobiliser" and phase.summary != "Nouveau résumé"
        assert not phase.items.filter(title="Point perdu").exists()
        assert services.phase_revisions(phase).count() == 1


def test_cycle_page_edits_phases_inline(staff_client, cycle_a):
    with schema_context("alpha"):
        phases = list(cycle_a.phases.order_by("position"))
    data = {
        "name": "Notre cycle",
        "description": '<p onclick="x()">Le nôtre</p>',
        "phases-TOTAL_FORMS": len(phases) + 1,
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
                f"phases-{index}-title": phase.title,
                f"phases-{index}-slug": phase.slug,
            }
        )
    data["phases-0-title"] = "Aller vers les personnes"
    data["phases-4-DELETE"] = "on"
    data[f"phases-{len(phases)}-title"] = "Bilan local"
    last = last_event_id()
    response = post(staff_client, f"{ADMIN}/cycle/{cycle_a.pk}/change/", data)
    assert response.status_code == 302
    written = events_since(last)
    assert [event_type for event_type, _ in written] == [
        "cycle.updated",
        "phase.deleted",
        "phase.updated",
        "phase.created",
    ]
    assert written[0][1]["name"] == "Notre cycle"
    assert written[1][1]["slug"] == "evaluer-et-ajuster"
    with schema_context("alpha"):
        cycle_a.refresh_from_db()
        assert cycle_a.name == "Notre cycle" and "onclick" not in cycle_a.description
        rows = list(cycle_a.phases.order_by("position").values_list("slug", "position", "status"))
        assert [row[:2] for row in rows] == [
            ("mobiliser", 0),
            ("diagnostic-partage", 1),
            ("co-construire", 2),
            ("agir-et-rendre-compte", 3),
            ("bilan-local", 4),
        ]
        assert rows[-1][2] == "draft"
        first = cycle_a.phases.get(slug="mobiliser")
        assert first.title == "Aller vers les personnes"
        assert services.phase_revisions(first).first().data["title"] == "Aller vers les personnes"
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
        "phase.published",
        "phase.unpublished",
        "phase.updated",
        "phase.published",
    ]
    assert written[0][1]["status"] == "published" and written[0][1]["id"] == draft.pk
    with schema_context("alpha"):
        assert AuditEntry.objects.filter(action="phase.published", via="admin", target_id=str(draft.pk)).count() == 2


def test_phase_page_inputs_have_accessible_names_and_no_typed_positions(staff_client, cycle_a):
    with schema_context("alpha"):
        phase = cycle_a.phases.get(slug="mobiliser")
    html = get(staff_client, f"{ADMIN}/phase/{phase.pk}/change/").content.decode()
    assert 'name="items-0-position"' not in html and "-position" not in html
    assert 'aria-label="Intitulé (Enjeu 1)"' in html
    assert 'aria-label="Monter « ' in html and 'aria-label="Descendre « ' in html
    assert "Points de vigilance" in html
    assert "django_prose_editor/editor.js" in html  # the rich-text editor, served locally
    assert "data-django-prose-editor-configurable" in html
    cycle_page = get(staff_client, f"{ADMIN}/cycle/{cycle_a.pk}/change/").content.decode()
    assert 'aria-label="Titre (phase 1)"' in cycle_page
    assert "phases-0-position" not in cycle_page
    assert "Définir comme phase en cours" in cycle_page


def test_reorder_phases_with_the_buttons(staff_client, cycle_a):
    with schema_context("alpha"):
        phases = list(cycle_a.phases.order_by("position"))
    last = last_event_id()
    response = post(staff_client, f"{ADMIN}/cycle/{cycle_a.pk}/phases/{phases[2].pk}/up/", {})
    assert response.status_code == 302 and response.url.endswith(f"/cycle/{cycle_a.pk}/change/")
    written = events_since(last)
    expected = [phases[0].pk, phases[2].pk, phases[1].pk, *[p.pk for p in phases[3:]]]
    assert [(t, p["cycleId"], p["phaseIds"]) for t, p in written] == [("phase.reordered", cycle_a.pk, expected)]
    assert audit_count("phase.reordered") == 1
    with schema_context("alpha"):
        assert list(cycle_a.phases.order_by("position").values_list("pk", flat=True)) == expected
    # Refusals change nothing: the first phase cannot go up, GET does not move, a participant is sent away.
    last = last_event_id()
    assert post(staff_client, f"{ADMIN}/cycle/{cycle_a.pk}/phases/{phases[0].pk}/up/", {}).status_code == 302
    assert get(staff_client, f"{ADMIN}/cycle/{cycle_a.pk}/phases/{phases[3].pk}/up/").status_code == 405
    assert events_since(last) == []
    with schema_context("alpha"):
        assert list(cycle_a.phases.order_by("position").values_list("pk", flat=True)) == expected


def test_reorder_a_vigilance_point_and_a_resource_with_the_buttons(staff_client, cycle_a):
    with schema_context("alpha"):
        phase = cycle_a.phases.get(slug="mobiliser")
        points = list(phase.items.filter(kind="vigilance").order_by("position").values_list("pk", flat=True))
        links = list(phase.resource_links.order_by("position").values_list("resource_id", flat=True))
    assert len(points) >= 2
    last = last_event_id()
    url = f"{ADMIN}/phase/{phase.pk}/move/vigilance/{points[0]}/down/"
    response = post(staff_client, url, {})
    assert response.status_code == 302 and response.url.endswith(f"/phase/{phase.pk}/change/")
    written = events_since(last)
    expected = [points[1], points[0], *points[2:]]
    assert [(t, p["phaseId"], p["kind"], p["itemIds"]) for t, p in written] == [
        ("phase_item.reordered", phase.pk, "vigilance", expected)
    ]
    assert audit_count("phase_item.reordered") == 1
    with schema_context("alpha"):
        assert list(phase.items.filter(kind="vigilance").order_by("position").values_list("pk", flat=True)) == expected
    if len(links) >= 2:
        post(staff_client, f"{ADMIN}/phase/{phase.pk}/move/resources/{links[1]}/up/", {})
        with schema_context("alpha"):
            order = list(phase.resource_links.order_by("position").values_list("resource_id", flat=True))
        assert order == [links[1], links[0], *links[2:]]
    # Refusals: the last point cannot go down; an item of another kind is not in this list.
    last = last_event_id()
    post(staff_client, f"{ADMIN}/phase/{phase.pk}/move/vigilance/{expected[-1]}/down/", {})
    post(staff_client, f"{ADMIN}/phase/{phase.pk}/move/stake/{expected[0]}/up/", {})
    assert post(staff_client, f"{ADMIN}/phase/{phase.pk}/move/nothing/{expected[0]}/up/", {}).status_code == 404
    assert events_since(last) == []
    with schema_context("alpha"):
        assert list(phase.items.filter(kind="vigilance").order_by("position").values_list("pk", flat=True)) == expected


def test_participants_cannot_move_or_set_the_current_phase(client, tenant_a, make_user, cycle_a):
    client.force_login(make_user("p-move@alpha.test", "participant", tenant_a))
    with schema_context("alpha"):
        phases = list(cycle_a.phases.order_by("position"))
    last = last_event_id()
    assert post(client, f"{ADMIN}/cycle/{cycle_a.pk}/phases/{phases[1].pk}/up/", {}).status_code == 302
    assert post(client, f"{ADMIN}/cycle/{cycle_a.pk}/phases/{phases[1].pk}/current/", {}).status_code == 302
    assert post(client, f"{ADMIN}/cycle/from-template/", {"template": "generique", "confirm": "yes"}).status_code == 302
    assert events_since(last) == []
    with schema_context("alpha"):
        assert list(cycle_a.phases.order_by("position")) == phases
        assert cycle_a.phases.get(is_current=True) == phases[0]


def test_set_the_current_phase_with_its_button(staff_client, cycle_a):
    with schema_context("alpha"):
        phases = list(cycle_a.phases.order_by("position"))
    last = last_event_id()
    response = post(staff_client, f"{ADMIN}/cycle/{cycle_a.pk}/phases/{phases[2].pk}/current/", {})
    assert response.status_code == 302
    written = events_since(last)
    assert [(t, p["id"], p["isCurrent"]) for t, p in written] == [("phase.current_set", phases[2].pk, True)]
    assert audit_count("phase.current_set") == 1
    with schema_context("alpha"):
        assert list(Phase.objects.filter(cycle=cycle_a, is_current=True)) == [phases[2]]
    # A phase of another cycle (or none) is not found; nothing changes.
    last = last_event_id()
    assert post(staff_client, f"{ADMIN}/cycle/{cycle_a.pk + 999}/phases/{phases[1].pk}/current/", {}).status_code == 404
    assert events_since(last) == []


def test_new_cycle_from_a_template(staff_client, cycle_a, templates):
    listing = get(staff_client, f"{ADMIN}/cycle/").content.decode()
    assert "Nouveau cycle à partir d&#x27;un modèle" in listing or "Nouveau cycle à partir d'un modèle" in listing
    url = f"{ADMIN}/cycle/from-template/"
    page = get(staff_client, url)
    assert page.status_code == 200 and templates["conseils_citoyens"].name in page.content.decode()
    confirm = post(staff_client, url, {"template": "conseils_citoyens"})
    assert confirm.status_code == 200 and "Créer le cycle" in confirm.content.decode()
    with schema_context("alpha"):
        assert Cycle.objects.count() == 1  # choosing and confirming are two steps
    last = last_event_id()
    done = post(staff_client, url, {"template": "conseils_citoyens", "confirm": "yes"})
    assert done.status_code == 200
    html = done.content.decode()
    template = templates["conseils_citoyens"]
    for spec in template.phases:
        assert escape(spec.title) in html
    written = events_since(last)
    assert [event_type for event_type, _ in written] == ["cycle.instantiated"]
    assert audit_count("cycle.instantiated") == 1
    with schema_context("alpha"):
        new = Cycle.objects.get(is_active=True)
        cycle_a.refresh_from_db()
        assert new.template_key == "conseils_citoyens" and not cycle_a.is_active
        assert new.phases.count() == len(template.phases)
        assert written[0][1]["id"] == new.pk
    # An unknown template is refused by the form: nothing is created.
    last = last_event_id()
    refused = post(staff_client, url, {"template": "inconnu", "confirm": "yes"})
    assert refused.status_code == 200 and "Choisissez un modèle." in refused.content.decode()
    assert events_since(last) == []
    with schema_context("alpha"):
        assert Cycle.objects.count() == 2


def test_apply_a_template_to_the_active_cycle(staff_client, cycle_a, templates):
    with schema_context("alpha"):
        kept_pk = cycle_a.phases.get(slug="mobiliser").pk
        services.create_phase(SYSTEM, cycle_a, title="Phase locale")
    url = f"{ADMIN}/cycle/apply-template/"
    confirm = post(staff_client, url, {"template": "generique"})
    html = confirm.content.decode()
    assert confirm.status_code == 200 and "Phases supprimées" in html and "Phase locale" in html
    last = last_event_id()
    done = post(staff_client, url, {"template": "generique", "confirm": "yes"})
    assert done.status_code == 200
    written = events_since(last)
    assert [event_type for event_type, _ in written] == ["cycle.reset"]
    assert audit_count("cycle.reset") == 1
    with schema_context("alpha"):
        assert Cycle.objects.count() == 1
        assert not cycle_a.phases.filter(slug="phase-locale").exists()
        assert cycle_a.phases.get(slug="mobiliser").pk == kept_pk


def test_add_a_phase_with_a_vigilance_point_in_the_admin(staff_client, cycle_a):
    data = {
        "cycle": cycle_a.pk,
        "title": "Phase ajoutée",
        "slug": "",
        "summary": "",
        "body": "<p>Présentation</p>",
        "starts_on": "",
        "ends_on": "",
        "status": "draft",
        "publish_at_0": "",
        "publish_at_1": "",
        "_save": "Enregistrer",
    }
    for prefix in ITEM_PREFIXES.values():
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0, f"{prefix}-MIN_NUM_FORMS": 0})
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000
    data.update({f"resource_links-{k}": v for k, v in {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0}.items()})
    add_item(data, "vigilance", title="Premier point")
    last = last_event_id()
    response = post(staff_client, f"{ADMIN}/phase/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [event_type for event_type, _ in events_since(last)] == ["phase.created", "phase_item.created"]
    with schema_context("alpha"):
        phase = cycle_a.phases.get(slug="phase-ajoutee")
        assert phase.position == 5 and phase.status == "draft"
        assert list(phase.items.values_list("kind", "title", "position")) == [("vigilance", "Premier point", 0)]
    # Emptying the slug of an existing phase keeps the one it had.
    with schema_context("alpha"):
        edit, _ = change_form_data(phase, slug="", title="Phase renommée")
    assert post(staff_client, f"{ADMIN}/phase/{phase.pk}/change/", edit).status_code == 302
    with schema_context("alpha"):
        phase.refresh_from_db()
        assert (phase.slug, phase.title) == ("phase-ajoutee", "Phase renommée")
