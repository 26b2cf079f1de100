from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "imedia_core.feedback"
    label = "feedback"
    verbose_name = "Réponses et engagements"
    default_auto_field = "django.db.models.BigAutoField"
