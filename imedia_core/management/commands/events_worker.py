"""``imedia events_worker``: deliver domain events without Celery.

Each pass dispatches the outbox of every active tenant to the ``imedia_tenant_event`` hook,
then runs the tenants' background jobs (webhook deliveries). Run it as a service, several
copies if you like (rows are claimed with SKIP LOCKED and leases), or from cron with ``--once``.
SIGTERM and Ctrl-C finish the current pass, then stop. ``--heartbeat-file`` is touched before
each pass and each tenant: a liveness probe compares its age (deploy/k8s/worker.yaml).
"""

import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from imedia_core.events import worker


class Command(BaseCommand):
    help = "Distribue les événements des espaces (webhooks compris), en boucle ou une seule fois (--once)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Une seule passe, puis s'arrête (cron, tests).")
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help=f"Secondes d'attente quand il n'y a rien à faire (défaut {settings.IMEDIA_EVENTS_WORKER_INTERVAL}).",
        )
        parser.add_argument(
            "--tenant", action="append", dest="tenants", help="Limiter à cet espace (répétable), par son slug."
        )
        parser.add_argument(
            "--heartbeat-file",
            default=None,
            help="Fichier touché avant chaque passe et chaque espace : une sonde de vivacité lit son âge.",
        )

    def handle(self, *args, once=False, interval=None, tenants=None, heartbeat_file=None, **options):
        if interval is not None and interval <= 0:
            raise CommandError("--interval doit être positif.")
        if tenants:
            known = set(worker.active_tenants().filter(schema_name__in=tenants).values_list("schema_name", flat=True))
            unknown = sorted(set(tenants) - known)
            if unknown:
                raise CommandError(f"Espace inconnu ou inactif : {', '.join(unknown)}.")
        heartbeat = worker.Heartbeat(heartbeat_file) if heartbeat_file else None
        if once:
            selection = worker.active_tenants()
            if tenants:
                selection = selection.filter(schema_name__in=tenants)
            if heartbeat is not None:
                heartbeat.beat()
            report = worker.run_once(selection, heartbeat=heartbeat)
            for slug, outcome in report.items():
                jobs = ", ".join(f"{name} {count}" for name, count in outcome.jobs.items()) or "aucune tâche"
                self.stdout.write(
                    f"{slug} : {outcome.dispatched} événement(s) distribué(s), {outcome.failed} en échec ; {jobs}"
                )
            return
        stop = threading.Event()

        def _stop(signum, frame):
            stop.set()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        self.stdout.write("Distribution des événements en cours (Ctrl-C pour arrêter)…")
        worker.run_forever(interval=interval, stop=stop, slugs=tenants, heartbeat=heartbeat)
        self.stdout.write("Arrêt de la distribution des événements.")
