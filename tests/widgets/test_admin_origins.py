"""The operator console edits THE list of a space's allowed sites (one origin per line, not
JSON), and what is saved there opens the space's widget frames and its API, for that space only."""

import pytest

from tenants.models import Tenant
from tests.admin.test_platform_admin_members_and_plugins import CHANGE_URL, change_form, post_change

LABEL = "Sites autorisés à intégrer (CORS et widgets)"


@pytest.fixture
def platform_staff(client, make_user):
    user = make_user("plateforme-widgets@platform.test", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_the_list_is_edited_as_lines_and_drives_widgets_and_cors(client, platform_staff, tenant_a, tenant_b):
    page = client.get(CHANGE_URL.format(pk=tenant_a.pk), HTTP_HOST="testserver").content.decode()
    assert LABEL in page
    assert '<textarea name="cors_allowed_origins"' in page  # lines, not a JSON editor
    data = change_form(client, tenant_a)
    data["cors_allowed_origins"] = "https://Www.Ville-Exemple.fr\nhttp://localhost:5173"
    response = post_change(client, tenant_a, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Tenant.objects.get(pk=tenant_a.pk).cors_allowed_origins == [
        "https://www.ville-exemple.fr",
        "http://localhost:5173",
    ]

    framed = client.get("/t/alpha/widgets/contribuer/", HTTP_HOST="testserver")
    assert (
        "frame-ancestors 'self' https://www.ville-exemple.fr http://localhost:5173" in framed["Content-Security-Policy"]
    )
    beta = client.get("/t/beta/widgets/contribuer/", HTTP_HOST="testserver")
    assert "ville-exemple" not in beta["Content-Security-Policy"]
    preflight = {"HTTP_ORIGIN": "https://www.ville-exemple.fr", "HTTP_ACCESS_CONTROL_REQUEST_METHOD": "POST"}
    allowed = client.options("/t/alpha/graphql/", HTTP_HOST="testserver", **preflight)
    assert allowed["Access-Control-Allow-Origin"] == "https://www.ville-exemple.fr"
    assert "Access-Control-Allow-Origin" not in client.options("/t/beta/graphql/", HTTP_HOST="testserver", **preflight)


def test_a_wrong_line_is_refused_with_its_reason(client, platform_staff, tenant_a):
    data = change_form(client, tenant_a)
    data["cors_allowed_origins"] = "https://ok.exemple.fr\nhttps://x.exemple.fr; script-src *"
    response = post_change(client, tenant_a, data)
    assert response.status_code == 200
    assert "« https://x.exemple.fr; script-src * » a un nom d&#x27;hôte invalide" in response.content.decode()
    assert Tenant.objects.get(pk=tenant_a.pk).cors_allowed_origins == []
