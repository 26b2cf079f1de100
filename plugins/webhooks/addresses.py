"""Where a webhook may be sent: http(s) only, and no private addresses unless allowed.

Addresses are put in one canonical form first (``canonical_address``: legacy IPv4 spellings such
as ``127.1``, ``0x7f000001``, ``2130706433`` or ``0177.0.0.1``, trailing dots, IPv4 inside IPv6),
so the same set is refused whatever the spelling.

The check runs when a subscription is saved (scheme, literal addresses, ``localhost``) and
again before every attempt (the host name resolved then), because DNS can change after the
subscription was made. It narrows SSRF, it does not replace an egress firewall: a name could
still resolve differently between the check and the connection.
"""

import ipaddress
import re
import socket
from urllib.parse import urlsplit

from django.conf import settings


class AddressRefused(Exception):
    """The URL may not receive webhooks; the message is French, for people."""


# Names that mean this machine whatever the DNS says (RFC 6761 and the usual /etc/hosts aliases).
LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
_LEGACY_PART = re.compile(r"^(0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*)$")


def _legacy_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """The address ``inet_aton`` (and so most HTTP clients) would read in ``host``: one to four
    parts, each decimal, octal (leading 0) or hexadecimal (0x), the last one filling the
    remaining bytes (``127.1``, ``0x7f000001``, ``2130706433``, ``0177.0.0.1``); None otherwise."""
    parts = host.split(".")
    if not 1 <= len(parts) <= 4 or not all(_LEGACY_PART.match(part) for part in parts):
        return None
    numbers = []
    for part in parts:
        if part[:2].lower() == "0x":
            numbers.append(int(part[2:] or "0", 16))
        elif part.startswith("0"):
            numbers.append(int(part, 8))
        else:
            numbers.append(int(part))
    *leading, last = numbers
    if any(number > 255 for number in leading) or last >= 256 ** (4 - len(leading)):
        return None
    value = last
    for index, number in enumerate(leading):
        value += number << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


def canonical_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address a literal host stands for, in one canonical form (IPv4 embedded in IPv6 —
    mapped, compatible, NAT64 — is given as IPv4); None for a host name."""
    host = host.strip().strip("[]").rstrip(".").split("%", 1)[0]
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return _legacy_ipv4(host)
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return ip.ipv4_mapped
        if int(ip) < 2**32:  # IPv4-compatible (::a.b.c.d), ``::`` and ``::1`` included
            return ipaddress.IPv4Address(int(ip))
        if ip in _NAT64:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def _is_private_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if not ip.is_global or ip.is_multicast:
        return True
    if isinstance(ip, ipaddress.IPv6Address):
        # 6to4 and Teredo carry an IPv4 address that the relay would reach.
        if ip.sixtofour is not None and _is_private_ip(ip.sixtofour):
            return True
        if ip.teredo is not None and _is_private_ip(ip.teredo[1]):
            return True
    return False


def _is_private(address: str) -> bool:
    ip = canonical_address(address)
    if ip is None:
        raise ValueError(address)
    return _is_private_ip(ip)


def is_local_name(host: str) -> bool:
    """``localhost``, its subdomains and aliases, in any case, with or without a trailing dot."""
    name = host.strip().rstrip(".").lower()
    return name in LOCAL_NAMES or name.endswith(".localhost")


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
    if is_local_name(host):
        raise refused
    literal = canonical_address(host)
    if literal is not None:
        if _is_private_ip(literal):
            raise refused
        return  # a public literal address
    if not resolve:
        return
    try:
        infos = socket.getaddrinfo(host, port or (443 if parts.scheme == "https" else 80), proto=socket.IPPROTO_TCP)
    except OSError as exc:
        raise AddressRefused(f"Nom d'hôte introuvable : {host}.") from exc
    if any(_is_private(info[4][0]) for info in infos):
        raise refused
