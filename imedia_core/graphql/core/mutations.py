"""The base mutation every domain's mutations extend.

Invariants are enforced when the class is defined, not in production: a mutation must declare
its description, its error type, and either a permission or ``allow_anonymous = True``.
At run time it checks the permission, runs in a savepoint, and rolls the savepoint back when it
returns errors (a ``MutationError`` it raised, or a ``ServiceError`` from a domain service), so
refused or invalid input changes nothing.
"""

import graphene
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from graphene.types.mutation import MutationOptions
from graphene.utils.str_converters import to_camel_case

from imedia_core.errors import ServiceError
from imedia_core.permissions import Perm

from .context import principal_of
from .errors import MutationError


def input_field(type_, *, required: bool = False, description: str | None = None) -> graphene.InputField:
    """A field of an input object: when required, non-null and enforced by validation if left out.

    ``graphene.Field(T, required=True)`` inside an InputObjectType defaults to null, so graphql-core
    treats the field as optional and a request that leaves it out runs. Optional fields keep their
    null default (an omitted field arrives as None).
    """
    if required:
        return graphene.InputField(type_, required=True, description=description)
    return graphene.InputField(type_, default_value=None, description=description)


class BaseMutationOptions(MutationOptions):
    permission = None
    allow_anonymous = False
    error_type = None


class BaseMutation(graphene.Mutation):
    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(
        cls, permission=None, allow_anonymous=False, error_type=None, description=None, _meta=None, **options
    ):
        if not description:
            raise ImproperlyConfigured(f"{cls.__name__}: a mutation needs a description.")
        if error_type is None:
            raise ImproperlyConfigured(f"{cls.__name__}: a mutation needs an error_type.")
        if permission is None and not allow_anonymous:
            raise ImproperlyConfigured(f"{cls.__name__}: declare a permission or allow_anonymous=True.")
        if permission is not None and not isinstance(permission, Perm):
            raise ImproperlyConfigured(f"{cls.__name__}: permission must be an imedia_core.permissions.Perm.")
        _meta = _meta or BaseMutationOptions(cls)
        _meta.permission = permission
        _meta.allow_anonymous = allow_anonymous
        _meta.error_type = error_type
        super().__init_subclass_with_meta__(description=description, _meta=_meta, **options)
        cls._meta.fields["errors"] = graphene.Field(
            graphene.NonNull(graphene.List(graphene.NonNull(error_type))),
            description="Errors that prevented the mutation; empty on success.",
        )

    @classmethod
    def mutate(cls, root, info, **data):
        principal = principal_of(info)
        permission = cls._meta.permission
        if permission is not None and not principal.has(permission):
            code = "PERMISSION_DENIED" if principal.is_authenticated else "UNAUTHENTICATED"
            message = (
                "Vous n'avez pas le droit d'effectuer cette opération dans cet espace."
                if principal.is_authenticated
                else "Connectez-vous ou fournissez une clé d'API pour effectuer cette opération."
            )
            return cls(errors=[cls._meta.error_type(code=code, message=message, field=None)])
        try:
            with transaction.atomic():
                return cls.perform_mutation(root, info, principal, **data)
        except MutationError as exc:
            return cls(errors=[cls._meta.error_type(**error) for error in exc.errors])
        except ServiceError as exc:  # a service refused: same typed errors, fields as in the API
            return cls(
                errors=[
                    cls._meta.error_type(
                        code=error["code"],
                        message=error["message"],
                        field=to_camel_case(error["field"]) if error["field"] else None,
                    )
                    for error in exc.errors
                ]
            )

    @classmethod
    def perform_mutation(cls, root, info, principal, **data):
        """Do the work and return ``cls(...)`` with ``errors=[]``; raise MutationError to refuse."""
        raise NotImplementedError
