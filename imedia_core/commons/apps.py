from django.apps import AppConfig


class CommonsConfig(AppConfig):
    name = "imedia_core.commons"
    label = "commons"
    verbose_name = "Communs de bonnes pratiques"
    default_auto_field = "django.db.models.BigAutoField"
