"""Network addresses in one canonical form, and which of them are private.

Shared by every door that makes the server call an address someone typed (webhooks, connector
links): legacy IPv4 spellings (``127.1``, ``0x7f000001``, ``2130706433``, ``0177.0.0.1``),
trailing dots and IPv4 inside IPv6 are read as what an HTTP client would reach, so the same set
of addresses is refused whatever the spelling.
"""

import ipaddress
import re
import socket

# Names that mean this machine whatever the DNS says (RFC 6761 and the usual /etc/hosts aliases).
LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
_LEGACY_PART = re.compile(r"^(0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*)$")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


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


def is_private_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Loopback, private, link-local, reserved, multicast, or a tunnel to one of those."""
    if not ip.is_global or ip.is_multicast:
        return True
    if isinstance(ip, ipaddress.IPv6Address):
        # 6to4 and Teredo carry an IPv4 address that the relay would reach.
        if ip.sixtofour is not None and is_private_ip(ip.sixtofour):
            return True
        if ip.teredo is not None and is_private_ip(ip.teredo[1]):
            return True
    return False


def is_private_address(address: str) -> bool:
    """``address`` is a literal IP address (as ``getaddrinfo`` returns them) that is private."""
    ip = canonical_address(address)
    if ip is None:
        raise ValueError(address)
    return is_private_ip(ip)


def is_local_name(host: str) -> bool:
    """``localhost``, its subdomains and aliases, in any case, with or without a trailing dot."""
    name = host.strip().rstrip(".").lower()
    return name in LOCAL_NAMES or name.endswith(".localhost")


def host_is_private(host: str, port: int | None, *, resolve: bool) -> bool:
    """True when ``host`` is a local name, a private literal address or (``resolve``) a name that
    resolves to one. Raises OSError when resolving fails."""
    if is_local_name(host):
        return True
    literal = canonical_address(host)
    if literal is not None:
        return is_private_ip(literal)
    if not resolve:
        return False
    infos = socket.getaddrinfo(host, port or 443, proto=socket.IPPROTO_TCP)
    return any(is_private_address(info[4][0]) for info in infos)
