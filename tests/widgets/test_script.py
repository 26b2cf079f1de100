"""The widget script's GraphQL documents against the live schema, and what the script and its
styles promise: no framework, no request to another server, no HTML insertion, the documented
custom elements and CSS custom properties."""

import re
from pathlib import Path

import pytest
from graphql import parse, validate

from imedia_core.graphql.api import get_schema

STATIC = Path(__file__).resolve().parents[2] / "imedia_core" / "static" / "widgets"
SCRIPT = (STATIC / "imedia-widgets.js").read_text(encoding="utf-8")
STYLES = (STATIC / "imedia-widgets.css").read_text(encoding="utf-8")
DOCS = (Path(__file__).resolve().parents[2] / "docs" / "widgets.md").read_text(encoding="utf-8")


def documents() -> dict[str, str]:
    """Every ``const NAME = `…`;`` template literal of the script, interpolations expanded."""
    literals = dict(re.findall(r"const ([A-Z_]+) = `([^`]*)`;", SCRIPT))
    expanded = {}
    for name, text in literals.items():
        expanded[name] = re.sub(r"\$\{([A-Z_]+)\}", lambda match: literals[match.group(1)], text)
    return {name: text for name, text in expanded.items() if re.match(r"\s*(query|mutation)\b", text)}


def test_the_script_sends_six_documents():
    assert sorted(documents()) == ["CURRENT", "FEED", "PHASE", "SEARCH", "SETTINGS", "SUBMIT"]


@pytest.mark.parametrize("name", sorted(documents()))
def test_each_document_is_valid_against_the_schema(name):
    errors = validate(get_schema().graphql_schema, parse(documents()[name]))
    assert errors == [], errors


def test_no_framework_no_other_server_no_html_insertion():
    assert "innerHTML" not in SCRIPT and "insertAdjacentHTML" not in SCRIPT and "document.write" not in SCRIPT
    assert "eval(" not in SCRIPT and "new Function" not in SCRIPT
    assert not re.search(r"\bimport\b|require\(", SCRIPT)
    # Only addresses the integrator gives (graphql/espace) or the script's own server.
    assert not re.search(r"https?://", SCRIPT.split("*/", 1)[1]), "une adresse en dur dans le script"
    assert not re.search(r"https?://|@import|url\(", STYLES)


@pytest.mark.parametrize("tag", ["imedia-recherche", "imedia-retours", "imedia-contribuer", "imedia-phase"])
def test_each_element_is_defined_and_documented(tag):
    assert f'"{tag}":' in SCRIPT
    assert f"<{tag}" in DOCS and f"/widgets/{tag.removeprefix('imedia-')}/" in DOCS


def test_every_custom_property_is_documented():
    used = set(re.findall(r"var\((--imedia-[a-z-]+)", STYLES))
    assert len(used) >= 10
    missing = sorted(name for name in used if f"`{name}`" not in DOCS)
    assert missing == [], missing
