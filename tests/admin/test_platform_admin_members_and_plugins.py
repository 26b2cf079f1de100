"""The platform admin edits a space's members, plugin settings and API keys through the same domain
functions as GraphQL: it cannot leave a space without a tenant admin nor touch a core plugin, and
every change leaves its journal entry (and, for members and plugins, its event) in the space."""

import json
from html.parser import HTMLParser

import pytest
from django_tenants.utils import schema_context

from imedia_core.audit.models import AuditEntry
from imedia_core.events.models import OutboxEvent
from tenants.auth.tokens import issue_api_key
from tenants.models import ApiKey, Membership, Tenant
from tests.auth.helpers import token_for

CHANGE_URL = "/admin/tenants/tenant/{pk}/change/"


class _FormFields(HTMLParser):
    """The values a browser would send for the page's main form (inputs, selects, textareas)."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, str] = {}
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") == "checkbox":
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            else:
                self.data[name] = attrs.get("value", "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data.lstrip("\n") if not self.data[self._textarea] else data


def change_form(client, tenant) -> dict:
    response = client.get(CHANGE_URL.format(pk=tenant.pk), HTTP_HOST="testserver")
    assert response.status_code == 200
    parser = _FormFields()
    parser.feed(response.content.decode())
    parser.data.pop("csrfmiddlewaretoken", None)
    return parser.data


def membership_row(data: dict, user) -> str:
    """The inline prefix (``memberships-N``) of ``user``'s row."""
    for key, value in data.items():
        if key.startswith("memberships-") and key.endswith("-user") and value == str(user.pk):
            return key.removesuffix("-user")
    raise AssertionError(f"no membership row for {user}")


def post_change(client, tenant, data):
    return client.post(CHANGE_URL.format(pk=tenant.pk), data, HTTP_HOST="testserver")


@pytest.fixture
def written(tenant_a):
    """A callable: the journal entries and events written in alpha since the test began."""
    with schema_context("alpha"):
        last_entry = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        last_event = OutboxEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0

    def since_start():
        with schema_context("alpha"):
            entries = AuditEntry.objects.filter(id__gt=last_entry).order_by("id")
            events = OutboxEvent.objects.filter(id__gt=last_event).order_by("id")
            return list(entries.values_list("action", "via", "actor_id")), list(events.values_list("type", "payload"))

    return since_start


@pytest.fixture
def staff(client, make_user):
    user = make_user("plateforme@platform.test", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_the_last_tenant_admin_cannot_be_demoted_or_removed(client, staff, written, tenant_a, make_user):
    chief = make_user("seule-admin@alpha.test", "tenant_admin", tenant_a)
    before = written()
    for change in ({"-role": "participant"}, {"-DELETE": "on"}):
        data = change_form(client, tenant_a)
        row = membership_row(data, chief)
        data.update({f"{row}{suffix}": value for suffix, value in change.items()})
        response = post_change(client, tenant_a, data)
        assert response.status_code == 200  # the form again, with the refusal
        assert "L&#x27;espace doit garder au moins un·e administrateur·rice." in response.content.decode()
    assert list(Membership.objects.filter(tenant=tenant_a).values_list("user_id", "role")) == [
        (chief.pk, "tenant_admin")
    ]
    assert written() == before


def test_roles_change_through_the_members_service(client, staff, written, tenant_a, make_user):
    chief = make_user("ancienne-admin@alpha.test", "tenant_admin", tenant_a)
    deputy = make_user("future-admin@alpha.test", "facilitator", tenant_a)
    leaving = make_user("partant@alpha.test", "participant", tenant_a)
    data = change_form(client, tenant_a)
    # In one save: the deputy becomes admin while the former admin steps down, and one member leaves.
    data[f"{membership_row(data, deputy)}-role"] = "tenant_admin"
    data[f"{membership_row(data, chief)}-role"] = "decision_maker"
    data[f"{membership_row(data, leaving)}-DELETE"] = "on"
    response = post_change(client, tenant_a, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    roles = dict(Membership.objects.filter(tenant=tenant_a).values_list("user_id", "role"))
    assert roles == {chief.pk: "decision_maker", deputy.pk: "tenant_admin"}
    entries, events = written()
    assert entries == [
        ("member.role_set", "admin", staff.pk),
        ("member.role_set", "admin", staff.pk),
        ("member.removed", "admin", staff.pk),
    ]
    payloads = [(kind, {k: v for k, v in payload.items() if k != "id"}) for kind, payload in events]
    assert payloads == [
        ("member.role_set", {"person": deputy.pk, "role": "tenant_admin", "previous_role": "facilitator"}),
        ("member.role_set", {"person": chief.pk, "role": "decision_maker", "previous_role": "tenant_admin"}),
        ("member.removed", {"person": leaving.pk, "role": "participant"}),
    ]
    assert "@" not in json.dumps([payload for _, payload in events])


def test_a_member_added_in_the_admin_is_journaled(client, staff, written, tenant_a, make_user):
    make_user("cheffe@alpha.test", "tenant_admin", tenant_a)
    newcomer = make_user("arrivee@exemple.test")
    data = change_form(client, tenant_a)
    total = int(data["memberships-TOTAL_FORMS"])
    data.update(
        {
            "memberships-TOTAL_FORMS": str(total + 1),
            f"memberships-{total}-user": str(newcomer.pk),
            f"memberships-{total}-role": "professional",
            f"memberships-{total}-tenant": str(tenant_a.pk),
        }
    )
    response = post_change(client, tenant_a, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Membership.objects.get(tenant=tenant_a, user=newcomer).role == "professional"
    entries, events = written()
    assert entries == [("member.role_set", "admin", staff.pk)]
    assert [kind for kind, _ in events] == ["member.role_set"]


PLUGINS_URL = "/admin/tenants/tenant/{pk}/modules/"


def plugin_page(client, tenant) -> dict:
    """The values a browser would send from « Modules et réglages » as it is shown."""
    response = client.get(PLUGINS_URL.format(pk=tenant.pk), HTTP_HOST="testserver")
    assert response.status_code == 200
    parser = _FormFields()
    parser.feed(response.content.decode())
    parser.data.pop("csrfmiddlewaretoken", None)
    return parser.data


def test_plugin_settings_are_forms_built_from_each_plugins_declared_fields(client, staff, tenant_a):
    response = client.get(PLUGINS_URL.format(pk=tenant_a.pk), HTTP_HOST="testserver")
    page = response.content.decode()
    # word_filter: its three declared fields, typed; webhooks: its bounds as numbers.
    assert 'name="plugin-word_filter-enabled"' in page
    assert '<textarea name="plugin-word_filter-config_words"' in page
    assert '<select name="plugin-word_filter-config_action"' in page
    assert 'name="plugin-webhooks-config_max_attempts"' in page and 'type="number"' in page
    assert "Mots ou expressions à retenir" in page
    data = plugin_page(client, tenant_a)
    assert data["plugin-word_filter-enabled"] == "on"  # enabled until the space turns it off
    assert data["plugin-word_filter-config_action"] == "hold"
    assert data["plugin-webhooks-config_max_attempts"] == "10"
    # The programme's own form no longer holds raw JSON for plugins.
    assert "plugin_settings" not in change_form(client, tenant_a)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("plugin-webhooks-config_max_attempts", "0", "supérieure ou égale à 1"),
        ("plugin-webhooks-config_max_attempts", "beaucoup", "nombre entier"),
        ("plugin-word_filter-config_action", "detruire", "Sélectionnez un choix valide"),
    ],
)
def test_plugin_forms_refuse_bad_values_and_change_nothing(client, staff, written, tenant_a, field, value, message):
    data = plugin_page(client, tenant_a)
    data["plugin-word_filter-config_words"] = "arnaque"  # a valid change beside the refused one
    data[field] = value
    response = client.post(PLUGINS_URL.format(pk=tenant_a.pk), data, HTTP_HOST="testserver")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Tenant.objects.get(pk=tenant_a.pk).plugin_settings == {}
    assert written() == ([], [])


def test_plugin_forms_save_through_configure_plugin(client, staff, written, tenant_a):
    data = plugin_page(client, tenant_a)
    data.pop("plugin-word_filter-enabled")  # unticked
    data["plugin-word_filter-config_words"] = "arnaque\n\n  escroc \narnaque"
    response = client.post(PLUGINS_URL.format(pk=tenant_a.pk), data, HTTP_HOST="testserver")
    assert response.status_code == 302, response.content.decode()[:2000]
    tenant = Tenant.objects.get(pk=tenant_a.pk)
    # Only what changed is written: the defaults left as shown stay the plugin's defaults.
    assert tenant.plugin_settings == {"word_filter": {"enabled": False, "config": {"words": ["arnaque", "escroc"]}}}
    entries, events = written()
    assert entries == [("plugin.configured", "admin", staff.pk)]
    assert events == [("plugin.configured", {"plugin": "word_filter", "enabled": False, "config_changed": True})]
    # Saving the page again as shown writes nothing more.
    response = client.post(PLUGINS_URL.format(pk=tenant_a.pk), plugin_page(client, tenant_a), HTTP_HOST="testserver")
    assert response.status_code == 302
    assert written() == (entries, events)
    # A number set in the form reaches the plugin's configuration.
    data = plugin_page(client, tenant_a)
    data["plugin-webhooks-config_max_attempts"] = "4"
    client.post(PLUGINS_URL.format(pk=tenant_a.pk), data, HTTP_HOST="testserver")
    assert Tenant.objects.get(pk=tenant_a.pk).plugin_settings["webhooks"] == {"config": {"max_attempts": 4}}


def test_graphql_refuses_the_values_the_form_refuses(api, tenant_a, make_user, written):
    admin = make_user("cfg-schema@alpha.test", "tenant_admin", tenant_a)
    token = token_for(admin, tenant_a)
    document = """mutation($config: JSONString) {
      pluginConfigure(name: "webhooks", config: $config) { plugin { name } errors { field code message } }
    }"""
    data = api.gql(document, {"config": '{"max_attempts": 0}'}, tenant=tenant_a, token=token)
    [error] = data["pluginConfigure"]["errors"]
    assert (error["field"], error["code"]) == ("config", "INVALID")
    assert "« max_attempts » doit valoir au moins 1" in error["message"]
    assert Tenant.objects.get(pk=tenant_a.pk).plugin_settings == {}
    assert written() == ([], [])


def test_allowed_origins_are_a_checked_list(client, staff, tenant_a):
    data = change_form(client, tenant_a)
    assert data["cors_allowed_origins"] == ""
    data["cors_allowed_origins"] = "https://site.exemple.org/\nftp://fichiers.exemple.org"
    response = post_change(client, tenant_a, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "ne doit avoir ni chemin" in page and "commence par https://" in page
    assert Tenant.objects.get(pk=tenant_a.pk).cors_allowed_origins == []
    data["cors_allowed_origins"] = "https://Site.exemple.org\n\nhttp://localhost:5173\nhttps://site.exemple.org"
    response = post_change(client, tenant_a, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    origins = ["https://site.exemple.org", "http://localhost:5173"]
    assert Tenant.objects.get(pk=tenant_a.pk).cors_allowed_origins == origins
    assert change_form(client, tenant_a)["cors_allowed_origins"] == "\n".join(origins)


def test_api_key_revocation_in_the_admin_is_journaled(client, staff, written, tenant_a):
    key, _ = issue_api_key(tenant_a, "Site du département", ["read"])
    response = client.post(
        "/admin/tenants/apikey/",
        {"action": "revoke", "_selected_action": [key.pk]},
        HTTP_HOST="testserver",
    )
    assert response.status_code == 302
    assert ApiKey.objects.get(pk=key.pk).revoked_at is not None
    entries, events = written()
    assert entries == [("api_key.revoked", "admin", staff.pk)]
    assert events == []
