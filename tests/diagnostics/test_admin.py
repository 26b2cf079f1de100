"""Self-diagnostics in the tenant admin: listed and editable by staff, runs without an add
button (they are opened over the API), participants not shown individually."""

from django_tenants.utils import schema_context

HOST = {"HTTP_HOST": "testserver"}


def test_admin_pages(client, tenant_a, make_user, scored):
    client.force_login(make_user("curation@alpha.test", "facilitator", tenant_a))
    diagnostic = scored.diagnostic
    run = scored.runs["current"]
    listing = client.get("/t/alpha/admin/diagnostics/diagnostic/", **HOST)
    assert listing.status_code == 200 and "Où en sommes-nous ?" in listing.content.decode()
    change = client.get(f"/t/alpha/admin/diagnostics/diagnostic/{diagnostic.pk}/change/", **HOST)
    assert change.status_code == 200 and "Dimension A" in change.content.decode()
    runs = client.get("/t/alpha/admin/diagnostics/run/", **HOST)
    body = runs.content.decode()
    assert runs.status_code == 200 and "Juin" in body and "Janvier" in body
    assert "/t/alpha/admin/diagnostics/run/add/" not in body
    page = client.get(f"/t/alpha/admin/diagnostics/run/{run.pk}/change/", **HOST)
    assert page.status_code == 200 and "membre@alpha.test" not in page.content.decode()
    data = {
        "title": "Juin (bilan)",
        "held_on": "2025-06-15",
        "allow_anonymous": "on",
        "conclusions": "<b>Nous</b> avançons.",
        "priorities": "Aller vers.",
    }
    saved = client.post(f"/t/alpha/admin/diagnostics/run/{run.pk}/change/", data, **HOST)
    assert saved.status_code == 302
    with schema_context("alpha"):
        run.refresh_from_db()
    assert (run.title, run.conclusions, run.status) == ("Juin (bilan)", "Nous avançons.", "open")


def test_participants_cannot_use_the_admin(client, tenant_a, make_user, scored):
    client.force_login(make_user("p@alpha.test", "participant", tenant_a))
    response = client.get("/t/alpha/admin/diagnostics/run/", **HOST)
    assert response.status_code == 302 and "/login/" in response["Location"]
