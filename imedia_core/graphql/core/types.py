"""Types of the platform objects every client sees: the tenant, the viewer, plugins."""

import graphene

from imedia_core.content.models import PublicationStatus
from imedia_core.permissions import Perm, Role
from imedia_core.pluginhost.manager import is_plugin_enabled, optional_plugin_names, plugin_config
from tenants.models import PolicyArea, TenantStatus

from .context import principal_of
from .enums import described_enum

PolicyAreaEnum = described_enum("PolicyArea", PolicyArea, "Public policy a programme belongs to.")
TenantStatusEnum = described_enum("TenantStatus", TenantStatus, "Lifecycle state of a programme space.")
RoleEnum = described_enum(
    "Role",
    Role,
    "A person's role in a programme space.",
    dict(Role.tenant_choices())
    | {
        Role.OPERATOR_ADMIN.value: "Administrateur·rice de l'opérateur qui héberge l'espace",
    },
)
PermissionEnum = described_enum(
    "Permission",
    Perm,
    "Something the viewer may do in this programme space.",
    {
        Perm.READ_PUBLIC.value: "Read published content.",
        Perm.READ_UNPUBLISHED.value: "Read drafts and archived content.",
        Perm.EDIT_CONTENT.value: "Create and edit content.",
        Perm.CONTRIBUTE.value: "Submit, support, follow, comment on and report contributions as a signed-in person.",
        Perm.MODERATE.value: "Moderate contributions and comments.",
        Perm.RESPOND.value: "Answer contributions officially; create and update commitments.",
        Perm.SHARE_PRACTICE.value: "Share this space's practices in the commons and adapt others' practices.",
        Perm.RUN_DIAGNOSTIC.value: "Open, close and conclude self-diagnostic runs for a group.",
        Perm.READ_INDICATORS.value: "Read this space's evaluation indicators and export them.",
        Perm.MANAGE_TENANT.value: "Manage members, API keys, plugins; read the journal.",
        Perm.MANAGE_OPERATOR.value: "Provision and suspend the operator's spaces.",
        Perm.USE_ADMIN.value: "Use this space's admin site.",
    },
)


PublicationStatusEnum = described_enum(
    "PublicationStatus",
    PublicationStatus,
    "Publication state of a piece of content. Readers without the right to see drafts see only "
    "published content whose publication date has come.",
    {
        PublicationStatus.DRAFT.value: "Being written; visible to staff only.",
        PublicationStatus.PUBLISHED.value: "Published; visible to everyone once `publishAt` (if any) has passed.",
        PublicationStatus.ARCHIVED.value: "Withdrawn but kept; visible to staff only.",
    },
)


class Plugin(graphene.ObjectType):
    class Meta:
        description = "An installed plugin and whether this programme space uses it."

    name = graphene.String(required=True, description="Plugin name, as registered on the `imedia.plugins` entry point.")
    enabled = graphene.Boolean(required=True, description="Whether the plugin runs in this programme space.")
    config = graphene.JSONString(
        description="The plugin's configuration in this space; null unless the viewer may manage the space."
    )

    def resolve_enabled(root, info):
        return is_plugin_enabled(info.context.tenant, root.name)

    def resolve_config(root, info):
        if not principal_of(info).has(Perm.MANAGE_TENANT):
            return None
        return plugin_config(info.context.tenant, root.name)


class Tenant(graphene.ObjectType):
    class Meta:
        description = "The programme space this request is routed to."

    slug = graphene.String(
        required=True, description="Identifier of the space, used in `/t/<slug>/` URLs and as its schema name."
    )
    name = graphene.String(required=True, description="Name of the programme, in its own words.")
    policy_area = graphene.Field(PolicyAreaEnum, required=True, description="Public policy the programme belongs to.")
    territory = graphene.String(
        required=True, description="Territory the programme serves (region, département, town)."
    )
    locale = graphene.String(required=True, description="Main language of the programme's content (BCP 47).")
    status = graphene.Field(TenantStatusEnum, required=True, description="Lifecycle state of the space.")
    plugins = graphene.List(
        graphene.NonNull(Plugin),
        required=True,
        description="Optional plugins installed on the platform and their state here.",
    )
    enabled_plugins = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Names of the optional plugins enabled in this space.",
    )

    def resolve_plugins(root, info):
        return [Plugin(name=name) for name in optional_plugin_names()]

    def resolve_enabled_plugins(root, info):
        return [name for name in optional_plugin_names() if is_plugin_enabled(root, name)]


class ViewerKind(graphene.Enum):
    class Meta:
        description = "How the caller authenticated."

    ANONYMOUS = "anonymous"
    PERSON = "person"
    API_KEY = "api_key"

    @property
    def description(self):
        return {
            "ANONYMOUS": "No credential: public content only.",
            "PERSON": "A person's bearer token.",
            "API_KEY": "A tenant API key.",
        }[self.name]


class Person(graphene.ObjectType):
    class Meta:
        description = "A signed-in person."

    email = graphene.String(required=True, description="The person's e-mail address (their login).")
    display_name = graphene.String(required=True, description="Name shown to others; may be empty.")


class Viewer(graphene.ObjectType):
    class Meta:
        description = "Who is calling, and what they may do in this programme space."

    kind = graphene.Field(ViewerKind, required=True, description="How the caller authenticated.")
    person = graphene.Field(Person, description="The signed-in person, if any.")
    role = graphene.Field(RoleEnum, description="The person's role in this space, if they have one.")
    permissions = graphene.List(
        graphene.NonNull(PermissionEnum), required=True, description="Every permission the caller holds here."
    )
    api_key_name = graphene.String(description="Name of the API key used, if any.")
    api_key_scopes = graphene.List(graphene.NonNull(graphene.String), description="Scopes of the API key used, if any.")


def viewer_for(principal) -> Viewer:
    if principal.api_key is not None:
        kind = ViewerKind.API_KEY
    elif principal.user is not None:
        kind = ViewerKind.PERSON
    else:
        kind = ViewerKind.ANONYMOUS
    # Enum members of another class do not serialize: hand graphene the values.
    perms = sorted(p.value for p in (Perm if principal.is_platform_staff else principal.permissions))
    return Viewer(
        kind=kind,
        person=principal.user,
        role=principal.role.value if principal.role else None,
        permissions=perms,
        api_key_name=principal.api_key.name if principal.api_key is not None else None,
        api_key_scopes=list(principal.api_key.scopes) if principal.api_key is not None else None,
    )
