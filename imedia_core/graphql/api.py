"""Assemble the GraphQL schema from what the core and the plugins contribute.

The root ``Query`` and ``Mutation`` inherit the core domains' ObjectTypes (listed here, as
Saleor's ``api.py`` does), then every ObjectType returned by the ``imedia_graphql_queries`` /
``imedia_graphql_mutations`` hooks. The schema is rebuilt only when plugins are registered or
unregistered at run time (tests, embedding applications).
"""

import threading

import graphene
from graphene.utils.str_converters import to_camel_case
from graphql import default_field_resolver, get_named_type

from imedia_core.pluginhost import manager

from .audit.schema import AuditQueries
from .auth.schema import AuthMutations, AuthQueries
from .commons.schema import CommonsMutations, CommonsQueries
from .connectors.schema import ConnectorMutations, ConnectorQueries
from .core.nodes import PLUGIN_TYPES, TenantNode
from .core.plugin_guard import guard_plugin_field
from .core.schema import CoreQueries
from .cycle.schema import CycleMutations, CycleQueries
from .diagnostics.schema import DiagnosticsMutations, DiagnosticsQueries
from .evaluation.schema import EvaluationQueries
from .events.schema import EventsQueries
from .feedback.schema import FeedbackMutations, FeedbackQueries
from .guidance.schema import GuidanceMutations, GuidanceQueries
from .library.schema import LibraryMutations, LibraryQueries
from .pages.schema import PagesMutations, PagesQueries
from .participation.schema import ParticipationMutations, ParticipationQueries
from .privacy.schema import PrivacyMutations, PrivacyQueries
from .tenant.schema import TenantMutations, TenantQueries

CORE_QUERIES = (
    CoreQueries,
    AuthQueries,
    AuditQueries,
    TenantQueries,
    CycleQueries,
    LibraryQueries,
    PagesQueries,
    ParticipationQueries,
    FeedbackQueries,
    CommonsQueries,
    GuidanceQueries,
    DiagnosticsQueries,
    EvaluationQueries,
    EventsQueries,
    ConnectorQueries,
    PrivacyQueries,
)
CORE_MUTATIONS = (
    AuthMutations,
    TenantMutations,
    CycleMutations,
    LibraryMutations,
    PagesMutations,
    ParticipationMutations,
    FeedbackMutations,
    CommonsMutations,
    GuidanceMutations,
    DiagnosticsMutations,
    ConnectorMutations,
    PrivacyMutations,
)

_lock = threading.Lock()
_cache: dict = {"generation": None, "schema": None, "owners": {}}


def build_schema() -> tuple[graphene.Schema, dict[tuple[str, str], str]]:
    """The schema and, for each root field, the plugin that contributed it."""
    owners: dict[tuple[str, str], str] = {}

    def root_type(name: str, core: tuple, hook: str, description: str):
        contributed = [(manager.CORE_PLUGIN, cls) for cls in core] + manager.collect_with_owner(hook)
        for owner, cls in contributed:
            for field_name in cls._meta.fields:
                owners[(name, to_camel_case(field_name))] = owner
        if not contributed:
            return None
        bases = tuple(dict.fromkeys(cls for _, cls in contributed))
        return type(name, (*bases, graphene.ObjectType), {"Meta": type("Meta", (), {"description": description})})

    query = root_type("Query", CORE_QUERIES, "imedia_graphql_queries", "Read a programme space: its settings, people and content.")
    mutation = root_type(
        "Mutation", CORE_MUTATIONS, "imedia_graphql_mutations", "Change a programme space; every mutation returns typed errors."
    )
    contributed_types = manager.collect_with_owner("imedia_graphql_types")
    types = [TenantNode, *(graphene_type for _, graphene_type in contributed_types)]
    schema = graphene.Schema(query=query, mutation=mutation, types=types, auto_camelcase=True)
    type_owners = {
        graphene_type._meta.name: owner
        for owner, graphene_type in contributed_types
        if not manager.is_core_plugin(owner)
    }
    for (type_name, field_name), owner in owners.items():
        if not manager.is_core_plugin(owner):
            field = schema.graphql_schema.get_type(type_name).fields[field_name]
            field.resolve = guard_plugin_field(field.resolve or default_field_resolver, owner)
            if type_name == "Query":
                type_owners.setdefault(listed_type_name(field.type), owner)
    # node(id:) answers null for a type whose plugin the space turned off, as its list refuses.
    schema.graphql_schema.extensions = {**(schema.graphql_schema.extensions or {}), PLUGIN_TYPES: type_owners}
    return schema, owners


def listed_type_name(field_type) -> str:
    """The object type a root field returns: a connection's node type, a list's item type."""
    named = get_named_type(field_type)
    node = getattr(named, "fields", {}).get("edges")
    if node is not None and named.name.endswith("Connection"):
        named = get_named_type(get_named_type(node.type).fields["node"].type)
    return named.name


def _current():
    generation = manager.generation()
    if _cache["generation"] != generation:
        with _lock:
            if _cache["generation"] != generation:
                schema, owners = build_schema()
                _cache.update(generation=generation, schema=schema, owners=owners)
    return _cache


def get_schema() -> graphene.Schema:
    return _current()["schema"]


def __getattr__(name):
    # ``settings.GRAPHENE["SCHEMA"]`` points here (graphene-django's own commands read it).
    if name == "schema":
        return get_schema()
    raise AttributeError(name)
