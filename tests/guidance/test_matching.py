"""A person's own words, matched against the catalogue in French; unanswered searches logged
anonymously and counted."""

import itertools
import json

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from imedia_core.guidance import services
from imedia_core.guidance.models import Question, UnansweredSearch

from .conftest import MATCH

MOBILISER = "comment-mobiliser-des-habitants-qui-ne-viennent-jamais"


def slugs(result):
    return [m["question"]["slug"] for m in result["matches"]]


def test_word_forms_and_stop_words(match, generic_alpha):
    # « mobiliser les habitants »: « les » and « des » are not needed, « habitants » matches.
    result = match("mobiliser les habitants")
    assert result["status"] == "MATCHED" and result["recorded"] is False
    assert slugs(result)[0] == MOBILISER
    top = result["matches"][0]
    assert top["score"] == 1.0 and top["isClose"] and top["rank"] > 0
    assert top["highlight"] == ("Comment <mark>mobiliser</mark> des <mark>habitants</mark> qui ne viennent jamais ?")
    # Another form of the same words: a noun, a singular.
    assert slugs(match("la mobilisation d'un habitant"))[0] == MOBILISER


def test_accents_and_case_are_ignored(match, generic_alpha):
    for text in ("COMMENT ECRIRE pour que TOUT LE MONDE comprenne", "écrire compréhensible", "ecrire comprehensible"):
        assert slugs(match(text))[0] == "comment-ecrire-pour-que-tout-le-monde-comprenne", text
    assert slugs(match("nos propositions sont elles lues"))[0] == "nos-propositions-sont-elles-lues"


def test_keywords_are_synonyms(match, generic_alpha):
    # None of these words is in the question's text: its keywords carry them.
    result = match("personne ne vient, c'est toujours les mêmes")
    assert slugs(result)[0] == MOBILISER and result["status"] == "MATCHED"
    assert slugs(match("le FALC"))[0] == "comment-ecrire-pour-que-tout-le-monde-comprenne"
    assert slugs(match("j'ai l'impression que ça ne sert à rien"))[0] == "que-faire-quand-rien-ne-change"


def test_text_outranks_keywords_and_answer(match, generic_alpha):
    # « règles » is in one question's text and in another's answer only: the text wins.
    result = match("les règles")
    assert slugs(result)[0] == "comment-fixer-les-regles-du-groupe"
    assert set(slugs(result)[1:]) == {
        "par-ou-commencer-une-demarche-participative",
        "comment-ecrire-pour-que-tout-le-monde-comprenne",
    }
    ranks = [m["rank"] for m in result["matches"]]
    assert ranks == sorted(ranks, reverse=True)


def test_drafts_and_archived_questions_are_never_matched(match, generic_alpha, staff):
    with schema_context("alpha"):
        Question.objects.filter(slug=MOBILISER).update(status="draft")
    for token in (None, staff):
        assert MOBILISER not in slugs(match("mobiliser les habitants", token=token, record=False))


def test_no_match_is_recorded_anonymously_and_counted(api, tenant_a, match, generic_alpha, callers):
    result = match("Où garer mon vélo cargo ?", token=callers["participant"])
    assert result == {"status": "NO_MATCH", "termCount": 3, "recorded": True, "matches": []}
    # The same meaning in other words and forms: the same row, counted twice.
    assert match("garer un velo cargo")["recorded"] is True
    with schema_context("alpha"):
        rows = list(UnansweredSearch.objects.values())
    assert len(rows) == 1
    row = rows[0]
    assert (row["text"], row["count"], row["status"]) == ("où garer mon vélo cargo", 2, "open")
    assert row["first_seen_on"] == row["last_seen_on"]
    # Anonymity: the table has no column that could hold who searched, or from where, or when exactly.
    with schema_context("alpha"):
        columns = {f.column for f in UnansweredSearch._meta.concrete_fields}
    assert columns == {
        "id",
        "key",
        "text",
        "count",
        "first_seen_on",
        "last_seen_on",
        "status",
        "question_id",
        "handled_on",
    }
    participant_email = "participant@guidance.alpha.test"
    assert participant_email not in json.dumps(rows, default=str)
    assert "127.0.0.1" not in json.dumps(rows, default=str)


def test_personal_details_typed_are_masked(match, generic_alpha):
    match("Appelez-moi au 06 12 34 56 78 ou jean.dupont@example.org pour un local vélos")
    with schema_context("alpha"):
        text = UnansweredSearch.objects.get().text
    assert "06 12" not in text and "example.org" not in text
    assert text == "appelez-moi au … ou … pour un local vélos"


def test_record_false_logs_nothing(match, generic_alpha):
    assert match("un local à vélos", record=False) == {
        "status": "NO_MATCH",
        "termCount": 2,
        "recorded": False,
        "matches": [],
    }
    with schema_context("alpha"):
        assert not UnansweredSearch.objects.exists()


def test_weak_suggestions_still_count_as_unanswered(match, generic_alpha):
    # One term out of three in common with a question: offered, but not an answer.
    result = match("choisir une école pour mes enfants")
    assert result["status"] == "NO_MATCH" and result["recorded"] is True
    assert result["matches"] and not any(m["isClose"] for m in result["matches"])


def test_stop_words_only_is_too_vague_and_not_recorded(match, generic_alpha):
    for text in ("comment on fait ?", "Pourquoi ? Et quand ?", "les des du"):
        assert match(text) == {"status": "TOO_VAGUE", "termCount": 0, "recorded": False, "matches": []}, text
    with schema_context("alpha"):
        assert not UnansweredSearch.objects.exists()


@pytest.mark.parametrize(
    ("text", "first", "reason"),
    [("", 5, "EMPTY"), ("   ?! ", 5, "EMPTY"), ("mot " * 100, 5, "TOO_LONG"), ("habitants", 0, None)],
)
def test_bad_input_is_a_typed_error(api, tenant_a, generic_alpha, text, first, reason):
    payload = api.graphql(MATCH, {"text": text, "first": first}, tenant=tenant_a).json()
    error = payload["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"].get("reason") == reason
    with schema_context("alpha"):
        assert not UnansweredSearch.objects.exists()


def test_first_limits_the_matches(match, generic_alpha):
    assert len(match("propositions", first=1)["matches"]) == 1


def test_open_log_is_capped(generic_alpha, monkeypatch):
    monkeypatch.setattr(services, "MAX_OPEN_UNANSWERED", 1)
    connection.set_schema("alpha")
    assert services.match("un local à vélos").recorded is True
    assert services.match("Local, vélos !").recorded is True  # an existing row still counts
    assert list(UnansweredSearch.objects.values_list("count", flat=True)) == [2]
    # A new row evicts the oldest open one rather than being dropped (issue 12).
    assert services.match("une piscine municipale").recorded is True
    assert list(UnansweredSearch.objects.values_list("text", "count")) == [("une piscine municipale", 1)]


def test_one_client_cannot_fill_the_unanswered_log(api, tenant_a, match, generic_alpha):
    """Issue 12: one anonymous client filled the log (100 rows in 4 s). Recording is limited per
    client (and per tenant); past the limit the search is still answered, but not logged."""
    limit = services.MAX_RECORDED_PER_CLIENT
    words = ["vélo", "piscine", "cantine", "parking", "jardin", "bibliothèque", "marché", "stade", "crèche", "théâtre"]
    texts = [" ".join(three) for three in itertools.combinations(words, 3)]  # each its own set of terms
    for text in texts[:limit]:
        assert match(text)["recorded"] is True
    over = match(texts[limit])
    assert over["status"] == "NO_MATCH" and over["recorded"] is False
    with schema_context("alpha"):
        assert UnansweredSearch.objects.count() == limit
        assert not UnansweredSearch.objects.filter(text=texts[limit]).exists()
    # Another client is not affected.
    other = api.gql(MATCH, {"text": texts[limit]}, tenant=tenant_a, headers={"REMOTE_ADDR": "10.0.0.9"})
    assert other["guidanceMatch"]["recorded"] is True


def test_a_full_log_evicts_its_oldest_rows_instead_of_stopping(match, generic_alpha, monkeypatch):
    from datetime import date

    monkeypatch.setattr(services, "MAX_OPEN_UNANSWERED", 3)
    with schema_context("alpha"):
        for i, day in enumerate((date(2024, 1, 1), date(2024, 6, 1), date(2025, 1, 1))):
            UnansweredSearch.objects.create(key=f"old{i}", text=f"ancienne {i}", first_seen_on=day, last_seen_on=day)
    assert match("où garer mon vélo cargo")["recorded"] is True
    with schema_context("alpha"):
        assert UnansweredSearch.objects.count() == 3
        assert not UnansweredSearch.objects.filter(key="old0").exists()
        assert UnansweredSearch.objects.filter(text="où garer mon vélo cargo").exists()
