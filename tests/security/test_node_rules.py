"""``node(id:)`` applies exactly the read rule of each type's list.

Every Node type is read FROM THE SCHEMA: a type added later without a case here fails
``test_every_node_type_has_a_case``. For each type the test makes rows in space alpha (one the
list shows and one it hides, where the notion applies), then asks, as an anonymous caller, a
participant and a space admin, the type's list (root field, or the nested list where the type
has no root list) and ``node(id:)`` for each row: a row is found by ``node`` exactly when the list
shows it to the same caller.
"""

import base64
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django_tenants.utils import schema_context
from graphql import GraphQLObjectType

from imedia_core.audit.models import AuditEntry
from imedia_core.connectors.models import Delivery as ConnectorDelivery
from imedia_core.connectors.models import Link
from imedia_core.context import Channel, ServiceContext
from imedia_core.cycle.models import Cycle, Phase, PhaseItem
from imedia_core.diagnostics import services as diagnostics
from imedia_core.events.models import OutboxEvent
from imedia_core.feedback.models import Commitment, CommitmentUpdate, Response
from imedia_core.graphql.api import get_schema
from imedia_core.graphql.core.nodes import TenantNode
from imedia_core.graphql.core.types_base import ModelObjectType
from imedia_core.guidance.models import Question, UnansweredSearch
from imedia_core.library.models import Resource, ResourceFile, Theme
from imedia_core.pages.models import NewsItem, Page
from imedia_core.participation.models import Comment, Contribution, ExpressionGroup
from plugins.webhooks.models import Delivery, Subscription
from tenants.auth.tokens import issue_api_key
from tenants.models import Invitation, Membership
from tests.auth.helpers import token_for

SYSTEM = ServiceContext.system(Channel.CLI)
NODE = "query($id: ID!) { node(id: $id) { id } }"
ROLES = ("anonymous", "participant", "staff")
REFUSALS = {"UNAUTHENTICATED", "PERMISSION_DENIED", "PLUGIN_DISABLED"}
NOBODY = "(listed to nobody)"


@dataclass
class People:
    tenant: object
    participant: object
    staff: object


def _published(**extra):
    return {"status": "published", "published_at": timezone.now(), **extra}


# --- one maker per Node type: rows in alpha, by label -----------------------------------------


def make_contributions(people):
    published = Contribution.objects.create(kind="proposal", title="Publiée", author_kind="anonymous", **_published())
    pending = Contribution.objects.create(kind="proposal", title="En attente", author_kind="anonymous")
    own = Contribution.objects.create(
        kind="question", title="La mienne", author_kind="person", author_id=people.participant.pk
    )
    return published, pending, own


def contribution_rows(people):
    published, pending, own = make_contributions(people)
    return {"published": published.pk, "pending": pending.pk, "own pending": own.pk}


def comment_rows(people):
    published, pending, _own = make_contributions(people)
    make = Comment.objects.create
    return {
        "published": make(contribution=published, body="Oui", author_kind="anonymous", status="published").pk,
        "pending": make(contribution=published, body="Non", author_kind="anonymous").pk,
        "own pending": make(
            contribution=published, body="Moi", author_kind="person", author_id=people.participant.pk
        ).pk,
        "under a pending contribution": make(
            contribution=pending, body="Caché", author_kind="anonymous", status="published"
        ).pk,
    }


def response_rows(people):
    published, pending, _own = make_contributions(people)
    make = Response.objects.create
    return {
        "published": make(contribution=published, decision="accepted", text="Fait.", status="published").pk,
        "draft": make(contribution=published, decision="accepted", text="Brouillon.").pk,
        "on a pending contribution": make(
            contribution=pending, decision="declined", text="Non.", status="published"
        ).pk,
    }


def commitment_rows(people):
    commitment = Commitment.objects.create(title="Horaires", owner_label="Mairie", due_date=date(2030, 1, 1))
    return {"commitment": commitment.pk}


def commitment_update_rows(people):
    commitment = Commitment.objects.create(title="Horaires", owner_label="Mairie", due_date=date(2030, 1, 1))
    return {"step": CommitmentUpdate.objects.create(commitment=commitment, text="Lancé.").pk}


def _cycles():
    active = Cycle.objects.filter(is_active=True).first() or Cycle.objects.create(name="Actif", is_active=True)
    return active, Cycle.objects.create(name="Ancien cycle", is_active=False)


def cycle_rows(people):
    active, inactive = _cycles()
    return {"active": active.pk, "inactive": inactive.pk}


def _phases():
    active, inactive = _cycles()
    return {
        "published": Phase.objects.create(cycle=active, slug="nr-pub", title="Publiée", **_published()),
        "draft": Phase.objects.create(cycle=active, slug="nr-draft", title="Brouillon"),
        "scheduled": Phase.objects.create(
            cycle=active,
            slug="nr-later",
            title="Programmée",
            status="published",
            publish_at=timezone.now() + timedelta(days=3),
        ),
        "of an inactive cycle": Phase.objects.create(cycle=inactive, slug="nr-old", title="Ancienne", **_published()),
    }


def phase_rows(people):
    return {label: phase.pk for label, phase in _phases().items()}


def phase_item_rows(people):
    return {
        f"item of a {label} phase": PhaseItem.objects.create(phase=phase, kind="stake", title="Enjeu").pk
        for label, phase in _phases().items()
    }


def _resources():
    return {
        "published": Resource.objects.create(kind="guide", title="Guide", slug="nr-guide", **_published()),
        "draft": Resource.objects.create(kind="tool", title="Outil", slug="nr-outil"),
    }


def resource_rows(people):
    return {label: resource.pk for label, resource in _resources().items()}


def resource_file_rows(people):
    return {
        f"file of a {label} resource": ResourceFile.objects.create(
            resource=resource, file="x.pdf", original_name="x.pdf", content_type="application/pdf", size=1, sha256="0"
        ).pk
        for label, resource in _resources().items()
    }


def theme_rows(people):
    return {"theme": Theme.objects.create(name="Mobilité", slug="nr-mobilite").pk}


def page_rows(people):
    return {
        "published": Page.objects.create(slug="nr-pub", path="nr-pub", title="Publiée", **_published()).pk,
        "draft": Page.objects.create(slug="nr-draft", path="nr-draft", title="Brouillon").pk,
    }


def news_rows(people):
    return {
        "published": NewsItem.objects.create(slug="nr-pub", title="Publiée", **_published()).pk,
        "draft": NewsItem.objects.create(slug="nr-draft", title="Brouillon").pk,
    }


def question_rows(people):
    return {
        "published": Question.objects.create(slug="nr-pub", text="Comment faire ?", **_published()).pk,
        "draft": Question.objects.create(slug="nr-draft", text="Pourquoi ?").pk,
    }


def unanswered_search_rows(people):
    today = date.today()
    search = UnansweredSearch.objects.create(key="nr", text="vélo", first_seen_on=today, last_seen_on=today)
    return {"search": search.pk}


def expression_group_rows(people):
    return {
        "active": ExpressionGroup.objects.create(name="Atelier actif").pk,
        # An inactive group can no longer contribute: no list offers it, to anyone.
        f"inactive {NOBODY}": ExpressionGroup.objects.create(name="Atelier dissous", is_active=False).pk,
    }


def _diagnostics(people):
    spec = {"dimensions": [{"title": "X"}], "items": [{"dimension": "x", "text": "x1"}]}
    published = diagnostics.create_diagnostic(SYSTEM, {"title": "Publié", **spec})
    diagnostics.set_diagnostic_status(SYSTEM, published, "published")
    draft = diagnostics.create_diagnostic(SYSTEM, {"title": "Brouillon", **spec})
    answered = diagnostics.open_run(
        SYSTEM, published, group_name="Groupe des Lilas", title="Juin", held_on=date.today()
    )
    other = diagnostics.open_run(SYSTEM, published, group_name="Groupe des Roses", title="Mai", held_on=date.today())
    person = ServiceContext.for_user(people.participant, people.tenant, Channel.GRAPHQL)
    diagnostics.submit_answers(person, answered.code, [(published.items.get().pk, 0)])
    return {"published": published, "draft": draft}, {"answered": answered, "not answered": other}


def diagnostic_rows(people):
    return {label: row.pk for label, row in _diagnostics(people)[0].items()}


def dimension_rows(people):
    return {f"of a {label} diagnostic": row.dimensions.get().pk for label, row in _diagnostics(people)[0].items()}


def item_rows(people):
    return {f"of a {label} diagnostic": row.items.get().pk for label, row in _diagnostics(people)[0].items()}


def group_rows(people):
    return {f"group of the {label} run": run.group_id for label, run in _diagnostics(people)[1].items()}


def run_rows(people):
    return {label: run.pk for label, run in _diagnostics(people)[1].items()}


def audit_rows(people):
    return {"entry": AuditEntry.objects.create(action="page.created").pk}


def outbox_rows(people):
    return {"event": OutboxEvent.objects.create(type="page.created").pk}


def _subscription():
    return Subscription.objects.create(url="https://exemple.fr/crochet", secret="s" * 32, events=["*"])


def subscription_rows(people):
    return {"subscription": _subscription().pk}


def delivery_rows(people):
    event = OutboxEvent.objects.create(type="page.created")
    return {"delivery": Delivery.objects.create(subscription=_subscription(), event=event, event_type=event.type).pk}


def member_rows(people):
    return {"participant's membership": Membership.objects.get(user=people.participant, tenant=people.tenant).pk}


def api_key_rows(people):
    return {"key": issue_api_key(people.tenant, "Intégrateur", ["read"])[0].pk}


def invitation_rows(people):
    now = timezone.now()
    invite = partial(Invitation.objects.create, tenant=people.tenant, role="participant", sent_at=now)
    return {
        "open": invite(email="a@exemple.fr", token_hash="a" * 64, expires_at=now + timedelta(days=7)).pk,
        "expired (to resend)": invite(email="b@exemple.fr", token_hash="b" * 64, expires_at=now - timedelta(days=1)).pk,
        f"accepted {NOBODY}": invite(
            email="c@exemple.fr", token_hash="c" * 64, expires_at=now + timedelta(days=7), accepted_at=now
        ).pk,
        f"revoked {NOBODY}": invite(
            email="d@exemple.fr", token_hash="d" * 64, expires_at=now + timedelta(days=7), revoked_at=now
        ).pk,
    }


def _link():
    return Link.objects.create(platform="decidim", name="Decidim de la ville", base_url="https://decidim.exemple.fr")


def connector_link_rows(people):
    return {"link": _link().pk}


def connector_delivery_rows(people):
    published, _pending, _own = make_contributions(people)
    delivery = ConnectorDelivery.objects.create(
        link=_link(),
        contribution=published,
        external_id="42",
        state="accepted",
        text="Acceptée.",
        idempotency_key="nr-1",
    )
    return {"delivery": delivery.pk}


def connection(field, inner="id"):
    return f"{field} {{ edges {{ node {{ {inner} }} }} }}"


# Type name -> (maker, the list query that shows rows of the type, whether a row may be hidden).
CASES = {
    "ApiKey": (api_key_rows, connection("apiKeys")),
    "AuditEntry": (audit_rows, connection("auditLog")),
    "Comment": (
        comment_rows,
        connection("contributions", "comments { id }") + connection("commentModerationQueue"),
    ),
    "Commitment": (commitment_rows, connection("commitments")),
    "CommitmentUpdate": (commitment_update_rows, connection("commitments", "updates { id }")),
    "ConnectorDelivery": (connector_delivery_rows, connection("connectorDeliveries")),
    "ConnectorLink": (connector_link_rows, connection("connectorLinks")),
    "Contribution": (contribution_rows, connection("contributions") + connection("moderationQueue")),
    "Cycle": (cycle_rows, "cycles { id }"),
    "Diagnostic": (diagnostic_rows, connection("diagnostics")),
    "DiagnosticDimension": (dimension_rows, connection("diagnostics", "dimensions { id }")),
    "DiagnosticGroup": (group_rows, "diagnosticGroups { id }"),
    "DiagnosticItem": (item_rows, connection("diagnostics", "items { id }")),
    "DiagnosticRun": (run_rows, connection("diagnosticRuns")),
    "ExpressionGroup": (expression_group_rows, "expressionGroups { id }"),
    "GuidanceQuestion": (question_rows, connection("guidanceQuestions")),
    "GuidanceUnansweredSearch": (unanswered_search_rows, connection("guidanceUnansweredSearches")),
    "Invitation": (invitation_rows, connection("invitations")),
    "Member": (member_rows, connection("members")),
    "NewsItem": (news_rows, connection("news")),
    "OutboxEvent": (outbox_rows, connection("outboxEvents")),
    "Page": (page_rows, "pages { id }"),
    "Phase": (phase_rows, "cycles { phases { id } }"),
    "PhaseItem": (phase_item_rows, "cycles { phases { items { id } } }"),
    "Resource": (resource_rows, connection("resources")),
    "ResourceFile": (resource_file_rows, connection("resources", "files { id }")),
    "Response": (response_rows, connection("responses")),
    "Theme": (theme_rows, "themes { id }"),
    "WebhookDelivery": (delivery_rows, connection("webhookDeliveries")),
    "WebhookSubscription": (subscription_rows, connection("webhookSubscriptions")),
}


def node_type_names():
    return sorted(
        name
        for name, graphql_type in get_schema().graphql_schema.type_map.items()
        if isinstance(graphql_type, GraphQLObjectType) and any(i.name == "Node" for i in graphql_type.interfaces)
    )


def ids_of_type(data, type_name):
    """Every global ID of ``type_name`` anywhere in ``data``."""
    found = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "id" and isinstance(value, str) and _type_of(value) == type_name:
                found.add(value)
            else:
                found |= ids_of_type(value, type_name)
    elif isinstance(data, list):
        for value in data:
            found |= ids_of_type(value, type_name)
    return found


def _type_of(global_id):
    return base64.b64decode(global_id).decode().partition(":")[0]


@pytest.fixture
def people(tenant_a, make_user):
    participant = make_user("participante@alpha.test", "participant", tenant_a)
    staff = make_user("admin-espace@alpha.test", "tenant_admin", tenant_a)
    return People(tenant_a, participant, staff)


@pytest.fixture
def tokens(people):
    return {
        "anonymous": None,
        "participant": token_for(people.participant, people.tenant),
        "staff": token_for(people.staff, people.tenant),
    }


def listed(api, tenant, query, type_name, token):
    payload = api.graphql(f"{{ {query} }}", tenant=tenant, token=token).json()
    codes = {error.get("extensions", {}).get("code") for error in payload.get("errors", [])}
    assert codes <= REFUSALS, payload  # a list either answers or refuses, it never breaks
    return ids_of_type(payload.get("data"), type_name)


def test_every_node_type_has_a_case():
    assert node_type_names() == sorted(CASES), "a Node type needs a case in CASES (its rows and its list)"


@pytest.mark.parametrize("type_name", sorted(CASES))
def test_node_applies_the_read_rule_of_the_list(api, people, tokens, type_name):
    make, query = CASES[type_name]
    with schema_context("alpha"):
        rows = {label: TenantNode.to_global_id(type_name, pk) for label, pk in make(people).items()}
    seen = {}
    for role in ROLES:
        in_list = listed(api, people.tenant, query, type_name, tokens[role])
        by_node = {
            gid for gid in rows.values() if api.gql(NODE, {"id": gid}, tenant=people.tenant, token=tokens[role])["node"]
        }
        assert by_node == in_list & set(rows.values()), (role, {label: gid in by_node for label, gid in rows.items()})
        seen[role] = {label for label, gid in rows.items() if gid in by_node}
    # Not hollow: staff see every row made (but those no list shows), and nobody sees more than staff.
    assert seen["staff"] == {label for label in rows if NOBODY not in label}, seen
    assert seen["anonymous"] <= seen["participant"] <= seen["staff"], seen


@pytest.mark.parametrize("type_name", sorted(CASES))
def test_an_id_of_another_space_names_nothing(api, people, tokens, type_name):
    """The same primary key under beta's schema, asked on alpha (where the row exists), is null."""
    make, _query = CASES[type_name]
    with schema_context("alpha"):
        rows = {TenantNode.to_global_id(type_name, pk): pk for label, pk in make(people).items() if NOBODY not in label}
    for alpha_id, pk in rows.items():
        beta_id = base64.b64encode(f"{type_name}:beta:{pk}".encode()).decode()
        assert api.gql(NODE, {"id": alpha_id}, tenant=people.tenant, token=tokens["staff"])["node"] == {"id": alpha_id}
        assert api.gql(NODE, {"id": beta_id}, tenant=people.tenant, token=tokens["staff"])["node"] is None


def test_a_disabled_plugin_type_is_not_found_by_node(api, people, tokens):
    """The webhooks plugin turned off in alpha: its list answers PLUGIN_DISABLED and node is null."""
    with schema_context("alpha"):
        gid = TenantNode.to_global_id("WebhookSubscription", _subscription().pk)
    assert api.gql(NODE, {"id": gid}, tenant=people.tenant, token=tokens["staff"])["node"] == {"id": gid}
    people.tenant.plugin_settings = {"webhooks": {"enabled": False}}
    people.tenant.save()
    payload = api.graphql("{ webhookSubscriptions { totalCount } }", tenant=people.tenant, token=tokens["staff"]).json()
    assert payload["errors"][0]["extensions"]["code"] == "PLUGIN_DISABLED"
    assert api.gql(NODE, {"id": gid}, tenant=people.tenant, token=tokens["staff"])["node"] is None


def test_a_node_type_must_declare_its_read_rule_when_defined():
    with pytest.raises(ImproperlyConfigured, match="without a read rule"):

        class Unruled(ModelObjectType):
            class Meta:
                model = ExpressionGroup
                interfaces = (TenantNode,)
                fields = ("name",)
                name = "UnruledGroup"

    with pytest.raises(ImproperlyConfigured, match="overrides get_node"):

        class Bypassing(ModelObjectType):
            class Meta:
                model = ExpressionGroup
                interfaces = (TenantNode,)
                fields = ("name",)
                name = "BypassingGroup"
                public = True

            @classmethod
            def get_node(cls, info, id):
                return ExpressionGroup.objects.filter(pk=id).first()
