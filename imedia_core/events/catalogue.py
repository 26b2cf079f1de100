"""The catalogue of domain event types (served by ``webhookEventTypes``, documented in
docs/webhooks.md).

Each domain declares the events it writes in its ``hooks.py`` (hook ``imedia_event_types``), and
plugins may add theirs. ``changed()`` refuses a type that is not catalogued, so integrators can
subscribe to everything that actually happens.
"""

from dataclasses import dataclass

from imedia_core.pluginhost.manager import collect_keyed, generation

_cache: dict = {"generation": None, "types": {}}


@dataclass(frozen=True)
class EventType:
    key: str
    description: str


def event_types() -> dict[str, str]:
    """``{type: description}`` for every catalogued event type, the core's first."""
    if _cache["generation"] != generation():
        types = {key: item.description for key, item in collect_keyed("imedia_event_types").items()}
        _cache.update(generation=generation(), types=types)
    return _cache["types"]


def is_catalogued(event_type: str) -> bool:
    return event_type in event_types()
