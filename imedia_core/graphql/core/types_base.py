"""Base for Django-backed GraphQL types: the permission to read a type is declared once and
enforced in ``get_queryset``, which graphene-django calls for connections *and* for ``node``."""

from graphene_django import DjangoObjectType
from graphene_django.types import DjangoObjectTypeOptions

from imedia_core.permissions import Perm

from .context import principal_of


class ModelTypeOptions(DjangoObjectTypeOptions):
    read_permission = None
    tenant_field = None
    publishable = False


class ModelObjectType(DjangoObjectType):
    """``read_permission``: a Perm the viewer needs to see any row (None: public).
    ``tenant_field``: for shared-schema models, the FK that ties a row to its tenant; rows are
    then narrowed to the request's tenant.
    ``publishable``: for ``content.Publishable`` models, readers without ``READ_UNPUBLISHED``
    see only what is published and due (drafts, archives and scheduled items stay hidden)."""

    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(
        cls, read_permission=None, tenant_field=None, publishable=False, _meta=None, **options
    ):
        _meta = _meta or ModelTypeOptions(cls)
        _meta.read_permission = read_permission
        _meta.tenant_field = tenant_field
        _meta.publishable = publishable
        super().__init_subclass_with_meta__(_meta=_meta, **options)

    @classmethod
    def get_queryset(cls, queryset, info):
        permission = cls._meta.read_permission
        if permission is not None and not principal_of(info).has(permission):
            return queryset.none()
        if cls._meta.tenant_field:
            queryset = queryset.filter(**{cls._meta.tenant_field: info.context.tenant})
        if cls._meta.publishable and not principal_of(info).has(Perm.READ_UNPUBLISHED):
            queryset = queryset.visible()
        return queryset
