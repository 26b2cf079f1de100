"""Browsing the commons from any programme: French full-text search, filters, sorting."""

import pytest

from .conftest import LIST, ONE


@pytest.fixture
def commons(share, tenant_b, people):
    """Practices of alpha (social inclusion) and beta (vocational training)."""
    made = {
        "mobilisation": share(
            title="Mobiliser les allocataires du RSA",
            summary="Des réunions d'information co-animées par des pairs.",
            themes=["Insertion"],
            phases=["Mobiliser"],
        ),
        "evaluation": share(
            title="Évaluer avec les participants",
            summary="Une évaluation partagée à la fin de chaque cycle.",
            whatWorked="Les participants ont proposé leurs propres critères.",
            themes=["Évaluation"],
            phases=["Évaluer"],
        ),
        "stages": share(
            tenant=tenant_b,
            token=people["beta_staff"],
            title="Des stages découverte en entreprise",
            summary="Les stagiaires choisissent l'entreprise.",
            themes=["insertion", "Emploi"],
            phases=["Agir"],
            licence="CC_BY_4",
        ),
    }
    return made


def titles(data):
    return [edge["node"]["title"] for edge in data["practices"]["edges"]]


def test_every_programme_browses_the_commons(api, tenant_a, tenant_b, people, commons):
    for tenant, token in ((tenant_b, people["beta_staff"]), (tenant_b, None), (tenant_a, people["alpha_participant"])):
        data = api.gql(LIST, {}, tenant=tenant, token=token)
        assert data["practices"]["totalCount"] == 3
        # Newest first by default.
        assert titles(data) == [
            "Des stages découverte en entreprise",
            "Évaluer avec les participants",
            "Mobiliser les allocataires du RSA",
        ]
    from_beta = api.gql(LIST, {}, tenant=tenant_b, token=people["beta_staff"])["practices"]["edges"]
    alpha_practice = from_beta[1]["node"]
    assert alpha_practice["isOwn"] is False and from_beta[0]["node"]["isOwn"] is True
    assert alpha_practice["provenance"]["programme"] == "Espace Alpha"
    assert alpha_practice["provenance"]["policyArea"] == "SOCIAL_INCLUSION"


@pytest.mark.parametrize(
    "search, expected",
    [
        ("evaluation", ["Évaluer avec les participants"]),  # accents ignored, word forms matched
        ("mobilisation", ["Mobiliser les allocataires du RSA"]),  # a noun finds the verb
        ("critère", ["Évaluer avec les participants"]),  # found in « what worked »
        ("stagiaire entreprise", ["Des stages découverte en entreprise"]),
        ("participants -évaluation", []),
        ("photovoltaïque", []),
    ],
)
def test_french_full_text_search(api, tenant_b, commons, search, expected):
    data = api.gql(LIST, {"search": search}, tenant=tenant_b)
    assert titles(data) == expected
    for edge in data["practices"]["edges"]:
        assert edge["node"]["rank"] > 0 and edge["node"]["highlight"] is not None


def test_search_ranks_title_matches_first(api, tenant_b, share):
    share(title="Un atelier d'écriture", summary="Avec une évaluation à la fin.")
    share(title="L'évaluation en groupe", summary="Chacun donne son avis.")
    data = api.gql(LIST, {"search": "évaluations"}, tenant=tenant_b)
    assert titles(data) == ["L'évaluation en groupe", "Un atelier d'écriture"]
    assert data["practices"]["edges"][0]["node"]["highlight"]["title"] == "L&#x27;<mark>évaluation</mark> en groupe"


@pytest.mark.parametrize(
    "filter_, expected",
    [
        ({"policyArea": ["VOCATIONAL_TRAINING"]}, {"Des stages découverte en entreprise"}),
        ({"themes": ["INSERTION"]}, {"Mobiliser les allocataires du RSA", "Des stages découverte en entreprise"}),
        ({"themes": ["evaluation"]}, {"Évaluer avec les participants"}),
        ({"phases": ["Évaluer", "agir"]}, {"Évaluer avec les participants", "Des stages découverte en entreprise"}),
        ({"sourceKind": ["RESOURCE"]}, set()),
        ({"sourceKind": ["INITIATIVE"], "licence": ["CC_BY_4"]}, {"Des stages découverte en entreprise"}),
        ({"mine": True}, {"Des stages découverte en entreprise"}),
        ({"mine": False, "themes": ["Insertion"]}, {"Mobiliser les allocataires du RSA"}),
        ({"themes": ["Inconnu"]}, set()),
    ],
)
def test_filters(api, tenant_b, people, commons, filter_, expected):
    data = api.gql(LIST, {"filter": filter_}, tenant=tenant_b, token=people["beta_staff"])
    assert set(titles(data)) == expected
    assert data["practices"]["totalCount"] == len(expected)


def test_sorting(api, tenant_b, commons):
    by_title = api.gql(LIST, {"sortBy": {"field": "TITLE"}}, tenant=tenant_b)
    assert titles(by_title) == [
        "Des stages découverte en entreprise",
        "Évaluer avec les participants",  # « É » sorts with « E »
        "Mobiliser les allocataires du RSA",
    ]
    oldest = api.gql(LIST, {"sortBy": {"field": "SHARED_AT", "direction": "ASC"}, "first": 1}, tenant=tenant_b)
    assert titles(oldest) == ["Mobiliser les allocataires du RSA"]


def test_one_practice_by_id_from_any_programme(api, tenant_a, tenant_b, commons):
    practice_id = commons["evaluation"]["id"]
    from_beta = api.gql(ONE, {"id": practice_id}, tenant=tenant_b)["practice"]
    from_alpha = api.gql(ONE, {"id": practice_id}, tenant=tenant_a)["practice"]
    assert from_beta["id"] == from_alpha["id"] == practice_id
    assert from_beta["title"] == "Évaluer avec les participants"
    assert api.gql(ONE, {"id": "not-an-id"}, tenant=tenant_b)["practice"] is None
    assert api.gql(ONE, {"id": "UHJhY3RpY2U6cHVibGljOjk5OTk5"}, tenant=tenant_b)["practice"] is None


def test_search_text_is_limited(api, tenant_b):
    response = api.graphql(LIST, {"search": "x" * 201}, tenant=tenant_b).json()
    assert response["data"]["practices"] is None
    assert response["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
