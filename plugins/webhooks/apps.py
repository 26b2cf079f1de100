from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "plugins.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The events engine (events_worker or Celery) runs this job in every tenant that has
        # the plugin enabled.
        from imedia_core.events.jobs import register_job

        from .delivery import deliver_due

        register_job("webhooks.deliver", deliver_due, plugin="webhooks")
