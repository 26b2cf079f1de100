"""The published plugin API: every name it lists resolves, it imports nothing until asked, and a
plugin's entry point loads while settings are read (before any model can be)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from imedia_core import plugin_api

ROOT = Path(__file__).resolve().parents[2]
ENTRY_POINTS = (
    "plugins.tenant_presets.plugin",
    "plugins.cycle_templates.plugin",
    "plugins.webhooks.plugin",
    "plugins.word_filter.plugin",
)


def run_bare(code: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter where Django is not set up (no settings at all)."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)


@pytest.mark.parametrize("name", sorted(plugin_api.EXPORTS))
def test_every_published_name_resolves_to_its_home(name):
    module, attribute = plugin_api.EXPORTS[name].split(":")
    assert getattr(plugin_api, name) is getattr(__import__(module, fromlist=[attribute]), attribute)


def test_the_listing_is_the_table():
    assert plugin_api.__all__ == sorted(plugin_api.EXPORTS)
    assert set(plugin_api.EXPORTS) <= set(dir(plugin_api))
    assert plugin_api.SETTINGS_SAFE.issubset(plugin_api.EXPORTS)
    with pytest.raises(AttributeError, match="docs/plugins.md"):
        plugin_api.ItemTemplate  # ambiguous (cycles or diagnostics?): published under two other names


def test_importing_the_api_imports_nothing_else():
    result = run_bare(
        "import sys; before = set(sys.modules); import imedia_core.plugin_api; "
        "print(sorted(m for m in set(sys.modules) - before if m.startswith(('imedia_core', 'tenants', 'django'))))"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['imedia_core', 'imedia_core.plugin_api']"


def test_settings_safe_names_and_entry_points_load_without_django_apps():
    names = ", ".join(sorted(plugin_api.SETTINGS_SAFE))
    modules = "; ".join(f"import {module}" for module in ENTRY_POINTS)
    result = run_bare(f"from imedia_core.plugin_api import {names}; {modules}")
    assert result.returncode == 0, result.stderr
