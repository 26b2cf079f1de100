from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "imedia_core.events"
    label = "events"
    verbose_name = "Événements"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .jobs import every, register_job
        from .retention import purge_dispatched

        register_job("events.purge_dispatched", every(3600, "events.purge_dispatched", purge_dispatched))
