"""Liveness and readiness probes for load balancers and orchestrators."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.response import Response

from tenants.provisioning import template_schema_ready

LIVE = inline_serializer("Liveness", {"status": serializers.ChoiceField(choices=["ok"])})
READY = inline_serializer(
    "Readiness",
    {
        "status": serializers.ChoiceField(choices=["ok", "unavailable"]),
        "checks": serializers.DictField(
            help_text='`database`, `migrations` (`ok` or `{"pending": [...]}`), `template_schema` (`ok` or `missing`).'
        ),
    },
)


@extend_schema(summary="Liveness: the process answers.", responses={200: LIVE})
@api_view(["GET"])
@authentication_classes([])
@permission_classes([])
def live(request):
    return Response({"status": "ok"})


def _pending_public_migrations() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


@extend_schema(
    summary="Readiness: the database answers and no migration is pending.",
    responses={200: READY, 503: READY},
)
@api_view(["GET"])
@authentication_classes([])
@permission_classes([])
def ready(request):
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # any database failure means "not ready"
        checks["database"] = f"error: {exc.__class__.__name__}"
        return Response({"status": "unavailable", "checks": checks}, status=503)
    pending = _pending_public_migrations()
    checks["migrations"] = "ok" if not pending else {"pending": pending}
    checks["template_schema"] = "ok" if template_schema_ready() else "missing"
    healthy = not pending and checks["template_schema"] == "ok"
    return Response({"status": "ok" if healthy else "unavailable", "checks": checks}, status=200 if healthy else 503)
