"""The Decidim adapter: a space linked to a Decidim participatory process or assembly.

Reads proposals, debates and their comments through Decidim's GraphQL API and answers proposals
back (``ProposalMutation.answer``, Decidim 0.31+) with an API user, falling back to a comment
where the instance refuses answers. The API shape the adapter relies on is written down in
``api/decidim-0.31.graphql``; docs/connectors-decidim.md is the administrator's guide.
"""

from __future__ import annotations

import re

from imedia_core.plugin_api import CredentialField, Platform, PlatformError, SpaceField, hookimpl

from .queries import SDL_VERSION

NAME = "decidim"

# Decidim's published default (decidim-api/docs/usage.md, "Usage limits"): the API shares the
# site's Rack::Attack throttle, 100 requests per minute per IP. Source: decidim-core/lib/decidim/
# core.rb, config_accessor :throttling_max_requests (env DECIDIM_THROTTLING_MAX_REQUESTS, "100")
# over :throttling_period (env DECIDIM_THROTTLING_PERIOD, "1" minute).
REQUESTS_PER_MINUTE = 100

SLUG = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9_-]{0,99}$")
KINDS = {"process": "Processus participatif", "assembly": "Assemblée"}


def validate_space(space: dict) -> dict:
    """{"kind": "process"|"assembly", "slug": ..., "components": [ids]?} or PlatformError("INVALID")."""
    if not isinstance(space, dict):
        raise PlatformError("INVALID", "L'espace Decidim doit être décrit par un type et un identifiant (slug).")
    unknown = set(space) - {"kind", "slug", "components"}
    if unknown:
        raise PlatformError("INVALID", "Réglage(s) inconnu(s) pour un espace Decidim : " + ", ".join(sorted(unknown)))
    kind = space.get("kind")
    if kind not in KINDS:
        raise PlatformError("INVALID", "Type d'espace Decidim inconnu : choisissez « process » ou « assembly ».")
    slug = space.get("slug")
    if not isinstance(slug, str) or not SLUG.match(slug.strip()):
        raise PlatformError(
            "INVALID",
            "Identifiant (slug) Decidim invalide : c'est la fin de l'adresse de l'espace, "
            "par exemple « budget-2026 » dans https://decidim.example.org/processes/budget-2026.",
        )
    components = space.get("components") or []
    if isinstance(components, str):
        components = [c for c in re.split(r"[\s,]+", components) if c]
    if not isinstance(components, list) or not all(
        (isinstance(c, int) and not isinstance(c, bool) and c > 0) or (isinstance(c, str) and c.isdigit())
        for c in components
    ):
        raise PlatformError(
            "INVALID", "Les composants Decidim sont des numéros (le nombre après « /f/ » dans leur adresse)."
        )
    result = {"kind": kind, "slug": slug.strip()}
    ids = sorted({str(int(c)) for c in components}, key=int)
    if ids:
        result["components"] = ids
    return result


def open_client(config, http):
    from .client import DecidimClient  # the client imports httpx: loaded when a session opens

    return DecidimClient(config, http)


PLATFORM = Platform(
    key="decidim",
    label="Decidim",
    kinds=("proposal", "debate"),
    requests_per_minute=REQUESTS_PER_MINUTE,
    can_answer=True,
    answer_note=(
        "Les réponses officielles sont publiées sur Decidim comme réponse à la proposition "
        "(acceptée, refusée ou à l'étude), avec l'utilisateur d'API du lien (Decidim 0.31 et "
        "suivants). Si l'instance refuse la réponse (version plus ancienne ou droits "
        "insuffisants), imedia publie la réponse en commentaire, une seule fois."
    ),
    space_fields=(
        SpaceField(
            name="kind",
            label="Type d'espace",
            help="Processus participatif ou assemblée.",
            choices=tuple(KINDS.items()),
        ),
        SpaceField(
            name="slug",
            label="Identifiant de l'espace (slug)",
            help="La fin de l'adresse de l'espace : « budget-2026 » dans https://decidim.example.org/processes/budget-2026.",
        ),
        SpaceField(
            name="components",
            label="Composants à lire",
            help="Numéros des composants propositions ou débats (après « /f/ » dans leur adresse), séparés par "
            "des virgules. Vide : tous les composants propositions et débats de l'espace.",
            required=False,
        ),
    ),
    credential_fields=(
        CredentialField(
            name="api_key",
            label="Clé de l'utilisateur d'API",
            help="Créée dans le panneau /system de Decidim, rubrique « API credentials ».",
        ),
        CredentialField(
            name="api_secret",
            label="Secret de l'utilisateur d'API",
            help="Affiché une seule fois par Decidim à la création de l'utilisateur d'API.",
        ),
    ),
    source_version=SDL_VERSION,
    open_client=open_client,
    validate_space=validate_space,
)


@hookimpl
def imedia_connector_platforms():
    return [PLATFORM]
