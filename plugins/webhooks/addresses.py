"""Where a webhook may be sent: http(s) only, and no private addresses unless allowed.

The check runs when a subscription is saved (scheme, literal addresses, ``localhost``) and
again before every attempt (the host name resolved then), because DNS can change after the
subscription was made. It narrows SSRF, it does not replace an egress firewall: a name could
still resolve differently between the check and the connection.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings


class AddressRefused(Exception):
    """The URL may not receive webhooks; the message is French, for people."""


def _is_private(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


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
    refused = AddressRefused("Les adresses privées, locales ou réservées ne peuvent pas recevoir de webhooks.")
    if host == "localhost" or host.endswith(".localhost"):
        raise refused
    try:
        if _is_private(host):
            raise refused
        return  # a public literal address
    except ValueError:
        pass  # a host name
    if not resolve:
        return
    try:
        infos = socket.getaddrinfo(host, port or (443 if parts.scheme == "https" else 80), proto=socket.IPPROTO_TCP)
    except OSError as exc:
        raise AddressRefused(f"Nom d'hôte introuvable : {host}.") from exc
    if any(_is_private(info[4][0]) for info in infos):
        raise refused
