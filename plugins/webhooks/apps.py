from django.apps import AppConfig

from imedia_core.plugin_api import register_job


class WebhooksConfig(AppConfig):
    name = "plugins.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The events engine (events_worker or Celery) runs this job in every tenant that has
        # the plugin enabled.
        from .delivery import deliver_due  # loads models: only once the apps are ready

        register_job("webhooks.deliver", deliver_due, plugin="webhooks")
