"""GraphQL root fields of the diagnostics domain (filled in by its issue)."""

import graphene


class DiagnosticsQueries(graphene.ObjectType):
    pass


class DiagnosticsMutations(graphene.ObjectType):
    pass
