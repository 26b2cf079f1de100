"""``imedia connector``: list a space's connector links, sync one now, re-encrypt credentials.

    imedia connector list [rsa94]              # every space when none is given
    imedia connector sync rsa94 3 [--full]     # the link by id or by its exact name, with a progress bar
    imedia connector reencrypt                 # after putting a new key first in IMEDIA_CONNECTOR_KEYS

``sync`` runs the pass here, to its end, through the same engine as the workers (and the same
lock: it refuses a link a worker is syncing). Credentials are never printed.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import tenant_context
from tqdm import tqdm

from imedia_core.connectors import engine, registry, services
from imedia_core.connectors.models import Link
from imedia_core.context import Channel, ServiceContext
from tenants.models import Tenant


def _when(value) -> str:
    return value.strftime("%d/%m/%Y %H:%M") if value else "jamais"


class Command(BaseCommand):
    help = "Liens de connecteur (Decidim, Consul, adhocracy+) : lister, synchroniser, rechiffrer les identifiants."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="Lister les liens et leur état.")
        listing.add_argument("space", nargs="?", help="L'espace (son identifiant court) ; tous par défaut.")
        sync = sub.add_parser("sync", help="Synchroniser un lien maintenant.")
        sync.add_argument("space", help="L'espace (son identifiant court).")
        sync.add_argument("link", help="Le lien : son numéro ou son nom exact.")
        sync.add_argument("--full", action="store_true", help="Passage complet (repère ce qui a été supprimé).")
        sync.add_argument("--no-progress", action="store_true", help="Sans barre de progression.")
        sub.add_parser("reencrypt", help="Rechiffrer les identifiants de tous les liens avec la clé la plus récente.")

    def handle(self, *args, action, **options):
        return getattr(self, f"_{action}")(**options)

    def _tenant(self, slug: str) -> Tenant:
        tenant = Tenant.objects.filter(schema_name=slug).first()
        if tenant is None:
            raise CommandError(f"Espace inconnu : « {slug} ».")
        return tenant

    def _list(self, space=None, **options):
        tenants = (
            [self._tenant(space)] if space else Tenant.objects.exclude(schema_name="public").order_by("schema_name")
        )
        for tenant in tenants:
            with tenant_context(tenant):
                links = list(Link.objects.all())
                if not links and not space:
                    continue
                self.stdout.write(f"{tenant.schema_name} — {tenant.name}")
                if not links:
                    self.stdout.write("  aucun lien")
                for link in links:
                    state = "actif" if link.is_active else "désactivé"
                    self.stdout.write(
                        f"  [{link.pk}] {link.name} · {registry.label_of(link.platform)} · {link.get_direction_display()} · {state}"
                    )
                    self.stdout.write(
                        f"      dernier succès : {_when(link.last_success_at)} · créés {link.created_count}, "
                        f"mis à jour {link.updated_count}, inchangés {link.unchanged_count}, masqués {link.hidden_count}"
                    )
                    if link.last_error_code:
                        self.stdout.write(f"      erreur {link.last_error_code} : {link.last_error_message}")

    def _sync(self, space, link, full=False, no_progress=False, **options):
        tenant = self._tenant(space)
        with tenant_context(tenant):
            row = (
                Link.objects.filter(pk=int(link)).first() if link.isdigit() else Link.objects.filter(name=link).first()
            )
            if row is None:
                raise CommandError(f"Lien inconnu dans {tenant.schema_name} : « {link} ».")
            if not row.takes_in:
                raise CommandError("Ce lien ne reçoit rien de la plateforme (sens sortant seulement).")
            ctx = ServiceContext.system(Channel.CLI, tenant=tenant)
            bar = tqdm(desc=row.name[:40], unit=" éléments", disable=no_progress or None, file=self.stderr._out)
            seen = [0]

            def progress(report):
                bar.update(report.items - seen[0])
                seen[0] = report.items

            try:
                report = engine.sync_link(row, full=full, progress=progress, ctx=ctx)
            except engine.LinkBusy:
                raise CommandError(
                    "Ce lien est déjà en cours de synchronisation ailleurs ; réessayez plus tard."
                ) from None
            finally:
                bar.close()
            if report.error_code:
                raise CommandError(f"Synchronisation arrêtée ({report.error_code}) : {report.error_message}")
            outcome = report.outcome
            kind = "complet" if report.full else "incrémental"
            self.stdout.write(
                self.style.SUCCESS(
                    f"Passage {kind} terminé : {report.items} éléments en {report.pages} pages · créés {outcome.created}, "
                    f"mis à jour {outcome.updated}, inchangés {outcome.unchanged}, masqués {outcome.hidden}, "
                    f"ignorés {outcome.skipped}."
                )
            )

    def _reencrypt(self, **options):
        total = 0
        for tenant in Tenant.objects.exclude(schema_name="public").order_by("schema_name"):
            with tenant_context(tenant):
                total += services.reencrypt_links()
        self.stdout.write(self.style.SUCCESS(f"{total} lien(s) rechiffré(s) avec la clé la plus récente."))
