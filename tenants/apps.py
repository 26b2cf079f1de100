from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Plateforme"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import cors, signals  # noqa: F401  (per-tenant CORS, routing-cache invalidation)
