"""The space and its members: plugin settings and roles are domain events; sign-ins, sign-outs and
API keys are access records in the journal only, never events."""

from imedia_core.graphql.core.nodes import TenantGlobalIDType
from tenants.auth.tokens import issue_api_key
from tenants.models import Membership, User
from tests.conftest import PASSWORD

from . import Case


def _new_person(email: str) -> User:
    return User.objects.create_user(email=email, password=PASSWORD)


def _member(ctx) -> dict:
    person = _new_person("membre-sortant@alpha.test")
    Membership.objects.create(user=person, tenant=ctx["tenant"], role="participant")
    return {"email": person.email}


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
        document="""mutation($email: String!) {
          memberSetRole(email: $email, role: FACILITATOR) { member { role } errors { code } }
        }""",
        setup=lambda ctx: {"email": _new_person("nouvelle-animatrice@alpha.test").email},
        events=("member.role_set",),
    ),
    Case(
        mutation="memberRemove",
        document="mutation($email: String!) { memberRemove(email: $email) { removed errors { code } } }",
        setup=_member,
        events=("member.removed",),
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
