"""The tenant admin checks the signed-in person's role in *this* tenant on every request."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from imedia_core.audit.log import record
from imedia_core.audit.models import AuditEntry
from imedia_core.events.models import OutboxEvent
from tenants.models import Tenant
from tests.conftest import PASSWORD


def test_admin_access_follows_tenant_role(client, tenant_a, tenant_b, make_user):
    admin = make_user("adm@alpha.test", "tenant_admin", tenant_a)
    client.force_login(admin)
    with schema_context("alpha"):
        record("test.visible", summary="entrée visible")
    response = client.get("/t/alpha/admin/audit/auditentry/", HTTP_HOST="testserver")
    assert response.status_code == 200
    assert "entrée visible" in response.content.decode()
    # Same session, other tenant: no role there, so the login page, not the data.
    response = client.get("/t/beta/admin/audit/auditentry/", HTTP_HOST="testserver")
    assert response.status_code == 302
    assert response["Location"].startswith("/t/beta/admin/login/")


def test_participant_cannot_use_admin(client, tenant_a, make_user):
    client.force_login(make_user("p@alpha.test", "participant", tenant_a))
    response = client.get("/t/alpha/admin/", HTTP_HOST="testserver")
    assert response.status_code == 302


def test_facilitator_uses_admin_but_not_the_journal(client, tenant_a, make_user):
    client.force_login(make_user("f@alpha.test", "facilitator", tenant_a))
    assert client.get("/t/alpha/admin/", HTTP_HOST="testserver").status_code == 200
    assert client.get("/t/alpha/admin/audit/auditentry/", HTTP_HOST="testserver").status_code == 403


def test_platform_admin_is_for_platform_staff(client, make_user, tenant_a):
    staff = make_user("root@platform.test", is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.get("/admin/tenants/tenant/", HTTP_HOST="testserver")
    assert response.status_code == 200
    assert "Espace Alpha" in response.content.decode()
    assert "imedia_template" not in response.content.decode()


def test_tenant_staff_log_in_with_their_tenant_role(client, tenant_a, tenant_b, make_user):
    make_user("animation@alpha.test", "facilitator", tenant_a)
    response = client.post(
        "/t/alpha/admin/login/",
        {"username": "animation@alpha.test", "password": PASSWORD, "next": "/t/alpha/admin/"},
        HTTP_HOST="testserver",
    )
    assert response.status_code == 302
    assert response["Location"] == "/t/alpha/admin/"
    client.logout()
    # No role in beta: the same credentials are refused there.
    response = client.post(
        "/t/beta/admin/login/",
        {"username": "animation@alpha.test", "password": PASSWORD},
        HTTP_HOST="testserver",
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_platform_admin_status_actions_go_through_provisioning(client, make_user, tenant_a):
    staff = make_user("root2@platform.test", is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.post(
        "/admin/tenants/tenant/",
        {"action": "suspend", "_selected_action": [tenant_a.pk]},
        HTTP_HOST="testserver",
    )
    assert response.status_code == 200  # the confirmation page, asking for a reason
    assert Tenant.objects.get(pk=tenant_a.pk).status == "active"
    response = client.post(
        "/admin/tenants/tenant/",
        {"action": "suspend", "_selected_action": [tenant_a.pk], "confirm": "1", "reason": "Fin de convention"},
        HTTP_HOST="testserver",
    )
    assert response.status_code == 302
    tenant = Tenant.objects.get(pk=tenant_a.pk)
    assert (tenant.status, tenant.status_reason) == ("suspended", "Fin de convention")
    with schema_context("alpha"):
        last = AuditEntry.objects.order_by("-id").first()
        event = OutboxEvent.objects.order_by("-id").first()
    assert (last.action, last.via, last.actor_id) == ("tenant.suspended", "admin", staff.pk)
    assert (event.type, event.actor_id) == ("tenant.suspended", staff.pk)


def test_admin_page_looks_the_role_up_once(client, tenant_a, make_user):
    client.force_login(make_user("unefois@alpha.test", "tenant_admin", tenant_a))
    client.get("/t/alpha/admin/", HTTP_HOST="testserver")  # warm the routing cache
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/t/alpha/admin/", HTTP_HOST="testserver").status_code == 200
    role_queries = [q for q in captured.captured_queries if "tenants_membership" in q["sql"]]
    assert len(role_queries) == 1
