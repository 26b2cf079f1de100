"""DRF errors in the project's JSON error shape: ``{"error": {"code", "message", "fields"}}``."""

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def _first_code(detail):
    if isinstance(detail, list) and detail:
        return _first_code(detail[0])
    if isinstance(detail, dict) and detail:
        return _first_code(next(iter(detail.values())))
    return getattr(detail, "code", None) or "invalid"


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        message = f"Corps de requête trop volumineux (maximum {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} octets)."
        return Response({"error": {"code": "payload_too_large", "message": message}}, status=413)
    # DRF converts these two Django exceptions into its own only inside its handler; convert them
    # here so the body below reads the code and message from the converted exception (an operator
    # API 404 answered {"code": "error", "message": "None"}).
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("Aucune ressource à cette adresse.")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        body = {
            "code": "invalid",
            "message": "Données invalides.",
            "fields": exc.get_full_details(),
        }
    else:
        detail = getattr(exc, "detail", None)
        body = {"code": _first_code(detail) if detail is not None else "error", "message": str(detail)}
    return Response({"error": body}, status=response.status_code, headers=dict(response.items()))
