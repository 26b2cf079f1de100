"""The event catalogue (served by `webhookEventTypes`, documented in docs/webhooks.md) lists every
event type the core emits, so integrators can subscribe to what actually happens."""

import ast
from pathlib import Path

from imedia_core.events.catalogue import EVENT_TYPES

ROOT = Path(__file__).resolve().parents[2]


def emitted_types() -> set[str]:
    """Literal first arguments of every ``emit(...)`` call in the core and bundled plugins."""
    found = set()
    for base in ("imedia_core", "plugins"):
        for path in (ROOT / base).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "id", getattr(node.func, "attr", None)) == "emit"
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    found.add(node.args[0].value)
    return found


def test_every_emitted_event_type_is_in_the_catalogue():
    emitted = emitted_types()
    # The scan works: the three loops and the commons all emit.
    assert {"contribution.submitted", "response.published", "commitment.created", "practice.shared"} <= emitted
    assert emitted - set(EVENT_TYPES) == set()


def test_every_catalogued_type_is_emitted_somewhere():
    assert set(EVENT_TYPES) - emitted_types() == set()


def test_every_catalogued_type_is_documented():
    text = (ROOT / "docs" / "webhooks.md").read_text(encoding="utf-8")
    assert [name for name in EVENT_TYPES if f"| `{name}` |" not in text] == []
