"""GraphQL root fields of the guidance domain (filled in by its issue)."""

import graphene


class GuidanceQueries(graphene.ObjectType):
    pass


class GuidanceMutations(graphene.ObjectType):
    pass
