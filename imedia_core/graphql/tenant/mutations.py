import graphene

from imedia_core.permissions import Perm
from tenants import invitations, members, models
from tenants.plugin_settings import configure_plugin

from ..core.context import service_context
from ..core.errors import MutationError, error_codes, error_type
from ..core.mutations import BaseMutation
from ..core.nodes import get_or_not_found
from ..core.types import Person, Plugin, RoleEnum

TenantErrorCode = error_codes(
    "TenantErrorCode",
    "Why a change to the programme space's settings or members failed.",
    {
        "CORE_PLUGIN": "Core plugins are always enabled.",
        "LAST_ADMIN": "The space must keep at least one tenant admin.",
        "ALREADY_MEMBER": "The address is already a member of this space: change their role instead.",
        "RATE_LIMITED": "Too many invitations sent in the last hour; try again later.",
        "INVITATION_EXPIRED": "The invitation is past its expiry; an admin may send it again.",
        "INVITATION_USED": "The invitation was already accepted; it serves once.",
        "INVITATION_REVOKED": "The invitation was cancelled by the space.",
        "EMAIL_MISMATCH": "The signed-in person's address is not the one the invitation was sent to.",
        "ACCOUNT_EXISTS": "The address has an account: sign in with it, then accept the invitation.",
    },
)
TenantError = error_type("TenantError", TenantErrorCode, "An error returned by a programme-space settings mutation.")


class PluginConfigure(BaseMutation):
    class Arguments:
        name = graphene.String(required=True, description="Name of the installed plugin.")
        enabled = graphene.Boolean(description="Turn the plugin on or off in this space; unchanged when omitted.")
        config = graphene.JSONString(
            description="The plugin's configuration in this space (a JSON object); unchanged when omitted."
        )

    class Meta:
        description = "Enable, disable or configure an optional plugin in this programme space (space admins)."
        error_type = TenantError
        permission = Perm.MANAGE_TENANT

    plugin = graphene.Field(Plugin, description="The plugin's state in this space after the change.")

    @classmethod
    def perform_mutation(cls, root, info, principal, name, enabled=None, config=None):
        configure_plugin(service_context(info), name, enabled=enabled, config=config)
        return cls(plugin=Plugin(name=name), errors=[])


MEMBER_NOT_FOUND = "Ce membre n'existe pas dans cet espace."
EMAIL_DEPRECATION = (
    "Use `id` (the `Member`'s global ID). The address is matched against this space's members only; "
    "people join a space by accepting an invitation (`memberInvite`)."
)


def _membership(info, id, email):
    """The member ``id`` designates (or, deprecated, ``email``: the space's members only)."""
    tenant = info.context.tenant
    if id is not None and email is not None:
        raise MutationError("INVALID", "Désignez le membre par son identifiant (id) seulement.", "email")
    if id is not None:
        return get_or_not_found(models.Membership.objects.filter(tenant=tenant), id, "Member", MEMBER_NOT_FOUND)
    if email is not None:
        return members.membership_with_email(tenant, email)
    raise MutationError("REQUIRED", "Désignez le membre par son identifiant (id).", "id")


class MemberSetRole(BaseMutation):
    class Arguments:
        id = graphene.ID(description="Global ID of the member (a `Member` of this space).")
        email = graphene.String(
            description="E-mail address of a member of this space (deprecated).",
            deprecation_reason=EMAIL_DEPRECATION,
        )
        role = graphene.Argument(RoleEnum, required=True, description="Their new role in this space.")

    class Meta:
        description = (
            "Change the role of a member of this programme space (space admins). "
            "To add a person, invite them (`memberInvite`)."
        )
        error_type = TenantError
        permission = Perm.MANAGE_TENANT

    member = graphene.Field("imedia_core.graphql.tenant.types.Member", description="The membership after the change.")

    @classmethod
    def perform_mutation(cls, root, info, principal, role, id=None, email=None):
        membership = _membership(info, id, email)
        membership = members.set_member_role(service_context(info), membership, role)
        return cls(member=membership, errors=[])


class MemberRemove(BaseMutation):
    class Arguments:
        id = graphene.ID(description="Global ID of the member (a `Member` of this space).")
        email = graphene.String(
            description="E-mail address of a member of this space (deprecated).",
            deprecation_reason=EMAIL_DEPRECATION,
        )

    class Meta:
        description = "Remove a person from this programme space (space admins). Their account is kept."
        error_type = TenantError
        permission = Perm.MANAGE_TENANT

    removed = graphene.Boolean(description="True when a membership was removed; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id=None, email=None):
        membership = _membership(info, id, email)
        members.remove(service_context(info), membership, field="email" if id is None else "id")
        return cls(removed=True, errors=[])


INVITATION_NOT_FOUND = "Cette invitation n'existe pas dans cet espace."


class MemberInvite(BaseMutation):
    class Arguments:
        email = graphene.String(required=True, description="The address to send the invitation to.")
        role = graphene.Argument(RoleEnum, required=True, description="The role the person will have once they accept.")

    class Meta:
        description = (
            "Invite a person by e-mail to join this programme space with a role (space admins). The answer is the "
            "same whether or not the address has an account; inviting an address again renews its open invitation. "
            "Rate-limited per admin (`IMEDIA_INVITATIONS_PER_HOUR`)."
        )
        error_type = TenantError
        permission = Perm.MANAGE_TENANT

    invitation = graphene.Field("imedia_core.graphql.tenant.types.Invitation", description="The invitation sent.")

    @classmethod
    def perform_mutation(cls, root, info, principal, email, role):
        return cls(invitation=invitations.invite(service_context(info), email, role), errors=[])


def _invitation(info, id):
    return get_or_not_found(
        models.Invitation.objects.filter(tenant=info.context.tenant), id, "Invitation", INVITATION_NOT_FOUND
    )


class InvitationResend(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of an open invitation of this space.")

    class Meta:
        description = (
            "Send an open invitation again, with a new link and a new expiry; the former link stops working "
            "(space admins)."
        )
        error_type = TenantError
        permission = Perm.MANAGE_TENANT

    invitation = graphene.Field("imedia_core.graphql.tenant.types.Invitation", description="The invitation sent again.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id):
        return cls(invitation=invitations.resend(service_context(info), _invitation(info, id)), errors=[])


class InvitationRevoke(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True, description="Global ID of an open invitation of this space.")

    class Meta:
        description = "Cancel an open invitation; its link stops working (space admins)."
        error_type = TenantError
        permission = Perm.MANAGE_TENANT

    invitation = graphene.Field("imedia_core.graphql.tenant.types.Invitation", description="The cancelled invitation.")

    @classmethod
    def perform_mutation(cls, root, info, principal, id):
        return cls(invitation=invitations.revoke(service_context(info), _invitation(info, id)), errors=[])


class InvitationAccept(BaseMutation):
    class Arguments:
        token = graphene.String(required=True, description="The invitation's code, from the e-mail.")
        display_name = graphene.String(
            description="Without a signed-in person: the name others will see, for the account created."
        )
        password = graphene.String(description="Without a signed-in person: the new account's password.")

    class Meta:
        description = (
            "Accept an invitation to this programme space: signed in with the address it was sent to, or, without "
            "a token, by creating the account (`displayName`, `password`) when the address has none. "
            "An invitation serves once."
        )
        error_type = TenantError
        allow_anonymous = True

    role = graphene.Field(RoleEnum, description="The person's role in this space now; null on error.")
    person = graphene.Field(Person, description="The person who joined; null on error.")

    @classmethod
    def perform_mutation(cls, root, info, principal, token, display_name=None, password=None):
        membership = invitations.accept(service_context(info), token, display_name=display_name, password=password)
        return cls(role=membership.role, person=membership.user, errors=[])
