from django.apps import AppConfig

from imedia_core.plugin_api import every, register_job


class WebhooksConfig(AppConfig):
    name = "plugins.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The events engine (events_worker or Celery) runs this job in every tenant that has
        # the plugin enabled.
        from .delivery import deliver_due  # loads models: only once the apps are ready
        from .retention import purge_delivered  # loads models: only once the apps are ready

        register_job("webhooks.deliver", deliver_due, plugin="webhooks")
        # Delivered webhooks past IMEDIA_RETENTION_WEBHOOK_DELIVERIES_DAYS (docs/privacy.md).
        register_job(
            "webhooks.purge_delivered", every(3600, "webhooks.purge_delivered", purge_delivered), plugin="webhooks"
        )
