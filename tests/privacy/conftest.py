"""A person with traces in two spaces (contributions, comments, supports, follows, reports,
journal lines), made through the services."""

import pytest
from django_tenants.utils import schema_context

from imedia_core.audit.log import record
from imedia_core.context import Channel, ServiceContext
from imedia_core.participation.comments import add_comment
from imedia_core.participation.contributions import (
    follow_contribution,
    report_contribution,
    submit_contribution,
    support_contribution,
)
from imedia_core.participation.models import ParticipationSettings
from tests.auth.helpers import token_for

NAME = "Awa Diallo"
EMAIL = "awa.diallo@privacy.test"


def publish_mode(schema):
    with schema_context(schema):
        settings = ParticipationSettings.load()
        settings.moderation_mode = "post"
        settings.save()


@pytest.fixture
def traces(tenant_a, tenant_b, make_user):
    """Awa writes in alpha and beta; Léa (another person) writes in both too."""
    awa = make_user(EMAIL, "participant", tenant_a, display_name=NAME)
    lea = make_user("lea@privacy.test", "participant", tenant_a, display_name="Léa Martin")
    from tenants.models import Membership

    Membership.objects.create(user=awa, tenant=tenant_b, role="participant")
    Membership.objects.create(user=lea, tenant=tenant_b, role="participant")
    out = {"awa": awa, "lea": lea}
    for schema, tenant in (("alpha", tenant_a), ("beta", tenant_b)):
        publish_mode(schema)
        with schema_context(schema):
            as_awa = ServiceContext.for_user(awa, tenant, Channel.GRAPHQL)
            as_lea = ServiceContext.for_user(lea, tenant, Channel.GRAPHQL)
            mine = submit_contribution(
                as_awa, {"kind": "proposal", "title": f"Proposition d'Awa ({schema})", "body": "Un texte."}
            )
            hers = submit_contribution(
                as_lea, {"kind": "observation", "title": f"Constat de Léa ({schema})", "body": "Un autre texte."}
            )
            support_contribution(as_awa, hers)
            follow_contribution(as_awa, hers)
            report_contribution(as_awa, hers, "Hors sujet")
            support_contribution(as_lea, mine)
            comment = add_comment(as_awa, hers, {"body": "Je suis d'accord."})
            record("member.role_set", summary=f"{NAME} : participant", actor=lea, via="admin")
            out[schema] = {"mine": mine, "hers": hers, "comment": comment}
    out["token"] = token_for(awa, tenant_a)
    return out
