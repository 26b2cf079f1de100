"""The plugin host: every hook works from a plugin registered in a fixture, and per-tenant
disabling stops a plugin's hooks and GraphQL fields in that tenant only."""

import re
from pathlib import Path

import graphene
import pytest
from django.db import connection
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.context import Channel, ServiceContext
from imedia_core.errors import ServiceError
from imedia_core.events.models import OutboxEvent
from imedia_core.pluginhost import hookimpl, hookspecs
from imedia_core.pluginhost import manager as plugins
from imedia_core.pluginhost.apps import merge_plugin_apps
from tenants.models import Tenant, TenantStatus
from tenants.plugin_settings import configure_plugin
from tenants.provisioning import TenantSpec, provision_tenant, set_status
from tenants.templates import TenantTemplate, available_templates
from tests.auth.helpers import token_for

SYSTEM = ServiceContext.system(Channel.CLI)
DOCS = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"
HOOKS = sorted(name for name in dir(hookspecs) if name.startswith("imedia_"))


class GreetingQueries(graphene.ObjectType):
    greeting = graphene.String(required=True, description="A greeting from the sample plugin.")

    def resolve_greeting(root, info):
        return f"Bonjour {info.context.tenant.name}"


class Echo(graphene.Mutation):
    class Arguments:
        text = graphene.String(required=True)

    echoed = graphene.String()

    def mutate(root, info, text):
        return Echo(echoed=text.upper())


class GreetingMutations(graphene.ObjectType):
    echo = Echo.Field(description="Echo the text back, upper-cased.")


class Badge(graphene.ObjectType):
    label = graphene.String(description="A badge only reachable as an extra type.")


class SamplePlugin:
    def __init__(self):
        self.calls = []

    @hookimpl
    def imedia_shared_apps(self):
        return ["sample_shared_app"]

    @hookimpl
    def imedia_tenant_apps(self):
        return ["sample_tenant_app"]

    @hookimpl
    def imedia_graphql_queries(self):
        return [GreetingQueries]

    @hookimpl
    def imedia_graphql_mutations(self):
        return [GreetingMutations]

    @hookimpl
    def imedia_graphql_types(self):
        return [Badge]

    @hookimpl
    def imedia_tenant_templates(self):
        return [TenantTemplate(key="sample", label="Modèle d'essai", policy_area="citizen_councils")]

    @hookimpl
    def imedia_tenant_created(self, tenant, template):
        self.calls.append(("created", tenant.schema_name, template.key if template else None, connection.schema_name))

    @hookimpl
    def imedia_tenant_suspended(self, tenant):
        self.calls.append(("suspended", tenant.schema_name))

    @hookimpl
    def imedia_tenant_archived(self, tenant):
        self.calls.append(("archived", tenant.schema_name))

    @hookimpl
    def imedia_tenant_reactivated(self, tenant):
        self.calls.append(("reactivated", tenant.schema_name))


@pytest.fixture
def sample():
    plugin = SamplePlugin()
    plugins.register(plugin, name="sample")
    yield plugin
    plugins.unregister("sample")


def test_bundled_plugin_is_loaded_from_its_entry_point():
    pm = plugins.get_plugin_manager()
    assert "tenant_presets" in plugins.plugin_names()
    assert pm.get_plugin("tenant_presets").__name__ == "plugins.tenant_presets.plugin"
    assert {"formation_professionnelle", "rsa", "conseils_citoyens"} <= set(available_templates())


def test_core_registers_itself_as_a_plugin():
    names = plugins.plugin_names()
    core = [name for name in names if plugins.is_core_plugin(name)]
    # Each domain registers its own hooks module, all before the installed plugins.
    assert {"imedia_core.participation", "imedia_core.diagnostics", "imedia_core.tenants"} <= set(core)
    assert names[: len(core)] == core
    assert "vierge" in available_templates()


def test_app_hooks_extend_shared_and_tenant_apps(sample):
    shared, tenant = merge_plugin_apps(["django_tenants"], ["imedia_core.audit"])
    assert shared == ["django_tenants", "sample_shared_app"]
    # The bundled webhooks plugin adds its own tenant app; the sample's comes after it.
    assert tenant == ["imedia_core.audit", "plugins.webhooks", "sample_tenant_app"]


def test_graphql_hooks_extend_the_schema(api, tenant_a, sample):
    assert api.gql("{ greeting }", tenant=tenant_a)["greeting"] == "Bonjour Espace Alpha"
    data = api.gql('mutation { echo(text: "oui") { echoed } }', tenant=tenant_a)
    assert data["echo"]["echoed"] == "OUI"
    introspection = api.gql('{ __type(name: "Badge") { fields { name } } }', tenant=tenant_a)
    assert introspection["__type"]["fields"] == [{"name": "label"}]


def test_schema_drops_plugin_fields_once_unregistered(api, tenant_a):
    plugin = SamplePlugin()
    plugins.register(plugin, name="sample")
    assert api.gql("{ greeting }", tenant=tenant_a)["greeting"]
    plugins.unregister("sample")
    response = api.graphql("{ greeting }", tenant=tenant_a)
    assert response.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


def test_disabled_plugin_fields_answer_as_disabled_in_that_tenant_only(api, tenant_a, tenant_b, sample):
    tenant_a.plugin_settings = {"sample": {"enabled": False}}
    tenant_a.save()
    response = api.graphql("{ greeting }", tenant=tenant_a)
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "PLUGIN_DISABLED", "plugin": "sample"}
    assert api.gql("{ greeting }", tenant=tenant_b)["greeting"] == "Bonjour Espace Bêta"
    data = api.gql("{ tenant { enabledPlugins plugins { name enabled config } } }", tenant=tenant_a)["tenant"]
    assert "sample" not in data["enabledPlugins"]
    assert {"name": "sample", "enabled": False, "config": None} in data["plugins"]


def test_template_hook_feeds_provisioning_and_created_hook_runs_in_the_new_schema(db, operator, sample):
    provision_tenant(SYSTEM, TenantSpec(slug="theta", name="Thêta", operator=operator, template="sample"))
    assert Tenant.objects.get(schema_name="theta").policy_area == "citizen_councils"
    assert sample.calls == [("created", "theta", "sample", "theta")]


def test_lifecycle_hooks_skip_tenants_that_disabled_the_plugin(db, tenant_a, tenant_b, sample):
    tenant_a.plugin_settings = {"sample": {"enabled": False}}
    tenant_a.save()
    for tenant in (tenant_a, tenant_b):
        set_status(SYSTEM, tenant, TenantStatus.SUSPENDED)
        set_status(SYSTEM, tenant, TenantStatus.ARCHIVED)
        set_status(SYSTEM, tenant, TenantStatus.ACTIVE)
    assert sample.calls == [("suspended", "beta"), ("archived", "beta"), ("reactivated", "beta")]


def test_created_hook_respects_plugin_settings_given_at_creation(db, operator, sample):
    provision_tenant(
        SYSTEM, TenantSpec(slug="iota", name="Iota", operator=operator, plugin_settings={"sample": {"enabled": False}})
    )
    assert sample.calls == []


def test_core_plugin_cannot_be_disabled(tenant_a):
    tenant_a.plugin_settings = {"imedia_core.participation": {"enabled": False}}
    assert plugins.is_plugin_enabled(tenant_a, "imedia_core.participation")


def test_every_hook_is_documented_with_its_signature_and_an_example():
    text = DOCS.read_text(encoding="utf-8")
    for name in HOOKS:
        spec = getattr(hookspecs, name)
        params = ", ".join(spec.__code__.co_varnames[: spec.__code__.co_argcount])
        heading = f"### `{name}({params})`"
        assert heading in text, f"{name} is not documented as {heading!r} in docs/plugins.md"
        section = text.split(heading, 1)[1].split("\n### ", 1)[0]
        assert "@hookimpl" in section and f"def {name}(" in section, f"{name} has no example"
    documented = set(re.findall(r"^### `(imedia_\w+)\(", text, flags=re.M))
    assert documented == set(HOOKS), "docs/plugins.md documents hooks that do not exist"


CONFIGURE = """mutation($name: String!, $enabled: Boolean, $config: JSONString) {
  pluginConfigure(name: $name, enabled: $enabled, config: $config) {
    plugin { name enabled config } errors { field code }
  }
}"""


def _journal_and_outbox_sizes() -> tuple[int, int]:
    with schema_context("alpha"):
        return AuditEntry.objects.count(), OutboxEvent.objects.count()


def test_tenant_admin_configures_a_plugin_for_their_space_only(api, tenant_a, tenant_b, make_user, sample):
    admin = make_user("cfg@alpha.test", "tenant_admin", tenant_a)
    token = token_for(admin, tenant_a)
    data = api.gql(
        CONFIGURE, {"name": "sample", "enabled": False, "config": '{"seuil": 3}'}, tenant=tenant_a, token=token
    )
    assert data["pluginConfigure"] == {
        "plugin": {"name": "sample", "enabled": False, "config": '{"seuil": 3}'},
        "errors": [],
    }
    tenant_a.refresh_from_db()
    assert plugins.plugin_config(tenant_a, "sample") == {"seuil": 3}
    assert api.graphql("{ greeting }", tenant=tenant_a).json()["errors"][0]["extensions"]["code"] == "PLUGIN_DISABLED"
    assert api.gql("{ greeting }", tenant=tenant_b)["greeting"]
    with schema_context("alpha"):
        entry = AuditEntry.objects.get(action="plugin.configured")
        event = OutboxEvent.objects.get(type="plugin.configured")
    assert (entry.summary, entry.via, entry.actor_id) == ("Module « sample » désactivé", "graphql", admin.pk)
    assert (event.payload, event.actor_id) == ({"plugin": "sample", "enabled": False, "config_changed": True}, admin.pk)


@pytest.mark.parametrize(
    ("variables", "code"),
    [
        ({"name": "imedia_core", "enabled": False}, "CORE_PLUGIN"),
        ({"name": "inexistant", "enabled": False}, "NOT_FOUND"),
        ({"name": "sample", "config": "[1, 2]"}, "INVALID"),
    ],
)
def test_plugin_configure_refuses_bad_input_and_changes_nothing(api, tenant_a, make_user, sample, variables, code):
    token = token_for(make_user("cfg2@alpha.test", "tenant_admin", tenant_a), tenant_a)
    before = _journal_and_outbox_sizes()
    data = api.gql(CONFIGURE, variables, tenant=tenant_a, token=token)
    assert data["pluginConfigure"]["errors"][0]["code"] == code
    tenant_a.refresh_from_db()
    assert tenant_a.plugin_settings == {}
    assert _journal_and_outbox_sizes() == before


def test_configure_plugin_keeps_other_plugins_settings_and_refuses_the_core_from_any_door(tenant_a, make_user, sample):
    chief = make_user("cfg4@alpha.test", "tenant_admin", tenant_a)
    Tenant.objects.filter(pk=tenant_a.pk).update(plugin_settings={"word_filter": {"enabled": False}})
    # ``tenant_a`` still holds the settings read before: the service must not write them back.
    ctx = ServiceContext.for_user(chief, tenant_a, Channel.ADMIN)
    assert configure_plugin(ctx, "sample", config={"seuil": 1}) == {"config": {"seuil": 1}}
    assert Tenant.objects.get(pk=tenant_a.pk).plugin_settings == {
        "word_filter": {"enabled": False},
        "sample": {"config": {"seuil": 1}},
    }
    before = _journal_and_outbox_sizes()
    for name, code in (("imedia_core.participation", "CORE_PLUGIN"), ("inexistant", "NOT_FOUND")):
        with pytest.raises(ServiceError) as excinfo:
            configure_plugin(ctx, name, enabled=False)
        assert excinfo.value.code == code
    with pytest.raises(ServiceError) as excinfo:
        configure_plugin(ServiceContext.for_user(make_user("cfg5@alpha.test"), tenant_a, Channel.ADMIN), "sample")
    assert excinfo.value.code == "PERMISSION_DENIED"
    assert _journal_and_outbox_sizes() == before


def test_plugin_configure_requires_tenant_admin(api, tenant_a, make_user, sample):
    token = token_for(make_user("cfg3@alpha.test", "facilitator", tenant_a), tenant_a)
    data = api.gql(CONFIGURE, {"name": "sample", "enabled": False}, tenant=tenant_a, token=token)
    assert data["pluginConfigure"]["errors"] == [{"field": None, "code": "PERMISSION_DENIED"}]
    tenant_a.refresh_from_db()
    assert tenant_a.plugin_settings == {}
