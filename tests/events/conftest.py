"""Fixtures of the events tests: a plugin that records what the event hook receives."""

import pytest
from django.db import connection

from imedia_core.pluginhost import hookimpl
from imedia_core.pluginhost import manager as plugins


class Recorder:
    """A plugin that remembers each call of ``imedia_tenant_event``; can be told to fail."""

    def __init__(self):
        self.calls = []
        self.fail_on = set()  # event types whose hook raises RuntimeError
        self.interrupt_on = set()  # event types whose hook raises KeyboardInterrupt (a killed worker)

    @hookimpl
    def imedia_tenant_event(self, tenant, event):
        self.calls.append((tenant.schema_name, connection.schema_name, event.type, event.event_id))
        if event.type in self.interrupt_on:
            raise KeyboardInterrupt
        if event.type in self.fail_on:
            raise RuntimeError(f"le greffon refuse {event.type}")

    def types(self, schema=None):
        return [c[2] for c in self.calls if schema is None or c[0] == schema]


@pytest.fixture
def recorder():
    plugin = Recorder()
    plugins.register(plugin, name="recorder")
    yield plugin
    plugins.unregister("recorder")


@pytest.fixture(autouse=True)
def _no_fake_connector_platform_left():
    """The connector cases (mutation_cases/connectors.py) install a fake platform: removed after each test."""
    yield
    from tests.connectors.fake import PLUGIN_NAME  # noqa: PLC0415 (only the connector cases install it)

    if plugins.get_plugin_manager().get_plugin(PLUGIN_NAME) is not None:
        plugins.unregister(PLUGIN_NAME)
