"""Seed the good-practice commons of the demo: each demo programme shares two of its methods,
and one programme adapts a practice of another. Run it from the public schema once every demo
programme has its content (``seed_commons()``); it switches to each programme's schema itself.

Everything goes through ``imedia_core.commons.services`` (snapshot, consent, scrubbing, audit
and events in the programme concerned). Running it again creates nothing: a source already
shared (even if withdrawn since) is left alone, and adapting twice returns the first copy.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django_tenants.utils import tenant_context

from imedia_core.commons import services
from imedia_core.commons.models import Practice, PracticeSourceKind
from imedia_core.context import Channel, ServiceContext
from imedia_core.library.models import Resource
from tenants.models import Membership, Tenant


@dataclass(frozen=True)
class DemoPractice:
    tenant: str
    resource_slug: str
    what_worked: str
    conditions: str


PRACTICES = (
    DemoPractice(
        "formation_sud",
        "methode-delegues-de-stagiaires",
        "Les organismes reçoivent des remarques plus précises, portées par des délégué·es élu·es, et les "
        "stagiaires voient leurs demandes suivies d'une session à l'autre.",
        "Un temps de délégation reconnu dans l'emploi du temps et un interlocuteur identifié dans chaque organisme.",
    ),
    DemoPractice(
        "formation_sud",
        "methode-quart-d-heure-ce-qui-a-change",
        "Rendre compte de ce qui a changé a redonné confiance : davantage de stagiaires déposent des idées.",
        "Tenir le rendez-vous chaque mois, même quand il n'y a presque rien à annoncer.",
    ),
    DemoPractice(
        "rsa94",
        "methode-groupe-ressource-mensuel",
        "Un groupe stable, qui se réunit hors des lieux de l'instruction des dossiers, et dont les avis reçoivent "
        "une réponse écrite des services.",
        "Le défraiement et le remboursement des transports le jour même ; une animation extérieure aux services.",
    ),
    DemoPractice(
        "rsa94",
        "methode-binomes-allocataire-professionnel",
        "Les propositions écrites en binôme sont plus concrètes et mieux reçues par les services.",
        "Des binômes formés sur la base du volontariat, avec un temps de préparation prévu pour les professionnels.",
    ),
    DemoPractice(
        "cc_villeneuve",
        "methode-marches-exploratoires-de-femmes",
        "Les aménagements demandés (éclairage, cheminements) ont été programmés par la ville dans l'année.",
        "Un engagement préalable de la ville à répondre point par point au diagnostic des marches.",
    ),
    DemoPractice(
        "cc_villeneuve",
        "methode-decider-par-consentement",
        "Les décisions du conseil sont prises plus vite et personne ne se sent mis de côté.",
        "Une facilitation formée à la méthode pour les premières séances.",
    ),
)

# (adopting programme, source programme, source resource slug)
ADAPTATIONS = (("cc_villeneuve", "rsa94", "methode-groupe-ressource-mensuel"),)


def _admin_of(tenant):
    membership = Membership.objects.filter(tenant=tenant, role="tenant_admin").select_related("user").first()
    return membership.user if membership else None


def _demo_context(tenant) -> ServiceContext:
    """The programme acting in the demo, in the name of its first admin (who consents)."""
    return ServiceContext.system(Channel.DEMO, actor=_admin_of(tenant), tenant=tenant)


def _practice_of(tenant, resource_slug: str) -> Practice | None:
    with tenant_context(tenant):
        resource_id = Resource.objects.filter(slug=resource_slug).values_list("pk", flat=True).first()
    if resource_id is None:
        return None
    return (
        Practice.objects.filter(source_tenant=tenant, source_kind=PracticeSourceKind.RESOURCE, source_id=resource_id)
        .order_by("-shared_at")
        .first()
    )


def _share(tenant, spec: DemoPractice) -> bool:
    """Share ``spec`` unless its resource was already shared (or is missing); True if created."""
    if _practice_of(tenant, spec.resource_slug) is not None:
        return False
    with tenant_context(tenant):
        resource = Resource.objects.filter(slug=spec.resource_slug).first()
        if resource is None or not resource.is_visible:
            return False
        services.share_practice(
            _demo_context(tenant),
            source_kind=PracticeSourceKind.RESOURCE,
            source=resource,
            data={"what_worked": spec.what_worked, "conditions": spec.conditions},
            consent=True,
            personal_data_removed=True,
        )
    return True


def seed_commons() -> str:
    """Seed the demo commons; a one-line French summary of what it holds and what was created."""
    tenants = {
        tenant.schema_name: tenant for tenant in Tenant.objects.filter(schema_name__in={p.tenant for p in PRACTICES})
    }
    created = adapted = 0
    with transaction.atomic():
        for spec in PRACTICES:
            tenant = tenants.get(spec.tenant)
            if tenant is not None and _share(tenant, spec):
                created += 1
        for adopter_slug, source_slug, resource_slug in ADAPTATIONS:
            adopter, source = tenants.get(adopter_slug), tenants.get(source_slug)
            practice = _practice_of(source, resource_slug) if adopter and source else None
            if practice is None or practice.status != "published":
                continue
            with tenant_context(adopter):
                result = services.adapt_practice(_demo_context(adopter), practice)
            adapted += int(result.created)
    shared = Practice.objects.listed().filter(source_tenant__in=tenants.values()).count()
    adaptations = (
        Practice.objects.filter(source_tenant__in=tenants.values(), adaptations__isnull=False).distinct().count()
    )
    return (
        f"{shared} pratiques partagées dans les communs, {adaptations} adaptée(s) par un autre programme "
        f"({created} partage(s) et {adapted} adaptation(s) créés)"
    )
