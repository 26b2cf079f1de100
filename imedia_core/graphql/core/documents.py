"""Parsed and validated GraphQL documents, cached per schema and limits.

Clients send the same few operations over and over; parsing and validating them (including
the depth, cost and alias limits, which depend only on the document and the settings) is a
sizeable share of a small request. Validation results are reused only for the same schema
object and the same limit settings, so a rebuilt schema or changed limits validate afresh.
Variables never take part in validation, so they are not part of the key.
"""

from functools import lru_cache

from django.conf import settings
from graphql import GraphQLError, parse, validate

from .limits import validation_rules

# Distinct documents kept; a few hundred operations cover a frontend and its integrations.
CACHE_SIZE = 512
# Longer documents are parsed each time: they are rare, and caching them would let one
# client fill the cache with large strings.
MAX_CACHED_LENGTH = 20_000


def parse_and_validate(graphql_schema, query: str):
    """``(document, errors)``; raises ``GraphQLError`` when the query cannot be parsed."""
    limits = (
        settings.IMEDIA_GRAPHQL_MAX_DEPTH,
        settings.IMEDIA_GRAPHQL_MAX_COST,
        settings.IMEDIA_GRAPHQL_MAX_ALIASES,
        settings.IMEDIA_GRAPHQL_MAX_PAGE_SIZE,
    )
    if len(query) > MAX_CACHED_LENGTH:
        return _parse_and_validate(graphql_schema, query, limits)
    return _cached(graphql_schema, query, limits)


def _parse_and_validate(graphql_schema, query: str, limits) -> tuple:
    document = parse(query)
    # Spec rules first: the limit rules assume a valid document.
    errors = validate(graphql_schema, document, rules=None) or validate(
        graphql_schema, document, rules=validation_rules()
    )
    return document, tuple(errors)


@lru_cache(maxsize=CACHE_SIZE)
def _cached(graphql_schema, query: str, limits) -> tuple:
    return _parse_and_validate(graphql_schema, query, limits)


def cache_info():
    return _cached.cache_info()


__all__ = ["GraphQLError", "cache_info", "parse_and_validate"]
