from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "imedia_core.participation"
    label = "participation"
    verbose_name = "Participation (contributions)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from imedia_core.events.jobs import every, register_job

        from .attachments import purge_unclaimed

        # Uploads nobody attached to a contribution within a day (see attachments.UNCLAIMED_TTL).
        register_job(
            "participation.purge_unclaimed_attachments",
            every(3600, "participation.purge_unclaimed_attachments", lambda tenant: purge_unclaimed()),
        )
