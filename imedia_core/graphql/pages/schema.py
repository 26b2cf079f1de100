import graphene


class PagesQueries(graphene.ObjectType):
    """Root fields of pages and news."""


class PagesMutations(graphene.ObjectType):
    """Mutations of pages and news."""
