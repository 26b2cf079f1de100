"""Base for Django-backed GraphQL types: the permission to read a type is declared once and
enforced in ``get_queryset``, which graphene-django calls for connections *and* for ``node``."""

from django.utils import translation
from graphene_django import DjangoObjectType, converter
from graphene_django.types import DjangoObjectTypeOptions

from imedia_core.permissions import Perm

from .context import principal_of
from .enums import API_LABEL_LANGUAGE

# Model help texts are French (the admin's language) and translated by the English catalogue;
# the API documents its fields in English, so graphene-django reads them in English, and choice
# labels (enum value descriptions) in French, whatever language is active when a type is built.
API_DESCRIPTION_LANGUAGE = "en"


def _field_description(field):
    if not field.help_text:
        return None
    with translation.override(API_DESCRIPTION_LANGUAGE):
        return str(field.help_text)


converter.get_django_field_description = _field_description


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
        with translation.override(API_LABEL_LANGUAGE):
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
