"""GraphQL root fields of the commons domain (filled in by its issue)."""

import graphene


class CommonsQueries(graphene.ObjectType):
    pass


class CommonsMutations(graphene.ObjectType):
    pass
