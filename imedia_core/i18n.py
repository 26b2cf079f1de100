"""The language of a request: in the admins, the person's browser when it asks for a language
the project has (``Accept-Language``); else, and always for the API doors, the space's
``locale``, else ``LANGUAGE_CODE``. The API stays in the space's language because services write
labels into stored texts (journal summaries, e-mail subjects): they must not depend on the
browser of whoever called.

Labels, help texts and admin strings are written in French and wrapped in gettext; the English
catalogue (``locale/en``) translates them. ``locale/fr`` exists so French stays explicit.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header


def supported(code: str | None) -> str | None:
    """``code`` as one of ``settings.LANGUAGES`` (``en-GB`` → ``en``), or None."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def browser_language(request) -> str | None:
    """The first language of the request's ``Accept-Language`` the project offers."""
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            return None
        found = supported(code)
        if found:
            return found
    return None


def is_admin_request(request) -> bool:
    """A page of the platform admin (``/admin/``) or of a space's (``[/t/<slug>]/admin/``)."""
    return "/admin/" in request.path or request.path.endswith("/admin")


def request_language(request) -> str:
    tenant = getattr(request, "tenant", None)
    return (
        (browser_language(request) if is_admin_request(request) else None)
        or supported(getattr(tenant, "locale", None))
        or supported(settings.LANGUAGE_CODE)
        or settings.LANGUAGE_CODE
    )


class TenantLocaleMiddleware:
    """Activates the request's language (after tenant routing, which sets ``request.tenant``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", language)
        return response
