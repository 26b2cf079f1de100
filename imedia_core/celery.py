"""The Celery application (``IMEDIA_EVENTS_ENGINE=celery``), tenant-aware.

Run a worker and the beat scheduler (which triggers the periodic sweep)::

    celery -A imedia_core.celery worker --loglevel INFO
    celery -A imedia_core.celery beat --loglevel INFO

(``worker -B`` embeds the beat in one worker; run exactly one beat per deployment.)
Configuration comes from the Django settings prefixed ``CELERY_`` (broker from
``CELERY_BROKER_URL``, defaulting to ``REDIS_URL``); see docs/webhooks.md.
Tasks built on this app run in the schema of the tenant that sent them
(tenant-schemas-celery reads the ``_schema_name`` header).
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imedia_core.settings")

from django.conf import settings  # noqa: E402
from tenant_schemas_celery.app import CeleryApp  # noqa: E402

app = CeleryApp("imedia")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.beat_schedule = {
    "imedia-events-sweep": {
        "task": "imedia.events.sweep",
        "schedule": float(getattr(settings, "IMEDIA_EVENTS_SWEEP_SECONDS", 60)),
    }
}
# Finds the ``tasks`` module of every installed app (imedia_core.events, plugins.webhooks...).
app.autodiscover_tasks()
