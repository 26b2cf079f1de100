"""Matching what a person types against the catalogue of questions, in French.

The input goes through the shared French search (``imedia_core.search``, the configuration of the
stored vectors: French stemming, accents ignored), so « mobilisation », « mobiliser » and
« MOBILISER » are one term, and « reponse » finds « réponse ». Its meaningful terms are then
OR-ed (a person rarely uses the catalogue's exact words): a question matches when it shares at
least one term with the input. The ``score`` is the share of the input's terms the question holds
(in its text, keywords or answer); PostgreSQL's ``ts_rank`` (text weighs more than keywords, more
than the answer) breaks ties. A question is a *close* match when it holds at least two of the terms
or half of them; only close matches count as an answer, weaker ones are offered as suggestions.

French stop words are dropped by the configuration; so are the words every question shares
(« comment », « pourquoi », « faire »…, ``FILLER_WORDS``), which would otherwise match everything.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchRank
from django.db.models import BooleanField, F, FloatField, IntegerField, QuerySet
from django.db.models.expressions import RawSQL

from imedia_core.search import AnyLexeme, any_lexeme_sql, lexemes_of, marked

MAX_INPUT = 300
MAX_TERMS = 20
# Words of a question's form, not its subject (also « les », which PostgreSQL's French list lacks).
FILLER_WORDS = (
    "comment pourquoi quand quel quelle quels quelles quoi où combien est-ce est ce qu'il qu'on y a "
    "les faire fait fais font peut peux peuvent pouvoir faut falloir dois doit doivent devoir "
    "ça cela ceci chose choses avoir ai as avez ont être suis es sont bien tout tous toute toutes "
    "savoir sais sait veux veut vouloir aller va vais possible moyen puis puis-je bonjour merci svp"
)
_EMAIL_RE = re.compile(r"\S+@\S+")
_DIGITS_RE = re.compile(r"\+?\d[\d .-]{5,}\d")
_SPACES_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"\w")


@dataclass
class Terms:
    """The input's meaningful terms (stemmed, unaccented lexemes), and whether it had any words."""

    lexemes: list[str] = field(default_factory=list)
    had_words: bool = False

    @property
    def key(self) -> str:
        return " ".join(sorted(self.lexemes))


def terms_of(text: str) -> Terms:
    """Lexemes of ``text`` minus stop words and filler words: one SQL round trip."""
    lexemes = lexemes_of(text, ignoring=FILLER_WORDS)
    return Terms(lexemes=lexemes[:MAX_TERMS], had_words=bool(_WORD_RE.search(text or "")))


def match_questions(queryset: QuerySet, terms: Terms) -> QuerySet:
    """``queryset`` narrowed to questions sharing a term with ``terms``, annotated with
    ``matched_terms``, ``match_score``, ``match_rank`` and ``match_headline``, best first."""
    lexemes = terms.lexemes
    sql, params = any_lexeme_sql(lexemes)
    column = f'"{queryset.model._meta.db_table}"."search_vector"'
    # Raw SQL holds only a column name from the model's metadata; every value is a parameter.
    matched = RawSQL(  # noqa: S611
        f"(SELECT count(*) FROM unnest(%s::text[]) AS l WHERE {column} @@ quote_literal(l)::tsquery)",  # noqa: S608
        [lexemes],
        output_field=IntegerField(),
    )
    return (
        # A boolean expression on the column itself, so the GIN index serves the match.
        queryset.alias(hit=RawSQL(f"{column} @@ {sql}", params, BooleanField()))  # noqa: S611
        .filter(hit=True)
        .annotate(
            matched_terms=matched,
            match_score=RawSQL(f"({matched.sql})::float / %s", [*matched.params, len(lexemes)], FloatField()),  # noqa: S611
            match_rank=SearchRank(F("search_vector"), AnyLexeme(lexemes)),
            match_headline=marked("text", AnyLexeme(lexemes), highlight_all=True),
        )
        .order_by("-matched_terms", "-match_rank", "position", "id")
    )


def is_close(matched_terms: int, total_terms: int) -> bool:
    """Close enough to count as an answer: two shared terms, or half of the input's."""
    return matched_terms >= 2 or (total_terms > 0 and matched_terms * 2 >= total_terms)


def normalise_for_log(text: str) -> str:
    """What the unanswered log keeps of an input: lower case, single spaces, no e-mail address or
    phone-like number (people sometimes type them), at most 200 characters."""
    text = unicodedata.normalize("NFC", text or "")
    text = _EMAIL_RE.sub("…", text)
    text = _DIGITS_RE.sub("…", text)
    text = _SPACES_RE.sub(" ", text).strip().strip("?!.,;: ").lower()
    return text[:200].strip()
