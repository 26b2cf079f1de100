from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "imedia_core.content"
    label = "content"
    verbose_name = "Contenus"
    default_auto_field = "django.db.models.BigAutoField"
