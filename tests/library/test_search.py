"""French full-text search: stemming, accents ignored, ranking, highlights, with filters and sorting."""

import pytest

SEARCH = """query($s: String, $f: ResourceFilterInput, $sort: ResourceSortInput) {
  resources(search: $s, filter: $f, sortBy: $sort) {
    totalCount
    edges { node { title rank highlight { title summary } } }
  }
}"""


def titles(data):
    return [edge["node"]["title"] for edge in data["resources"]["edges"]]


@pytest.fixture
def corpus(make_resource):
    make_resource(
        title="Mobiliser les habitants d'un quartier",
        summary="Des méthodes pour aller vers les personnes éloignées.",
        kind="method",
    )
    make_resource(
        title="Guide de l'évaluation participative",
        summary="Évaluer avec les personnes concernées, pas seulement pour elles.",
        kind="guide",
        themes=["evaluation"],
    )
    make_resource(
        title="Tenir un atelier de co-construction",
        summary="La mobilisation des participants commence avant l'atelier.",
        body="<p>Préparer la salle, inviter, relancer.</p>",
        kind="tool",
    )
    make_resource(title="Charte de la participation", summary="Les règles communes du groupe.", kind="document")


def test_stemming_mobilisation_finds_mobiliser(api, tenant_a, corpus):
    data = api.gql(SEARCH, {"s": "mobilisation"}, tenant=tenant_a)
    assert set(titles(data)) == {"Mobiliser les habitants d'un quartier", "Tenir un atelier de co-construction"}
    assert data["resources"]["totalCount"] == 2


def test_accents_are_ignored_both_ways(api, tenant_a, corpus):
    assert titles(api.gql(SEARCH, {"s": "evaluation"}, tenant=tenant_a)) == ["Guide de l'évaluation participative"]
    assert titles(api.gql(SEARCH, {"s": "ÉVALUATION"}, tenant=tenant_a)) == ["Guide de l'évaluation participative"]
    # The body is searched too.
    assert titles(api.gql(SEARCH, {"s": "preparer salle"}, tenant=tenant_a)) == ["Tenir un atelier de co-construction"]


def test_no_match_returns_nothing(api, tenant_a, corpus):
    data = api.gql(SEARCH, {"s": "hélicoptère"}, tenant=tenant_a)
    assert data["resources"] == {"totalCount": 0, "edges": []}
    # Only stop words: nothing, not everything.
    assert api.gql(SEARCH, {"s": "de la"}, tenant=tenant_a)["resources"]["totalCount"] == 0


def test_ranked_by_relevance_title_first(api, tenant_a, corpus):
    data = api.gql(SEARCH, {"s": "mobiliser"}, tenant=tenant_a)
    nodes = [edge["node"] for edge in data["resources"]["edges"]]
    # A match in the title (weight A) outranks one in the summary (weight B).
    assert nodes[0]["title"] == "Mobiliser les habitants d'un quartier"
    assert nodes[0]["rank"] > nodes[1]["rank"] > 0


def test_highlights_mark_the_matches_and_escape_the_rest(api, tenant_a, make_resource):
    # Titles and summaries are plain text: "<" and "&" must come back escaped, only <mark> as markup.
    make_resource(title="Évaluer si 3 < 5 & plus", summary="Une évaluation « & » des actions menées.")
    node = api.gql(SEARCH, {"s": "evaluation"}, tenant=tenant_a)["resources"]["edges"][0]["node"]
    assert node["highlight"]["title"] == "<mark>Évaluer</mark> si 3 &lt; 5 &amp; plus"
    assert "<mark>évaluation</mark>" in node["highlight"]["summary"]
    assert "&amp;" in node["highlight"]["summary"]


def test_without_search_rank_and_highlight_are_null(api, tenant_a, corpus):
    node = api.gql(SEARCH, {}, tenant=tenant_a)["resources"]["edges"][0]["node"]
    assert node["rank"] is None and node["highlight"] is None


def test_relevance_still_orders_matches_when_a_term_is_excluded(api, tenant_a, corpus, make_resource):
    make_resource(title="Charte", summary="Mobiliser sans exclure.", kind="document")
    data = api.gql(SEARCH, {"s": "mobiliser -atelier"}, tenant=tenant_a)
    nodes = [edge["node"] for edge in data["resources"]["edges"]]
    assert [n["title"] for n in nodes] == ["Mobiliser les habitants d'un quartier", "Charte"]
    assert nodes[0]["rank"] > nodes[1]["rank"] > 0  # title (A) above summary (B), as without exclusion


def test_web_search_syntax(api, tenant_a, corpus):
    assert titles(api.gql(SEARCH, {"s": "mobilisation -atelier"}, tenant=tenant_a)) == [
        "Mobiliser les habitants d'un quartier"
    ]
    assert api.gql(SEARCH, {"s": '"participation charte"'}, tenant=tenant_a)["resources"]["totalCount"] == 0
    assert api.gql(SEARCH, {"s": "charte or évaluer"}, tenant=tenant_a)["resources"]["totalCount"] == 2


def test_search_combines_with_filters_and_sorting(api, tenant_a, corpus):
    data = api.gql(SEARCH, {"s": "mobilisation", "f": {"kind": ["TOOL"]}}, tenant=tenant_a)
    assert titles(data) == ["Tenir un atelier de co-construction"]
    data = api.gql(SEARCH, {"s": "mobilisation", "sort": {"field": "TITLE"}}, tenant=tenant_a)
    assert titles(data) == ["Mobiliser les habitants d'un quartier", "Tenir un atelier de co-construction"]
    data = api.gql(SEARCH, {"s": "mobilisation", "sort": {"field": "TITLE", "direction": "DESC"}}, tenant=tenant_a)
    assert titles(data) == ["Tenir un atelier de co-construction", "Mobiliser les habitants d'un quartier"]
    data = api.gql(SEARCH, {"s": "evaluation", "f": {"themes": ["autre-theme"]}}, tenant=tenant_a)
    assert data["resources"]["totalCount"] == 0


def test_search_never_shows_drafts_to_readers(api, tenant_a, make_resource, callers):
    make_resource(title="Mobiliser en brouillon", publish=False)
    assert api.gql(SEARCH, {"s": "mobiliser"}, tenant=tenant_a)["resources"]["totalCount"] == 0
    staff = api.gql(SEARCH, {"s": "mobiliser"}, tenant=tenant_a, token=callers["facilitator"])
    assert titles(staff) == ["Mobiliser en brouillon"]


def test_overlong_search_is_refused(api, tenant_a):
    response = api.graphql(SEARCH, {"s": "x" * 201}, tenant=tenant_a)
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
