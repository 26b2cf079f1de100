"""Authentication for the APIs: person tokens, tenant API keys and password logins.

``resolve_principal(request)`` is the one entry point the GraphQL view and DRF both use.
Session cookies are for the admin only: the APIs read the ``Authorization`` header (or
``X-Api-Key``), so a browser session can never be replayed against them cross-site.
"""

from .errors import AuthError
from .principal import resolve_principal

__all__ = ["AuthError", "resolve_principal"]
