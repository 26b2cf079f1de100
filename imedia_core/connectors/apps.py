from django.apps import AppConfig


class ConnectorsConfig(AppConfig):
    name = "imedia_core.connectors"
    label = "connectors"
    verbose_name = "Connecteurs (Decidim, Consul, adhocracy+)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from imedia_core.events.jobs import register_job  # the job registry is read once apps are ready

        from .jobs import deliver_answers, sync_due_links

        register_job("connectors.sync", sync_due_links)
        register_job("connectors.deliver", deliver_answers)
