"""Files of the resource centre over REST (multipart upload, streamed download).

- ``POST /api/resources/<slug>/files/`` (``multipart/form-data``, field ``file``): attach a file
  to a resource. Needs ``EDIT_CONTENT`` (staff roles, write API keys). Checks and storage are in
  ``imedia_core.library.uploads``. ``201`` with the file's description.
- ``GET /api/resources/<slug>/files/<id>/``: download, as an attachment, with
  ``X-Content-Type-Options: nosniff``. Files of resources the caller may not see (drafts for
  readers) are ``404``, as are files of other programmes.
"""

from django.conf import settings
from django.http import FileResponse
from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from imedia_core.graphql.core.nodes import TenantNode
from imedia_core.library.models import Resource, ResourceFile
from imedia_core.library.uploads import UploadError, open_for_download, store_upload
from imedia_core.library.visibility import visible_files
from imedia_core.permissions import Perm
from imedia_core.rest.context import request_principal, service_context

# Room for the multipart envelope (boundaries, part headers, a few small fields).
MULTIPART_OVERHEAD = 64 * 1024


def _error(status: int, code: str, message: str, headers: dict | None = None) -> Response:
    return Response({"error": {"code": code, "message": message}}, status=status, headers=headers)


def describe(request, resource_file: ResourceFile, resource: Resource) -> dict:
    url = reverse("library-file-download", kwargs={"slug": resource.slug, "file_id": resource_file.pk})
    return {
        "id": resource_file.pk,
        "node_id": TenantNode.to_global_id("ResourceFile", resource_file.pk),
        "name": resource_file.original_name,
        "content_type": resource_file.content_type,
        "size": resource_file.size,
        "sha256": resource_file.sha256,
        "created_at": resource_file.created_at,
        "url": request.build_absolute_uri(url),
    }


FILE_SCHEMA = inline_serializer(
    "ResourceFile",
    {
        "id": serializers.IntegerField(),
        "node_id": serializers.CharField(help_text="GraphQL global ID (`ResourceFile` node)."),
        "name": serializers.CharField(help_text="Cleaned original name."),
        "content_type": serializers.CharField(help_text="Media type detected from the content."),
        "size": serializers.IntegerField(),
        "sha256": serializers.CharField(),
        "created_at": serializers.DateTimeField(),
        "url": serializers.URLField(help_text="Download URL."),
    },
)


class ResourceFileUpload(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary="Attach a file to a resource (multipart, field `file`; staff and write API keys).",
        request={
            "multipart/form-data": inline_serializer(
                "ResourceFileUpload", {"file": serializers.FileField(help_text="The file (see allowed types).")}
            )
        },
        responses={
            201: FILE_SCHEMA,
            400: OpenApiResponse(description="`file_required`, `empty_file`, `type_mismatch`"),
            401: OpenApiResponse(description="`not_authenticated` or a credential error"),
            403: OpenApiResponse(description="`permission_denied`"),
            404: OpenApiResponse(description="`not_found`: no such resource"),
            413: OpenApiResponse(description="`file_too_large`"),
            415: OpenApiResponse(
                description="`unsupported_file_type`, `suspicious_archive` (zip bomb), or a body that is not multipart"
            ),
        },
    )
    def post(self, request, slug):
        principal = request_principal(request)
        if not principal.is_authenticated:
            return _error(
                401,
                "not_authenticated",
                "Connectez-vous ou fournissez une clé d'API.",
                {"WWW-Authenticate": 'Bearer realm="imedia"'},
            )
        if not principal.has(Perm.EDIT_CONTENT):
            return _error(403, "permission_denied", "Vous n'avez pas le droit d'ajouter des fichiers dans cet espace.")
        resource = Resource.objects.filter(slug=slug).first()
        if resource is None:
            return _error(404, "not_found", "Aucune ressource avec cet identifiant dans cet espace.")
        limit = settings.IMEDIA_MAX_UPLOAD_BYTES
        try:
            declared_length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared_length = 0
        if declared_length > limit + MULTIPART_OVERHEAD:
            # Refused before reading the body: nothing is written, not even to a temporary file.
            return _error(413, "file_too_large", f"Fichier trop volumineux (maximum {limit} octets).")
        uploaded = request.FILES.get("file")
        if uploaded is None:
            return _error(400, "file_required", "Joignez le fichier dans le champ « file » (multipart/form-data).")
        try:
            resource_file = store_upload(service_context(request), resource, uploaded)
        except UploadError as exc:
            return _error(exc.status, exc.code, exc.message)
        return Response(describe(request, resource_file, resource), status=201)


class FirstRenderer(BaseContentNegotiation):
    """Downloads answer whatever the client accepts (errors still render as JSON)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ResourceFileDownload(APIView):
    content_negotiation_class = FirstRenderer

    @extend_schema(
        summary="Download a file of a resource (drafts' files only for staff and API keys).",
        responses={
            (200, "*/*"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The file, as an attachment (its detected type)."
            )
        },
    )
    def get(self, request, slug, file_id):
        resource_file = (
            visible_files(request_principal(request))
            .filter(pk=file_id, resource__slug=slug)
            .select_related("resource")
            .first()
        )
        if resource_file is None:
            return _error(404, "not_found", "Aucun fichier à cette adresse.")
        try:
            handle = open_for_download(resource_file)
        except (FileNotFoundError, OSError):
            return _error(404, "not_found", "Le contenu de ce fichier est introuvable.")
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=resource_file.original_name,
            content_type=resource_file.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["Cache-Control"] = "public, max-age=300" if resource_file.resource.is_visible else "private, no-store"
        if resource_file.size:
            response["Content-Length"] = str(resource_file.size)
        return response


urlpatterns = [
    path("<slug:slug>/files/", ResourceFileUpload.as_view(), name="library-file-upload"),
    path("<slug:slug>/files/<int:file_id>/", ResourceFileDownload.as_view(), name="library-file-download"),
]
