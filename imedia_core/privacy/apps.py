from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "imedia_core.privacy"
    label = "privacy"
    verbose_name = "Données personnelles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from imedia_core.events.jobs import every, register_job  # reason: jobs register once apps are ready

        from . import retention, signals  # noqa: F401  reason: connects the receivers

        for name, purge in retention.TENANT_PURGES.items():
            register_job(name, every(3600, name, purge))
