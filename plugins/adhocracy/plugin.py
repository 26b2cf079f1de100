"""adhocracy+ connector: imports the ideas of an adhocracy+ module and their comments, and answers
an idea with a comment posted by the programme's adhocracy+ account.

The REST API it uses is written down in ``api/adhocracy-2607.4.yaml``. See
docs/connectors-adhocracy.md.
"""

from __future__ import annotations

import re

from imedia_core.plugin_api import CredentialField, Platform, PlatformError, SpaceField, hookimpl

from .client import AdhocracyClient

NAME = "adhocracy"
SOURCE_VERSION = "2607.4"

# adhocracy+ publishes no request limit: its REST_FRAMEWORK settings set no throttle (the only
# limit is allauth's "login_failed": "10/5m/ip", for the web sign-in). One request a second is a
# courteous pace for a shared instance.
REQUESTS_PER_MINUTE = 60

ANSWER_NOTE = (
    "Une réponse officielle publiée dans imedia est postée en commentaire de l'idée sur adhocracy+, "
    "au nom du compte adhocracy+ enregistré sur le lien (un modérateur du projet). L'API "
    "d'adhocracy+ ne permet pas de changer le statut de modération d'une idée : faites-le sur le site."
)
_SLUG = re.compile(r"^[-\w]+$")


def validate_space(space: dict) -> dict:
    """An adhocracy+ space is one module (of ideas) of a project, in an organisation."""
    if not isinstance(space, dict):
        raise PlatformError("INVALID", "Les réglages de l'espace adhocracy+ doivent être un objet.")
    unknown = sorted(set(space) - {"organisation", "module", "project"})
    if unknown:
        raise PlatformError("INVALID", f"Réglage inconnu pour un lien adhocracy+ : {', '.join(unknown)}.")
    problems = []
    organisation = str(space.get("organisation") or "").strip().strip("/")
    if not _SLUG.match(organisation):
        problems.append("l'identifiant de l'organisation (tel qu'il apparaît dans l'adresse, ex. « ma-ville »)")
    module = space.get("module")
    module_text = str(module).strip() if isinstance(module, (int, str)) and not isinstance(module, bool) else ""
    if not module_text.isdigit() or int(module_text) < 1:
        problems.append("le numéro du module d'idées (un nombre entier)")
    project = str(space.get("project") or "").strip().strip("/")
    if project and not _SLUG.match(project):
        problems.append("l'identifiant du projet (tel qu'il apparaît dans l'adresse)")
    if problems:
        raise PlatformError("INVALID", "Réglages adhocracy+ à corriger : " + " ; ".join(problems) + ".")
    cleaned = {"organisation": organisation, "module": int(module_text)}
    if project:
        cleaned["project"] = project
    return cleaned


def open_client(config, http) -> AdhocracyClient:
    return AdhocracyClient(config, http)


PLATFORM = Platform(
    key=NAME,
    label="adhocracy+",
    kinds=("idea",),
    requests_per_minute=REQUESTS_PER_MINUTE,
    can_answer=True,
    answer_note=ANSWER_NOTE,
    space_fields=(
        SpaceField(
            name="organisation",
            label="Organisation",
            help="L'identifiant de l'organisation dans les adresses d'adhocracy+ : https://adhocracy.plus/<organisation>/…",
        ),
        SpaceField(
            name="module",
            label="Numéro du module d'idées",
            help="Le numéro (entier) du module « Collecte d'idées » du projet sur adhocracy+.",
        ),
        SpaceField(
            name="project",
            label="Projet",
            help="L'identifiant du projet dans son adresse (pour mémoire ; facultatif).",
            required=False,
        ),
    ),
    credential_fields=(
        CredentialField(
            name="token",
            label="Jeton d'API",
            help="Un jeton d'API (Token) du compte adhocracy+ qui répond. Sinon, nom d'utilisateur et mot de passe.",
        ),
        CredentialField(
            name="username", label="Nom d'utilisateur", help="Le compte adhocracy+ qui répond (modérateur du projet)."
        ),
        CredentialField(
            name="password",
            label="Mot de passe",
            help="Son mot de passe (échangé contre un jeton JWT à chaque session).",
        ),
    ),
    source_version=SOURCE_VERSION,
    open_client=open_client,
    validate_space=validate_space,
)


@hookimpl
def imedia_connector_platforms():
    return [PLATFORM]
