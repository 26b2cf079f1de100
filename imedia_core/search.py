"""French full-text search: the one module behind every search of the project (resources,
contributions, the commons' practices, the guided path's questions).

Each searchable model stores a generated ``search_vector`` built with ``public.french_unaccent``
(created in the public schema by tenants/migrations): French stemming with accents ignored, so
« mobilisation » finds « mobiliser » and « evaluation » finds « évaluation ».

- A search box takes web-search syntax (``"exact phrase"``, ``-excluded``, ``or``):
  ``ranked_matches`` narrows a queryset and ranks it (``search_rank``);
  ``highlighted_matches`` also marks the title and summary (``search_title_headline``,
  ``search_summary_headline``), shown through ``safe_highlight``.
- A person's own words (the guided path) match on any shared meaningful term instead:
  ``lexemes_of`` turns text into normalised terms, ``AnyLexeme`` is the query OR-ing them.
- ``french_sort_key`` sorts text the French way (case and accents ignored).
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import CharField, F, Func, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.utils.html import escape

# Created by tenants/migrations (public schema): French stemming with accents removed.
SEARCH_CONFIG = "public.french_unaccent"
MARK_START, MARK_STOP = "<mark>", "</mark>"

# An excluded term of web-search syntax: ``-mot`` or ``-"deux mots"``.
_EXCLUDED = re.compile(r'(?:^|(?<=\s))-("[^"]*"|\S+)')


def search_query(text: str) -> SearchQuery:
    """``text`` in web-search syntax, as a French full-text query."""
    return SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")


def rank_query(text: str) -> SearchQuery:
    """The query to rank matches by: the search without its excluded terms. PostgreSQL ranks a
    query holding a negation (``mobiliser & !atelier``) the same for every match, which would
    make relevance order meaningless as soon as a term is excluded."""
    positive = _EXCLUDED.sub(" ", text).strip()
    return search_query(positive or text)


def ranked_matches(queryset: QuerySet, text: str | None) -> QuerySet:
    """Rows of ``queryset`` (a model with a ``search_vector``) matching ``text``, annotated with
    ``search_rank``. Blank text leaves the queryset as it is (no annotation)."""
    text = (text or "").strip()
    if not text:
        return queryset
    return queryset.filter(search_vector=search_query(text)).annotate(
        search_rank=SearchRank(F("search_vector"), rank_query(text))
    )


def highlighted_matches(queryset: QuerySet, text: str | None) -> QuerySet:
    """``ranked_matches`` on a model with ``title`` and ``summary`` fields, plus ``<mark>``
    highlights of the title (``search_title_headline``) and of summary fragments
    (``search_summary_headline``). Blank text: unchanged."""
    text = (text or "").strip()
    if not text:
        return queryset
    query = search_query(text)
    return queryset.filter(search_vector=query).annotate(
        search_rank=SearchRank(F("search_vector"), rank_query(text)),
        search_title_headline=marked("title", query, highlight_all=True),
        search_summary_headline=marked(
            "summary", query, max_words=35, min_words=15, max_fragments=2, fragment_delimiter=" … "
        ),
    )


def marked(field_name: str, query, **options) -> SearchHeadline:
    """``field_name`` with ``<mark>`` around the words ``query`` matches (PostgreSQL headline
    ``options``: ``highlight_all``, ``max_words``…). Show it through ``safe_highlight``."""
    return SearchHeadline(field_name, query, config=SEARCH_CONFIG, start_sel=MARK_START, stop_sel=MARK_STOP, **options)


def safe_highlight(value: str | None) -> str | None:
    """Escape a headline's text, keeping only the ``<mark>`` tags PostgreSQL put in, so it can
    be inserted as HTML (titles and summaries are plain text and may contain ``<``)."""
    if value is None:
        return None
    escaped = escape(value)
    return escaped.replace(escape(MARK_START), MARK_START).replace(escape(MARK_STOP), MARK_STOP)


def french_sort_key(field_name: str):
    """Sort text the French way whatever the database collation: case and accents ignored."""
    return Lower(Func(F(field_name), function="public.unaccent", output_field=CharField()))


# --- a person's own words: any shared term counts ---------------------------------------------


def lexemes_of(text: str, *, ignoring: str = "") -> list[str]:
    """The normalised terms of ``text`` (stemmed, unaccented, stop words dropped), sorted, minus
    those of ``ignoring``: one SQL round trip."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(array_agg(lexeme ORDER BY lexeme), '{}') "
            "FROM unnest(tsvector_to_array(to_tsvector(%s::regconfig, %s))) AS lexeme "
            "WHERE lexeme <> ALL (tsvector_to_array(to_tsvector(%s::regconfig, %s)))",
            [SEARCH_CONFIG, text, SEARCH_CONFIG, ignoring],
        )
        (lexemes,) = cursor.fetchone()
    return list(lexemes)


def any_lexeme_sql(lexemes: list[str]) -> tuple[str, list]:
    """SQL of a tsquery OR-ing ``lexemes`` (already normalised: cast, not re-stemmed), and its
    parameters."""
    return "array_to_string(ARRAY(SELECT quote_literal(l) FROM unnest(%s::text[]) AS l), ' | ')::tsquery", [lexemes]


class AnyLexeme(RawSQL):
    """The tsquery OR-ing ``lexemes``, as an expression ``SearchRank`` and ``marked`` accept."""

    def __init__(self, lexemes: list[str]):
        sql, params = any_lexeme_sql(lexemes)
        super().__init__(sql, params)
