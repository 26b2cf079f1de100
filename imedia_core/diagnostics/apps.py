from django.apps import AppConfig


class DiagnosticsConfig(AppConfig):
    name = "imedia_core.diagnostics"
    label = "diagnostics"
    verbose_name = "Autodiagnostics"
    default_auto_field = "django.db.models.BigAutoField"
