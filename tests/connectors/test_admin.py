"""Links in the space's admin: created and changed through the services (journalled, emitted),
with the mapping as list editors and the credentials as write-only inputs, never shown."""

import pytest
from django_tenants.utils import tenant_context

from imedia_core.audit.models import AuditEntry
from imedia_core.connectors import secrets
from imedia_core.connectors.models import Link

from .fake import KEY

ADD = "/t/alpha/admin/connectors/link/add/"
CHANGE = "/t/alpha/admin/connectors/link/{pk}/change/"
SECRET = "secret-tres-prive-42"


def management(prefix, total=1, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def form(**extra):
    data = {
        "platform": KEY,
        "name": "Concertation mobilités",
        "base_url": "https://plateforme.example.org",
        "direction": "both",
        "schedule_minutes": "60",
        "full_sync_hours": "24",
        "is_active": "on",
        f"space__{KEY}__process": "mobilites",
        f"credential__{KEY}__api_key": "cle-publique",
        f"credential__{KEY}__api_secret": SECRET,
        **management("kind_rules"),
        "kind_rules-0-external_kind": "debate",
        "kind_rules-0-kind": "question",
        **management("step_rules", total=0),
    }
    data.update(extra)
    return data


@pytest.fixture
def space_admin(client, tenant_a, make_user, fake_platform):
    client.force_login(make_user("admin-connecteurs@alpha.test", "tenant_admin", tenant_a))
    return client


def test_an_admin_creates_a_link_with_its_mapping_through_the_services(space_admin, tenant_a):
    page = space_admin.get(ADD, HTTP_HOST="testserver")
    assert page.status_code == 200 and "Processus participatif" in page.content.decode()
    response = space_admin.post(ADD, form(), HTTP_HOST="testserver")
    assert response.status_code == 302, response.content.decode()[:2000]
    with tenant_context(tenant_a):
        link = Link.objects.get()
        assert link.space == {"process": "mobilites"}
        assert list(link.kind_rules.values_list("external_kind", "kind")) == [("debate", "question")]
        assert secrets.decrypt(link.credentials_token)["api_secret"] == SECRET
        assert AuditEntry.objects.get(action="connector.link_created").via == "admin"
    change = space_admin.get(CHANGE.format(pk=link.pk), HTTP_HOST="testserver").content.decode()
    assert SECRET not in change and "cle-publique" not in change and link.credentials_token not in change


def test_credentials_left_blank_are_kept_and_new_ones_replace_them(space_admin, tenant_a):
    space_admin.post(ADD, form(), HTTP_HOST="testserver")
    with tenant_context(tenant_a):
        link = Link.objects.get()
        rule = link.kind_rules.get()
    kept = form(**{f"credential__{KEY}__api_key": "", f"credential__{KEY}__api_secret": "", "name": "Mobilités 2027"})
    kept.update(management("kind_rules", total=1, initial=1))
    kept["kind_rules-0-id"] = str(rule.pk)
    kept["kind_rules-0-link"] = str(link.pk)
    kept.pop("platform")
    response = space_admin.post(CHANGE.format(pk=link.pk), kept, HTTP_HOST="testserver")
    assert response.status_code == 302, response.content.decode()[:2000]
    with tenant_context(tenant_a):
        link.refresh_from_db()
        assert link.name == "Mobilités 2027"
        assert secrets.decrypt(link.credentials_token)["api_secret"] == SECRET
        kept["kind_rules-0-id"] = str(link.kind_rules.get().pk)  # the service stores the list anew
    replaced = dict(kept, **{f"credential__{KEY}__api_key": "cle-2", f"credential__{KEY}__api_secret": "autre-secret"})
    assert space_admin.post(CHANGE.format(pk=link.pk), replaced, HTTP_HOST="testserver").status_code == 302
    with tenant_context(tenant_a):
        link.refresh_from_db()
        assert secrets.decrypt(link.credentials_token) == {"api_key": "cle-2", "api_secret": "autre-secret"}


def test_a_refused_address_changes_nothing(space_admin, tenant_a, settings):
    settings.IMEDIA_CONNECTORS_ALLOW_PRIVATE_ADDRESSES = False
    space_admin.post(ADD, form(base_url="https://10.0.0.7"), HTTP_HOST="testserver")
    with tenant_context(tenant_a):
        assert not Link.objects.exists()


def test_a_facilitator_has_no_connectors_page(client, tenant_a, make_user, fake_platform):
    client.force_login(make_user("animation@alpha.test", "facilitator", tenant_a))
    assert client.get(ADD, HTTP_HOST="testserver").status_code == 403
