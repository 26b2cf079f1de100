"""Connector mutations (space admins: ``MANAGE_TENANT``); the rules live in ``connectors.services``."""

import graphene

from imedia_core.connectors import models, services
from imedia_core.permissions import Perm

from ..core.context import service_context
from ..core.errors import MutationError
from ..core.mutations import BaseMutation, input_field
from ..core.nodes import get_or_not_found, pk_from_global_id
from ..participation.types import ContributionKindEnum
from .types import ConnectorDirectionEnum, ConnectorError, ConnectorLink


class ConnectorKindRuleInput(graphene.InputObjectType):
    class Meta:
        description = "An external item kind and the kind of contribution it becomes."

    external_kind = graphene.String(required=True, description="The platform's kind (one of the platform's `kinds`).")
    kind = input_field(ContributionKindEnum, required=True, description="The contribution kind it becomes.")


class ConnectorStepRuleInput(graphene.InputObjectType):
    class Meta:
        description = "An external step and the phase of the cycle its items are attached to."

    external_step = graphene.String(required=True, description="The platform's step id.")
    phase = graphene.ID(required=True, description="Global ID of the phase.")


class ConnectorLinkFields:
    name = graphene.String(description="A name to find it by (at most 200 characters).")
    base_url = graphene.String(description="The platform's address, https:// (at most 500 characters).")
    space = graphene.JSONString(description="The external space's settings (see the platform's `spaceFields`).")
    direction = graphene.Field(ConnectorDirectionEnum, description="What the link carries (default: in).")
    schedule_minutes = graphene.Int(
        description="Minutes between two syncs, 5 to 10080 (0: on demand only; default 60)."
    )
    full_sync_hours = graphene.Int(description="Hours between two full passes, 1 to 720 (default 24).")
    is_active = graphene.Boolean(description="Whether the link syncs and sends answers (default true).")
    kind_rules = graphene.List(
        graphene.NonNull(ConnectorKindRuleInput), description="Kind mapping (replaces the list)."
    )
    step_rules = graphene.List(
        graphene.NonNull(ConnectorStepRuleInput), description="Step to phase mapping (replaces the list)."
    )


class ConnectorLinkCreateInput(ConnectorLinkFields, graphene.InputObjectType):
    class Meta:
        description = "A new link to a space on an external platform."

    platform = graphene.String(required=True, description="The platform's key (see `connectorPlatforms`).")
    name = graphene.String(required=True, description="A name to find it by (at most 200 characters).")
    base_url = graphene.String(required=True, description="The platform's address, https:// (at most 500 characters).")
    space = graphene.JSONString(
        required=True, description="The external space's settings (see the platform's `spaceFields`)."
    )
    credentials = graphene.JSONString(
        description="The credentials the platform asks for (see `credentialFields`): stored encrypted, never returned."
    )


class ConnectorLinkUpdateInput(ConnectorLinkFields, graphene.InputObjectType):
    class Meta:
        description = "Changes to a link: omitted or null fields stay as they are (credentials: `connectorLinkRotateCredentials`)."


def _data(data) -> dict:
    data = dict(data)
    if data.get("step_rules") is not None:
        data["step_rules"] = [
            {"external_step": rule["external_step"], "phase": pk_from_global_id(rule["phase"], "Phase")}
            for rule in data["step_rules"]
        ]
    return data


def get_link(global_id, field="id") -> models.Link:
    return get_or_not_found(
        models.Link.objects.all(),
        global_id,
        "ConnectorLink",
        "Aucun lien de connecteur avec cet identifiant dans cet espace.",
        field=field,
    )


class ConnectorLinkCreate(BaseMutation):
    class Arguments:
        input = ConnectorLinkCreateInput(required=True, description="The link's fields.")

    class Meta:
        description = "Link this space to a space on an external platform (Decidim, Consul, adhocracy+)."
        error_type = ConnectorError
        permission = Perm.MANAGE_TENANT

    link = graphene.Field(ConnectorLink, description="The new link; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, input):
        return cls(link=services.create_link(service_context(info), _data(input)), errors=[])


class ConnectorLinkUpdate(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the link.")
        input = ConnectorLinkUpdateInput(required=True, description="The fields to change.")

    class Meta:
        description = "Change a connector link (address, external space, mapping, direction, schedule, on/off)."
        error_type = ConnectorError
        permission = Perm.MANAGE_TENANT

    link = graphene.Field(ConnectorLink, description="The link after the change; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id, input):
        return cls(link=services.update_link(service_context(info), get_link(id), _data(input)), errors=[])


class ConnectorLinkDelete(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the link.")

    class Meta:
        description = "Remove a connector link and its answer log; what it imported stays, with its external identity."
        error_type = ConnectorError
        permission = Perm.MANAGE_TENANT

    deleted_id = graphene.ID(description="Global ID of the deleted link; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id):
        services.delete_link(service_context(info), get_link(id))
        return cls(deleted_id=id, errors=[])


class ConnectorLinkRotateCredentials(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the link.")
        credentials = graphene.JSONString(
            required=True, description="The new credentials, all of them (fields left out are removed); never returned."
        )

    class Meta:
        description = "Replace a link's credentials (stored encrypted; the old ones are forgotten)."
        error_type = ConnectorError
        permission = Perm.MANAGE_TENANT

    link = graphene.Field(ConnectorLink, description="The link after the change; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id, credentials):
        if not isinstance(credentials, dict):
            raise MutationError("INVALID", "Les identifiants doivent être un objet JSON.", "credentials")
        return cls(link=services.rotate_credentials(service_context(info), get_link(id), credentials), errors=[])


class ConnectorLinkSync(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the link.")
        full = graphene.Boolean(description="A full pass (finds what was deleted on the platform); default false.")

    class Meta:
        description = "Ask for a sync now: the workers run it within moments (`status.syncRequested` until then)."
        error_type = ConnectorError
        permission = Perm.MANAGE_TENANT

    link = graphene.Field(ConnectorLink, description="The link, with its sync requested; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id, full=False):
        return cls(link=services.request_sync(service_context(info), get_link(id), full=bool(full)), errors=[])
