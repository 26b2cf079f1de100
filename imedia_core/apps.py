from django.apps import AppConfig


class ImediaCoreConfig(AppConfig):
    name = "imedia_core"
    verbose_name = "imedia"
