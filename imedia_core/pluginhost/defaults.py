"""The core's own behaviour, registered as the plugin ``imedia_core`` so the hooks are exercised
by the core itself. Imports are inside the hooks: this module is loaded while settings are read.
"""

from .hookspecs import hookimpl


@hookimpl
def imedia_graphql_queries():
    from imedia_core.graphql.audit.schema import AuditQueries
    from imedia_core.graphql.auth.schema import AuthQueries
    from imedia_core.graphql.core.schema import CoreQueries
    from imedia_core.graphql.tenant.schema import TenantQueries

    return [CoreQueries, AuthQueries, AuditQueries, TenantQueries]


@hookimpl
def imedia_graphql_mutations():
    from imedia_core.graphql.auth.schema import AuthMutations
    from imedia_core.graphql.tenant.schema import TenantMutations

    return [AuthMutations, TenantMutations]


@hookimpl
def imedia_tenant_templates():
    from tenants.templates import TenantTemplate

    return [
        TenantTemplate(
            key="vierge",
            label="Espace vierge",
            description="Un espace sans contenu de départ, à configurer entièrement par l'équipe locale.",
            policy_area="other",
        )
    ]
