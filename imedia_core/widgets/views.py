"""The iframe variant of the widgets: ``/widgets/<name>/`` pages in the space's URL space.

Each page renders the same web component as the script variant (``imedia-widgets.js``), with
its settings taken from the query string (checked, anything else ignored) and written as the
element's attributes: no inline script or style, so the page keeps a strict CSP. Only these
pages may be framed, and only by the space's allowed origins (``frame-ancestors``); every other
response keeps ``X-Frame-Options: DENY``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from tenants.site_links import site_root

from .csp import widget_policy


@dataclass(frozen=True)
class Widget:
    tag: str
    title: str
    params: tuple[str, ...]


#: Settings every widget takes: its heading, and three colours of its theme.
COMMON_PARAMS = ("titre", "couleur-accent", "couleur-texte", "couleur-fond")

WIDGETS: dict[str, Widget] = {
    "recherche": Widget("imedia-recherche", _("Trouver une réponse à sa question"), ("nombre", "lien-contribuer")),
    "retours": Widget("imedia-retours", _("Vous avez dit, nous avons fait"), ("nombre",)),
    "contribuer": Widget("imedia-contribuer", _("Contribuer"), ("type", "phase", "lien-connexion")),
    "phase": Widget("imedia-phase", _("Une étape du parcours et ses ressources"), ("phase",)),
}

_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")
_KINDS = ("question", "constat", "proposition", "temoignage")
_url = URLValidator(schemes=("http", "https"))


def _checked(name: str, value: str) -> str | None:
    """``value`` of query parameter ``name`` when it is acceptable, else None (ignored)."""
    value = value.strip()
    if not value or "\x00" in value:
        return None
    if name == "titre":
        return value[:120]
    if name.startswith("couleur-"):
        return value if _COLOUR.fullmatch(value) else None
    if name == "nombre":
        return value if value.isdigit() and 1 <= int(value) <= 20 else None
    if name == "type":
        return value if value in _KINDS else None
    if name == "phase":
        return value if _SLUG.fullmatch(value) else None
    if name.startswith("lien-"):
        try:
            _url(value)
        except ValidationError:
            return None
        return value if len(value) <= 500 else None
    return None


def widget_attributes(request, widget: Widget) -> list[tuple[str, str]]:
    """The element's attributes: the space's endpoint, a top-level heading, then the settings
    the query string gives (``?nombre=5&couleur-accent=%23005a9c``)."""
    attributes = [("graphql", reverse("graphql")), ("niveau-titre", "1")]
    for param in (*widget.params, *COMMON_PARAMS):
        value = _checked(param, request.GET.get(param, ""))
        if value is None and param == "lien-connexion":
            value = site_root(request.tenant)  # people sign in on the space's public site
        if value is not None:
            attributes.append((param, value))
    return attributes


@require_safe
@xframe_options_exempt
def widget_page(request, name: str):
    widget = WIDGETS.get(name)
    if widget is None:
        raise Http404(name)
    response = render(
        request,
        "widgets/frame.html",
        {
            "widget": widget,
            "tenant": request.tenant,
            "attributes": widget_attributes(request, widget),
        },
    )
    # Set here in full: the site-wide CSP leaves a response's own policy alone.
    response["Content-Security-Policy"] = widget_policy(request.tenant)
    return response
