"""CORS: global origins from settings, plus each tenant's own, never another tenant's."""


def preflight(api, host, origin):
    return api.client.options(
        "/graphql/",
        HTTP_HOST=host,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )


def test_tenant_origin_is_allowed_only_for_that_tenant(api, tenant_a, tenant_b):
    tenant_a.cors_allowed_origins = ["https://participer.alpha.example"]
    tenant_a.save()
    allowed = preflight(api, "alpha.test", "https://participer.alpha.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://participer.alpha.example"
    refused = preflight(api, "beta.test", "https://participer.alpha.example")
    assert "Access-Control-Allow-Origin" not in refused


def test_global_origins_apply_everywhere(api, tenant_a, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://front.integrateur.example"]
    response = preflight(api, "alpha.test", "https://front.integrateur.example")
    assert response["Access-Control-Allow-Origin"] == "https://front.integrateur.example"
    assert "x-imedia-tenant" in response["Access-Control-Allow-Headers"]
