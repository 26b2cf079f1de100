"""Questionnaires over GraphQL: creation (dimensions from the cycle by default), update rules,
publication, who reads what, typed errors that change nothing."""

import pytest
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.context import Channel, ServiceContext
from imedia_core.cycle.templates import available_cycle_templates, instantiate
from imedia_core.diagnostics.models import Diagnostic, Dimension, Item
from tests.auth.helpers import api_key_for, token_for

ERRORS = "errors { field code message }"
CREATE = f"""mutation($input: DiagnosticCreateInput!) {{ diagnosticCreate(input: $input) {{
  diagnostic {{ id slug title status description scorerKey scorerLabel itemCount
    dimensions {{ slug title phase {{ slug }} items {{ text weight scale {{ label score }} }} }}
    maturityLevels {{ label minScore }} }}
  {ERRORS} }} }}"""
UPDATE = f"""mutation($id: ID!, $input: DiagnosticUpdateInput!) {{ diagnosticUpdate(id: $id, input: $input) {{
  diagnostic {{ title itemCount maturityLevels {{ label }} }} {ERRORS} }} }}"""
PUBLISH = f"mutation($id: ID!, $s: DiagnosticSetStatus) {{ diagnosticPublish(id: $id, status: $s) {{ diagnostic {{ status }} {ERRORS} }} }}"


def codes(payload):
    return [(e["field"], e["code"]) for e in payload["errors"]]


def snapshot():
    with schema_context("alpha"):
        return (
            sorted(Diagnostic.objects.values_list("id", "title", "status")),
            Dimension.objects.count(),
            Item.objects.count(),
            AuditEntry.objects.count(),
        )


def test_create_from_the_cycle_then_publish(api, tenant_a, staff):
    with schema_context("alpha"):
        instantiate(ServiceContext.system(Channel.CLI), available_cycle_templates()["generique"])
    created = api.gql(
        CREATE,
        {
            "input": {
                "title": "Notre <b>diagnostic</b>",
                "description": '<p>Pour <a href="javascript:alert(1)">voir</a>.</p><script>x()</script>',
                "items": [
                    {"dimension": "mobiliser", "text": "Nous allons vers les habitants.", "weight": 2},
                    {
                        "dimension": "evaluer-et-ajuster",
                        "text": "Nous évaluons.",
                        "scale": [{"label": "Non", "score": 0}, {"label": "Oui", "score": 1}],
                    },
                ],
            }
        },
        tenant=tenant_a,
        token=staff,
    )["diagnosticCreate"]
    assert created["errors"] == []
    diagnostic = created["diagnostic"]
    assert (diagnostic["slug"], diagnostic["title"], diagnostic["status"]) == (
        "notre-diagnostic",
        "Notre diagnostic",
        "DRAFT",
    )
    assert "javascript" not in diagnostic["description"] and "script" not in diagnostic["description"]
    assert (diagnostic["scorerKey"], diagnostic["scorerLabel"], diagnostic["itemCount"]) == (
        "weighted_mean",
        "Moyenne pondérée",
        2,
    )
    assert [d["slug"] for d in diagnostic["dimensions"]] == [
        p.slug for p in available_cycle_templates()["generique"].phases
    ]
    assert all(d["phase"]["slug"] == d["slug"] for d in diagnostic["dimensions"])
    first = diagnostic["dimensions"][0]["items"][0]
    assert first["weight"] == 2 and [o["label"] for o in first["scale"]] == [
        "Pas du tout",
        "Un peu",
        "Plutôt",
        "Tout à fait",
    ]
    assert [level["label"] for level in diagnostic["maturityLevels"]] == ["À construire", "En cours", "Acquis"]

    # Readers do not see drafts; staff do.
    query = "query($slug: String!) { diagnostic(slug: $slug) { title } }"
    assert api.gql(query, {"slug": "notre-diagnostic"}, tenant=tenant_a) == {"diagnostic": None}
    assert api.gql(query, {"slug": "notre-diagnostic"}, tenant=tenant_a, token=staff)["diagnostic"]
    published = api.gql(PUBLISH, {"id": diagnostic["id"]}, tenant=tenant_a, token=staff)["diagnosticPublish"]
    assert published["errors"] == [] and published["diagnostic"]["status"] == "PUBLISHED"
    assert api.gql(query, {"slug": "notre-diagnostic"}, tenant=tenant_a) == {
        "diagnostic": {"title": "Notre diagnostic"}
    }
    archived = api.gql(PUBLISH, {"id": diagnostic["id"], "s": "ARCHIVED"}, tenant=tenant_a, token=staff)[
        "diagnosticPublish"
    ]
    assert archived["diagnostic"]["status"] == "ARCHIVED"
    assert api.gql(query, {"slug": "notre-diagnostic"}, tenant=tenant_a) == {"diagnostic": None}


def test_custom_dimensions_and_refusals(api, tenant_a, staff):
    before = snapshot()
    for variables, expected in [
        ({"title": "Sans cycle", "items": []}, [("dimensions", "NO_CYCLE")]),
        ({"title": "", "dimensions": [{"title": "A"}]}, [("title", "REQUIRED")]),
        ({"title": "T", "dimensions": [{"title": "A"}, {"title": "a"}]}, [("dimensions", "UNIQUE")]),
        (
            {"title": "T", "dimensions": [{"title": "A"}], "items": [{"dimension": "z", "text": "x"}]},
            [("items", "NOT_FOUND")],
        ),
        (
            {"title": "T", "dimensions": [{"title": "A"}], "items": [{"dimension": "a", "text": "x", "weight": 0}]},
            [("items", "INVALID")],
        ),
        (
            {"title": "T", "dimensions": [{"title": "A"}], "scale": [{"label": "Seul", "score": 1}]},
            [("scale", "INVALID")],
        ),
        (
            {"title": "T", "dimensions": [{"title": "A"}], "maturityLevels": [{"label": "X", "minScore": 20}]},
            [("maturityLevels", "INVALID")],
        ),
        ({"title": "T", "dimensions": [{"title": "A"}], "scorerKey": "magique"}, [("scorerKey", "UNKNOWN_SCORER")]),
        ({"title": "T", "dimensions": [{"title": "A", "phaseId": "bm9wZQ=="}]}, [("dimensions", "NOT_FOUND")]),
    ]:
        refused = api.gql(CREATE, {"input": variables}, tenant=tenant_a, token=staff)["diagnosticCreate"]
        assert codes(refused) == expected, variables
        assert refused["diagnostic"] is None
    assert snapshot() == before
    ok = api.gql(
        CREATE,
        {
            "input": {
                "title": "Coopération",
                "dimensions": [{"title": "Écoute mutuelle"}, {"slug": "decision", "title": "Décision"}],
                "items": [{"dimension": "ecoute-mutuelle", "text": "On s'écoute."}],
            }
        },
        tenant=tenant_a,
        token=staff,
    )["diagnosticCreate"]
    assert ok["errors"] == [] and [d["slug"] for d in ok["diagnostic"]["dimensions"]] == ["ecoute-mutuelle", "decision"]
    assert ok["diagnostic"]["dimensions"][0]["phase"] is None
    # An empty diagnostic cannot be published.
    empty = api.gql(CREATE, {"input": {"title": "Vide", "dimensions": [{"title": "A"}]}}, tenant=tenant_a, token=staff)[
        "diagnosticCreate"
    ]
    assert codes(
        api.gql(PUBLISH, {"id": empty["diagnostic"]["id"]}, tenant=tenant_a, token=staff)["diagnosticPublish"]
    ) == [("id", "INVALID")]


def test_structure_is_frozen_once_answered(api, tenant_a, staff, scored):
    diagnostic_id = scored.gid("Diagnostic", scored.diagnostic.pk)
    before = snapshot()
    frozen = api.gql(
        UPDATE,
        {"id": diagnostic_id, "input": {"title": "Nouveau titre", "items": [{"dimension": "a", "text": "autre"}]}},
        tenant=tenant_a,
        token=staff,
    )["diagnosticUpdate"]
    assert codes(frozen) == [("items", "IN_USE")] and snapshot() == before
    fine = api.gql(
        UPDATE,
        {
            "id": diagnostic_id,
            "input": {
                "title": "Nouveau titre",
                "maturityLevels": [{"label": "Débutant", "minScore": 0}, {"label": "Confirmé", "minScore": 50}],
            },
        },
        tenant=tenant_a,
        token=staff,
    )["diagnosticUpdate"]
    assert fine["errors"] == [] and fine["diagnostic"] == {
        "title": "Nouveau titre",
        "itemCount": 4,
        "maturityLevels": [{"label": "Débutant"}, {"label": "Confirmé"}],
    }


@pytest.mark.parametrize("who", ["anonymous", "participant", "read_key"])
def test_editing_needs_edit_content(api, tenant_a, make_user, who):
    token = {"anonymous": None, "read_key": api_key_for(tenant_a, "read")}.get(who) or token_for(
        make_user("p@alpha.test", "participant", tenant_a), tenant_a
    )
    before = snapshot()
    refused = api.gql(CREATE, {"input": {"title": "T", "dimensions": [{"title": "A"}]}}, tenant=tenant_a, token=token)[
        "diagnosticCreate"
    ]
    assert codes(refused) == [(None, "UNAUTHENTICATED" if token is None else "PERMISSION_DENIED")]
    assert snapshot() == before


def test_scorers_are_listed(api, tenant_a):
    assert api.gql("{ diagnosticScorers { key label } }", tenant=tenant_a)["diagnosticScorers"] == [
        {"key": "weighted_mean", "label": "Moyenne pondérée"}
    ]
