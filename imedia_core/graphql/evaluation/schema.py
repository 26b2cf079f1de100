"""GraphQL root fields of the evaluation domain (filled in by its issue)."""

import graphene


class EvaluationQueries(graphene.ObjectType):
    pass


class EvaluationMutations(graphene.ObjectType):
    pass
