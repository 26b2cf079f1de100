"""Where a webhook may be sent: http(s) only, and no private addresses unless allowed.

Addresses are put in one canonical form first (``canonical_address``: legacy IPv4 spellings such
as ``127.1``, ``0x7f000001``, ``2130706433`` or ``0177.0.0.1``, trailing dots, IPv4 inside IPv6),
so the same set is refused whatever the spelling.

The check runs when a subscription is saved (scheme, literal addresses, ``localhost``) and
again at every connection: the host name is resolved **once** (``resolve_checked``), every
address of the answer is checked, and the connection goes to one of those checked addresses
(``plugins.webhooks.pinning``), never to what a second lookup might answer: a DNS server that
answers a public address to the check and ``127.0.0.1`` to the connection (DNS rebinding)
gets nothing. Through an egress proxy (``HTTPS_PROXY``) the proxy resolves and connects: the
check still runs, the pinning is then the proxy's business.
"""

import socket
from urllib.parse import urlsplit

from django.conf import settings

from imedia_core.plugin_api import canonical_address, is_local_name, is_private_address, is_private_ip

# The canonical forms and the private ranges live in the core (``imedia_core.addresses``, shared
# with connector links); the names stay importable from here.
__all__ = ["AddressRefused", "canonical_address", "check_url", "is_local_name", "resolve_checked"]
_is_private_ip = is_private_ip
_is_private = is_private_address


class AddressRefused(Exception):
    """The URL may not receive webhooks; the message is French, for people."""


REFUSED_PRIVATE = "Les adresses privées, locales ou réservées ne peuvent pas recevoir de webhooks."


def check_url(url: str, *, resolve: bool, allow_private: bool | None = None) -> None:
    """Raise AddressRefused when ``url`` may not receive webhooks."""
    if allow_private is None:
        allow_private = settings.IMEDIA_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise AddressRefused("Adresse mal formée.") from exc
    if parts.scheme not in ("http", "https"):
        raise AddressRefused("Seules les adresses http:// et https:// sont acceptées.")
    host = parts.hostname
    if not host:
        raise AddressRefused("L'adresse doit indiquer un hôte.")
    if parts.username or parts.password:
        raise AddressRefused("L'adresse ne doit pas contenir d'identifiants ; utilisez le secret de signature.")
    if allow_private:
        return
    refused = AddressRefused(REFUSED_PRIVATE)
    if is_local_name(host):
        raise refused
    literal = canonical_address(host)
    if literal is not None:
        if _is_private_ip(literal):
            raise refused
        return  # a public literal address
    if not resolve:
        return
    resolve_checked(host, port or (443 if parts.scheme == "https" else 80), allow_private=False)


def getaddrinfo(host: str, port: int):
    """The system resolver (a seam the tests replace with a stub that changes its answers)."""
    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)


def resolve_checked(host: str, port: int, *, allow_private: bool | None = None) -> list[str]:
    """Resolve ``host`` once and return its addresses, in the resolver's order, to connect to
    as they are; AddressRefused when the name is local, does not resolve, or when any address
    of the answer is private, loopback, link-local or reserved (in any spelling: each is read
    through ``canonical_address``), unless private addresses are allowed."""
    if allow_private is None:
        allow_private = settings.IMEDIA_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES
    if not allow_private and is_local_name(host):
        raise AddressRefused(REFUSED_PRIVATE)
    try:
        infos = getaddrinfo(host, port)
    except (OSError, UnicodeError) as exc:
        raise AddressRefused(f"Nom d'hôte introuvable : {host}.") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise AddressRefused(f"Nom d'hôte introuvable : {host}.")
    if not allow_private and any(_is_private(address) for address in addresses):
        raise AddressRefused(REFUSED_PRIVATE)
    return addresses
