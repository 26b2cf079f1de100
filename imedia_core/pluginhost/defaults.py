"""The core's own behaviour, registered as the plugin ``imedia_core`` so the hooks are exercised
by the core itself. Imports are inside the hooks: this module is loaded while settings are read.
"""

from .hookspecs import hookimpl


@hookimpl
def imedia_graphql_queries():
    from imedia_core.graphql.audit.schema import AuditQueries
    from imedia_core.graphql.auth.schema import AuthQueries
    from imedia_core.graphql.commons.schema import CommonsQueries
    from imedia_core.graphql.core.schema import CoreQueries
    from imedia_core.graphql.cycle.schema import CycleQueries
    from imedia_core.graphql.diagnostics.schema import DiagnosticsQueries
    from imedia_core.graphql.evaluation.schema import EvaluationQueries
    from imedia_core.graphql.events.schema import EventsQueries
    from imedia_core.graphql.feedback.schema import FeedbackQueries
    from imedia_core.graphql.guidance.schema import GuidanceQueries
    from imedia_core.graphql.library.schema import LibraryQueries
    from imedia_core.graphql.pages.schema import PagesQueries
    from imedia_core.graphql.participation.schema import ParticipationQueries
    from imedia_core.graphql.tenant.schema import TenantQueries

    return [
        CoreQueries,
        AuthQueries,
        AuditQueries,
        TenantQueries,
        CycleQueries,
        LibraryQueries,
        PagesQueries,
        ParticipationQueries,
        FeedbackQueries,
        CommonsQueries,
        GuidanceQueries,
        DiagnosticsQueries,
        EvaluationQueries,
        EventsQueries,
    ]


@hookimpl
def imedia_graphql_mutations():
    from imedia_core.graphql.auth.schema import AuthMutations
    from imedia_core.graphql.commons.schema import CommonsMutations
    from imedia_core.graphql.cycle.schema import CycleMutations
    from imedia_core.graphql.diagnostics.schema import DiagnosticsMutations
    from imedia_core.graphql.feedback.schema import FeedbackMutations
    from imedia_core.graphql.guidance.schema import GuidanceMutations
    from imedia_core.graphql.library.schema import LibraryMutations
    from imedia_core.graphql.pages.schema import PagesMutations
    from imedia_core.graphql.participation.schema import ParticipationMutations
    from imedia_core.graphql.tenant.schema import TenantMutations

    return [
        AuthMutations,
        TenantMutations,
        CycleMutations,
        LibraryMutations,
        PagesMutations,
        ParticipationMutations,
        FeedbackMutations,
        CommonsMutations,
        GuidanceMutations,
        DiagnosticsMutations,
    ]


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


@hookimpl
def imedia_diagnostic_scorers():
    from imedia_core.diagnostics.scoring import WEIGHTED_MEAN

    return [WEIGHTED_MEAN]
