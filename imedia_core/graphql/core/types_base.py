"""Base for Django-backed GraphQL types: the rule to read a type is declared once, in
``get_queryset`` (or the ``read_permission`` / ``publishable`` / ``public`` options), and used by
its connections, its plain lists (``readable``) *and* ``node(id:)`` (``get_node``)."""

from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from graphene import relay
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
    public = False


class ModelObjectType(DjangoObjectType):
    """``read_permission``: a Perm the viewer needs to see any row (None: public).
    ``tenant_field``: for shared-schema models, the FK that ties a row to its tenant; rows are
    then narrowed to the request's tenant.
    ``publishable``: for ``content.Publishable`` models, readers without ``READ_UNPUBLISHED``
    see only what is published and due (drafts, archives and scheduled items stay hidden).
    ``public``: every row is readable by whoever reads the space (say so explicitly).

    A type that implements ``Node`` must declare its read rule: one of these options, or its own
    ``get_queryset`` (usually a domain visibility function). It may not override ``get_node``:
    ``node(id:)`` always answers through ``readable``, so an ID never reaches what a list hides
    (``node_queryset`` may add annotations, never remove the rule)."""

    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(
        cls, read_permission=None, tenant_field=None, publishable=False, public=False, _meta=None, **options
    ):
        _meta = _meta or ModelTypeOptions(cls)
        _meta.read_permission = read_permission
        _meta.tenant_field = tenant_field
        _meta.publishable = publishable
        _meta.public = public
        with translation.override(API_LABEL_LANGUAGE):
            super().__init_subclass_with_meta__(_meta=_meta, **options)
        if _is_node(cls):
            _check_read_rule(cls)

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

    @classmethod
    def readable(cls, info, queryset=None):
        """The rows of this type (of ``queryset``, default all) the caller may read: the one
        read rule, for connections, plain lists, root fields and ``node(id:)``."""
        return cls.get_queryset(cls._meta.model._default_manager.all() if queryset is None else queryset, info)

    @classmethod
    def node_queryset(cls, queryset, info):
        """What ``node(id:)`` loads from the readable rows (override to annotate)."""
        return queryset

    @classmethod
    def get_node(cls, info, id):
        return cls.node_queryset(cls.readable(info), info).filter(pk=id).first()


def _is_node(cls) -> bool:
    return any(issubclass(interface, relay.Node) for interface in cls._meta.interfaces)


def _check_read_rule(cls) -> None:
    """Refuse, when the type is defined, a Node type whose read rule is implicit or bypassed."""
    meta = cls._meta
    overrides_rule = any("get_queryset" in vars(klass) for klass in cls.__mro__[: cls.__mro__.index(ModelObjectType)])
    declared = [meta.read_permission is not None, meta.publishable, meta.public, overrides_rule]
    if not any(declared):
        raise ImproperlyConfigured(
            f"{cls.__name__} implements Node without a read rule: set read_permission, publishable or public "
            "in its Meta, or define get_queryset."
        )
    if meta.public and any(declared[:2] + declared[3:]):
        raise ImproperlyConfigured(f"{cls.__name__} is public and restricted at once: choose one read rule.")
    if any("get_node" in vars(klass) for klass in cls.__mro__[: cls.__mro__.index(ModelObjectType)]):
        raise ImproperlyConfigured(
            f"{cls.__name__} overrides get_node: declare the read rule in get_queryset (and annotations in "
            "node_queryset) so node(id:) and the lists cannot differ."
        )
