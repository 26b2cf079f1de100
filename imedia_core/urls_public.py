"""URLs of the platform itself (platform hosts, no tenant designated). No tenant URL lives here:
``/graphql/`` on a platform host is a 404, never the public schema's content."""

from django.contrib import admin
from django.urls import include, path, re_path

from imedia_core.evaluation import operator_admin
from imedia_core.http import tenant_required_view
from imedia_core.rest import health

urlpatterns = [
    path("health/live", health.live, name="health-live"),
    path("health/ready", health.ready, name="health-ready"),
    path("api/", include("imedia_core.rest.urls_public")),
    # The operator console's indicators page (read only), before the admin's own catch-all.
    path(
        "admin/console/indicateurs/",
        admin.site.admin_view(operator_admin.indicators_view),
        name="operator-console-indicators",
    ),
    path("admin/", admin.site.urls),
    re_path(r"^graphql/?$", tenant_required_view),
]

handler404 = "imedia_core.http.not_found_view"
handler500 = "imedia_core.http.server_error_view"
