from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "imedia_core.guidance"
    label = "guidance"
    verbose_name = "Parcours guidé"
    default_auto_field = "django.db.models.BigAutoField"
