from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "imedia_core.pages"
    label = "pages"
    verbose_name = "Pages et actualités"
    default_auto_field = "django.db.models.BigAutoField"
