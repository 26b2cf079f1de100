from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "imedia_core.participation"
    label = "participation"
    verbose_name = "Participation (contributions)"
    default_auto_field = "django.db.models.BigAutoField"
