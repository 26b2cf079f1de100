"""The typed settings a plugin declares (hook ``imedia_plugin_config_fields``).

A plugin returns ``ConfigField`` objects; the admins build the plugin's settings form from them
(an « Activé » box, then one input per field), and ``tenants.plugin_settings`` checks every
configuration against them whatever the door (admin form or GraphQL ``pluginConfigure``), so a
value the form would refuse is refused over the API too. Keys a plugin does not declare are kept
as they are; a plugin that declares nothing accepts any JSON object, as before.

This module loads no model: a plugin's entry point may import ``ConfigField`` while settings
are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .manager import collect_with_owner

#: What a field holds: a yes/no box, a whole number, one line of text, one of ``choices``, or a
#: list of strings typed one per line.
KINDS = ("bool", "int", "text", "choice", "lines")


@dataclass(frozen=True)
class ConfigField:
    """One setting of a plugin, stored under ``key`` in the plugin's ``config`` object.

    ``label`` and ``help_text`` are shown to the space's admins (French, translatable with
    ``gettext_lazy``). ``default`` is what the plugin uses when the key is absent; an optional
    field left empty in the form is removed from the configuration.
    """

    key: str
    label: Any
    kind: str = "text"
    default: Any = None
    help_text: Any = ""
    required: bool = False
    choices: tuple[tuple[str, Any], ...] = ()
    min_value: int | None = None
    max_value: int | None = None
    max_length: int = 500

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"ConfigField {self.key!r}: kind must be one of {KINDS}, not {self.kind!r}")

    def problem(self, value) -> str | None:
        """Why ``value`` is not acceptable for this field (French), or None."""
        if self.kind == "bool":
            return None if isinstance(value, bool) else "doit valoir true ou false"
        if self.kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                return "doit être un nombre entier"
            if self.min_value is not None and value < self.min_value:
                return f"doit valoir au moins {self.min_value}"
            if self.max_value is not None and value > self.max_value:
                return f"doit valoir au plus {self.max_value}"
            return None
        if self.kind == "choice":
            allowed = [choice for choice, _ in self.choices]
            return None if value in allowed else f"doit être l'une des valeurs {', '.join(allowed)}"
        if self.kind == "lines":
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                return "doit être une liste de textes"
            if any(len(item) > self.max_length for item in value):
                return f"chaque ligne fait au plus {self.max_length} caractères"
            return None
        if not isinstance(value, str):
            return "doit être un texte"
        if len(value) > self.max_length:
            return f"fait au plus {self.max_length} caractères"
        return None


def declared_fields(name: str) -> list[ConfigField]:
    """The fields plugin ``name`` declares (``[]`` when it declares none), in its order."""
    return [item for owner, item in collect_with_owner("imedia_plugin_config_fields") if owner == name]


def config_problems(name: str, config: dict) -> list[tuple[str, str]]:
    """``(key, reason)`` for every declared field whose value in ``config`` is not acceptable
    (a required field missing included)."""
    problems = []
    for config_field in declared_fields(name):
        if config_field.key not in config:
            if config_field.required:
                problems.append((config_field.key, "est obligatoire"))
            continue
        reason = config_field.problem(config[config_field.key])
        if reason:
            problems.append((config_field.key, reason))
    return problems
