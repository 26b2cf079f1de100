"""Mutations of the good-practice commons: share, withdraw, adapt.

The rules live in ``imedia_core.commons.services``; these classes load what the IDs name and
translate errors. Refused input returns ``errors`` (``CommonsErrorCode``) and changes nothing.
"""

import graphene
from django.db import transaction
from graphene.utils.str_converters import to_camel_case

from imedia_core.commons import models, services
from imedia_core.commons.visibility import visible_practices
from imedia_core.errors import ServiceError
from imedia_core.feedback.models import Commitment
from imedia_core.library.models import Resource as ResourceModel
from imedia_core.permissions import Perm

from ..core.context import principal_of, service_context
from ..core.errors import MutationError
from ..core.mutations import BaseMutation, input_field
from ..core.nodes import get_or_not_found
from ..library.types import Resource
from .ids import practice_pk
from .types import CommonsError, Practice, PracticeLicenceEnum, PracticeSourceKindEnum, with_adaptation_counts


class PracticeShareInput(graphene.InputObjectType):
    class Meta:
        description = (
            "A practice to share. From a RESOURCE or a COMMITMENT, omitted text, themes and phases are taken from the "
            "source; an INITIATIVE is written here. Consent and the removal of personal data must be confirmed."
        )

    source_kind = input_field(PracticeSourceKindEnum, required=True, description="What the practice is made from.")
    source_id = graphene.ID(
        description="Global ID of the published resource or of the commitment that was done (not for an INITIATIVE)."
    )
    title = graphene.String(description="Title, plain text (at most 200 characters); default: the source's.")
    summary = graphene.String(description="A short summary, plain text; default: the source's.")
    body = graphene.String(description="The practice as HTML (sanitised); default: the source's content.")
    what_worked = graphene.String(description="What worked, plain text (for a commitment: its outcome by default).")
    conditions = graphene.String(description="Conditions of success, or what to watch out for, plain text.")
    themes = graphene.List(
        graphene.NonNull(graphene.String), description="Theme labels (default: the resource's themes)."
    )
    phases = graphene.List(
        graphene.NonNull(graphene.String), description="Labels of the phases it serves (default: the source's phases)."
    )
    licence = graphene.Field(PracticeLicenceEnum, description="Licence (default: CC BY-SA 4.0).")
    consent = graphene.Boolean(
        required=True, description="The programme consents to publish this practice in the commons: must be true."
    )
    personal_data_removed = graphene.Boolean(
        required=True,
        description="I confirm that personal data (names, contact details…) were removed: must be true. E-mail "
        "addresses and phone numbers are removed automatically as well.",
    )


_TEXT_FIELDS = ("title", "summary", "body", "what_worked", "conditions", "themes", "phases", "licence")


def _load_source(kind: str, global_id: str | None):
    if kind == models.PracticeSourceKind.INITIATIVE:
        if global_id:
            raise MutationError("INVALID", "Une initiative rédigée n'a pas de source à indiquer.", "sourceId")
        return None
    if not global_id:
        return None  # the service reports REQUIRED
    if kind == models.PracticeSourceKind.RESOURCE:
        return get_or_not_found(
            ResourceModel.objects.all(),
            global_id,
            "Resource",
            "Aucune ressource avec cet identifiant.",
            field="sourceId",
        )
    return get_or_not_found(
        Commitment.objects.all(), global_id, "Commitment", "Aucun engagement avec cet identifiant.", field="sourceId"
    )


def get_practice(info, global_id: str, *, lock: bool = False) -> models.Practice:
    """The practice an ID names, if the caller may see it (published, or its own)."""
    pk = practice_pk(global_id)
    queryset = visible_practices(service_context(info))
    if pk is not None and lock:
        queryset = queryset.select_for_update()
    practice = queryset.filter(pk=pk).first() if pk is not None else None
    if practice is None:
        raise MutationError("NOT_FOUND", "Aucune pratique avec cet identifiant dans les communs.", "id")
    return practice


class PracticeShare(BaseMutation):
    class Arguments:
        input = PracticeShareInput(required=True, description="The practice, its source and the consent.")

    class Meta:
        description = (
            "Publish a practice of this programme in the good-practice commons, on purpose (staff: `commons.share`). "
            "It is a snapshot: later changes to the source are not copied."
        )
        error_type = CommonsError
        permission = Perm.SHARE_PRACTICE

    practice = graphene.Field(Practice, description="The shared practice; null on error.")
    scrubbed_count = graphene.Int(
        description="E-mail addresses and phone numbers removed automatically; null on error."
    )

    @classmethod
    def perform_mutation(cls, root, info, principal, input):
        kind = getattr(input["source_kind"], "value", input["source_kind"])
        source = _load_source(kind, input.get("source_id"))
        data = {name: input.get(name) for name in _TEXT_FIELDS if input.get(name) is not None}
        result = services.share_practice(
            service_context(info),
            source_kind=kind,
            source=source,
            data=data,
            consent=bool(input.get("consent")),
            personal_data_removed=bool(input.get("personal_data_removed")),
        )
        practice = models.Practice.objects.filter(pk=result.practice.pk)
        return cls(practice=with_adaptation_counts(practice).get(), scrubbed_count=result.scrubbed, errors=[])


class PracticeUnpublish(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the practice.")

    class Meta:
        description = (
            "Withdraw a practice from the commons (staff of the programme that shared it). It is no longer listed "
            "nor adaptable; copies already adapted by other programmes stay, with their lineage."
        )
        error_type = CommonsError
        permission = Perm.SHARE_PRACTICE

    practice = graphene.Field(Practice, description="The withdrawn practice; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id):
        practice = get_practice(info, id, lock=True)
        practice = services.unpublish_practice(service_context(info), practice)
        return cls(practice=practice, errors=[])


class PracticeAdapt(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the practice (the same in every programme).")

    class Meta:
        description = (
            "Adapt a practice of another programme into this resource centre: a draft resource that keeps its "
            "lineage. Staff (`commons.share`) and write API keys (`content.edit`). Once per practice: adapting "
            "again returns the resource already made."
        )
        error_type = CommonsError
        permission = Perm.SHARE_PRACTICE

    # Adapting writes a draft into the resource centre: its editors may do it too.
    ALSO_ALLOWED = Perm.EDIT_CONTENT

    resource = graphene.Field(Resource, description="The adapted resource (a draft) in this programme; null on error.")
    already_adapted = graphene.Boolean(
        description="true when this programme had already adapted the practice (the existing resource is returned)."
    )

    @classmethod
    def mutate(cls, root, info, **data):
        principal = principal_of(info)
        if principal.has(cls._meta.permission) or not principal.has(cls.ALSO_ALLOWED):
            return super().mutate(root, info, **data)
        # Same run as BaseMutation.mutate, for a caller holding the alternative permission.
        try:
            with transaction.atomic():
                return cls.perform_mutation(root, info, principal, **data)
        except MutationError as exc:
            return cls(errors=[cls._meta.error_type(**error) for error in exc.errors])
        except ServiceError as exc:
            return cls(
                errors=[
                    cls._meta.error_type(
                        code=e["code"], message=e["message"], field=to_camel_case(e["field"]) if e["field"] else None
                    )
                    for e in exc.errors
                ]
            )

    @classmethod
    def perform_mutation(cls, root, info, principal, id):
        practice = get_practice(info, id)
        result = services.adapt_practice(service_context(info), practice)
        return cls(resource=result.resource, already_adapted=not result.created, errors=[])
