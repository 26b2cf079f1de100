from django.db import connection


def test_liveness(api):
    response = api.client.get("/health/live", HTTP_HOST="testserver")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readiness_checks_database_template_and_migrations(api):
    response = api.client.get("/health/ready", HTTP_HOST="testserver")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "migrations": "ok", "template_schema": "ok"}


def test_readiness_reports_pending_migrations(api):
    from django.db.migrations.loader import MigrationLoader

    app, name = next(node for node in MigrationLoader(connection).graph.leaf_nodes() if node[0] == "tenants")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = %s AND name = %s", [app, name])
    response = api.client.get("/health/ready", HTTP_HOST="testserver")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == {"pending": [f"{app}.{name}"]}


def test_openapi_document(api):
    response = api.client.get("/api/schema/?format=json", HTTP_HOST="testserver")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/operator/tenants/" in paths
    assert "/api/operator/tenants/{slug}/suspend/" in paths


def test_admin_static_files_are_served_without_a_tenant(settings, tmp_path):
    from django.core.management import call_command
    from django.test import Client

    settings.STATIC_ROOT = str(tmp_path)
    call_command("collectstatic", interactive=False, verbosity=0)
    # WhiteNoise indexes STATIC_ROOT when the middleware chain is built: a new client builds one.
    response = Client().get("/static/admin/css/base.css", HTTP_HOST="unknown-host.test")
    assert response.status_code == 200
    assert b"body" in b"".join(response.streaming_content)
