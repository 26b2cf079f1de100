"""Self-diagnostics in the tenant admin, through real HTTP: a questionnaire built, published and
locked once answered; a run opened for a group, shared by its code and link, concluded and
closed; its results read with the radar and downloaded with the admin session. Every change goes
through the services (audit entry and event, channel ``admin``), and a refused change leaves
nothing behind."""

from html.parser import HTMLParser

import pytest
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.diagnostics.models import Diagnostic, Group, Run
from imedia_core.events.models import OutboxEvent

HOST = {"HTTP_HOST": "testserver"}
ADMIN = "/t/alpha/admin/diagnostics/"


class FormFields(HTMLParser):
    """What a browser sends for the page's forms (inputs, selects, textareas)."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") != "checkbox" or "checked" in attrs:
                self.data[name] = attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data.lstrip("\n") if not self.data[self._textarea] else data


def page_form(client, url) -> dict:
    response = client.get(url, **HOST)
    assert response.status_code == 200
    parser = FormFields()
    parser.feed(response.content.decode())
    parser.data.pop("csrfmiddlewaretoken", None)
    return parser.data


def audit(action):
    """Channels of the entries for ``action`` made by a person (the fixtures' are the system's)."""
    with schema_context("alpha"):
        return list(AuditEntry.objects.filter(action=action, actor_id__isnull=False).values_list("via", flat=True))


def events(event_type):
    with schema_context("alpha"):
        return OutboxEvent.objects.filter(type=event_type, actor_id__isnull=False).count()


@pytest.fixture
def staff(client, tenant_a, make_user):
    client.force_login(make_user("curation@alpha.test", "facilitator", tenant_a))
    return client


def rows(prefix, rows_data):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows_data)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows_data):
        data |= {f"{prefix}-{index}-{name}": value for name, value in row.items()}
    return data


def new_diagnostic(**overrides):
    data = {
        "title": "Notre coopération",
        "slug": "",
        "description": "<p>Pour <b>faire le point</b>.</p><script>x</script>",
        "scorer_key": "weighted_mean",
        "status": "draft",
        **rows(
            "dimensions",
            [
                {"position": "0", "slug": "ecoute", "title": "Écoute", "description": "", "phase": ""},
                {"position": "1", "slug": "action", "title": "Action", "description": "", "phase": ""},
            ],
        ),
        **rows("items", []),
        **rows("maturity_levels", []),
    }
    return data | overrides


def test_build_a_questionnaire_through_the_services(staff, scored):
    assert staff.get(f"{ADMIN}diagnostic/add/", **HOST).status_code == 200
    created = staff.post(f"{ADMIN}diagnostic/add/", new_diagnostic(), **HOST)
    assert created.status_code == 302
    with schema_context("alpha"):
        diagnostic = Diagnostic.objects.get(slug="notre-cooperation")
        assert "<script>" not in diagnostic.description and diagnostic.status == "draft"
        assert [d.slug for d in diagnostic.dimensions.all()] == ["ecoute", "action"]
        assert [level.label for level in diagnostic.maturity_levels.all()] == ["À construire", "En cours", "Acquis"]
    assert audit("diagnostic.created") == ["admin"] and events("diagnostic.created") == 1

    # Items on the saved dimensions, one with its own scale, then published from the form.
    url = f"{ADMIN}diagnostic/{diagnostic.pk}/change/"
    data = page_form(staff, url)
    data |= rows(
        "items",
        [
            {
                "position": "0",
                "dimension_key": "ecoute",
                "text": "Nous écoutons",
                "help_text": "",
                "weight": "1",
                "scale_text": "",
            },
            {
                "position": "1",
                "dimension_key": "action",
                "text": "Nous agissons",
                "help_text": "",
                "weight": "2",
                "scale_text": "Jamais = 0\nParfois = 1\nSouvent = 2",
            },
        ],
    )
    data["status"] = "published"
    saved = staff.post(url, data, **HOST)
    assert saved.status_code == 302, saved.content.decode()[:3000]
    with schema_context("alpha"):
        diagnostic.refresh_from_db()
        items = list(diagnostic.items.order_by("position"))
        assert [(i.text, i.dimension.slug, i.weight) for i in items] == [
            ("Nous écoutons", "ecoute", 1.0),
            ("Nous agissons", "action", 2.0),
        ]
        assert len(items[0].scale) == 4 and [o["label"] for o in items[1].scale] == ["Jamais", "Parfois", "Souvent"]
        assert diagnostic.status == "published" and diagnostic.published_at is not None
    assert audit("diagnostic.updated") == ["admin"] and audit("diagnostic.published") == ["admin"]

    # The page shows each item's scale as text, and saving it unchanged changes nothing.
    again = page_form(staff, url)
    assert again["items-1-scale_text"].splitlines() == ["Jamais = 0", "Parfois = 1", "Souvent = 2"]


def test_refusals_show_on_the_form_and_save_nothing(staff, scored):
    # Without dimension rows, one dimension per phase of the active cycle: items go on them.
    data = new_diagnostic(title="Bancal") | rows("dimensions", [])
    data |= rows(
        "items",
        [
            {
                "position": "0",
                "dimension_key": "mobiliser",
                "text": "Un seul choix",
                "help_text": "",
                "weight": "1",
                "scale_text": "Oui = 1",
            }
        ],
    )
    refused = staff.post(f"{ADMIN}diagnostic/add/", data, **HOST)
    assert refused.status_code == 200
    assert "Une échelle de réponse a besoin d&#x27;au moins deux options." in refused.content.decode()
    bad_line = staff.post(f"{ADMIN}diagnostic/add/", data | {"items-0-scale_text": "Oui\nNon = 0"}, **HOST)
    assert bad_line.status_code == 200 and "Libellé = score" in bad_line.content.decode()
    duplicate = staff.post(f"{ADMIN}diagnostic/add/", new_diagnostic(slug=scored.diagnostic.slug), **HOST)
    assert duplicate.status_code == 200 and "est déjà utilisé" in duplicate.content.decode()
    # Published without an item: the service refuses, the whole save is rolled back.
    unpublishable = staff.post(f"{ADMIN}diagnostic/add/", new_diagnostic(title="Vide", status="published"), **HOST)
    assert unpublishable.status_code == 302
    assert (
        "Un diagnostic sans item ne peut pas être publié."
        in staff.get(unpublishable["Location"], **HOST).content.decode()
    )
    with schema_context("alpha"):
        assert not Diagnostic.objects.filter(title__in=["Bancal", "Vide"]).exists()
    assert audit("diagnostic.created") == [] and events("diagnostic.created") == 0
    # Corrected, the same page saves in one step, published, on the cycle's phases.
    fixed = data | {"title": "Droit", "items-0-scale_text": "Non = 0\nOui = 1", "status": "published"}
    assert staff.post(f"{ADMIN}diagnostic/add/", fixed, **HOST).status_code == 302
    with schema_context("alpha"):
        made = Diagnostic.objects.get(title="Droit")
        assert [(d.slug, d.phase.title) for d in made.dimensions.all()] == [
            ("mobiliser", "Mobiliser"),
            ("agir", "Agir"),
        ]
        assert made.status == "published" and made.items.get().scale[1] == {"label": "Oui", "score": 1.0}
    assert audit("diagnostic.created") == ["admin"] and audit("diagnostic.published") == ["admin"]


def test_items_are_locked_once_answered(staff, scored):
    diagnostic = scored.diagnostic
    url = f"{ADMIN}diagnostic/{diagnostic.pk}/change/"
    page = staff.get(url, **HOST).content.decode()
    assert "Dimension A" in page and "1 = 1 ; 2 = 2 ; 3 = 3 ; 4 = 4 ; 5 = 5" in page  # b2's own scale
    assert "Pas du tout = 0 ; Un peu = 1 ; Plutôt = 2 ; Tout à fait = 3" in page  # each item, read-only
    data = page_form(staff, url)
    assert "items-0-text" not in data and "items-__prefix__-text" not in data  # read-only rows, no add row
    with schema_context("alpha"):
        before = list(diagnostic.items.values_list("pk", "text", "scale"))
    data["title"] = "Où en sommes-nous, vraiment ?"
    assert staff.post(url, data, **HOST).status_code == 302
    with schema_context("alpha"):
        diagnostic.refresh_from_db()
        assert diagnostic.title == "Où en sommes-nous, vraiment ?"
        assert list(diagnostic.items.values_list("pk", "text", "scale")) == before
    assert audit("diagnostic.updated") == ["admin"]
    # No hard delete: a questionnaire is archived.
    assert staff.get(f"{ADMIN}diagnostic/{diagnostic.pk}/delete/", **HOST).status_code == 403
    archived = staff.post(f"{ADMIN}diagnostic/", {"action": "archive", "_selected_action": [diagnostic.pk]}, **HOST)
    assert archived.status_code == 302
    with schema_context("alpha"):
        diagnostic.refresh_from_db()
        assert diagnostic.status == "archived"
    assert audit("diagnostic.archived") == ["admin"]


def test_open_share_conclude_and_close_a_run(staff, scored):
    diagnostic = scored.diagnostic
    form = staff.get(f"{ADMIN}run/add/", **HOST).content.decode()
    assert "Où en sommes-nous ?" in form
    opened = staff.post(
        f"{ADMIN}run/add/",
        {
            "diagnostic": diagnostic.pk,
            "group_name": "Conseil citoyen",
            "title": "",
            "held_on": "2025-09-01",
            "allow_anonymous": "on",
        },
        **HOST,
    )
    assert opened.status_code == 302
    with schema_context("alpha"):
        run = Run.objects.get(group__name="Conseil citoyen")
    assert opened["Location"] == f"{ADMIN}run/{run.pk}/change/"
    assert run.title == "Où en sommes-nous ? — 01/09/2025" and run.facilitator_label
    assert audit("diagnostic_run.opened") == ["admin"] and events("diagnostic_run.opened") == 1

    page = staff.get(opened["Location"], **HOST).content.decode()
    shown = f"{run.code[:4]}-{run.code[4:]}"
    assert shown in page and f"https://alpha.test/?code={run.code}" in page
    assert "Clôturer la passation" in page

    data = page_form(staff, opened["Location"])
    data |= {"conclusions": "<b>Nous</b> avançons.", "priorities": "Aller vers."}
    assert staff.post(opened["Location"], data, **HOST).status_code == 302
    with schema_context("alpha"):
        run.refresh_from_db()
        assert (run.conclusions, run.priorities, run.status) == ("Nous avançons.", "Aller vers.", "open")
    assert audit("diagnostic_run.concluded") == ["admin"]

    close = f"{ADMIN}run/{run.pk}/close/"
    assert staff.get(close, **HOST).status_code == 405
    assert staff.post(close, **HOST)["Location"] == opened["Location"]
    with schema_context("alpha"):
        run.refresh_from_db()
        assert run.status == "closed" and run.closed_at is not None
    assert audit("diagnostic_run.closed") == ["admin"]
    # Closing twice is refused by the service: a message, nothing recorded.
    again = staff.post(close, follow=True, **HOST)
    assert "Cette passation est déjà clôturée." in again.content.decode()
    assert "Clôturer la passation" not in again.content.decode()
    assert audit("diagnostic_run.closed") == ["admin"]


def test_a_run_of_an_unpublished_diagnostic_is_refused(staff, scored):
    diagnostic = scored.diagnostic
    with schema_context("alpha"):
        Diagnostic.objects.filter(pk=diagnostic.pk).update(status="draft")
    refused = staff.post(
        f"{ADMIN}run/add/",
        {"diagnostic": diagnostic.pk, "group_name": "Conseil citoyen", "title": "", "held_on": ""},
        **HOST,
    )
    assert refused.status_code == 200 and "errornote" in refused.content.decode()
    with schema_context("alpha"):
        assert not Group.objects.filter(name="Conseil citoyen").exists()
    assert audit("diagnostic_run.opened") == []


def test_close_runs_from_the_list(staff, scored):
    run = scored.runs["current"]
    response = staff.post(f"{ADMIN}run/", {"action": "close", "_selected_action": [run.pk]}, **HOST)
    assert response.status_code == 302
    with schema_context("alpha"):
        run.refresh_from_db()
        assert run.status == "closed"
    assert audit("diagnostic_run.closed") == ["admin"]


def test_results_with_the_radar_on_the_run_page(staff, scored):
    run = scored.runs["current"]
    page = staff.get(f"{ADMIN}run/{run.pk}/change/", **HOST)
    body = page.content.decode()
    assert page.status_code == 200
    assert "3 participant·es ont répondu." in body
    assert 'role="img"' in body and "radar-desc" in body and "Dimension A" in body
    assert "membre@alpha.test" not in body  # members are pseudonymised
    assert f'href="/t/alpha/api/diagnostics/runs/{run.pk}/results.csv"' in body
    # The links work with the admin session, as with a bearer token.
    csv_response = staff.get(f"/t/alpha/api/diagnostics/runs/{run.pk}/results.csv", **HOST)
    assert csv_response.status_code == 200 and "Participant·e 1" in csv_response.content.decode("utf-8-sig")
    radar = staff.get(f"/t/alpha/api/diagnostics/runs/{run.pk}/radar.svg", **HOST)
    assert radar.status_code == 200 and radar["Content-Type"] == "image/svg+xml; charset=utf-8"


def test_downloads_for_other_sessions(client, tenant_a, make_user, scored):
    run = scored.runs["current"]
    csv_url = f"/t/alpha/api/diagnostics/runs/{run.pk}/results.csv"
    # Nobody, and a signed-in person who neither runs diagnostics nor answered: not found, as
    # with a bearer token (a run's results are never said to exist to them).
    assert client.get(csv_url, **HOST).status_code == 404
    client.force_login(make_user("curieux@alpha.test", "participant", tenant_a))
    assert client.get(csv_url, **HOST).status_code == 404


def test_groups_are_read_only(staff, scored):
    assert staff.get(f"{ADMIN}group/", **HOST).status_code == 200
    assert staff.get(f"{ADMIN}group/add/", **HOST).status_code == 403


def test_participants_cannot_use_the_admin(client, tenant_a, make_user, scored):
    client.force_login(make_user("p@alpha.test", "participant", tenant_a))
    for url in (f"{ADMIN}run/", f"{ADMIN}run/{scored.runs['current'].pk}/close/"):
        response = client.post(url, **HOST) if url.endswith("close/") else client.get(url, **HOST)
        assert response.status_code == 302 and "/login/" in response["Location"]
    with schema_context("alpha"):
        assert Run.objects.get(pk=scored.runs["current"].pk).status == "open"
