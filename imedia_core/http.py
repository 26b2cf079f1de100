"""One JSON error shape for everything that is not GraphQL: ``{"error": {"code", "message"}}``."""

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt


def json_error(status: int, code: str, message: str, **extra) -> JsonResponse:
    body = {"error": {"code": code, "message": message, **extra}}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def not_found_view(request, exception=None):
    return json_error(404, "not_found", "Aucune ressource à cette adresse.")


def server_error_view(request):
    return json_error(500, "server_error", "Erreur interne du serveur.")


@csrf_exempt  # an API answer (it changes nothing), not Django's HTML CSRF page for a POST
def tenant_required_view(request):
    """Tenant URLs asked on a platform host without designating a tenant."""
    return json_error(
        404,
        "tenant_required",
        "Aucun espace désigné : utilisez l'hôte de l'espace, le préfixe /t/<slug>/ ou l'en-tête X-Imedia-Tenant.",
    )
