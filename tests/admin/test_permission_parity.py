"""The tenant admin shows each role what GraphQL lets it do, and nothing more.

For every role (``Role``) and every model registered on the tenant admin site, the admin's rights
are measured through real HTTP on a signed-in session (change list and add page: 200 or 403; change
and delete: the ModelAdmin's ``has_*_permission`` with that session's request) and compared with
what GraphQL allows the same role:

- reading: the GraphQL query that lists the same rows, sent over HTTP with the role's token
  (refused = a ``PERMISSION_DENIED`` error);
- adding, changing, deleting: the ``permission`` the GraphQL mutations of that model declare
  (``BaseMutation``), read from the schema, never copied here.

This file only says *which* GraphQL operations are the admin's list, add page, change and delete of
each model (``TWINS``); the rights come from GraphQL. Where the admin deliberately offers less than
GraphQL (``LESS_IN_ADMIN``), the test checks it refuses every role: less, never more.
"""

from dataclasses import dataclass

import pytest
from django_tenants.utils import schema_context

import imedia_core.urls_tenant  # noqa: F401  registers every admin page, as when serving
from imedia_core.admin_site import tenant_admin_site
from imedia_core.cycle.models import Cycle
from imedia_core.diagnostics.models import Diagnostic
from imedia_core.graphql.api import schema
from imedia_core.participation.models import Contribution, ParticipationSettings
from imedia_core.permissions import ROLE_PERMISSIONS, Perm, Role, principal_for_user
from tenants.auth.tokens import issue_person_token
from tenants.models import OperatorMembership

ACTIONS = ("view", "add", "change", "delete")
REFUSED = {"PERMISSION_DENIED", "UNAUTHENTICATED"}


@dataclass(frozen=True)
class Twin:
    """The GraphQL operations that do what the admin's pages of one model do."""

    read: str  # a query selection listing the rows the admin's change list shows
    add: tuple[str, ...] = ()  # mutation fields; () when GraphQL cannot do it at all
    change: tuple[str, ...] = ()
    delete: tuple[str, ...] = ()


def connection(field: str, args: str = "") -> str:
    return f"{field}{args} {{ edges {{ node {{ id }} }} }}"


TWINS: dict[str, Twin] = {
    "audit.AuditEntry": Twin(read=connection("auditLog", "(first: 1)")),
    "events.OutboxEvent": Twin(read=connection("outboxEvents", "(first: 1)")),
    "library.Theme": Twin(read="themes { id }", add=("themeCreate",), change=("themeUpdate",), delete=("themeDelete",)),
    "library.Resource": Twin(
        read=connection("resources", "(first: 1)"),
        add=("resourceCreate",),
        change=(
            "resourceUpdate",
            "resourcePublish",
            "resourceArchive",
            "resourceRestoreRevision",
            "resourceFileDelete",
        ),
        delete=("resourceDelete",),
    ),
    # A cycle is started from a template; it is never deleted (past cycles stay readable).
    "cycle.Cycle": Twin(read="cycles { id }", add=("cycleApplyTemplate",), change=("cycleUpdate", "phaseReorder")),
    "cycle.Phase": Twin(
        read="cycle { phases { id } }",
        add=("phaseCreate",),
        change=(
            "phaseUpdate",
            "phaseSetCurrent",
            "phasePublish",
            "phaseUnpublish",
            "phaseArchive",
            "phaseRestoreRevision",
            "phaseItemCreate",
            "phaseItemUpdate",
            "phaseItemDelete",
            "phaseItemReorder",
            "phaseResourceLink",
            "phaseResourceUnlink",
            "phaseResourceReorder",
        ),
        delete=("phaseDelete",),
    ),
    "pages.Page": Twin(
        read="pages { id }",
        add=("pageCreate",),
        change=("pageUpdate", "pageReorder", "pagePublish", "pageArchive", "pageRestoreRevision"),
        delete=("pageDelete",),
    ),
    "pages.NewsItem": Twin(
        read=connection("news", "(first: 1)"),
        add=("newsCreate",),
        change=("newsUpdate", "newsPublish", "newsArchive", "newsRestoreRevision"),
        delete=("newsDelete",),
    ),
    # The admin's contribution list is the moderation queue (every status): moderators only.
    "participation.Contribution": Twin(
        read=connection("moderationQueue", "(first: 1)"), change=("contributionModerate",)
    ),
    "participation.Comment": Twin(read=connection("commentModerationQueue", "(first: 1)"), change=("commentModerate",)),
    # GraphQL creates groups only; the admin edits them (name, members) with the same right.
    "participation.ExpressionGroup": Twin(
        read="expressionGroups { id }", add=("expressionGroupCreate",), change=("expressionGroupCreate",)
    ),
    # One row per space: the update creates it when missing.
    "participation.ParticipationSettings": Twin(
        read="participationSettings { moderationMode }",
        add=("participationSettingsUpdate",),
        change=("participationSettingsUpdate",),
    ),
    "feedback.Response": Twin(
        read=connection("responses", "(first: 1)"),
        add=("responseCreate",),
        change=("responseUpdate", "responsePublish"),
        delete=("responseDelete",),
    ),
    "feedback.Commitment": Twin(
        read=connection("commitments", "(first: 1)"),
        add=("commitmentCreate",),
        change=(
            "commitmentUpdate",
            "commitmentAddUpdate",
            "commitmentLinkContributions",
            "commitmentUnlinkContributions",
        ),
    ),
    "guidance.Question": Twin(
        read=connection("guidanceQuestions", "(first: 1)"),
        add=("guidanceQuestionCreate", "guidanceInstallStarterQuestions"),
        change=("guidanceQuestionUpdate", "guidanceQuestionLink", "guidanceQuestionUnlink", "guidanceQuestionReorder"),
        delete=("guidanceQuestionDelete",),
    ),
    "guidance.UnansweredSearch": Twin(
        read=connection("guidanceUnansweredSearches", "(first: 1)"),
        change=("guidanceUnansweredSearchHandle",),
        delete=("guidanceUnansweredSearchDelete",),
    ),
    "diagnostics.Diagnostic": Twin(
        read=connection("diagnostics", "(first: 1)"),
        add=("diagnosticCreate", "diagnosticInstallTemplate"),
        change=("diagnosticUpdate", "diagnosticPublish"),
    ),
    # GraphQL neither creates nor renames a group: opening a run finds or creates it by name.
    "diagnostics.Group": Twin(read="diagnosticGroups { id }"),
    "diagnostics.Run": Twin(
        read=connection("diagnosticRuns", "(first: 1)"),
        add=("diagnosticRunOpen",),
        change=("diagnosticRunClose", "diagnosticRunConclude"),
    ),
    "webhooks.Subscription": Twin(
        read=connection("webhookSubscriptions", "(first: 1)"),
        add=("webhookSubscriptionCreate",),
        change=("webhookSubscriptionUpdate", "webhookRotateSecret"),
        delete=("webhookSubscriptionDelete",),
    ),
    "webhooks.Delivery": Twin(read=connection("webhookDeliveries", "(first: 1)")),
    "connectors.Link": Twin(
        read=connection("connectorLinks", "(first: 1)"),
        add=("connectorLinkCreate",),
        change=("connectorLinkUpdate", "connectorLinkRotateCredentials", "connectorLinkSync"),
        delete=("connectorLinkDelete",),
    ),
    "connectors.Delivery": Twin(read=connection("connectorDeliveries", "(first: 1)")),
}

# Pages of the admin that are not a model's (``TenantAdminSite.register_view``): the GraphQL query
# that reads the same figures.
VIEW_TWINS: dict[str, str] = {
    "evaluation_indicators": "indicators { computedAt }",
    # « Membres et invitations »: its changes are memberSetRole, memberRemove, memberInvite,
    # invitationResend and invitationRevoke, all MANAGE_TENANT like the read (tests/auth/test_members_admin.py).
    "members": connection("members", "(first: 1)"),
}

# Pages registered with ``section=None`` (reached by links, their route takes arguments): why their
# rights follow a model's admin rather than a GraphQL read of their own.
UNLISTED_VIEWS: dict[str, str] = {
    "content_preview": "the preview of an item asks its model admin's has_view_permission (tests/admin/test_preview.py)",
}

# Where the admin deliberately offers less than GraphQL: it must then refuse every role.
LESS_IN_ADMIN: dict[tuple[str, str], str] = {
    ("webhooks.Subscription", "add"): "the secret is shown once, by the GraphQL mutation that creates it",
}

# Mutations that are none of the admin's list / add / change / delete of a registered model.
OTHER_MUTATIONS: dict[str, str] = {
    "tokenCreate": "signing in for the API",
    "tokenRevoke": "signing out of the API",
    "tokenRevokeAll": "signing out of every session (a person acts for themself)",
    "accountErase": "a person erases themself; a DPO uses the platform admin's people action, not a space's admin",
    "apiKeyCreate": "API keys are not in the space's admin",
    "apiKeyRevoke": "API keys are not in the space's admin",
    "memberSetRole": "the members page (VIEW_TWINS['members']), same MANAGE_TENANT",
    "memberRemove": "the members page (VIEW_TWINS['members']), same MANAGE_TENANT",
    "memberInvite": "the members page (VIEW_TWINS['members']), same MANAGE_TENANT",
    "invitationResend": "the members page (VIEW_TWINS['members']), same MANAGE_TENANT",
    "invitationRevoke": "the members page (VIEW_TWINS['members']), same MANAGE_TENANT",
    "invitationAccept": "the invited person accepts on the space's site, not in its admin",
    "pluginConfigure": "plugin settings are not a model of the space",
    "practiceShare": "the commons are a platform model",
    "practiceUnpublish": "the commons are a platform model",
    "practiceAdapt": "the commons are a platform model",
    "webhookReplay": "a delivery is replayed from GraphQL (the admin's delivery log is read-only)",
    "diagnosticAnswer": "a participant's answers, with a run's code",
    "contributionSubmit": "people submit contributions on the public site",
    "contributionEdit": "an author's own edit",
    "contributionWithdraw": "an author's own withdrawal",
    "contributionSupport": "a participant's gesture",
    "contributionUnsupport": "a participant's gesture",
    "contributionFollow": "a participant's gesture",
    "contributionUnfollow": "a participant's gesture",
    "contributionReport": "a participant's gesture",
    "commentAdd": "people comment on the public site",
}


def mutation_classes() -> dict[str, type]:
    fields = schema.graphql_schema.mutation_type.fields
    return {name: field.type.graphene_type for name, field in fields.items()}


def graphql_may(role: Role, mutations: tuple[str, ...], classes: dict[str, type]) -> bool:
    """Whether GraphQL lets ``role`` run one of ``mutations``, by the permissions they declare."""
    perms = ROLE_PERMISSIONS[role] | {Perm.READ_PUBLIC}
    for name in mutations:
        meta = classes[name]._meta
        if meta.allow_anonymous or meta.permission in perms:
            return True
    return False


@pytest.fixture
def people(tenant_a, make_user):
    """One signed-in person per role in alpha (the operator admin through the alpha's operator)."""
    users = {}
    for role in Role:
        email = f"parite-{role.value.replace('_', '-')}@alpha.test"
        if role is Role.OPERATOR_ADMIN:
            users[role] = make_user(email)
            OperatorMembership.objects.create(user=users[role], operator_id=tenant_a.operator_id)
        else:
            users[role] = make_user(email, role.value, tenant_a)
        assert principal_for_user(users[role], tenant_a).role is role
    return users


def admin_url(model, page="") -> str:
    return f"/t/alpha/admin/{model._meta.app_label}/{model._meta.model_name}/{page}"


def allowed(client, url) -> bool | str:
    """200: shown; 403: refused; a redirect to the sign-in page: not an admin user here; another
    redirect (an add page that is a picker elsewhere) is followed. Anything else is reported as
    such: a page that fails is no answer."""
    response = client.get(url, HTTP_HOST="testserver")
    if response.status_code == 302:
        if "/admin/login/" in response["Location"]:
            return False
        response = client.get(response["Location"], HTTP_HOST="testserver")
    if response.status_code not in (200, 403):
        return f"HTTP {response.status_code}"
    return response.status_code == 200


def admin_rights(client, request, model_admin) -> dict[str, bool | str]:
    """What the admin lets the signed-in ``client`` do with ``model_admin``'s model; ``request``
    is one of that session's own requests."""
    model = model_admin.model
    rights = {"add": allowed(client, admin_url(model, "add/")), "view": allowed(client, admin_url(model))}
    with schema_context("alpha"):
        rights["change"] = model_admin.has_change_permission(request)
        rights["delete"] = model_admin.has_delete_permission(request)
    return rights


def graphql_reads(api, tenant, token, selection) -> bool:
    response = api.graphql(f"query {{ {selection} }}", tenant=tenant, token=token)
    payload = response.json()
    codes = {(error.get("extensions") or {}).get("code") for error in payload.get("errors", [])}
    assert codes <= REFUSED, (selection, payload)
    return not codes


def test_every_model_and_mutation_is_classified():
    registered = {model._meta.label for model in tenant_admin_site._registry}
    assert registered == set(TWINS), "declare the GraphQL twin of each registered model in TWINS"
    classes = mutation_classes()
    named = {
        name for twin in TWINS.values() for action in ("add", "change", "delete") for name in getattr(twin, action)
    }
    assert named <= set(classes), named - set(classes)
    assert set(OTHER_MUTATIONS) <= set(classes), set(OTHER_MUTATIONS) - set(classes)
    unclassified = set(classes) - named - set(OTHER_MUTATIONS)
    assert not unclassified, f"say which admin action each mutation is, or why none: {sorted(unclassified)}"
    extra = {name for _route, _view, name, *_ in getattr(tenant_admin_site, "_extra_views", [])}
    assert extra == set(VIEW_TWINS) | set(UNLISTED_VIEWS), "declare each page registered with register_view"


def fresh_state(label):
    """Rows whose existence decides a right, removed before measuring it (in the test's transaction)."""
    if label == "participation.ParticipationSettings":
        # One row per space, made on first use (a GraphQL read makes it): the admin's add page
        # creates it when missing, as GraphQL's update does.
        with schema_context("alpha"):
            ParticipationSettings.objects.all().delete()


def test_admin_rights_equal_graphql_rights_for_every_role_and_model(client, api, tenant_a, people):
    classes = mutation_classes()
    tokens = {role: issue_person_token(user, tenant_a)[1] for role, user in people.items()}
    mismatches = []
    client.raise_request_exception = False  # a failing page is reported with the others
    for role, user in people.items():
        uses_admin = Perm.USE_ADMIN in ROLE_PERMISSIONS[role]
        client.force_login(user)
        request = client.get("/t/alpha/admin/", HTTP_HOST="testserver").wsgi_request
        for model, model_admin in tenant_admin_site._registry.items():
            label = model._meta.label
            twin = TWINS[label]
            fresh_state(label)
            admin = admin_rights(client, request, model_admin)
            graphql = {
                "view": graphql_reads(api, tenant_a, tokens[role], twin.read),
                **{action: graphql_may(role, getattr(twin, action), classes) for action in ("add", "change", "delete")},
            }
            for action in ACTIONS:
                expected = uses_admin and graphql[action]
                if (label, action) in LESS_IN_ADMIN:
                    expected = False
                if admin[action] != expected:
                    mismatches.append(f"{label} {action} {role.value}: admin {admin[action]}, GraphQL {expected}")
            # Inlines edit parts of the row: nothing more than GraphQL lets the role see and change.
            for inline_class in model_admin.inlines:
                inline = inline_class(model, model_admin.admin_site)
                with schema_context("alpha"):
                    rights = {
                        "view": inline.has_view_permission(request),
                        "add": inline.has_add_permission(request, None),
                        "change": inline.has_change_permission(request),
                        # Django offers deletion only when the inline's can_delete allows it too.
                        "delete": inline.can_delete and inline.has_delete_permission(request),
                    }
                for action, granted in rights.items():
                    limit = uses_admin and graphql["view" if action == "view" else "change"]
                    if granted and not limit:
                        mismatches.append(
                            f"{label} inline {inline_class.__name__} {action} {role.value}: more than GraphQL"
                        )
    assert not mismatches, "\n".join(mismatches)


def test_admin_pages_equal_graphql_reads_for_every_role(client, api, tenant_a, people):
    for route, _view, name, section, _label, _permission in tenant_admin_site._extra_views:
        if section is None:
            continue  # UNLISTED_VIEWS
        for role, user in people.items():
            token = issue_person_token(user, tenant_a)[1]
            expected = Perm.USE_ADMIN in ROLE_PERMISSIONS[role] and graphql_reads(
                api, tenant_a, token, VIEW_TWINS[name]
            )
            client.force_login(user)
            assert allowed(client, f"/t/alpha/admin/{route}") is expected, (name, role)


def test_responders_who_may_not_moderate_get_no_moderation_queue(client, api, tenant_a, people):
    with schema_context("alpha"):
        pending = Contribution.objects.create(
            kind="proposal", title="Ouvrir le samedi", body="Le centre est fermé le samedi.", status="pending",
            author_kind="person", author_label="Samia B.",
        )  # fmt: skip
    for role in (Role.PROFESSIONAL, Role.DECISION_MAKER):
        token = issue_person_token(people[role], tenant_a)[1]
        refused = api.graphql(
            "query { moderationQueue(first: 5) { edges { node { id } } } }", tenant=tenant_a, token=token
        )
        assert refused.json()["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        client.force_login(people[role])
        index = client.get("/t/alpha/admin/", HTTP_HOST="testserver")
        assert index.status_code == 200
        assert "/participation/contribution/" not in index.content.decode()
        assert client.get(admin_url(Contribution), HTTP_HOST="testserver").status_code == 403
        assert client.get(admin_url(Contribution, f"{pending.pk}/change/"), HTTP_HOST="testserver").status_code == 403
        approve = client.post(
            admin_url(Contribution),
            {"action": "approve", "_selected_action": [pending.pk]},
            HTTP_HOST="testserver",
        )
        assert approve.status_code == 403
        with schema_context("alpha"):
            pending.refresh_from_db()
        assert pending.status == "pending"
    # A facilitator, whom GraphQL lets moderate, gets the queue.
    client.force_login(people[Role.FACILITATOR])
    assert client.get(admin_url(Contribution), HTTP_HOST="testserver").status_code == 200


def test_no_hard_delete_where_graphql_has_none(client, people):
    with schema_context("alpha"):
        cycle = Cycle.objects.create(name="Cycle à garder", is_active=False)
        diagnostic = Diagnostic.objects.create(slug="a-garder", title="Questionnaire à garder")
    client.force_login(people[Role.TENANT_ADMIN])
    for obj in (cycle, diagnostic):
        url = admin_url(type(obj), f"{obj.pk}/delete/")
        assert client.get(url, HTTP_HOST="testserver").status_code == 403
        assert client.post(url, {"post": "yes"}, HTTP_HOST="testserver").status_code == 403
        with schema_context("alpha"):
            assert type(obj).objects.filter(pk=obj.pk).exists()


def test_the_cycle_add_page_is_the_template_picker_for_those_graphql_lets_create(client, people):
    client.force_login(people[Role.FACILITATOR])
    response = client.get(admin_url(Cycle, "add/"), HTTP_HOST="testserver")
    assert response.status_code == 302
    assert response["Location"] == admin_url(Cycle, "from-template/")
    client.force_login(people[Role.PARTICIPANT])
    response = client.get(admin_url(Cycle, "add/"), HTTP_HOST="testserver")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
