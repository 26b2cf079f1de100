import graphene


class CycleQueries(graphene.ObjectType):
    """Root fields of the participation cycle."""


class CycleMutations(graphene.ObjectType):
    """Mutations of the participation cycle."""
