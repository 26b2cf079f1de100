import graphene


class LibraryQueries(graphene.ObjectType):
    """Root fields of the resource centre."""


class LibraryMutations(graphene.ObjectType):
    """Mutations of the resource centre."""
