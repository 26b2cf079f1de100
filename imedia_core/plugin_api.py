"""The published plugin API: the one core module a plugin imports.

    from imedia_core.plugin_api import EventType, ServiceContext, changed, hookimpl

Everything a plugin needs from the core is named here (docs/plugins.md lists it); the modules
behind the names may move, these names stay. import-linter (``pyproject.toml``) refuses any other
import of ``imedia_core`` or ``tenants`` from ``plugins``.

A plugin's entry-point module is imported while Django settings are read (a plugin may add
apps), before any model can be loaded. So this module imports nothing itself: each name is
loaded from its home module when first asked for (PEP 562 module ``__getattr__``), then kept.
``from imedia_core.plugin_api import X`` asks for ``X`` at once, so an entry-point module may
import at module level only the ``SETTINGS_SAFE`` names; the others (models, GraphQL, admin)
belong in the modules its hooks import when they run, once the apps are ready.
"""

from importlib import import_module

# name -> "module:attribute". Grouped by what a plugin does with them.
EXPORTS: dict[str, str] = {
    # Hooks and per-tenant configuration.
    "hookimpl": "imedia_core.pluginhost.hookspecs:hookimpl",
    "plugin_config": "imedia_core.pluginhost.manager:plugin_config",
    "ConfigField": "imedia_core.pluginhost.config:ConfigField",
    # The service contract: who acts, one error family, audit entry and event written together.
    "ServiceContext": "imedia_core.context:ServiceContext",
    "Channel": "imedia_core.context:Channel",
    "changed": "imedia_core.changes:changed",
    "ServiceError": "imedia_core.errors:ServiceError",
    "ErrorCollector": "imedia_core.errors:ErrorCollector",
    "Perm": "imedia_core.permissions:Perm",
    # Domain events, the outbox and background jobs.
    "EventType": "imedia_core.events.catalogue:EventType",
    "event_types": "imedia_core.events.catalogue:event_types",
    "OutboxEvent": "imedia_core.events.models:OutboxEvent",
    "envelope": "imedia_core.events.envelope:envelope",
    "envelope_bytes": "imedia_core.events.envelope:envelope_bytes",
    "backoff_delay": "imedia_core.events.backoff:backoff_delay",
    "register_job": "imedia_core.events.jobs:register_job",
    "every": "imedia_core.events.jobs:every",
    # Personal data: the register's declarations (``imedia_personal_data`` hook) and retention.
    "PersonalData": "imedia_core.privacy.register:PersonalData",
    "NotPersonal": "imedia_core.privacy.register:NotPersonal",
    "OnErasure": "imedia_core.privacy.register:OnErasure",
    "Retention": "imedia_core.privacy.register:Retention",
    "retention_limit": "imedia_core.privacy.retention:retention_limit",
    "schedule_job": "imedia_core.events.engine:schedule_job",
    # GraphQL: base classes and helpers of the core's own schema.
    "service_context": "imedia_core.graphql.core.context:service_context",
    "BaseMutation": "imedia_core.graphql.core.mutations:BaseMutation",
    "MutationError": "imedia_core.graphql.core.errors:MutationError",
    "error_codes": "imedia_core.graphql.core.errors:error_codes",
    "error_type": "imedia_core.graphql.core.errors:error_type",
    "described_enum": "imedia_core.graphql.core.enums:described_enum",
    "ModelObjectType": "imedia_core.graphql.core.types_base:ModelObjectType",
    "TenantNode": "imedia_core.graphql.core.nodes:TenantNode",
    "pk_from_global_id": "imedia_core.graphql.core.nodes:pk_from_global_id",
    "get_or_not_found": "imedia_core.graphql.core.nodes:get_or_not_found",
    "require": "imedia_core.graphql.core.permissions:require",
    "ConnectionField": "imedia_core.graphql.core.connection:ConnectionField",
    "CountableConnection": "imedia_core.graphql.core.connection:CountableConnection",
    "selected_fields": "imedia_core.graphql.core.selection:selected_fields",
    # The tenant's admin site.
    "tenant_admin_site": "imedia_core.admin_site:tenant_admin_site",
    "TenantModelAdmin": "imedia_core.admin_site:TenantModelAdmin",
    "TenantTabularInline": "imedia_core.admin_site:TenantTabularInline",
    "admin_context": "imedia_core.admin_site:admin_context",
    # Moderation checks.
    "ModerationVerdict": "imedia_core.participation.checks:ModerationVerdict",
    # Tenant templates.
    "TenantTemplate": "tenants.templates:TenantTemplate",
    # Cycle templates (``CycleItemTemplate`` is the cycle's ``ItemTemplate``: a stake, objective...).
    "CycleTemplate": "imedia_core.cycle.templates:CycleTemplate",
    "PhaseTemplate": "imedia_core.cycle.templates:PhaseTemplate",
    "CycleItemTemplate": "imedia_core.cycle.templates:ItemTemplate",
    "ResourceTemplate": "imedia_core.cycle.templates:ResourceTemplate",
    "ThemeTemplate": "imedia_core.cycle.templates:ThemeTemplate",
    "available_cycle_templates": "imedia_core.cycle.templates:available_cycle_templates",
    "instantiate_cycle": "imedia_core.cycle.templates:instantiate",
    # Guided-path question sets.
    "QuestionSet": "imedia_core.guidance.templates:QuestionSet",
    "QuestionTemplate": "imedia_core.guidance.templates:QuestionTemplate",
    "MethodRef": "imedia_core.guidance.templates:MethodRef",
    "install_question_set": "imedia_core.guidance.templates:install_question_set",
    # Self-diagnostic templates (``DiagnosticItemTemplate`` is the diagnostics' ``ItemTemplate``: a statement).
    "DiagnosticTemplate": "imedia_core.diagnostics.templates:DiagnosticTemplate",
    "DimensionTemplate": "imedia_core.diagnostics.templates:DimensionTemplate",
    "DiagnosticItemTemplate": "imedia_core.diagnostics.templates:ItemTemplate",
    "LevelTemplate": "imedia_core.diagnostics.templates:LevelTemplate",
    "ScaleOption": "imedia_core.diagnostics.templates:ScaleOption",
    "install_diagnostics": "imedia_core.diagnostics.templates:install_diagnostics",
    # Diagnostic scorers.
    "DimensionScores": "imedia_core.diagnostics.scoring:DimensionScores",
    "FunctionScorer": "imedia_core.diagnostics.scoring:FunctionScorer",
    # Addresses people type for the server to call: canonical forms, private ranges (SSRF checks).
    "canonical_address": "imedia_core.addresses:canonical_address",
    "is_private_ip": "imedia_core.addresses:is_private_ip",
    "is_private_address": "imedia_core.addresses:is_private_address",
    "is_local_name": "imedia_core.addresses:is_local_name",
    # Connectors: the contract between the engine and a platform adapter (connectors/platform.py).
    "Platform": "imedia_core.connectors.platform:Platform",
    "PlatformClient": "imedia_core.connectors.platform:PlatformClient",
    "PlatformError": "imedia_core.connectors.platform:PlatformError",
    "ExternalItem": "imedia_core.connectors.platform:ExternalItem",
    "ExternalAuthor": "imedia_core.connectors.platform:ExternalAuthor",
    "ItemState": "imedia_core.connectors.platform:ItemState",
    "Page": "imedia_core.connectors.platform:Page",
    "OutboundAnswer": "imedia_core.connectors.platform:OutboundAnswer",
    "AnswerReceipt": "imedia_core.connectors.platform:AnswerReceipt",
    "LinkConfig": "imedia_core.connectors.platform:LinkConfig",
    "SpaceField": "imedia_core.connectors.platform:SpaceField",
    "CredentialField": "imedia_core.connectors.platform:CredentialField",
}

# What an entry-point module may import at module level: none of these loads a model.
SETTINGS_SAFE = frozenset(
    {
        "hookimpl",
        "PersonalData",
        "NotPersonal",
        "OnErasure",
        "Retention",
        "plugin_config",
        "ConfigField",
        "ServiceContext",
        "Channel",
        "ServiceError",
        "ErrorCollector",
        "Perm",
        "EventType",
        "backoff_delay",
        "ModerationVerdict",
        "TenantTemplate",
        # The connector contract is plain data: an entry-point module may build its Platform.
        "Platform",
        "PlatformClient",
        "PlatformError",
        "ExternalItem",
        "ExternalAuthor",
        "ItemState",
        "Page",
        "OutboundAnswer",
        "AnswerReceipt",
        "LinkConfig",
        "SpaceField",
        "CredentialField",
    }
)

__all__ = sorted(EXPORTS)


def __getattr__(name: str):
    try:
        module, attribute = EXPORTS[name].split(":")
    except KeyError:
        raise AttributeError(f"imedia_core.plugin_api has no {name!r}: see docs/plugins.md for the plugin API") from None
    value = getattr(import_module(module), attribute)
    globals()[name] = value  # loaded once; later lookups do not come back here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *EXPORTS})
