"""Every hook a plugin can implement. One docstring line each; ``docs/plugins.md`` has examples.

Hooks that return values are collected from every plugin into a list (pluggy's default).
Hooks named ``imedia_tenant_*`` run per tenant and skip plugins that tenant has disabled.
"""

import pluggy

PROJECT = "imedia"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def imedia_shared_apps():
    """Return Django app labels to install in the shared (public) schema."""


@hookspec
def imedia_tenant_apps():
    """Return Django app labels to install in every tenant schema."""


@hookspec
def imedia_graphql_queries():
    """Return graphene ObjectType classes whose fields are merged into the root Query."""


@hookspec
def imedia_graphql_mutations():
    """Return graphene ObjectType classes whose fields are merged into the root Mutation."""


@hookspec
def imedia_graphql_types():
    """Return extra graphene types the schema must know (types reached only through interfaces)."""


@hookspec
def imedia_event_types():
    """Return EventType objects (imedia_core.events.catalogue): the domain events a domain or plugin writes."""


@hookspec
def imedia_tenant_templates():
    """Return TenantTemplate objects offered when a tenant is provisioned."""


@hookspec
def imedia_cycle_templates():
    """Return CycleTemplate objects (imedia_core.cycle.templates) a programme can instantiate or re-apply."""


@hookspec
def imedia_tenant_created(tenant, template):
    """React to a new tenant, inside its schema and inside the provisioning transaction."""


@hookspec
def imedia_tenant_suspended(tenant):
    """React to a tenant being suspended (its API now answers 403)."""


@hookspec
def imedia_tenant_archived(tenant):
    """React to a tenant being archived (its API now answers 410)."""


@hookspec
def imedia_tenant_reactivated(tenant):
    """React to a suspended or archived tenant becoming active again."""


@hookspec
def imedia_tenant_event(tenant, event):
    """React to a committed domain event (an OutboxEvent) of this tenant; at least once, key: event.event_id."""


@hookspec
def imedia_tenant_contribution_check(tenant, contribution):
    """Check a new or edited contribution; return a ModerationVerdict (participation.checks) or None."""


@hookspec
def imedia_tenant_comment_check(tenant, comment):
    """Check a new comment on a contribution; return a ModerationVerdict (participation.checks) or None."""


@hookspec
def imedia_guidance_question_sets():
    """Return QuestionSet objects (imedia_core.guidance.templates): starter questions per cycle template."""


@hookspec
def imedia_diagnostic_templates():
    """Return DiagnosticTemplate objects (imedia_core.diagnostics.templates) a programme can install."""


@hookspec
def imedia_diagnostic_scorers():
    """Return Scorer objects (imedia_core.diagnostics.scoring) offering other ways to score a run."""


@hookspec
def imedia_demo_seed(tenant):
    """Seed this plugin's demo data in a demo space (inside its schema); return a one-line summary or None."""


@hookspec
def imedia_plugin_config_fields():
    """Return ConfigField objects (pluginhost.config): this plugin's typed settings, shown to admins as a form."""


@hookspec
def imedia_connector_platforms():
    """Return Platform objects (imedia_core.connectors.platform): external platforms a space can be linked to."""


@hookspec
def imedia_personal_data():
    """Return PersonalData and NotPersonal objects (imedia_core.privacy.register): this plugin's personal fields."""
