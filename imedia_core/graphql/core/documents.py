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
from graphql.language import DirectiveNode, FieldNode, Visitor, visit

from .limits import validation_rules

# Distinct documents kept; a few hundred operations cover a frontend and its integrations.
CACHE_SIZE = 512


class DocumentTooLarge(GraphQLError):
    """The document has more tokens, fields or directives than the limits allow: refused before
    the standard validation rules, whose cost grows with the document's size."""

    def __init__(self, message: str, **extensions):
        super().__init__(message, extensions={"code": "QUERY_TOO_LARGE", **extensions})


class _Counter(Visitor):
    def __init__(self, max_fields: int, max_directives: int):
        super().__init__()
        self.fields = self.directives = 0
        self.max_fields, self.max_directives = max_fields, max_directives

    def enter_field(self, node: FieldNode, *_args):
        self.fields += 1
        if self.fields > self.max_fields:
            raise DocumentTooLarge(
                f"Requête trop volumineuse : plus de {self.max_fields} champs.", maxFields=self.max_fields
            )

    def enter_directive(self, node: DirectiveNode, *_args):
        self.directives += 1
        if self.directives > self.max_directives:
            raise DocumentTooLarge(
                f"Requête trop volumineuse : plus de {self.max_directives} directives.",
                maxDirectives=self.max_directives,
            )


# Longer documents are parsed each time: they are rare, and caching them would let one
# client fill the cache with large strings.
MAX_CACHED_LENGTH = 20_000


def parse_and_validate(graphql_schema, query: str):
    """``(document, errors)``; raises ``DocumentTooLarge`` over the size limits and
    ``GraphQLError`` when the query cannot be parsed."""
    limits = (
        settings.IMEDIA_GRAPHQL_MAX_DEPTH,
        settings.IMEDIA_GRAPHQL_MAX_COST,
        settings.IMEDIA_GRAPHQL_MAX_ALIASES,
        settings.IMEDIA_GRAPHQL_MAX_PAGE_SIZE,
        settings.IMEDIA_GRAPHQL_MAX_TOKENS,
        settings.IMEDIA_GRAPHQL_MAX_FIELDS,
        settings.IMEDIA_GRAPHQL_MAX_DIRECTIVES,
    )
    if len(query) > MAX_CACHED_LENGTH:
        return _parse_and_validate(graphql_schema, query, limits)
    return _cached(graphql_schema, query, limits)


def _parse_and_validate(graphql_schema, query: str, limits) -> tuple:
    max_tokens, max_fields, max_directives = limits[-3:]
    # The token cap bounds parsing itself; fields and directives (each of which the standard
    # rules revisit several times) are counted in one pass before any validation rule runs.
    try:
        document = parse(query, max_tokens=max_tokens)
    except GraphQLError as exc:
        if "tokens. Parsing aborted" in exc.message:
            raise DocumentTooLarge(
                f"Requête trop volumineuse : plus de {max_tokens} jetons.", maxTokens=max_tokens
            ) from exc
        raise
    visit(document, _Counter(max_fields, max_directives))
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


__all__ = ["DocumentTooLarge", "GraphQLError", "cache_info", "parse_and_validate"]
