"""Files attached to resources: validated by content, stored per tenant, never trusted.

- The type is detected from the bytes (puremagic, plus a look inside ZIP containers for
  OpenDocument and Office Open XML, and a strict check for plain text) and must be on the
  allow-list (``IMEDIA_UPLOAD_ALLOWED_TYPES``). A declared media type or file extension that
  does not match the content is refused: a text file named ``.pdf`` is not a PDF.
- Looking inside a ZIP is bounded: the central directory and at most a few hundred inflated
  bytes of ``mimetype``; archives with too many entries or an out-of-proportion declared
  uncompressed size are refused (``suspicious_archive``) without inflating anything.
- Size is limited by ``IMEDIA_MAX_UPLOAD_BYTES``; an empty file is refused.
- The original name is cleaned (no directories, no control characters) and kept for display;
  the stored name is random, under ``resources/<year>/<month>/`` in the tenant's own storage
  (``MEDIA_ROOT/<schema>/`` by default, ``<prefix>/<schema>/`` on S3).
- Nothing is stored before every check passed; if saving the row fails, the stored content
  is removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass

import puremagic
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django_tenants.utils import schema_context

from imedia_core.changes import changed
from imedia_core.context import ServiceContext

from .models import Resource, ResourceFile

HEAD_BYTES = 64 * 1024


@dataclass(frozen=True)
class FileType:
    mime: str
    extensions: tuple[str, ...]
    aliases: tuple[str, ...] = ()

    @property
    def accepted_declarations(self) -> set[str]:
        return {self.mime, *self.aliases}


OOXML = "application/vnd.openxmlformats-officedocument"
ODF = "application/vnd.oasis.opendocument"
KNOWN_TYPES: dict[str, FileType] = {
    t.mime: t
    for t in (
        FileType("application/pdf", (".pdf",), ("application/x-pdf",)),
        FileType("image/png", (".png",)),
        FileType("image/jpeg", (".jpg", ".jpeg", ".jpe", ".jfif"), ("image/jpg", "image/pjpeg")),
        FileType("image/webp", (".webp",)),
        FileType("image/gif", (".gif",)),
        FileType("audio/mpeg", (".mp3", ".mpga"), ("audio/mp3", "audio/x-mp3", "audio/x-mpeg", "audio/mpeg3")),
        FileType("video/mp4", (".mp4", ".m4v"), ("audio/mp4", "application/mp4")),
        FileType("audio/ogg", (".ogg", ".oga", ".ogv", ".opus"), ("video/ogg", "application/ogg", "audio/opus")),
        FileType("video/webm", (".webm",), ("audio/webm",)),
        FileType(f"{ODF}.text", (".odt",)),
        FileType(f"{ODF}.spreadsheet", (".ods",)),
        FileType(f"{ODF}.presentation", (".odp",)),
        FileType(f"{OOXML}.wordprocessingml.document", (".docx",)),
        FileType(f"{OOXML}.spreadsheetml.sheet", (".xlsx",)),
        FileType(f"{OOXML}.presentationml.presentation", (".pptx",)),
        FileType("text/plain", (".txt", ".text", ".md")),
        FileType(
            "text/csv",
            (".csv",),
            ("text/plain", "application/csv", "text/x-csv", "text/comma-separated-values", "application/vnd.ms-excel"),
        ),
    )
}
# Detected names that are never accepted, whatever the allow-list says.
DANGEROUS = {"text/html", "application/xhtml+xml", "image/svg+xml", "application/xml", "text/xml"}
_UNDECLARED = {"", "application/octet-stream", "binary/octet-stream", "application/unknown"}
_HTML_LIKE = re.compile(rb"<\s*(!doctype|html|head|body|script|iframe|svg|object|embed|meta|\?xml)\b", re.I)
_MIME_ALIASES = {"application/ogg": "audio/ogg", "video/ogg": "audio/ogg", "audio/webm": "video/webm"}


class UploadError(Exception):
    """A refused upload: HTTP ``status``, stable ``code``, French ``message``."""

    def __init__(self, status: int, code: str, message: str):
        self.status, self.code, self.message = status, code, message
        super().__init__(message)


def max_upload_bytes() -> int:
    return settings.IMEDIA_MAX_UPLOAD_BYTES


def allowed_types() -> dict[str, FileType]:
    allowed = set(getattr(settings, "IMEDIA_UPLOAD_ALLOWED_TYPES", None) or KNOWN_TYPES)
    return {mime: ftype for mime, ftype in KNOWN_TYPES.items() if mime in allowed}


# --- names -------------------------------------------------------------------------------


def clean_filename(name: str | None, *, fallback: str = "fichier") -> str:
    """A name safe to show and to send back in Content-Disposition: last path component only,
    no control or reserved characters, no leading dots, at most 255 characters."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r'[<>:"|?*]', "_", name)
    name = re.sub(r"\s+", " ", name).strip().lstrip(".").strip()
    if not name or name in {".", ".."}:
        name = fallback
    if len(name) > 255:
        stem, ext = os.path.splitext(name)
        ext = ext[:20]
        name = stem[: 255 - len(ext)] + ext
    return name


def extension_of(name: str) -> str:
    return os.path.splitext(name)[1].lower()


# --- detection -----------------------------------------------------------------------------


# Bounds on looking inside ZIP containers (OpenDocument, Office Open XML): the archive is
# untrusted, so nothing is inflated beyond what the check needs (a few bytes of ``mimetype``),
# and archives whose declared content is out of proportion are refused (zip bombs: 0.5 MB that
# inflate to 1 GiB).
ZIP_MAX_ENTRIES = 10_000
ZIP_MAX_MIMETYPE_BYTES = 256
ZIP_MAX_RATIO = 100  # declared uncompressed total / archive size
ZIP_RATIO_FLOOR = 1024 * 1024  # below this declared total, the ratio is not checked
ZIP_MAX_UNCOMPRESSED = 1024 * 1024 * 1024


def _suspicious_archive() -> UploadError:
    return UploadError(
        415,
        "suspicious_archive",
        "Archive refusée : son contenu décompressé est démesuré par rapport à sa taille "
        "(fichiers trop nombreux ou trop volumineux).",
    )


def _zip_type(data: bytes, fileobj, size: int | None = None) -> str | None:
    """OpenDocument or Office Open XML inside a ZIP container, else None. Reads the central
    directory and at most ``ZIP_MAX_MIMETYPE_BYTES`` of inflated content; raises UploadError
    (``suspicious_archive``) for too many entries or an out-of-proportion declared size."""
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            infos = archive.infolist()
            if len(infos) > ZIP_MAX_ENTRIES:
                raise _suspicious_archive()
            declared_total = sum(max(info.file_size, 0) for info in infos)
            archive_size = max(size or 0, len(data), 1)
            if declared_total > ZIP_MAX_UNCOMPRESSED or (
                declared_total > ZIP_RATIO_FLOOR and declared_total > ZIP_MAX_RATIO * archive_size
            ):
                raise _suspicious_archive()
            names = {info.filename for info in infos}
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size > ZIP_MAX_MIMETYPE_BYTES:
                    raise _suspicious_archive()
                with archive.open(info) as entry:
                    raw = entry.read(ZIP_MAX_MIMETYPE_BYTES + 1)
                if len(raw) > ZIP_MAX_MIMETYPE_BYTES:
                    raise _suspicious_archive()
                declared = raw[:100].decode("ascii", "replace").strip()
                return declared if declared.startswith(ODF) else None
            if "[Content_Types].xml" in names:
                prefixes = {n.split("/", 1)[0] for n in names if "/" in n}
                if "word" in prefixes:
                    return f"{OOXML}.wordprocessingml.document"
                if "xl" in prefixes:
                    return f"{OOXML}.spreadsheetml.sheet"
                if "ppt" in prefixes:
                    return f"{OOXML}.presentationml.presentation"
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, NotImplementedError, ValueError, EOFError, zlib.error):
        return None
    return None


def _is_plain_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    sample = head[:-4] if len(head) >= HEAD_BYTES else head  # a cut may split a UTF-8 sequence
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not _HTML_LIKE.search(head)


def detect_type(head: bytes, fileobj, size: int | None = None) -> str | None:
    """The media type of the content, from its bytes only (None: unknown); ``size`` is the
    whole content's, for the ZIP inflation ratio."""
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(head, fileobj, size) or "application/zip"
    try:
        candidates = puremagic.magic_string(head)
    except (puremagic.PureError, ValueError):
        candidates = []
    mimes = [_MIME_ALIASES.get(c.mime_type, c.mime_type) for c in candidates if c.mime_type]
    if any(mime in DANGEROUS for mime in mimes[:1]) or _HTML_LIKE.match(head.lstrip()[:64]):
        return "text/html"
    for mime in mimes:
        if mime in KNOWN_TYPES and not mime.startswith("text/"):
            return mime
    if _is_plain_text(head):
        return "text/plain"
    return mimes[0] if mimes else None


@dataclass
class CheckedFile:
    original_name: str
    content_type: str
    extension: str
    size: int
    sha256: str


def check_upload(uploaded, declared_type: str | None = None) -> CheckedFile:
    """Validate an uploaded file (Django ``UploadedFile``) without storing anything."""
    limit = max_upload_bytes()
    size = uploaded.size or 0
    if size > limit:
        raise UploadError(413, "file_too_large", f"Fichier trop volumineux (maximum {limit} octets).")
    if size == 0:
        raise UploadError(400, "empty_file", "Le fichier est vide.")
    name = clean_filename(uploaded.name)
    digest = hashlib.sha256()
    counted = 0
    head = b""
    for chunk in uploaded.chunks():
        if len(head) < HEAD_BYTES:
            head += chunk[: HEAD_BYTES - len(head)]
        digest.update(chunk)
        counted += len(chunk)
        if counted > limit:
            raise UploadError(413, "file_too_large", f"Fichier trop volumineux (maximum {limit} octets).")
    uploaded.seek(0)
    detected = detect_type(head, uploaded, counted)
    uploaded.seek(0)
    allowed = allowed_types()
    declared = (declared_type or getattr(uploaded, "content_type", "") or "").split(";")[0].strip().lower()
    ext = extension_of(name)
    csv_declarations = {"text/csv", *KNOWN_TYPES["text/csv"].aliases} - {"text/plain"}
    if detected == "text/plain" and (ext == ".csv" or declared in csv_declarations):
        detected = "text/csv"
    if detected is None or detected not in allowed:
        shown = detected or "inconnu"
        raise UploadError(
            415,
            "unsupported_file_type",
            f"Type de fichier refusé ({shown}). Types acceptés : PDF, images, audio, vidéo, "
            "documents bureautiques, texte et CSV.",
        )
    ftype = allowed[detected]
    if declared not in _UNDECLARED and declared not in ftype.accepted_declarations:
        raise UploadError(
            400,
            "type_mismatch",
            f"Le type déclaré ({declared}) ne correspond pas au contenu du fichier ({detected}).",
        )
    if ext and ext not in ftype.extensions:
        raise UploadError(
            400,
            "type_mismatch",
            f"L'extension « {ext} » ne correspond pas au contenu du fichier ({detected}).",
        )
    return CheckedFile(
        original_name=name,
        content_type=detected,
        extension=ext or ftype.extensions[0],
        size=counted,
        sha256=digest.hexdigest(),
    )


# --- storage -------------------------------------------------------------------------------


def delete_stored_file(name: str, schema: str | None = None) -> None:
    """Remove stored content; ``schema`` names the tenant whose storage holds it (default:
    the connection's), so a callback run after the request still finds the right folder."""
    if not name:
        return
    if schema and schema != connection.schema_name:
        with schema_context(schema), contextlib.suppress(OSError):
            default_storage.delete(name)
        return
    with contextlib.suppress(OSError):  # already gone: nothing to clean up
        default_storage.delete(name)


def delete_stored_file_on_commit(name: str) -> None:
    """Remove stored content once the current transaction commits (never if it rolls back)."""
    schema = connection.schema_name
    transaction.on_commit(lambda: delete_stored_file(name, schema))


def store_upload(ctx: ServiceContext, resource: Resource, uploaded, declared_type: str | None = None) -> ResourceFile:
    """Check then store ``uploaded`` as a file of ``resource`` (``resource.file_added``); raises
    UploadError."""
    checked = check_upload(uploaded, declared_type)
    resource_file = ResourceFile(
        resource=resource,
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
    )
    stored_name = f"{secrets.token_hex(16)}{checked.extension}"
    uploaded.seek(0)
    resource_file.file.save(stored_name, uploaded, save=False)
    try:
        with transaction.atomic():
            resource_file.save()
            changed(
                ctx,
                "resource.file_added",
                resource,
                payload={
                    "fileId": resource_file.pk,
                    "name": resource_file.original_name,
                    "contentType": resource_file.content_type,
                    "size": resource_file.size,
                },
                summary=f"{resource.title} : {checked.original_name}",
            )
    except BaseException:
        delete_stored_file(resource_file.file.name)
        raise
    return resource_file


def open_for_download(resource_file: ResourceFile):
    return resource_file.file.storage.open(resource_file.file.name, "rb")


def file_bytes(resource_file: ResourceFile) -> bytes:
    with open_for_download(resource_file) as handle:
        return handle.read()


def in_memory(data: bytes, name: str, content_type: str = ""):
    """An UploadedFile from bytes (admin, importers, tests)."""
    return SimpleUploadedFile(name, data, content_type=content_type)
