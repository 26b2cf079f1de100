from tests.participation.conftest import SUBMIT


def test_submit_then_read(api, tenant_a, tokens):
    data = api.gql(
        SUBMIT,
        {"input": {"kind": "QUESTION", "title": "Où trouver les horaires ?", "body": "Je cherche."}},
        tenant=tenant_a,
        token=tokens["participant"],
    )["contributionSubmit"]
    assert data["errors"] == []
    assert data["contribution"]["status"] == "PENDING"
    listing = api.gql(
        "{ contributions { totalCount edges { node { id title isMine canEdit } } } }",
        tenant=tenant_a,
        token=tokens["participant"],
    )
    assert listing["contributions"]["totalCount"] == 1
