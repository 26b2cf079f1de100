"""The admin's own preview of a content item (« Voir sur le site » when the space has no public
site address): the item as participants would read it, plainly, with a banner when the public
cannot see it yet.

Reading it takes the right that reading the item in its model's admin takes (that admin's
``has_view_permission``, the same Perm); the item is looked up in the request's schema only, so
another space's id is a 404.
"""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from imedia_core.admin_site import tenant_admin_site
from imedia_core.content.sanitize import clean_html
from tenants.site_links import PUBLIC_TYPES

#: ``{type}`` -> model label, the reverse of ``PUBLIC_TYPES``.
MODELS = {kind: label for label, kind in PUBLIC_TYPES.items()}

#: Content types whose body is plain text (shown with its line breaks), not stored HTML.
PLAIN_TEXT = {"contribution"}


def _is_public(kind: str, obj) -> bool:
    if kind == "contribution":
        return obj.status == "published"
    if obj.status != "published":
        return False
    return obj.publish_at is None or obj.publish_at <= timezone.now()


def preview_view(request, kind: str, pk: int):
    label = MODELS.get(kind)
    if label is None:
        raise Http404
    model = apps.get_model(label)
    model_admin = tenant_admin_site._registry.get(model)
    if model_admin is None or not model_admin.has_view_permission(request):
        raise PermissionDenied
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        raise Http404
    if not model_admin.has_view_permission(request, obj):
        raise PermissionDenied
    body = getattr(obj, "body", "") or ""
    context = {
        **tenant_admin_site.each_context(request),
        "title": gettext("Aperçu : %(title)s") % {"title": obj.title},
        "obj": obj,
        "kind_label": model._meta.verbose_name,
        "is_public": _is_public(kind, obj),
        "plain_body": body if kind in PLAIN_TEXT else "",
        "html_body": "" if kind in PLAIN_TEXT else mark_safe(clean_html(body)),  # noqa: S308  sanitised
        "summary": getattr(obj, "summary", ""),
        "starts_on": getattr(obj, "starts_on", None),
        "ends_on": getattr(obj, "ends_on", None),
        "published_at": getattr(obj, "published_at", None),
        "publish_at": getattr(obj, "publish_at", None),
        "change_url": reverse(
            f"{tenant_admin_site.name}:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk]
        ),
    }
    return TemplateResponse(request, "admin/content/preview.html", context)


tenant_admin_site.register_view(
    "apercu/<str:kind>/<int:pk>/",
    preview_view,
    name="content_preview",
    section=None,
    label=None,
    permission=None,
)
