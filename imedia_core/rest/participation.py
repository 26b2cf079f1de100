"""Attachments of contributions over REST (multipart upload, streamed download).

- ``POST /api/participation/attachments/`` (``multipart/form-data``, field ``file``): upload a
  file (audio, video, image, document; the resource centre's checks) before submitting. Signed-in
  people with CONTRIBUTE, or anyone where the programme allows anonymity (rate-limited). ``201``
  with a secret ``token`` to pass as ``attachmentToken`` to the ``contributionSubmit`` mutation.
- ``GET /api/participation/attachments/<id>/``: download, when the caller may see the
  contribution (published, their own, or any for moderators); otherwise ``404``.
"""

from django.conf import settings
from django.http import FileResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from imedia_core.errors import ServiceError
from imedia_core.library.uploads import UploadError
from imedia_core.participation.attachments import admit_upload, open_attachment, store_attachment
from imedia_core.participation.models import Attachment
from imedia_core.participation.visibility import visible_contributions

from .context import service_context
from .library import MULTIPART_OVERHEAD, FirstRenderer, _error

_STATUS = {"UNAUTHENTICATED": 401, "PERMISSION_DENIED": 403, "RATE_LIMITED": 429}


class AttachmentUpload(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary="Upload a file to join to a contribution (multipart, field `file`).",
        request={
            "multipart/form-data": inline_serializer(
                "ContributionAttachmentUpload", {"file": serializers.FileField(help_text="The file.")}
            )
        },
        responses={
            201: inline_serializer(
                "ContributionAttachment",
                {
                    "token": serializers.CharField(help_text="Pass it as `attachmentToken` to `contributionSubmit`."),
                    "name": serializers.CharField(),
                    "content_type": serializers.CharField(),
                    "size": serializers.IntegerField(),
                },
            ),
            400: OpenApiResponse(description="`file_required`, `empty_file`, `type_mismatch`"),
            401: OpenApiResponse(description="`unauthenticated`: sign in (the programme refuses anonymity)"),
            403: OpenApiResponse(description="`permission_denied`"),
            413: OpenApiResponse(description="`file_too_large`"),
            415: OpenApiResponse(description="`unsupported_file_type`, or `suspicious_archive` (zip bomb)"),
            429: OpenApiResponse(description="`rate_limited`: too many anonymous submissions"),
        },
    )
    def post(self, request):
        ctx = service_context(request)  # authenticates first: a bad token is a 401 whatever the body
        try:
            # Who may upload, and the anonymous rate limit, before the body is read or parsed:
            # a refused client's upload never reaches the multipart parser.
            admit_upload(ctx)
        except ServiceError as exc:
            return _error(_STATUS.get(exc.code, 400), exc.code.lower(), exc.message)
        limit = settings.IMEDIA_MAX_UPLOAD_BYTES
        try:
            declared_length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared_length = 0
        if declared_length > limit + MULTIPART_OVERHEAD:
            return _error(413, "file_too_large", f"Fichier trop volumineux (maximum {limit} octets).")
        uploaded = request.FILES.get("file")
        if uploaded is None:
            return _error(400, "file_required", "Joignez le fichier dans le champ « file » (multipart/form-data).")
        try:
            attachment = store_attachment(ctx, uploaded, admitted=True)
        except UploadError as exc:
            return _error(exc.status, exc.code, exc.message)
        body = {
            "token": attachment.token,
            "name": attachment.original_name,
            "content_type": attachment.content_type,
            "size": attachment.size,
        }
        return Response(body, status=201)


class AttachmentDownload(APIView):
    content_negotiation_class = FirstRenderer

    @extend_schema(
        summary="Download the file joined to a contribution (if the caller may see the contribution).",
        responses={
            (200, "*/*"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The file, as an attachment (its detected type)."
            )
        },
    )
    def get(self, request, attachment_id):
        visible = visible_contributions(service_context(request))
        attachment = (
            Attachment.objects.filter(pk=attachment_id, contribution__in=visible).select_related("contribution").first()
        )
        if attachment is None:
            return _error(404, "not_found", "Aucun fichier à cette adresse.")
        try:
            handle = open_attachment(attachment)
        except OSError:
            return _error(404, "not_found", "Le contenu de ce fichier est introuvable.")
        response = FileResponse(
            handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        public = attachment.contribution.status == "published"
        response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
        response["Content-Length"] = str(attachment.size)
        return response


urlpatterns = [
    path("attachments/", AttachmentUpload.as_view(), name="participation-attachment-upload"),
    path("attachments/<int:attachment_id>/", AttachmentDownload.as_view(), name="participation-attachment-download"),
]
