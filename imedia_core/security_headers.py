"""Security headers on every response, and a strict Content-Security-Policy on HTML pages.

HTML (the admin, the tenant back office, GraphiQL, the built-in preview pages, error pages)
gets ``Content-Security-Policy``: scripts, styles, images, fonts and connections from this
origin only, no plugin content, no framing, forms posting only here. No inline script runs;
the one exception is the admin rich-text editor's import map (``<script type="importmap">``,
JSON that only maps module names to this site's static files), allowed by its SHA-256 hash.

A response that already carries a ``Content-Security-Policy`` (an embeddable widget page with its
own ``frame-ancestors`` list) keeps it untouched. API answers (JSON, CSV, files) get only the
headers that are safe on any response: ``X-Content-Type-Options``, ``Referrer-Policy`` and
``Permissions-Policy``, each unless the view set it.

``IMEDIA_CSP_EXTRA_SOURCES`` (docs/configuration.md) adds sources per directive, e.g. a CDN for
images: ``img-src https://images.example.org; connect-src https://api.example.org``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re

from django.conf import settings

CSP = "Content-Security-Policy"

BASE_POLICY: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    # The admin's templates, its SVG charts and the rich-text editor set inline styles; styles
    # cannot run code, scripts stay strict.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)

_IMPORTMAP = re.compile(rb"<script type=\"importmap\"[^>]*>(.*?)</script>", re.DOTALL)


def parse_sources(text: str) -> dict[str, list[str]]:
    """``"img-src https://a.example; connect-src https://b.example"`` as a dict of directives.
    Unknown directives are kept (the browser ignores what it does not know); a keyword such as
    ``'unsafe-inline'`` is refused: the setting adds origins, it never weakens the policy."""
    extra: dict[str, list[str]] = {}
    for part in text.split(";"):
        directive, *sources = part.split() or [""]
        if not sources:
            continue
        if any(source.startswith("'") for source in sources):
            raise ValueError(f"IMEDIA_CSP_EXTRA_SOURCES adds origins only, not keywords: {part.strip()!r}")
        extra.setdefault(directive.lower(), []).extend(sources)
    return extra


def build_policy(extra: dict[str, list[str]] | None = None, script_hashes=(), replace=None) -> str:
    """The base policy, with ``replace``'s directives instead of the base ones (a page with its
    own rule, e.g. a widget's ``frame-ancestors``), then the configured extra origins added."""
    policy = {directive: list(sources) for directive, sources in {**BASE_POLICY, **(replace or {})}.items()}
    for directive, sources in (extra or {}).items():
        target = policy.setdefault(directive, ["'self'"] if directive.endswith("-src") else [])
        target.extend(source for source in sources if source not in target)
    policy["script-src"].extend(f"'sha256-{digest}'" for digest in script_hashes)
    return "; ".join(f"{directive} {' '.join(sources)}" for directive, sources in policy.items())


def static_importmap_hashes(html: bytes) -> list[str]:
    """Hashes of the import maps of ``html`` that only point at this site's static files."""
    hashes = []
    for match in _IMPORTMAP.finditer(html):
        body = match.group(1)
        try:
            data = json.loads(body)
        except ValueError:
            continue
        targets = [*data.get("imports", {}).values()]
        targets += [path for scope in data.get("scopes", {}).values() for path in scope.values()]
        if targets and all(isinstance(path, str) and path.startswith(settings.STATIC_URL) for path in targets):
            hashes.append(base64.b64encode(hashlib.sha256(body).digest()).decode())
    return hashes


def _is_html(response) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip().lower() in ("text/html", "application/xhtml+xml")


def extra_sources() -> dict[str, list[str]]:
    """``IMEDIA_CSP_EXTRA_SOURCES``, parsed."""
    return parse_sources(getattr(settings, "IMEDIA_CSP_EXTRA_SOURCES", ""))


class SecurityHeadersMiddleware:
    """Put it first in MIDDLEWARE so that every response, error pages included, passes through it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.extra = extra_sources()

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if _is_html(response) and CSP not in response.headers:
            hashes = () if response.streaming else static_importmap_hashes(response.content)
            response.headers[CSP] = build_policy(self.extra, hashes)
        return response
