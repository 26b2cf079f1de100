"""The space and its members: plugin settings and roles are domain events; sign-ins, sign-outs and
API keys are access records in the journal only, never events."""

from imedia_core.graphql.core.nodes import TenantGlobalIDType
from tenants import invitations
from tenants.auth.tokens import issue_api_key
from tenants.models import Membership, User, hash_secret
from tests.conftest import PASSWORD

from . import Case


def _new_person(email: str) -> User:
    return User.objects.create_user(email=email, password=PASSWORD)


def _member(ctx) -> dict:
    person = _new_person("membre-sortant@alpha.test")
    membership = Membership.objects.create(user=person, tenant=ctx["tenant"], role="participant")
    return {"id": TenantGlobalIDType.to_global_id("Member", membership.pk)}


def _invitation(ctx) -> dict:
    invitation = invitations.invite(ctx["service"], "invitee@exemple.test", "facilitator")
    return {"id": TenantGlobalIDType.to_global_id("Invitation", invitation.pk)}


def _invitation_token(ctx) -> dict:
    invitation = invitations.invite(ctx["service"], "nouvelle-venue@exemple.test", "participant")
    raw, invitation.token_hash = "imi_jeton-de-test-pour-la-marche", hash_secret("imi_jeton-de-test-pour-la-marche")
    invitation.save(update_fields=["token_hash"])
    return {"token": raw}


def _api_key(ctx) -> dict:
    key, _ = issue_api_key(ctx["tenant"], "Site du département", ["read"])
    return {"id": TenantGlobalIDType.to_global_id("ApiKey", key.pk)}


CASES = [
    Case(
        mutation="pluginConfigure",
        document="""mutation($config: JSONString) {
          pluginConfigure(name: "word_filter", enabled: true, config: $config) { plugin { name } errors { code } }
        }""",
        setup=lambda ctx: {"config": '{"words": ["arnaque"], "action": "hold"}'},
        events=("plugin.configured",),
    ),
    Case(
        mutation="memberSetRole",
        document="""mutation($id: ID!) {
          memberSetRole(id: $id, role: FACILITATOR) { member { role } errors { code } }
        }""",
        setup=_member,
        events=("member.role_set",),
    ),
    Case(
        mutation="memberRemove",
        document="mutation($id: ID!) { memberRemove(id: $id) { removed errors { code } } }",
        setup=_member,
        events=("member.removed",),
    ),
    Case(
        mutation="memberInvite",
        document="""mutation {
          memberInvite(email: "nouvelle-animatrice@exemple.test", role: FACILITATOR) { invitation { id } errors { code } }
        }""",
        events=("invitation.created",),
    ),
    Case(
        mutation="invitationResend",
        document="mutation($id: ID!) { invitationResend(id: $id) { invitation { sendCount } errors { code } } }",
        setup=_invitation,
        events=("invitation.resent",),
    ),
    Case(
        mutation="invitationRevoke",
        document="mutation($id: ID!) { invitationRevoke(id: $id) { invitation { status } errors { code } } }",
        setup=_invitation,
        events=("invitation.revoked",),
    ),
    Case(
        mutation="invitationAccept",
        document="""mutation($token: String!) {
          invitationAccept(token: $token, displayName: "Nina Nouvelle", password: "un-mot-de-passe-solide-42") {
            role errors { code }
          }
        }""",
        setup=_invitation_token,
        anonymous=True,
        events=("member.role_set", "invitation.accepted"),
    ),
    Case(
        mutation="tokenCreate",
        document="""mutation($email: String!, $password: String!) {
          tokenCreate(email: $email, password: $password) { token errors { code } }
        }""",
        setup=lambda ctx: {"email": ctx["user"].email, "password": PASSWORD},
        anonymous=True,
        events=(),
    ),
    Case(
        mutation="tokenRevoke",
        document="mutation { tokenRevoke { revoked errors { code } } }",
        events=(),
    ),
    Case(
        mutation="tokenRevokeAll",
        document="mutation { tokenRevokeAll { revokedCount errors { code } } }",
        events=(),
    ),
    Case(
        mutation="apiKeyCreate",
        document="""mutation {
          apiKeyCreate(name: "Site du département", scopes: [READ]) { secret errors { code } }
        }""",
        events=(),
    ),
    Case(
        mutation="apiKeyRevoke",
        document="mutation($id: ID!) { apiKeyRevoke(id: $id) { apiKey { isActive } errors { code } } }",
        setup=_api_key,
        events=(),
    ),
]
