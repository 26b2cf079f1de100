"""Permission checks for query resolvers (mutations use BaseMutation's declaration)."""

from graphql import GraphQLError

from imedia_core.permissions import Perm

from .context import principal_of


def require(info, perm: Perm):
    """Return the principal if it holds ``perm``; otherwise raise a coded GraphQL error."""
    principal = principal_of(info)
    if principal.has(perm):
        return principal
    if principal.is_authenticated:
        raise GraphQLError(
            "Vous n'avez pas le droit de consulter ceci dans cet espace.",
            extensions={"code": "PERMISSION_DENIED", "permission": perm.value},
        )
    raise GraphQLError(
        "Connectez-vous ou fournissez une clé d'API pour consulter ceci.",
        extensions={"code": "UNAUTHENTICATED", "permission": perm.value},
    )
