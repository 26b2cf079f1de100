"""Mutations of the resource centre (staff roles and write API keys: ``EDIT_CONTENT``).

The business rules are in ``imedia_core.library.services``; these classes translate inputs and
errors. A refused or invalid input returns ``errors`` and changes nothing (BaseMutation runs
each mutation in a savepoint and rolls it back on error).
"""

import graphene

from imedia_core.library import models, services
from imedia_core.permissions import Perm

from ..core.context import service_context
from ..core.errors import MutationError
from ..core.mutations import BaseMutation, input_field
from ..core.nodes import get_or_not_found, pk_from_global_id
from .types import (
    AudienceEnum,
    LibraryError,
    ProvenanceEnum,
    ReadingLevelEnum,
    Resource,
    ResourceKindEnum,
    Theme,
)

# GraphQL input name -> model field name
_RESOURCE_FIELDS = {
    "kind": "kind",
    "title": "title",
    "slug": "slug",
    "summary": "summary",
    "body": "body",
    "audiences": "audiences",
    "external_url": "external_url",
    "licence": "licence",
    "language": "language",
    "provenance": "provenance",
    "source": "source",
    "author": "author",
    "reading_level": "reading_level",
}


def _resource_input_fields(required: bool):
    return {
        "kind": input_field(ResourceKindEnum, required=required, description="What kind of resource it is."),
        "title": graphene.String(required=required, description="Title, plain text (at most 200 characters)."),
        "slug": graphene.String(
            description="Identifier used in URLs; made from the title when omitted (accents dropped, unique)."
        ),
        "summary": graphene.String(description="A short summary; markup is removed (plain text)."),
        "body": graphene.String(
            description="The content as HTML; sanitised (scripts, styles, event handlers and javascript: URLs removed)."
        ),
        "themes": graphene.List(
            graphene.NonNull(graphene.ID), description="Global IDs of its themes (replaces the current list)."
        ),
        "phases": graphene.List(
            graphene.NonNull(graphene.ID),
            description="Global IDs of the phases it serves (replaces the current links).",
        ),
        "audiences": graphene.List(graphene.NonNull(AudienceEnum), description="Who it is for."),
        "external_url": graphene.String(
            description="Where it lives, if elsewhere (http or https); required for LINK resources."
        ),
        "licence": graphene.String(description="Licence, e.g. CC BY-SA 4.0."),
        "language": graphene.String(description="Language of the content (BCP 47, default `fr`)."),
        "provenance": graphene.Field(ProvenanceEnum, description="Where it comes from (default LOCAL)."),
        "source": graphene.String(description="Original source, for imported or adapted items."),
        "author": graphene.String(description="Author or organisation, as credited."),
        "reading_level": graphene.Field(ReadingLevelEnum, description="How easy it is to read (default STANDARD)."),
    }


ResourceCreateInput = type(
    "ResourceCreateInput",
    (graphene.InputObjectType,),
    {
        **_resource_input_fields(required=True),
        "Meta": type("Meta", (), {"description": "A new resource (created as a draft)."}),
    },
)
ResourceUpdateInput = type(
    "ResourceUpdateInput",
    (graphene.InputObjectType,),
    {
        **_resource_input_fields(required=False),
        "Meta": type(
            "Meta",
            (),
            {"description": "Changes to a resource: omitted or null fields stay as they are; `[]` empties a list."},
        ),
    },
)


class ThemeInput(graphene.InputObjectType):
    class Meta:
        description = "A theme's fields; on update, omitted or null fields stay as they are."

    name = graphene.String(description="Name of the theme (required on creation).")
    slug = graphene.String(description="Identifier used in filters; made from the name when omitted.")
    description = graphene.String(description="What the theme covers, plain text.")


def _value(value):
    if isinstance(value, list):
        return [getattr(v, "value", v) for v in value]
    return getattr(value, "value", value)


def _pks(ids, type_name: str, field: str) -> list[str]:
    pks = []
    for global_id in ids:
        pk = pk_from_global_id(global_id, type_name)
        if pk is None:
            raise MutationError("NOT_FOUND", f"Identifiant inconnu dans cet espace : {global_id}.", field)
        pks.append(pk)
    return pks


def _resource_data(data) -> dict:
    out = {}
    for name, model_name in _RESOURCE_FIELDS.items():
        value = data.get(name)
        if value is not None:
            out[model_name] = _value(value)
    if data.get("themes") is not None:
        out["themes"] = _pks(data["themes"], "Theme", "themes")
    if data.get("phases") is not None:
        out["phases"] = _pks(data["phases"], "Phase", "phases")
    return out


def get_resource(global_id: str) -> models.Resource:
    return get_or_not_found(
        models.Resource.objects.all(), global_id, "Resource", "Aucune ressource avec cet identifiant dans cet espace."
    )


def get_theme(global_id: str) -> models.Theme:
    return get_or_not_found(
        models.Theme.objects.all(), global_id, "Theme", "Aucun thème avec cet identifiant dans cet espace."
    )


class ResourceCreate(BaseMutation):
    class Arguments:
        input = ResourceCreateInput(required=True, description="The resource's fields.")

    class Meta:
        description = "Create a resource, as a draft (staff and write API keys). A first revision is recorded."
        error_type = LibraryError
        permission = Perm.EDIT_CONTENT

    resource = graphene.Field(Resource, description="The new resource; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, input):
        resource = services.create_resource(service_context(info), _resource_data(input))
        return cls(resource=resource, errors=[])


class ResourceUpdate(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the resource.")
        input = ResourceUpdateInput(required=True, description="The fields to change.")
        note = graphene.String(description="What changed, kept with the revision.")

    class Meta:
        description = "Change a resource (staff and write API keys). Every save records a revision."
        error_type = LibraryError
        permission = Perm.EDIT_CONTENT

    resource = graphene.Field(Resource, description="The resource after the change; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id, input, note=None):
        resource = get_resource(id)
        data = _resource_data(input)
        if note:
            data["note"] = note[:300]
        resource = services.update_resource(service_context(info), resource, data)
        return cls(resource=resource, errors=[])


class ResourcePublish(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the resource.")
        publish_at = graphene.DateTime(
            description="Publish at this date (with a time zone) instead of now; readers see it from then on."
        )

    class Meta:
        description = "Publish a resource now, or schedule it with `publishAt` (staff and write API keys)."
        error_type = LibraryError
        permission = Perm.EDIT_CONTENT

    resource = graphene.Field(Resource, description="The resource after publication; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id, publish_at=None):
        resource = get_resource(id)
        resource = services.publish_resource(service_context(info), resource, publish_at=publish_at)
        return cls(resource=resource, errors=[])


class ResourceArchive(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the resource.")

    class Meta:
        description = "Archive a resource: readers no longer see it; staff can publish it again."
        error_type = LibraryError
        permission = Perm.EDIT_CONTENT

    resource = graphene.Field(Resource, description="The archived resource; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id):
        resource = services.archive_resource(service_context(info), get_resource(id))
        return cls(resource=resource, errors=[])


class ResourceDelete(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the resource.")

    class Meta:
        description = "Delete a resource with its files and revisions (staff and write API keys). Cannot be undone."
        error_type = LibraryError
        permission = Perm.EDIT_CONTENT

    deleted_id = graphene.ID(description="Global ID of the deleted resource; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id):
        resource = get_resource(id)
        services.delete_resource(service_context(info), resource)
        return cls(deleted_id=id, errors=[])


class ResourceRestoreRevision(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the resource.")
        number = graphene.Int(required=True, description="Number of the revision to bring back.")

    class Meta:
        description = (
            "Bring a resource back to a saved revision (its fields and themes; publication state included). "
            "Recorded as a new revision, so history only grows."
        )
        error_type = LibraryError
        permission = Perm.EDIT_CONTENT

    resource = graphene.Field(Resource, description="The resource after restoring; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id, number):
        resource = get_resource(id)
        resource = services.restore_resource_revision(service_context(info), resource, number)
        return cls(resource=resource, errors=[])


class ResourceFileDelete(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the file (a `ResourceFile` node).")

    class Meta:
        description = "Remove a file from its resource and from storage (staff and write API keys)."
        error_type = LibraryError
        permission = Perm.EDIT_CONTENT

    resource = graphene.Field(Resource, description="The resource the file belonged to; null on error.")
    deleted_id = graphene.ID(description="Global ID of the deleted file; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id):
        resource_file = get_or_not_found(
            models.ResourceFile.objects.select_related("resource"),
            id,
            "ResourceFile",
            "Aucun fichier avec cet identifiant dans cet espace.",
        )
        resource = resource_file.resource
        services.delete_file(service_context(info), resource_file)
        return cls(resource=resource, deleted_id=id, errors=[])


def _theme_data(data) -> dict:
    return {name: data.get(name) for name in ("name", "slug", "description") if data.get(name) is not None}


class ThemeCreate(BaseMutation):
    class Arguments:
        input = ThemeInput(required=True, description="The theme's fields (`name` required).")

    class Meta:
        description = "Create a theme of the resource centre (staff and write API keys)."
        error_type = LibraryError
        permission = Perm.EDIT_CONTENT

    theme = graphene.Field(Theme, description="The new theme; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, input):
        theme = services.create_theme(service_context(info), _theme_data(input))
        return cls(theme=theme, errors=[])


class ThemeUpdate(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the theme.")
        input = ThemeInput(required=True, description="The fields to change.")

    class Meta:
        description = "Rename or describe a theme (staff and write API keys)."
        error_type = LibraryError
        permission = Perm.EDIT_CONTENT

    theme = graphene.Field(Theme, description="The theme after the change; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id, input):
        theme = services.update_theme(service_context(info), get_theme(id), _theme_data(input))
        return cls(theme=theme, errors=[])


class ThemeDelete(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the theme.")

    class Meta:
        description = "Delete a theme; its resources are kept, without it (staff and write API keys)."
        error_type = LibraryError
        permission = Perm.EDIT_CONTENT

    deleted_id = graphene.ID(description="Global ID of the deleted theme; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id):
        services.delete_theme(service_context(info), get_theme(id))
        return cls(deleted_id=id, errors=[])
