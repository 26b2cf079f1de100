"""URLs of a tenant, reached by its host, ``/t/<slug>/`` or the tenant header."""

from django.urls import include, path

from imedia_core.admin_site import tenant_admin_site
from imedia_core.evaluation import admin as evaluation_admin  # noqa: F401  registers the indicators page
from imedia_core.graphql.core.views import ImediaGraphQLView

urlpatterns = [
    # With or without the trailing slash: a redirect would turn a POST into a GET.
    path("graphql/", ImediaGraphQLView.as_view(), name="graphql"),
    path("graphql", ImediaGraphQLView.as_view()),
    path("api/", include("imedia_core.rest.urls_tenant")),
    path("admin/", tenant_admin_site.urls),
    # Embeddable widgets' iframe pages (the only pages other sites may frame).
    path("widgets/", include("imedia_core.widgets.urls")),
]

handler404 = "imedia_core.http.not_found_view"
handler500 = "imedia_core.http.server_error_view"
