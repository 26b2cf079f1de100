"""The URL layout the OpenAPI document describes: platform endpoints, and tenant endpoints under
their path prefix (the same views are also reachable by tenant host or header)."""

from django.urls import include, path

from . import health

urlpatterns = [
    path("health/live", health.live),
    path("health/ready", health.ready),
    path("api/", include("imedia_core.rest.urls_public")),
    path("t/<str:tenant>/api/", include("imedia_core.rest.urls_tenant")),
]
