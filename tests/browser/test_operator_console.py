"""Operator, in the platform console: create a programme from a template (the new space answers
GraphQL with the template's cycle); compare programmes' indicators and download the XLSX (the
figures are those each programme's GraphQL ``indicators`` gives)."""

import io

import httpx
import pytest
from django.core.cache import caches
from openpyxl import load_workbook

from imedia_core.context import Channel, ServiceContext
from tenants.models import Operator, OperatorMembership, Tenant, User
from tenants.provisioning import TenantSpec, delete_tenant, provision_tenant
from tests.auth.helpers import token_for
from tests.conftest import PASSWORD

NEW_SLUG = "nav_rsa_val_de_marne"
CYCLE = "{ cycle { name phases { title } } }"
PROGRAMMES = {"nav_prog_nord": "Programme Nord", "nav_prog_sud": "Programme Sud"}
SUBMIT = """
mutation ($input: ContributionSubmitInput!) { contributionSubmit(input: $input) { errors { code } } }
"""
TOTAL = "{ indicators { contributions { total } } }"


@pytest.fixture
def operator_admin(committed_db):
    """An operator's admin (platform staff flag, one operator); what the test creates goes too."""
    operator = Operator.objects.create(slug="op-navigateur", name="Opérateur du navigateur")
    user = User.objects.create_user(email="operateur@navigateur.test", password=PASSWORD, is_staff=True)
    OperatorMembership.objects.create(user=user, operator=operator)
    try:
        yield user
    finally:
        for created in Tenant.objects.filter(schema_name__in=[NEW_SLUG, *PROGRAMMES]):
            delete_tenant(ServiceContext.system(Channel.CLI), created, confirm=created.schema_name)
        User.objects.filter(email__endswith="@operateur.navigateur.test").delete()
        user.delete()
        operator.delete()
        for alias in ("default", "platform"):
            caches[alias].clear()


def test_create_a_programme_from_a_template(operator_admin, back_office, live_url):
    bo, page = back_office, back_office.page

    bo.sign_in(f"{live_url}/admin/", operator_admin)
    bo.open_list("tenants", "tenant")
    bo.click(page.locator(".object-tools").get_by_role("link", name="Créer un programme"))
    page.locator("#id_name").fill("RSA Val-de-Marne")
    page.locator("#id_slug").fill(NEW_SLUG)
    page.locator("#id_template").select_option("rsa")
    page.locator("#id_territory").fill("Val-de-Marne")
    bo.click(page.locator(".submit-row input[type='submit']"))

    steps = page.locator("#provision-steps")
    assert steps.count() == 1, bo.errors()
    assert "Participation des allocataires du RSA" in steps.inner_text()
    tenant = Tenant.objects.get(schema_name=NEW_SLUG)
    assert (tenant.name, tenant.operator.slug, tenant.template_key) == ("RSA Val-de-Marne", "op-navigateur", "rsa")

    # The new space is served at once, with the template's cycle, to the public.
    response = httpx.post(f"{live_url}/t/{NEW_SLUG}/graphql/", json={"query": CYCLE}, timeout=30)
    payload = response.json()
    assert response.status_code == 200 and "errors" not in payload, payload
    assert payload["data"]["cycle"] is not None and payload["data"]["cycle"]["phases"]


def _post(live_url, slug, query, variables=None, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = httpx.post(
        f"{live_url}/t/{slug}/graphql/",
        json={"query": query, "variables": variables or {}},
        headers=headers,
        timeout=30,
    )
    payload = response.json()
    assert response.status_code == 200 and "errors" not in payload, payload
    return payload["data"]


def test_compare_indicators_and_download_the_xlsx(operator_admin, back_office, live_url):
    operator = operator_admin.operator_memberships.get().operator
    for index, (slug, name) in enumerate(PROGRAMMES.items()):
        tenant = provision_tenant(
            ServiceContext.system(Channel.CLI), TenantSpec(slug=slug, name=name, operator=operator, template="rsa")
        ).tenant
        person = User.objects.create_user(email=f"{slug}@operateur.navigateur.test", password=PASSWORD)
        tenant.memberships.create(user=person, role="participant")
        for number in range(index + 1):  # Nord: 1 contribution, Sud: 2
            title = f"Contribution {number + 1} de {name}"
            data = _post(
                live_url, slug, SUBMIT, {"input": {"kind": "PROPOSAL", "title": title}}, token_for(person, tenant)
            )
            assert data["contributionSubmit"]["errors"] == []
    bo, page = back_office, back_office.page

    bo.sign_in(f"{live_url}/admin/", operator_admin)
    bo.open_list("tenants", "tenant")
    bo.click(page.locator(".object-tools").get_by_role("link", name="Indicateurs des programmes"))
    rows = page.locator("#programmes-indicators tbody tr")
    shown = {row.locator("th").inner_text(): row.locator("td").nth(1).inner_text() for row in rows.all()}
    with page.expect_download() as download_info:
        page.locator("#downloads").get_by_role("link", name="Télécharger en XLSX (tableur)").click()
    workbook = load_workbook(io.BytesIO(download_info.value.path().read_bytes()), read_only=True)
    cells = {str(cell) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for cell in row}

    for slug, name in PROGRAMMES.items():
        manager = User.objects.create_user(email=f"admin.{slug}@operateur.navigateur.test", password=PASSWORD)
        tenant = Tenant.objects.get(schema_name=slug)
        tenant.memberships.create(user=manager, role="tenant_admin")
        total = _post(live_url, slug, TOTAL, token=token_for(manager, tenant))["indicators"]["contributions"]["total"]
        assert shown[name] == str(total), (name, shown)
        assert name in cells
