"""``imedia demo``: seed the demonstration platform. Safe to run again: nothing is duplicated.

It creates the operator « Réseau i-médiatisation », three programme spaces from the bundled
templates, a platform superuser who administers the operator, and one demo person per role in
each space, all with the password from ``IMEDIA_DEMO_PASSWORD`` (reset on every run, so the
printed credentials always work). Each space then gets its demo content (``imedia_core.demo``):
about thirty resources linked to the phases of its cycle, pages and news items; content that
exists already (found by slug) is left as it is. It then prints where to reach each space.

The accounts have a known password, so the command refuses to run with DEBUG off unless
``--force`` is given (``bin/demo`` turns DEBUG on).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_tenants.utils import tenant_context

from imedia_core.context import Channel, ServiceContext
from imedia_core.demo.seed import SeedReport, seed_content
from imedia_core.errors import ServiceError
from imedia_core.permissions import Role
from imedia_core.pluginhost.manager import hook_for_tenant
from tenants import members
from tenants.models import Operator, OperatorMembership, Tenant, User
from tenants.provisioning import TenantSpec, provision_tenant

DEFAULT_PASSWORD = "imedia-demo-2026"
OPERATOR_SLUG = "reseau-imediatisation"
OPERATOR_NAME = "Réseau i-médiatisation"
ADMIN_EMAIL = "admin@imedia.localhost"


@dataclass(frozen=True)
class DemoTenant:
    slug: str
    name: str
    template: str
    territory: str
    domain: str


DEMO_TENANTS = (
    DemoTenant(
        slug="formation_sud",
        name="Formation professionnelle — Région Sud",
        template="formation_professionnelle",
        territory="Provence-Alpes-Côte d'Azur",
        domain="formation-sud.localhost",
    ),
    DemoTenant(
        slug="rsa94",
        name="Participation RSA — Val-de-Marne",
        template="rsa",
        territory="Val-de-Marne (94)",
        domain="rsa94.localhost",
    ),
    DemoTenant(
        slug="cc_villeneuve",
        name="Conseils citoyens — Villeneuve",
        template="conseils_citoyens",
        territory="Villeneuve",
        domain="cc-villeneuve.localhost",
    ),
)

# One demo person per membership role: the e-mail's local part, at the tenant's domain.
DEMO_PEOPLE = (
    (Role.TENANT_ADMIN, "admin"),
    (Role.FACILITATOR, "animation"),
    (Role.PROFESSIONAL, "professionnel"),
    (Role.DECISION_MAKER, "decision"),
    (Role.PARTICIPANT, "participant"),
)


# Each space's demo data of the later domains, in dependency order: the guided path's questions,
# then contributions, then the responses and commitments that answer them, then diagnostics.
# Each module of ``imedia_core.demo`` has ``seed(key) -> str`` (a one-line summary). Plugins seed
# theirs afterwards through the ``imedia_demo_seed`` hook (the core never imports a plugin).
DOMAIN_SEEDS = ("guidance_seed", "participation_seed", "feedback_seed", "diagnostics_seed")


def demo_email(local_part: str, demo: DemoTenant) -> str:
    return f"{local_part}@{demo.domain}"


class Command(BaseCommand):
    help = "Installe (ou met à jour) les données de démonstration : opérateur, trois espaces, comptes."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Port affiché dans les adresses (8000 par défaut).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Lancer même avec DEBUG désactivé (les comptes de démo ont un mot de passe connu).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "La démo crée des comptes au mot de passe connu : lancez-la avec DEBUG=true "
                "(bin/demo le fait) ou ajoutez --force si c'est bien voulu."
            )
        password = os.environ.get("IMEDIA_DEMO_PASSWORD") or DEFAULT_PASSWORD
        # One hash for every demo account: the same password, hashed once (Argon2 is slow).
        password_hash = make_password(password)
        try:
            with transaction.atomic():
                report = self.seed(password_hash)
                contents = self.seed_contents(report)
                # Practices shared between the spaces, once every space has its content.
                commons = import_module("imedia_core.demo.commons_seed").seed_commons()
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        self.print_summary(report, contents, password, options["port"])
        self.stdout.write("")
        self.stdout.write(f"Communs de bonnes pratiques : {commons}")

    def seed(self, password_hash: str) -> list[tuple[Tenant, bool]]:
        operator, _ = Operator.objects.get_or_create(slug=OPERATOR_SLUG, defaults={"name": OPERATOR_NAME})
        admin = self.demo_user(
            ADMIN_EMAIL, password_hash, "Administration de la plateforme", is_staff=True, is_superuser=True
        )
        OperatorMembership.objects.get_or_create(user=admin, operator=operator)

        report = []
        for demo in DEMO_TENANTS:
            result = provision_tenant(
                ServiceContext.system(Channel.DEMO),
                TenantSpec(
                    slug=demo.slug,
                    name=demo.name,
                    operator=operator,
                    territory=demo.territory,
                    template=demo.template,
                    domains=[demo.domain],
                ),
                if_exists="skip",
            )
            tenant = result.tenant
            role_labels = dict(Role.tenant_choices())
            for role, local_part in DEMO_PEOPLE:
                person = self.demo_user(
                    demo_email(local_part, demo),
                    password_hash,
                    f"{role_labels[role.value]} — {demo.name}",
                )
                members.set_role(ServiceContext.system(Channel.DEMO, tenant=tenant), person, role)
            report.append((tenant, result.created))
        return report

    def seed_contents(self, report: list[tuple[Tenant, bool]]) -> list[SeedReport]:
        """Each space's demo content, seeded in its own schema."""
        contents = []
        for tenant, _ in report:
            with tenant_context(tenant):
                content = seed_content(tenant.schema_name)
                for name in DOMAIN_SEEDS:
                    content.domains.append(import_module(f"imedia_core.demo.{name}").seed(tenant.schema_name))
                plugin_seeds = hook_for_tenant(tenant, "imedia_demo_seed")(tenant=tenant)
                content.domains.extend(summary for summary in plugin_seeds if summary)
                contents.append(content)
        return contents

    def demo_user(self, email: str, password_hash: str, display_name: str, **flags) -> User:
        """Create the account, or bring an existing one back to its demo state."""
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, display_name=display_name, **flags)
        else:
            for name, value in flags.items():
                setattr(user, name, value)
            user.is_active = True
        user.password = password_hash
        user.save()
        return user

    def print_summary(self, report: list[tuple[Tenant, bool]], contents: list[SeedReport], password: str, port: int):
        write = self.stdout.write
        created = sum(1 for _, was_created in report if was_created)
        present = len(report) - created
        write(self.style.SUCCESS(f"Démo prête : {created} espace(s) créé(s), {present} déjà présent(s)."))
        write("")
        write(f"Opérateur : {OPERATOR_NAME} ({OPERATOR_SLUG})")
        write(f"Administration de la plateforme : http://localhost:{port}/admin/")
        write(f"  {ADMIN_EMAIL} / {password} (super-utilisateur, administrateur de l'opérateur)")
        role_labels = dict(Role.tenant_choices())
        for (tenant, was_created), content, demo in zip(report, contents, DEMO_TENANTS, strict=True):
            write("")
            state = "créé" if was_created else "déjà présent"
            write(self.style.MIGRATE_HEADING(f"{tenant.name} ({tenant.schema_name}, {state})"))
            write(f"  Territoire           : {tenant.territory}")
            write(f"  Contenus             : {content}")
            for line in content.domains:
                write(f"                         {line}")
            write(f"  GraphQL (par hôte)   : http://{demo.domain}:{port}/graphql/")
            write(f"  GraphQL (par chemin) : http://localhost:{port}/t/{tenant.schema_name}/graphql/")
            write(f"  Administration       : http://localhost:{port}/t/{tenant.schema_name}/admin/")
            write(f"  Comptes (mot de passe : {password}) :")
            for role, local_part in DEMO_PEOPLE:
                write(f"    {role_labels[role.value]:<32} {demo_email(local_part, demo)}")
