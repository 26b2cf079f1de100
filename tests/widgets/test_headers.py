"""Widget pages and CORS over real HTTP (Django's test client): who may frame a space's widget
pages (``frame-ancestors``), who may call its API from a browser (CORS), and that every other
response keeps ``X-Frame-Options: DENY``."""

import re

import pytest

from tests.conftest import tenant_request_kwargs

ALPHA_SITE = "https://participer.alpha.example"
BETA_SITE = "https://concertation.beta.example"


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    found = {}
    for part in policy.split(";"):
        name, *values = part.split()
        found[name] = values
    return found


def widget(client, tenant, name, via="host", query=""):
    prefix, extra = tenant_request_kwargs(tenant, via)
    return client.get(f"{prefix}/widgets/{name}/{query}", **extra)


def preflight(client, tenant, origin, via="host"):
    prefix, extra = tenant_request_kwargs(tenant, via)
    return client.options(
        f"{prefix}/graphql/",
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
        **extra,
    )


@pytest.fixture
def origins(tenant_a, tenant_b):
    tenant_a.cors_allowed_origins = [ALPHA_SITE]
    tenant_a.save()
    tenant_b.cors_allowed_origins = [BETA_SITE]
    tenant_b.save()


@pytest.mark.parametrize("via", ["host", "path"])
@pytest.mark.parametrize("name", ["recherche", "retours", "contribuer", "phase"])
def test_widget_pages_may_be_framed_by_the_space_origins_only(client, tenant_a, origins, name, via):
    response = widget(client, tenant_a, name, via)
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'self'", ALPHA_SITE]
    assert policy["default-src"] == policy["script-src"] == policy["style-src"] == policy["connect-src"] == ["'self'"]
    page = response.content.decode()
    tag = {"recherche": "imedia-recherche", "retours": "imedia-retours"}.get(name, f"imedia-{name}")
    endpoint = "/t/alpha/graphql/" if via == "path" else "/graphql/"
    assert f'<{tag} graphql="{endpoint}" niveau-titre="1"' in page
    # No inline script or style: the policy would block them.
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert "<style" not in page and "style=" not in page
    assert '<html lang="fr">' in page


def test_widget_pages_get_the_configured_extra_sources_too(client, tenant_a, origins, settings):
    # One policy builder (imedia_core.security_headers): the platform's IMEDIA_CSP_EXTRA_SOURCES
    # reach widget pages as they reach every HTML page; the widget's own rules stay.
    settings.IMEDIA_CSP_EXTRA_SOURCES = "img-src https://images.example.org; frame-ancestors https://ailleurs.example"
    policy = directives(widget(client, tenant_a, "phase"))
    assert policy["img-src"] == ["'self'", "data:", "https://images.example.org"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'", ALPHA_SITE, "https://ailleurs.example"]


def test_beta_origins_do_not_open_alpha(client, tenant_a, tenant_b, origins):
    alpha = directives(widget(client, tenant_a, "recherche"))["frame-ancestors"]
    beta = directives(widget(client, tenant_b, "recherche", via="path"))["frame-ancestors"]
    assert BETA_SITE not in alpha and ALPHA_SITE not in beta
    assert beta == ["'self'", BETA_SITE]
    # CORS likewise: beta's site is refused by alpha's API, by host and by path.
    for via in ("host", "path"):
        refused = preflight(client, tenant_a, BETA_SITE, via)
        assert "Access-Control-Allow-Origin" not in refused
        allowed = preflight(client, tenant_a, ALPHA_SITE, via)
        assert allowed["Access-Control-Allow-Origin"] == ALPHA_SITE


def test_a_space_without_origins_is_framed_by_itself_only(client, tenant_a):
    response = widget(client, tenant_a, "retours")
    assert directives(response)["frame-ancestors"] == ["'self'"]


def test_platform_origins_apply_to_every_space(client, tenant_a, tenant_b, origins, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://portail.plateforme.example"]
    assert directives(widget(client, tenant_a, "phase"))["frame-ancestors"] == [
        "'self'",
        "https://portail.plateforme.example",
        ALPHA_SITE,
    ]
    assert "https://portail.plateforme.example" in directives(widget(client, tenant_b, "phase"))["frame-ancestors"]


def test_a_malformed_stored_origin_cannot_change_the_policy(client, tenant_a):
    # Stored by some other path than the admin's checked field: never copied into the header.
    tenant_a.cors_allowed_origins = [
        "https://ok.example:8443",
        "https://x.example; script-src *",
        "*",
        "https://y.example/chemin",
        "HTTPS://Majuscules.Example",
    ]
    tenant_a.save()
    response = widget(client, tenant_a, "recherche")
    assert directives(response)["frame-ancestors"] == [
        "'self'",
        "https://ok.example:8443",
        "https://majuscules.example",
    ]
    assert directives(response)["script-src"] == ["'self'"]


def test_every_other_response_keeps_deny(client, api, tenant_a, origins):
    prefix, extra = tenant_request_kwargs(tenant_a, "host")
    for response in (
        client.get("/graphql/", {"query": "{ tenant { name } }"}, **extra),
        api.graphql("{ tenant { name } }", tenant=tenant_a),
        client.get("/admin/login/", **extra),
        client.get("/api/", **extra),
        client.get("/widgets/inconnu/", **extra),
        client.get("/widgets/", **extra),
        client.get("/t/alpha/admin/login/", HTTP_HOST="testserver"),
        client.get("/admin/login/", HTTP_HOST="testserver"),
    ):
        assert response["X-Frame-Options"] == "DENY", response
        assert "frame-ancestors 'self' https" not in response.get("Content-Security-Policy", "")


def test_unknown_widget_and_writes_are_refused(client, tenant_a):
    assert widget(client, tenant_a, "inconnu").status_code == 404
    prefix, extra = tenant_request_kwargs(tenant_a, "host")
    assert client.post("/widgets/recherche/", **extra).status_code == 405
    assert client.head("/widgets/recherche/", **extra).status_code == 200


def test_query_settings_become_checked_attributes(client, tenant_a):
    query = (
        "?nombre=3&couleur-accent=%23005a9c&couleur-fond=red&titre=%3Cb%3EVos+questions%3C%2Fb%3E"
        "&lien-contribuer=javascript:alert(1)&inconnu=1"
    )
    page = widget(client, tenant_a, "recherche", query=query).content.decode()
    element = re.search(r"<imedia-recherche[^>]*>", page).group(0)
    assert 'nombre="3"' in element and 'couleur-accent="#005a9c"' in element
    assert 'titre="&lt;b&gt;Vos questions&lt;/b&gt;"' in element
    assert "couleur-fond" not in element and "lien-contribuer" not in element and "inconnu" not in element
    phase = widget(client, tenant_a, "phase", query="?phase=%22%3E%3Cscript%3E").content.decode()
    assert 'phase="' not in re.search(r"<imedia-phase[^>]*>", phase).group(0)
    kind = widget(client, tenant_a, "contribuer", query="?type=proposition&phase=diagnostic").content.decode()
    assert 'type="proposition" phase="diagnostic"' in kind


def test_sign_in_link_defaults_to_the_public_site(client, tenant_a):
    tenant_a.public_site_url = "https://participer.alpha.example/{type}/{slug}"
    tenant_a.save()
    page = widget(client, tenant_a, "contribuer").content.decode()
    assert 'lien-connexion="https://participer.alpha.example/"' in page
    given = widget(client, tenant_a, "contribuer", query="?lien-connexion=https://site.example/connexion").content
    assert 'lien-connexion="https://site.example/connexion"' in given.decode()


def test_cors_answers_the_widget_requests_of_an_allowed_site(client, tenant_a, origins):
    response = preflight(client, tenant_a, ALPHA_SITE, via="path")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALPHA_SITE
    assert "content-type" in response["Access-Control-Allow-Headers"]
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Credentials" not in response  # widgets send no cookie
    prefix, extra = tenant_request_kwargs(tenant_a, "path")
    answered = client.post(
        f"{prefix}/graphql/",
        data='{"query": "{ participationSettings { allowAnonymous } }"}',
        content_type="application/json",
        HTTP_ORIGIN=ALPHA_SITE,
        **extra,
    )
    assert answered.status_code == 200 and "errors" not in answered.json()
    assert answered["Access-Control-Allow-Origin"] == ALPHA_SITE
    assert "origin" in answered["Vary"].lower()  # a shared cache never hands one site's answer to another
    refused = client.post(
        f"{prefix}/graphql/",
        data='{"query": "{ participationSettings { allowAnonymous } }"}',
        content_type="application/json",
        HTTP_ORIGIN="https://inconnu.example",
        **extra,
    )
    assert "Access-Control-Allow-Origin" not in refused


def test_a_widget_page_costs_no_query_once_the_route_is_cached(client, tenant_a, django_assert_max_num_queries):
    for via in ("host", "path"):
        prefix, extra = tenant_request_kwargs(tenant_a, via)
        client.get(f"{prefix}/widgets/recherche/", **extra)  # routing lookup, then cached
        with django_assert_max_num_queries(0):
            assert client.get(f"{prefix}/widgets/recherche/?nombre=3", **extra).status_code == 200
