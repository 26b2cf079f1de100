"""Consul Democracy connector: imports a Consul instance's proposals, debates and comments.

Consul's GraphQL API is public and read only (fixture: ``api/consul-master-169a61f.graphql``):
the link needs no credentials and nothing goes back to Consul. See docs/connectors-consul.md.
"""

from __future__ import annotations

from imedia_core.plugin_api import Platform, PlatformError, SpaceField, hookimpl

from .client import CONTENT_PHASES, READ_ONLY, ConsulClient

NAME = "consul"
SOURCE_VERSION = "master@169a61f3"

# config/initializers/rack_attack.rb: throttle("req/ip", limit: 300, period: 5.minutes), POST
# requests counted per address ("Throttle all requests by IP (60rpm)"): 60 a minute on average.
REQUESTS_PER_MINUTE = 60

CONTENT_CHOICES = (
    ("all", "Propositions et débats"),
    ("proposals", "Propositions seulement"),
    ("debates", "Débats seulement"),
)


def validate_space(space: dict) -> dict:
    """A Consul link's space is the instance itself; the only choice is what to import."""
    if not isinstance(space, dict):
        raise PlatformError("INVALID", "Les réglages de l'espace Consul doivent être un objet.")
    unknown = sorted(set(space) - {"content"})
    if unknown:
        raise PlatformError("INVALID", f"Réglage inconnu pour un lien Consul : {', '.join(unknown)}.")
    content = space.get("content") or "all"
    if content not in CONTENT_PHASES:
        choices = ", ".join(f"« {key} »" for key, _label in CONTENT_CHOICES)
        raise PlatformError("INVALID", f"Contenu à importer inconnu : choisissez parmi {choices}.")
    return {"content": content}


def open_client(config, http) -> ConsulClient:
    return ConsulClient(config, http)


PLATFORM = Platform(
    key=NAME,
    label="Consul Democracy",
    kinds=("proposal", "debate"),
    requests_per_minute=REQUESTS_PER_MINUTE,
    can_answer=False,
    answer_note=READ_ONLY,
    space_fields=(
        SpaceField(
            name="content",
            label="Contenu à importer",
            help=(
                "L'espace Consul, c'est l'instance entière (son adresse) : choisissez ce que vous "
                "importez. Les commentaires des contenus importés suivent."
            ),
            required=False,
            choices=CONTENT_CHOICES,
        ),
    ),
    credential_fields=(),
    source_version=SOURCE_VERSION,
    open_client=open_client,
    validate_space=validate_space,
)


@hookimpl
def imedia_connector_platforms():
    return [PLATFORM]
