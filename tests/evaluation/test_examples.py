"""The evaluation examples of graphql/examples/ run over HTTP with their documented variables."""

import time_machine

from tenants.models import OperatorMembership
from tests.api.test_examples_run import documented_variables, read
from tests.auth.helpers import token_for

from .conftest import TODAY


def test_indicators_example(api, tenant_a, programme, staff_token):
    name = "evaluation-indicators.graphql"
    with time_machine.travel(TODAY, tick=False):
        data = api.gql(read(name), documented_variables(name), tenant=tenant_a, token=staff_token)["indicators"]
    assert data["contributions"]["total"] == 7 and data["responses"]["share"] == 0.75
    assert data["diagnostics"]["progress"][0]["group"] == "A"


def test_operator_example(api, tenant_a, programme, operator, make_user):
    user = make_user("ops@example.eval.test")
    OperatorMembership.objects.create(user=user, operator=operator)
    name = "evaluation-operator.graphql"
    with time_machine.travel(TODAY, tick=False):
        data = api.gql(read(name), documented_variables(name), tenant=tenant_a, token=token_for(user, tenant_a))
    programmes = data["operatorIndicators"]["programmes"]
    assert [(p["slug"], p["indicators"]["contributions"]["total"]) for p in programmes] == [("alpha", 7), ("beta", 2)]
