from django.urls import include, path

from . import auth, tenant

urlpatterns = [
    path("", tenant.tenant_info, name="tenant-info"),
    path("auth/token/", auth.token_create, name="tenant-token"),
    path("resources/", include("imedia_core.rest.library")),
    path("diagnostics/", include("imedia_core.rest.diagnostics")),
    path("evaluation/", include("imedia_core.rest.evaluation")),
    path("participation/", include("imedia_core.rest.participation")),
]
