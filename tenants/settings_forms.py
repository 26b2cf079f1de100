"""A space's settings as forms rather than raw JSON, for the admins (platform or space).

- ``PluginSettingsForm``: one form per optional plugin, built from the ``ConfigField`` objects
  the plugin declares (``imedia_plugin_config_fields``): « Activé », then one typed input per
  field. ``save_plugin_forms`` hands each changed form to ``configure_plugin`` (its rules, its
  journal entry and its ``plugin.configured`` event); nothing is written here.
- ``OriginsField``: the allowed browser origins (CORS), one per line, each checked.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from imedia_core.context import ServiceContext
from imedia_core.errors import ServiceError
from imedia_core.pluginhost.config import ConfigField, declared_fields
from imedia_core.pluginhost.manager import optional_plugin_names, plugin_config

from .plugin_settings import check_plugin_change, configure_plugin


class LinesField(forms.CharField):
    """A list of strings typed one per line (empty lines dropped, duplicates kept once)."""

    widget = forms.Textarea(attrs={"rows": 5, "cols": 60})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        lines = []
        for line in text.splitlines():
            line = line.strip()
            if line and line not in lines:
                lines.append(line)
        return lines


def _form_field(config_field: ConfigField) -> forms.Field:
    common = {"label": config_field.label, "help_text": config_field.help_text, "required": config_field.required}
    if config_field.kind == "bool":
        return forms.BooleanField(**{**common, "required": False})
    if config_field.kind == "int":
        return forms.IntegerField(min_value=config_field.min_value, max_value=config_field.max_value, **common)
    if config_field.kind == "choice":
        return forms.ChoiceField(choices=list(config_field.choices), **common)
    if config_field.kind == "lines":
        return LinesField(**common)
    return forms.CharField(max_length=config_field.max_length, **common)


class PluginSettingsForm(forms.Form):
    """The settings of plugin ``name`` in ``tenant``: its state on load, its new entry once valid."""

    enabled = forms.BooleanField(label=_("Activé dans cet espace"), required=False)

    def __init__(self, name: str, tenant, data=None):
        super().__init__(data=data, prefix=f"plugin-{name}")
        self.name = name
        self.config_fields = declared_fields(name)
        entry = (tenant.plugin_settings or {}).get(name) or {}
        self.stored_config = plugin_config(tenant, name)
        self.stored_enabled = bool(entry.get("enabled", True))
        self.fields["enabled"].initial = self.stored_enabled
        for config_field in self.config_fields:
            self.fields[f"config_{config_field.key}"] = _form_field(config_field)
            value = self.stored_config.get(config_field.key, config_field.default)
            self.fields[f"config_{config_field.key}"].initial = value

    def new_config(self) -> dict:
        """The stored configuration with the declared fields replaced by the form's values
        (keys the plugin does not declare stay as they were)."""
        config = dict(self.stored_config)
        for config_field in self.config_fields:
            key = config_field.key
            value = self.cleaned_data.get(f"config_{key}")
            if value is None or (value == "" and config_field.kind == "text" and not config_field.required):
                config.pop(key, None)
            elif key in config or value != config_field.default:
                # A default left as shown is not written: the plugin keeps applying its default.
                config[key] = value
        return config

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            check_plugin_change(self.name, cleaned.get("enabled"), self.new_config())
        except ServiceError as exc:
            raise ValidationError(exc.message, code=exc.code) from exc
        return cleaned

    def changes(self) -> dict:
        """``configure_plugin`` arguments for what changed (``{}`` when nothing did)."""
        change = {}
        if self.cleaned_data["enabled"] != self.stored_enabled:
            change["enabled"] = self.cleaned_data["enabled"]
        config = self.new_config()
        if config != self.stored_config:
            change["config"] = config
        return change


def plugin_forms(tenant, data=None) -> list[PluginSettingsForm]:
    """One form per optional plugin installed on this deployment, in registration order."""
    return [PluginSettingsForm(name, tenant, data) for name in optional_plugin_names()]


def save_plugin_forms(ctx: ServiceContext, forms_: list[PluginSettingsForm]) -> list[str]:
    """Apply every valid, changed form through ``configure_plugin``; the names of those changed."""
    changed_names = []
    for form in forms_:
        change = form.changes()
        if change:
            configure_plugin(ctx, form.name, **change)
            changed_names.append(form.name)
    return changed_names


#: A host name (letters, digits, hyphens, dots) or an IP address (IPv6 as urlsplit gives it, without brackets).
_HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*|[0-9a-f:.]+", re.IGNORECASE)


def check_origin(origin: str) -> str:
    """``origin`` as a browser sends it (``https://site.example.org[:port]``), or ValidationError."""
    parts = urlsplit(origin)
    problem = None
    if parts.scheme not in ("http", "https"):
        problem = gettext("commence par https:// (ou http://)")
    elif not parts.hostname or parts.username or parts.password:
        problem = gettext("n'indique pas de nom d'hôte")
    elif not _HOST.fullmatch(parts.hostname):
        # Also keeps spaces, « ; », « * » or quotes out of the frame-ancestors of widget pages.
        problem = gettext("a un nom d'hôte invalide")
    elif parts.path or parts.query or parts.fragment:
        problem = gettext("ne doit avoir ni chemin, ni « / » final, ni paramètres")
    else:
        try:
            parts.port  # noqa: B018  (raises ValueError for a bad port)
        except ValueError:
            problem = gettext("a un port invalide")
    if problem:
        raise ValidationError(
            gettext("« %(origin)s » %(problem)s.") % {"origin": origin, "problem": problem}, code="invalid_origin"
        )
    return f"{parts.scheme}://{parts.netloc.lower()}"


class OriginsField(LinesField):
    """Allowed browser origins, one per line; each must be exactly what a browser sends."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Origines autorisées (CORS)"))
        kwargs.setdefault(
            "help_text",
            _(
                "Une origine par ligne, telle que l'envoie le navigateur : https://participer.exemple.org "
                "(sans chemin ni « / » final). Vide : aucune origine en plus de celles de la plateforme."
            ),
        )
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        lines = super().clean(value)
        errors, origins = [], []
        for line in lines:
            try:
                origin = check_origin(line)
            except ValidationError as exc:
                errors.append(exc)
                continue
            if origin not in origins:
                origins.append(origin)
        if errors:
            raise ValidationError(errors)
        return origins
