"""The platform admin lists the commons and can withdraw a practice on behalf of its programme;
the tenant admin has no commons page."""

from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.commons.models import Practice
from imedia_core.events.models import OutboxEvent


def test_platform_admin_lists_and_withdraws(client, make_user, share):
    practice = share(title="Une pratique à retirer", summary="Elle contient un nom.")
    root = make_user("root@platform.test", is_staff=True, is_superuser=True)
    client.force_login(root)
    listing = client.get("/admin/commons/practice/", HTTP_HOST="testserver")
    assert listing.status_code == 200 and "Une pratique à retirer" in listing.content.decode()
    pk = Practice.objects.get().pk
    response = client.post(
        "/admin/commons/practice/",
        {"action": "withdraw", "_selected_action": [pk]},
        HTTP_HOST="testserver",
    )
    assert response.status_code == 302
    assert Practice.objects.get().status == "unpublished"
    with schema_context("alpha"):
        assert OutboxEvent.objects.filter(type="practice.unpublished").count() == 1
        assert AuditEntry.objects.get(action="practice.unpublished").via == "admin"
    assert practice["id"]
    # Read only: no add, no change, no delete.
    assert client.get("/admin/commons/practice/add/", HTTP_HOST="testserver").status_code == 403


def test_tenant_admin_has_no_commons_page(client, make_user, tenant_a):
    client.force_login(make_user("admin@alpha.test", "tenant_admin", tenant_a))
    assert client.get("/t/alpha/admin/commons/practice/", HTTP_HOST="testserver").status_code == 404
