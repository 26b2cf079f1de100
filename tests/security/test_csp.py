"""Content-Security-Policy and the other security headers (imedia_core/security_headers.py).

Every HTML page (platform admin, a space's back office, GraphiQL, the built-in preview, error
pages) carries a strict policy; API answers keep only the headers that are safe everywhere; a
page that set its own policy (an embeddable widget) keeps it.
"""

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from django.http import HttpResponse, JsonResponse
from django.test import Client, RequestFactory
from django_tenants.utils import schema_context

from imedia_core.pages.models import Page
from imedia_core.security_headers import SecurityHeadersMiddleware, build_policy, parse_sources

HOST = {"HTTP_HOST": "testserver"}
ROOT = Path(__file__).resolve().parents[2]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"(?:importmap|application/json)\")[^>]*>", re.I)


def policy_of(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def assert_strict(response):
    policy = policy_of(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    script = policy["script-src"]
    assert script[0] == "'self'" and all(source.startswith("'sha256-") for source in script[1:]), script
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert not INLINE_SCRIPT.search(response.content.decode()), "an inline script would be blocked"


@pytest.fixture
def staff_client(client, tenant_a, make_user):
    client.force_login(make_user("csp-admin@alpha.test", "tenant_admin", tenant_a))
    return client


def test_admin_pages_of_the_platform_and_of_a_space_have_a_strict_policy(client, tenant_a):
    for url in ("/admin/login/", "/t/alpha/admin/login/"):
        response = client.get(url, **HOST)
        assert response.status_code == 200, url
        assert_strict(response)


def test_back_office_and_preview_pages_have_a_strict_policy(staff_client):
    with schema_context("alpha"):
        page = Page.objects.create(slug="csp", path="csp", title="Qui sommes-nous", body="<p>Nous.</p>")
    for url in ("/t/alpha/admin/", "/t/alpha/admin/pages/page/", f"/t/alpha/admin/apercu/page/{page.pk}/"):
        response = staff_client.get(url, **HOST)
        assert response.status_code == 200, url
        assert_strict(response)


def test_the_rich_text_editor_import_map_is_allowed_by_its_hash_only(staff_client):
    """The prose editor's ``<script type="importmap">`` maps modules to static files: its exact
    body is allowed by hash, nothing else inline is."""
    response = staff_client.get("/t/alpha/admin/pages/page/add/", **HOST)
    html = response.content.decode()
    bodies = re.findall(r"<script type=\"importmap\"[^>]*>(.*?)</script>", html, re.S)
    assert bodies, "the change form renders the editor's import map"
    expected = {f"'sha256-{base64.b64encode(hashlib.sha256(b.encode()).digest()).decode()}'" for b in bodies}
    assert set(policy_of(response)["script-src"][1:]) == expected
    assert_strict(response)


def test_an_import_map_pointing_outside_the_static_files_gets_no_hash(settings):
    foreign = json.dumps({"imports": {"editor": "https://cdn.example.org/editor.js"}})
    html = f'<!doctype html><script type="importmap">{foreign}</script>'
    response = SecurityHeadersMiddleware(lambda request: HttpResponse(html))(RequestFactory().get("/"))
    assert policy_of(response)["script-src"] == ["'self'"]


def test_graphiql_page_has_a_strict_policy_and_no_inline_script(client, tenant_a, settings):
    settings.IMEDIA_GRAPHIQL = True
    response = client.get("/t/alpha/graphql/", HTTP_ACCEPT="text/html", **HOST)
    assert response.status_code == 200
    assert_strict(response)
    assert policy_of(response)["connect-src"] == ["'self'"]  # GraphiQL posts to its own origin
    assert "cdn" not in response.content.decode().lower()


def test_an_html_error_page_has_the_policy(tenant_a):
    """Django's CSRF failure page (403, HTML): error pages are covered too."""
    response = Client(enforce_csrf_checks=True).post("/t/alpha/admin/login/", {"username": "x"}, **HOST)
    assert response.status_code == 403 and response["Content-Type"].startswith("text/html")
    assert_strict(response)


def test_api_answers_get_only_the_headers_safe_everywhere(api, tenant_a):
    response = api.graphql("{ __typename }", tenant=tenant_a)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert "Content-Security-Policy" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "microphone=()" in response.headers["Permissions-Policy"]


def test_a_page_that_set_its_own_policy_keeps_it():
    """An embeddable widget's frame sets its own ``frame-ancestors``: left untouched, as are
    headers the view chose."""
    own = "default-src 'self'; frame-ancestors https://participer.example.org"

    def widget_view(request):
        response = HttpResponse("<!doctype html><p>Widget</p>")
        response["Content-Security-Policy"] = own
        response["Referrer-Policy"] = "no-referrer"
        return response

    response = SecurityHeadersMiddleware(widget_view)(RequestFactory().get("/widgets/frame/"))
    assert response["Content-Security-Policy"] == own
    assert response["Referrer-Policy"] == "no-referrer"
    json_response = SecurityHeadersMiddleware(lambda request: JsonResponse({"ok": True}))(RequestFactory().get("/"))
    assert "Content-Security-Policy" not in json_response


def test_extra_sources_come_from_the_setting(settings):
    settings.IMEDIA_CSP_EXTRA_SOURCES = "img-src https://images.example.org; connect-src https://api.example.org"
    response = SecurityHeadersMiddleware(lambda request: HttpResponse("<p>ok</p>"))(RequestFactory().get("/"))
    policy = policy_of(response)
    assert policy["img-src"] == ["'self'", "data:", "https://images.example.org"]
    assert policy["connect-src"] == ["'self'", "https://api.example.org"]
    assert policy["script-src"] == ["'self'"]
    # A new directive starts from 'self' (for a fetch directive); keywords never weaken the policy.
    assert "media-src 'self' https://videos.example.org" in build_policy(
        parse_sources("media-src https://videos.example.org")
    )
    with pytest.raises(ValueError):
        parse_sources("script-src 'unsafe-inline'")


def test_no_template_holds_an_inline_script():
    """Scripts are static files (a hash or nonce would be needed otherwise): every template of the
    project and its bundled plugins loads its scripts with ``src``."""
    offenders = []
    for folder in ("imedia_core", "tenants", "plugins"):
        for template in (ROOT / folder).rglob("templates/**/*.html"):
            if INLINE_SCRIPT.search(template.read_text(encoding="utf-8")):
                offenders.append(str(template.relative_to(ROOT)))
    assert offenders == []
