"""An HTTP client that connects only to addresses it has checked (no DNS rebinding).

``httpx`` resolves a host name when it opens a connection; checking the name beforehand
(``check_url(resolve=True)``) leaves a window in which a hostile DNS server can answer a public
address to the check and ``127.0.0.1`` to the connection. Here the connection itself resolves
the name once (``addresses.resolve_checked``), checks every address of that answer, and opens
the TCP connection to one of those very addresses. Everything else is httpx's: the URL keeps
its host name, so the ``Host`` header, TLS SNI and certificate verification are for the name,
and pooled connections are keyed by the name (a connection verified for one name never
carries another's request).
"""

from __future__ import annotations

import urllib.request

import httpcore
import httpx

from .addresses import check_url, resolve_checked


class PinnedBackend(httpcore.NetworkBackend):
    """httpcore's network backend, with ``connect_tcp`` going to checked addresses only."""

    def __init__(self, allow_private: bool | None = None, backend: httpcore.NetworkBackend | None = None):
        self.allow_private = allow_private
        self.backend = backend or httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        # AddressRefused leaves through httpx untouched (it is not an httpcore error).
        addresses = resolve_checked(host, port, allow_private=self.allow_private)
        error = None
        for address in addresses:
            try:
                return self.backend.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc  # try the next checked address, as socket.create_connection does
        raise error

    def connect_unix_socket(self, path, timeout=None, socket_options=None):  # pragma: no cover
        raise httpcore.ConnectError("Unix sockets are not used for webhooks.")

    def sleep(self, seconds):
        self.backend.sleep(seconds)


class PinnedTransport(httpx.HTTPTransport):
    """``httpx.HTTPTransport`` (no proxy) whose connections go through ``PinnedBackend``."""

    def __init__(
        self,
        *,
        verify=True,
        trust_env: bool = True,
        limits: httpx.Limits = httpx.Limits(max_connections=100, max_keepalive_connections=20),  # noqa: B008
        allow_private: bool | None = None,
    ):
        super().__init__(verify=verify, trust_env=trust_env, limits=limits)
        # The same pool httpx builds, with the pinning backend (httpx has no argument for it).
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=verify, trust_env=trust_env),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=PinnedBackend(allow_private),
        )


def pinned_client(timeout: float, *, verify=True, allow_private: bool | None = None) -> httpx.Client:
    """The client that delivers webhooks: no redirects, connections to checked addresses only.
    With an egress proxy configured in the environment (``HTTPS_PROXY``, ``HTTP_PROXY``,
    ``ALL_PROXY``), the proxy resolves and connects: httpx's own client, proxy honoured."""
    if proxies_configured():

        def check(request: httpx.Request) -> None:
            check_url(str(request.url), resolve=True, allow_private=allow_private)

        return httpx.Client(
            timeout=timeout, follow_redirects=False, trust_env=True, verify=verify, event_hooks={"request": [check]}
        )
    transport = PinnedTransport(verify=verify, allow_private=allow_private)
    return httpx.Client(timeout=timeout, follow_redirects=False, transport=transport)


def proxies_configured() -> bool:
    """Whether the environment names a proxy httpx would use (``*_PROXY`` variables)."""
    return any(scheme in ("http", "https", "all") for scheme in urllib.request.getproxies())
