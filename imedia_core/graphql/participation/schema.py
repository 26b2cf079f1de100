"""GraphQL root fields of the participation domain (filled in by its issue)."""

import graphene


class ParticipationQueries(graphene.ObjectType):
    pass


class ParticipationMutations(graphene.ObjectType):
    pass
