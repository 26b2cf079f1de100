from django.apps import AppConfig


class CycleConfig(AppConfig):
    name = "imedia_core.cycle"
    label = "cycle"
    verbose_name = "Cycle de la participation"
    default_auto_field = "django.db.models.BigAutoField"
