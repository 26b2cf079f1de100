"""GraphQL root fields of the events domain (filled in by its issue)."""

import graphene


class EventsQueries(graphene.ObjectType):
    pass


class EventsMutations(graphene.ObjectType):
    pass
