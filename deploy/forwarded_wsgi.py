"""The WSGI entry point gunicorn serves: imedia's application, with the client's address
taken from ``X-Forwarded-For`` when the request comes through trusted proxies.

Behind a load balancer, ``REMOTE_ADDR`` is the proxy's address, and imedia's login throttle
(``tenants.auth.login.client_ip``) counts failures per ``REMOTE_ADDR``: every client would
share one counter. Set, in the environment of the app servers:

    FORWARDED_FOR_HOPS   how many proxies in front of gunicorn append to X-Forwarded-For
                         (1 for one load balancer or ingress; 2 for a CDN + a load balancer).
                         0 (the default) leaves REMOTE_ADDR untouched.
    FORWARDED_ALLOW_IPS  the addresses those proxies connect from: comma-separated IPs, or "*"
                         when nothing else can reach the app servers. Also read by gunicorn
                         itself (deploy/gunicorn.conf.py), which refuses networks (a.b.c.0/24)
                         in this variable: list addresses.

The address used is the FORWARDED_FOR_HOPS-th from the right of X-Forwarded-For: entries to
its left were written by the client and cannot be trusted. Requests from other peers, or with
fewer entries than expected, keep their ``REMOTE_ADDR``. Gunicorn's access log then shows the
client's address too.
"""

import ipaddress
import os

from imedia_core.wsgi import application as imedia_application

__all__ = ["application"]


def _hops() -> int:
    raw = os.environ.get("FORWARDED_FOR_HOPS", "").strip()
    return max(0, int(raw)) if raw else 0


def _trusted_networks() -> list | None:
    """``None`` means any peer is trusted ("*")."""
    raw = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if "*" in items:
        return None
    return [ipaddress.ip_network(item, strict=False) for item in items]


HOPS = _hops()
TRUSTED = _trusted_networks()


def _peer_trusted(peer: str) -> bool:
    if TRUSTED is None:
        return True
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    return any(address in network for network in TRUSTED)


def client_address(environ) -> str | None:
    """The client's address according to the trusted proxies, or ``None`` to keep REMOTE_ADDR."""
    if HOPS == 0 or not _peer_trusted(environ.get("REMOTE_ADDR", "")):
        return None
    chain = [hop.strip() for hop in environ.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(chain) < HOPS:
        return None
    candidate = chain[-HOPS]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def application(environ, start_response):
    address = client_address(environ)
    if address is not None:
        environ["REMOTE_ADDR"] = address
    return imedia_application(environ, start_response)
