"""Automatic moderation check: holds (or rejects) contributions and comments containing words from a
per-tenant list.

Configuration, per tenant (``plugin_settings["word_filter"]["config"]``)::

    {"words": ["arnaque", "escroc"], "action": "hold", "use_default_list": true}

- ``words``: words or expressions to look for, matched whole, ignoring case and accents
  (« Escroc » matches « escroc » and « ESCRÔC »; « arnaque » does not match « arnaques »: list both).
- ``action``: ``hold`` (default: a moderator decides) or ``reject`` (the author is told to rephrase).
- ``use_default_list``: also look for a short built-in list of common French insults (default true).
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext_lazy as _

from imedia_core.plugin_api import ConfigField, ModerationVerdict, hookimpl, plugin_config

NAME = "word_filter"

# Common French insults and slurs; kept short on purpose: each programme adds its own words.
DEFAULT_WORDS = (
    "connard",
    "connasse",
    "salope",
    "salaud",
    "enculé",
    "pute",
    "fils de pute",
    "fdp",
    "nique ta mère",
    "ntm",
    "bâtard",
    "pédé",
    "bougnoule",
    "youpin",
)


def normalise(text: str) -> str:
    """Lower case, accents removed, runs of non-letters collapsed to one space."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii").lower()
    return " " + re.sub(r"[^a-z0-9]+", " ", text).strip() + " "


def words_for(config: dict) -> list[str]:
    words = [w for w in config.get("words") or [] if isinstance(w, str) and w.strip()]
    if config.get("use_default_list", True):
        words += DEFAULT_WORDS
    return sorted({normalise(w).strip() for w in words} - {""})


def find_words(text: str, words) -> list[str]:
    """The listed words present in ``text`` (whole words or expressions), in list order."""
    haystack = normalise(text)
    return [word for word in words if f" {word} " in haystack]


@hookimpl
def imedia_plugin_config_fields():
    return [
        ConfigField(
            "words",
            _("Mots ou expressions à retenir"),
            kind="lines",
            default=[],
            help_text=_(
                "Un mot ou une expression par ligne, reconnus en entier, sans tenir compte des majuscules "
                "ni des accents (« arnaque » ne reconnaît pas « arnaques » : indiquez les deux)."
            ),
            max_length=100,
        ),
        ConfigField(
            "action",
            _("Que faire d'un texte qui en contient"),
            kind="choice",
            default="hold",
            choices=(
                ("hold", _("Le mettre en attente : une personne de l'animation décide")),
                ("reject", _("Le refuser : l'auteur ou l'autrice est invité·e à reformuler")),
            ),
        ),
        ConfigField(
            "use_default_list",
            _("Utiliser aussi la liste intégrée d'insultes courantes"),
            kind="bool",
            default=True,
        ),
    ]


@hookimpl
def imedia_tenant_contribution_check(tenant, contribution):
    return _verdict(tenant, f"{contribution.title}\n{contribution.body}")


@hookimpl
def imedia_tenant_comment_check(tenant, comment):
    return _verdict(tenant, comment.body)


def _verdict(tenant, text: str):
    config = plugin_config(tenant, NAME)
    found = find_words(text, words_for(config))
    if not found:
        return None
    action = "reject" if config.get("action") == "reject" else "hold"
    shown = ", ".join(f"« {word} »" for word in found[:3])
    reason = f"termes non autorisés dans cet espace ({shown})"
    return ModerationVerdict(action=action, reason=reason, checker=NAME)
