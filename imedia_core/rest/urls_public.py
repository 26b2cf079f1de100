from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from . import auth, operator

router = SimpleRouter(trailing_slash=True)
router.register("operator/tenants", operator.TenantViewSet, basename="operator-tenant")
router.register("operator/templates", operator.TemplateViewSet, basename="operator-template")

urlpatterns = [
    path("auth/token/", auth.token_create, name="platform-token"),
    # Public: a credential sent along (a tenant token, say) is neither needed nor judged.
    path(
        "schema/",
        SpectacularAPIView.as_view(
            urlconf="imedia_core.rest.urls_openapi", authentication_classes=[], permission_classes=[]
        ),
        name="openapi-schema",
    ),
    path("operator/evaluation/", include("imedia_core.rest.operator_evaluation")),
    path("", include(router.urls)),
]
