from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "imedia_core.library"
    label = "library"
    verbose_name = "Centre de ressources"
    default_auto_field = "django.db.models.BigAutoField"
