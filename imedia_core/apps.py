from django.apps import AppConfig

from imedia_core.pluginhost.manager import register_core_plugins


class ImediaCoreConfig(AppConfig):
    name = "imedia_core"
    verbose_name = "imedia"

    def ready(self):
        # Each domain's hooks module imports its models: register them once models are loaded.
        register_core_plugins()
