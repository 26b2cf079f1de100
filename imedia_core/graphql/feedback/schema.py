"""GraphQL root fields of the feedback domain (filled in by its issue)."""

import graphene


class FeedbackQueries(graphene.ObjectType):
    pass


class FeedbackMutations(graphene.ObjectType):
    pass
