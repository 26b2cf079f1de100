"""GraphQL types of the connectors (space admins: ``MANAGE_TENANT``). Credentials never appear:
a link says whether it has some and when they changed, never their values."""

import graphene

from imedia_core.connectors import models, registry
from imedia_core.permissions import Perm

from ..core.connection import CountableConnection
from ..core.enums import described_enum
from ..core.errors import error_codes, error_type
from ..core.nodes import TenantNode
from ..core.types_base import ModelObjectType
from ..cycle.types import Phase
from ..participation.types import Contribution, ContributionKindEnum

ConnectorErrorCode = error_codes(
    "ConnectorErrorCode",
    "Why a connector mutation failed.",
    {"PLUGIN_DISABLED": "The platform's connector plugin is not enabled in this space."},
)
ConnectorError = error_type("ConnectorError", ConnectorErrorCode, "An error returned by a connector mutation.")

ConnectorDirectionEnum = described_enum(
    "ConnectorDirection",
    models.Direction,
    "What a link carries.",
    labels={
        "in": "The platform's items become contributions and comments here.",
        "out": "Official responses and commitments go back to the platform.",
        "both": "Both directions.",
    },
)
ConnectorDeliveryStatusEnum = described_enum(
    "ConnectorDeliveryStatus",
    models.DeliveryStatus,
    "Where an answer sent back to a platform stands.",
    labels={
        "pending": "Waiting for its first attempt or its next retry.",
        "sent": "The platform took it (as an answer, or as a comment where answers are refused).",
        "failed": "Given up after the maximum number of attempts.",
        "unsupported": "The platform cannot take answers (e.g. Consul's read-only API); never retried.",
    },
)


class ConnectorChoice(graphene.ObjectType):
    class Meta:
        description = "One allowed value of a setting."

    value = graphene.String(required=True, description="The value to send.")
    label = graphene.String(required=True, description="What it means, in French.")


class ConnectorSpaceField(graphene.ObjectType):
    class Meta:
        description = "One setting of the external space a link points to (e.g. a Decidim process's slug)."

    name = graphene.String(required=True, description="Its key in `space`.")
    label = graphene.String(required=True, description="Its label, in French.")
    help = graphene.String(required=True, description="Help for people, in French (may be empty).")
    required = graphene.Boolean(required=True, description="Whether a link must give it.")
    choices = graphene.List(
        graphene.NonNull(ConnectorChoice), required=True, description="Allowed values (empty: free text)."
    )

    def resolve_choices(root, info):
        return [ConnectorChoice(value=value, label=label) for value, label in root.choices]


class ConnectorCredentialField(graphene.ObjectType):
    class Meta:
        description = "One credential a platform asks for (write-only: never returned once stored)."

    name = graphene.String(required=True, description="Its key in `credentials`.")
    label = graphene.String(required=True, description="Its label, in French.")
    help = graphene.String(required=True, description="Where to find it, in French (may be empty).")


class ConnectorPlatform(graphene.ObjectType):
    class Meta:
        description = "A platform this space can link to (its connector plugin is installed and enabled)."

    key = graphene.String(required=True, description="Its key: `decidim`, `consul`, `adhocracy`…")
    label = graphene.String(required=True, description="Its name for people.")
    kinds = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="The item kinds it yields (mapping keys)."
    )
    requests_per_minute = graphene.Int(required=True, description="Its published request limit; syncs stay under it.")
    can_answer = graphene.Boolean(required=True, description="Whether answers can go back to it.")
    answer_note = graphene.String(required=True, description="What goes back to it, in French.")
    source_version = graphene.String(
        required=True, description="The platform version the connector was written against."
    )
    space_fields = graphene.List(
        graphene.NonNull(ConnectorSpaceField), required=True, description="The settings of the external space."
    )
    credential_fields = graphene.List(
        graphene.NonNull(ConnectorCredentialField), required=True, description="The credentials it asks for."
    )


class ConnectorKindRule(graphene.ObjectType):
    class Meta:
        description = "An external item kind and the kind of contribution it becomes."

    external_kind = graphene.String(required=True, description="The platform's kind (one of the platform's `kinds`).")
    kind = graphene.Field(ContributionKindEnum, required=True, description="The contribution kind it becomes.")


class ConnectorStepRule(graphene.ObjectType):
    class Meta:
        description = "An external step (a Decidim process step) and the phase of the cycle it belongs to."

    external_step = graphene.String(required=True, description="The platform's step id.")
    phase = graphene.Field(Phase, description="The phase its items are attached to (null if not visible).")


class ConnectorLinkStatus(graphene.ObjectType):
    class Meta:
        description = "Where a link's synchronisation stands; counts are those of the last (or current) pass."

    last_sync_at = graphene.DateTime(description="When a pass last stored a page or stopped (null: never).")
    last_success_at = graphene.DateTime(description="When a pass last completed.")
    last_full_at = graphene.DateTime(description="When a full pass (which finds deletions) last completed.")
    last_error_code = graphene.String(
        description="Code of the last error (AUTH, RATE_LIMITED, UNAVAILABLE, MALFORMED…), null after a success."
    )
    last_error_message = graphene.String(description="The last error, in French; null after a success.")
    last_error_at = graphene.DateTime(description="When the last error happened.")
    created = graphene.Int(required=True, description="Contributions and comments created.")
    updated = graphene.Int(required=True, description="Contributions and comments updated.")
    unchanged = graphene.Int(required=True, description="Items found unchanged.")
    hidden = graphene.Int(required=True, description="Items hidden, withdrawn or deleted on the platform.")
    skipped = graphene.Int(required=True, description="Items left out (e.g. a comment whose parent is unknown).")
    in_progress = graphene.Boolean(
        required=True, description="Whether a pass is under way (it resumes at the next run)."
    )
    full_pass = graphene.Boolean(required=True, description="Whether the current or last pass is a full one.")
    sync_requested = graphene.Boolean(required=True, description="Whether a sync was asked for and has not run yet.")


class ConnectorLink(ModelObjectType):
    class Meta:
        model = models.Link
        interfaces = (TenantNode,)
        connection_class = CountableConnection
        fields = ("name",)  # every other field is declared below, with its description
        description = "A link between this space and a space on an external platform (space admins)."
        read_permission = Perm.MANAGE_TENANT

    name = graphene.String(required=True, description="A name to find it by.")
    platform = graphene.String(required=True, description="The platform's key.")
    platform_label = graphene.String(required=True, description="The platform's name.")
    base_url = graphene.String(required=True, description="The platform's address.")
    space = graphene.JSONString(
        required=True, description="The external space's settings (see the platform's `spaceFields`)."
    )
    direction = graphene.Field(ConnectorDirectionEnum, required=True, description="What the link carries.")
    schedule_minutes = graphene.Int(required=True, description="Minutes between two syncs (0: on demand only).")
    full_sync_hours = graphene.Int(required=True, description="Hours between two full passes.")
    is_active = graphene.Boolean(required=True, description="Whether the link syncs and sends answers.")
    has_credentials = graphene.Boolean(
        required=True, description="Whether credentials are stored (never their values)."
    )
    credentials_changed_at = graphene.DateTime(description="When the credentials were last set.")
    answer_note = graphene.String(required=True, description="What goes back to the platform, in French.")
    kind_rules = graphene.List(graphene.NonNull(ConnectorKindRule), required=True, description="Kind mapping.")
    step_rules = graphene.List(graphene.NonNull(ConnectorStepRule), required=True, description="Step to phase mapping.")
    status = graphene.Field(ConnectorLinkStatus, required=True, description="Where its synchronisation stands.")
    created_at = graphene.DateTime(required=True, description="When it was created.")
    updated_at = graphene.DateTime(required=True, description="When it was last changed.")

    def resolve_platform_label(root, info):
        return registry.label_of(root.platform)

    def resolve_direction(root, info):
        return models.Direction(root.direction).value

    def resolve_answer_note(root, info):
        entry = registry.installed().get(root.platform)
        return entry[1].answer_note if entry else ""

    def resolve_kind_rules(root, info):
        return [ConnectorKindRule(external_kind=r.external_kind, kind=r.kind) for r in root.kind_rules.all()]

    def resolve_step_rules(root, info):
        return [ConnectorStepRule(external_step=r.external_step, phase=r.phase) for r in root.step_rules.all()]

    def resolve_status(root, info):
        return ConnectorLinkStatus(
            last_sync_at=root.last_sync_at,
            last_success_at=root.last_success_at,
            last_full_at=root.last_full_at,
            last_error_code=root.last_error_code or None,
            last_error_message=root.last_error_message or None,
            last_error_at=root.last_error_at if root.last_error_code else None,
            created=root.created_count,
            updated=root.updated_count,
            unchanged=root.unchanged_count,
            hidden=root.hidden_count,
            skipped=root.skipped_count,
            in_progress=root.pass_started_at is not None,
            full_pass=root.pass_full,
            sync_requested=root.sync_requested_at is not None,
        )


class ConnectorDelivery(ModelObjectType):
    class Meta:
        model = models.Delivery
        interfaces = (TenantNode,)
        connection_class = CountableConnection
        fields = ("text",)
        description = "An answer sent (or to send) back to the platform an item came from: the delivery log."
        read_permission = Perm.MANAGE_TENANT

    link = graphene.Field(ConnectorLink, required=True, description="The link it goes through.")
    contribution = graphene.Field(Contribution, description="The contribution answered (null if not visible).")
    external_id = graphene.String(required=True, description="The item's id on the platform.")
    state = graphene.String(required=True, description="The state sent: `accepted`, `rejected` or `evaluating`.")
    text = graphene.String(required=True, description="The text sent, in French.")
    status = graphene.Field(ConnectorDeliveryStatusEnum, required=True, description="Where it stands.")
    attempts = graphene.Int(required=True, description="Attempts made so far.")
    next_attempt_at = graphene.DateTime(description="When the next attempt is due (pending answers).")
    last_error_code = graphene.String(description="Code of the last error (null if none).")
    last_error = graphene.String(description="The last error, in French (null if none).")
    reference = graphene.String(description="The platform's id of what was created (null until sent).")
    as_comment = graphene.Boolean(required=True, description="Whether it went as a comment (answers refused there).")
    created_at = graphene.DateTime(required=True, description="When it was queued.")
    sent_at = graphene.DateTime(description="When the platform took it.")

    def resolve_status(root, info):
        return models.DeliveryStatus(root.status).value

    def resolve_last_error_code(root, info):
        return root.last_error_code or None

    def resolve_last_error(root, info):
        return root.last_error or None

    def resolve_reference(root, info):
        return root.reference or None
