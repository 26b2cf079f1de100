"""File upload and download over REST: content-checked types, size limit, clean names,
nothing left behind on refusal, draft visibility and tenant isolation."""

import hashlib
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django_tenants.utils import schema_context

from imedia_core.library.models import ResourceFile
from imedia_core.library.uploads import clean_filename
from tests.auth.helpers import token_for
from tests.conftest import tenant_request_kwargs

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def zipped(entries, mimetype=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype:
            archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        for name, content in entries:
            archive.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


DOCX = zipped([("[Content_Types].xml", "<Types/>"), ("_rels/.rels", "<r/>"), ("word/document.xml", "<w/>")])
ODT = zipped([("content.xml", "<x/>")], mimetype="application/vnd.oasis.opendocument.text")


def upload(client, tenant, slug, name, data, content_type="application/octet-stream", token=None, via="host"):
    prefix, extra = tenant_request_kwargs(tenant, via)
    if token:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client.post(
        f"{prefix}/api/resources/{slug}/files/",
        {"file": SimpleUploadedFile(name, data, content_type=content_type)},
        **extra,
    )


def download(client, tenant, url_path, token=None, via="host"):
    prefix, extra = tenant_request_kwargs(tenant, via)
    if token:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client.get(f"{prefix}{url_path}", **extra)


def stored_files(media_root, schema="alpha"):
    return sorted(p.relative_to(media_root) for p in (media_root / schema).rglob("*") if p.is_file())


@pytest.fixture
def resource(make_resource):
    return make_resource(title="Guide avec pièces jointes", slug="guide")


@pytest.mark.parametrize(
    ("name", "data", "declared", "detected"),
    [
        ("guide.pdf", PDF, "application/pdf", "application/pdf"),
        ("schéma.png", PNG, "image/png", "image/png"),
        ("photo.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 32, "image/jpeg", "image/jpeg"),
        ("anim.gif", b"GIF89a" + b"\x00" * 32, "image/gif", "image/gif"),
        ("image.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32, "image/webp", "image/webp"),
        ("son.mp3", b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00" * 64, "audio/mpeg", "audio/mpeg"),
        ("video.mp4", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 32, "video/mp4", "video/mp4"),
        ("son.ogg", b"OggS\x00\x02" + b"\x00" * 64, "audio/ogg", "audio/ogg"),
        ("compte-rendu.docx", DOCX, "", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("compte-rendu.odt", ODT, "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text"),
        ("notes.txt", b"Compte rendu de l'atelier\n", "text/plain", "text/plain"),
        ("inscrits.csv", "nom;ville\nMarie;Créteil\n".encode(), "text/csv", "text/csv"),
        ("inscrits.csv", b"nom;ville\n", "application/vnd.ms-excel", "text/csv"),
    ],
)
def test_accepted_types(client, tenant_a, callers, resource, media_root, name, data, declared, detected):
    response = upload(
        client, tenant_a, "guide", name, data, declared or "application/octet-stream", callers["facilitator"]
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["content_type"] == detected
    assert body["name"] == name
    assert body["size"] == len(data)
    assert body["sha256"] == hashlib.sha256(data).hexdigest()
    files = stored_files(media_root)
    assert len(files) == 1
    stored = files[0]
    assert str(stored).startswith("alpha/resources/")
    assert stored.name != name and len(stored.stem) == 32  # random stored name


@pytest.mark.parametrize(
    ("name", "data", "declared", "status", "code"),
    [
        ("faux.pdf", b"Ceci n'est pas un PDF.\n", "application/pdf", 400, "type_mismatch"),  # spoofed type
        ("faux.pdf", b"Ceci n'est pas un PDF.\n", "application/octet-stream", 400, "type_mismatch"),  # spoofed name
        ("image.png", PDF, "image/png", 400, "type_mismatch"),
        ("doc.pdf", PNG, "application/pdf", 400, "type_mismatch"),
        (
            "page.html",
            b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
            "text/html",
            415,
            "unsupported_file_type",
        ),
        (
            "page.txt",
            b"<html><script>alert(document.cookie)</script></html>",
            "text/plain",
            415,
            "unsupported_file_type",
        ),
        (
            "logo.svg",
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script/></svg>',
            "image/svg+xml",
            415,
            "unsupported_file_type",
        ),
        ("archive.zip", zipped([("a.txt", "x")]), "application/zip", 415, "unsupported_file_type"),
        (
            "prog.exe",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64,
            "application/octet-stream",
            415,
            "unsupported_file_type",
        ),
        ("binaire.txt", b"\x00\x01\x02\x03\xfe\xff" * 10, "text/plain", 415, "unsupported_file_type"),
        ("vide.pdf", b"", "application/pdf", 400, "empty_file"),
    ],
)
def test_refused_files_leave_nothing_behind(
    client, tenant_a, callers, resource, media_root, name, data, declared, status, code
):
    response = upload(client, tenant_a, "guide", name, data, declared, callers["tenant_admin"])
    assert response.status_code == status, response.json()
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    assert stored_files(media_root) == []
    with schema_context("alpha"):
        assert ResourceFile.objects.count() == 0


def test_oversized_file_is_413_and_leaves_nothing(client, tenant_a, callers, resource, media_root, settings):
    settings.IMEDIA_MAX_UPLOAD_BYTES = 1000
    response = upload(
        client, tenant_a, "guide", "gros.pdf", PDF + b"0" * 2000, "application/pdf", callers["facilitator"]
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "file_too_large"
    # Far above the limit: refused from Content-Length, before the body is read.
    settings.IMEDIA_MAX_UPLOAD_BYTES = 100
    response = upload(
        client, tenant_a, "guide", "tres-gros.pdf", PDF + b"0" * 200_000, "application/pdf", callers["facilitator"]
    )
    assert response.status_code == 413
    assert stored_files(media_root) == []
    with schema_context("alpha"):
        assert ResourceFile.objects.count() == 0


def test_temp_files_are_used_above_the_memory_threshold(client, tenant_a, callers, resource, media_root, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    data = PDF + b"%" + b"0" * 5000
    response = upload(client, tenant_a, "guide", "moyen.pdf", data, "application/pdf", callers["facilitator"])
    assert response.status_code == 201
    assert response.json()["sha256"] == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\system32\\evil.pdf", "evil.pdf"),
        ("/absolute/path/x.pdf", "x.pdf"),
        ("ra\x00pp\x1bort\u202e.pdf", "rapport.pdf"),
        ("..", "fichier"),
        (".htaccess", "htaccess"),
        ('a"b<c>.pdf', "a_b_c_.pdf"),
        ("Compte rendu — été 2026.pdf", "Compte rendu — été 2026.pdf"),
    ],
)
def test_clean_filename(raw, clean):
    assert clean_filename(raw) == clean


def test_path_traversal_names_are_neutralised(client, tenant_a, callers, resource, media_root):
    response = upload(
        client, tenant_a, "guide", "../../../../etc/passwd.txt", b"root:x:0:0\n", "text/plain", callers["facilitator"]
    )
    assert response.status_code == 201
    assert response.json()["name"] == "passwd.txt"
    files = stored_files(media_root)
    assert len(files) == 1 and str(files[0]).startswith("alpha/resources/")
    assert not (media_root / "etc").exists()


def test_upload_permissions(client, tenant_a, callers, resource, media_root):
    expected = {
        "anonymous": 401,
        "participant": 403,
        "read_key": 403,
        "facilitator": 201,
        "professional": 201,
        "decision_maker": 201,
        "tenant_admin": 201,
        "write_key": 201,
    }
    for who, status in expected.items():
        response = upload(client, tenant_a, "guide", f"{who}.pdf", PDF, "application/pdf", callers[who])
        assert response.status_code == status, (who, response.json())
    assert len(stored_files(media_root)) == 5
    response = upload(client, tenant_a, "inconnue", "x.pdf", PDF, "application/pdf", callers["facilitator"])
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_upload_needs_a_multipart_file(api, client, tenant_a, callers, resource, media_root):
    prefix, extra = tenant_request_kwargs(tenant_a, "host")
    extra["HTTP_AUTHORIZATION"] = f"Bearer {callers['facilitator']}"
    response = client.post(f"{prefix}/api/resources/guide/files/", {"autre": "x"}, **extra)
    assert response.status_code == 400 and response.json()["error"]["code"] == "file_required"
    response = client.post(
        f"{prefix}/api/resources/guide/files/", data=json.dumps({"file": "x"}), content_type="application/json", **extra
    )
    assert response.status_code == 415
    assert stored_files(media_root) == []


def test_download(client, tenant_a, callers, resource, media_root):
    created = upload(
        client, tenant_a, "guide", "Compte rendu été.pdf", PDF, "application/pdf", callers["facilitator"]
    ).json()
    assert created["url"] == f"http://alpha.test/api/resources/guide/files/{created['id']}/"
    response = download(client, tenant_a, f"/api/resources/guide/files/{created['id']}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''Compte%20rendu%20%C3%A9t%C3%A9.pdf" in response["Content-Disposition"]
    # Wrong resource slug or unknown id: 404.
    assert download(client, tenant_a, f"/api/resources/autre/files/{created['id']}/").status_code == 404
    assert download(client, tenant_a, "/api/resources/guide/files/999999/").status_code == 404


def test_download_url_by_path_prefix(client, tenant_a, callers, resource, media_root):
    created = upload(
        client, tenant_a, "guide", "a.pdf", PDF, "application/pdf", callers["facilitator"], via="path"
    ).json()
    assert created["url"] == f"http://testserver/t/alpha/api/resources/guide/files/{created['id']}/"
    response = download(client, tenant_a, f"/api/resources/guide/files/{created['id']}/", via="path")
    assert response.status_code == 200


def test_files_of_drafts_are_hidden_from_readers(client, api, tenant_a, callers, make_resource, media_root):
    make_resource(title="Brouillon", slug="brouillon", publish=False)
    created = upload(client, tenant_a, "brouillon", "a.pdf", PDF, "application/pdf", callers["facilitator"]).json()
    path = f"/api/resources/brouillon/files/{created['id']}/"
    for who in ("anonymous", "participant"):
        response = download(client, tenant_a, path, callers[who])
        assert response.status_code == 404, who
        assert response.json()["error"]["code"] == "not_found"
    for who in ("facilitator", "read_key"):
        response = download(client, tenant_a, path, callers[who])
        assert response.status_code == 200, who
        assert response["Cache-Control"] == "private, no-store"
    # The same through GraphQL: node(id) of the file.
    query = "query($id: ID!) { node(id: $id) { ... on ResourceFile { name url } } }"
    assert api.gql(query, {"id": created["node_id"]}, tenant=tenant_a)["node"] is None
    node = api.gql(query, {"id": created["node_id"]}, tenant=tenant_a, token=callers["facilitator"])["node"]
    assert node["name"] == "a.pdf"


def test_files_in_graphql(api, client, tenant_a, callers, resource, media_root):
    created = upload(client, tenant_a, "guide", "guide.pdf", PDF, "application/pdf", callers["facilitator"]).json()
    query = '{ resource(slug: "guide") { files { id name contentType size sha256 url } } }'
    files = api.gql(query, tenant=tenant_a)["resource"]["files"]
    assert files == [
        {
            "id": created["node_id"],
            "name": "guide.pdf",
            "contentType": "application/pdf",
            "size": len(PDF),
            "sha256": hashlib.sha256(PDF).hexdigest(),
            "url": created["url"],
        }
    ]


def test_file_delete_mutation_removes_the_content(api, client, tenant_a, callers, resource, media_root):
    created = upload(client, tenant_a, "guide", "guide.pdf", PDF, "application/pdf", callers["facilitator"]).json()
    assert len(stored_files(media_root)) == 1
    mutation = (
        "mutation($id: ID!) { resourceFileDelete(id: $id) { deletedId resource { files { id } } errors { code } } }"
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        data = api.gql(mutation, {"id": created["node_id"]}, tenant=tenant_a, token=callers["facilitator"])
    assert data["resourceFileDelete"] == {"deletedId": created["node_id"], "resource": {"files": []}, "errors": []}
    assert stored_files(media_root) == []


def test_files_are_isolated_between_tenants(client, tenant_a, tenant_b, callers, make_resource, media_root, make_user):
    make_resource(title="Guide", slug="guide")
    make_resource("beta", title="Guide de Bêta", slug="guide")
    created = upload(
        client, tenant_a, "guide", "secret-alpha.pdf", PDF, "application/pdf", callers["facilitator"]
    ).json()
    path = f"/api/resources/guide/files/{created['id']}/"
    # Same slug, same id, other tenant: not found, with or without credentials of beta.
    beta_staff = token_for(make_user("staff@beta.test", "facilitator", tenant_b), tenant_b)
    assert download(client, tenant_b, path).status_code == 404
    assert download(client, tenant_b, path, beta_staff).status_code == 404
    # Alpha's token does not work in beta at all.
    assert download(client, tenant_b, path, callers["facilitator"]).status_code == 401
    # Content lives under alpha's folder only.
    assert stored_files(media_root, "beta") == [] if (media_root / "beta").exists() else True
    assert len(stored_files(media_root, "alpha")) == 1


def odf_with_mimetype(mimetype: bytes, *, compress=zipfile.ZIP_DEFLATED, extra=()):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=compress)
        archive.writestr("content.xml", "<x/>", compress_type=zipfile.ZIP_DEFLATED)
        for name, content in extra:
            archive.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        # A `mimetype` entry that inflates to 64 MiB from a ~64 KB request (issue 12: 1 GiB took
        # a worker from 155 MiB to 1.2 GiB).
        odf_with_mimetype(b"application/vnd.oasis.opendocument.text" + b" " * (64 * 1024 * 1024)),
        # Many small entries of zeros: the archive as a whole inflates far beyond its size.
        odf_with_mimetype(
            b"application/vnd.oasis.opendocument.text",
            extra=[(f"Pictures/{i}.bin", b"\x00" * (2 * 1024 * 1024)) for i in range(8)],
        ),
    ],
    ids=["huge-mimetype-entry", "inflation-ratio"],
)
def test_zip_bombs_are_refused_without_inflating_them(client, tenant_a, callers, resource, media_root, data):
    import tracemalloc

    tracemalloc.start()
    try:
        response = upload(
            client,
            tenant_a,
            "guide",
            "bombe.odt",
            data,
            "application/vnd.oasis.opendocument.text",
            callers["facilitator"],
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 415, response.json()
    error = response.json()["error"]
    assert error["code"] == "suspicious_archive" and "archive" in error["message"].lower()
    assert peak < 8 * 1024 * 1024  # a bound on what was inflated, not a timing
    assert stored_files(media_root) == []
    with schema_context("alpha"):
        assert ResourceFile.objects.count() == 0


def test_archives_with_too_many_entries_are_refused(client, tenant_a, callers, resource, media_root, monkeypatch):
    from imedia_core.library import uploads

    monkeypatch.setattr(uploads, "ZIP_MAX_ENTRIES", 20)
    data = odf_with_mimetype(
        b"application/vnd.oasis.opendocument.text", extra=[(f"x/{i}.xml", "<x/>") for i in range(30)]
    )
    response = upload(
        client, tenant_a, "guide", "liste.odt", data, "application/vnd.oasis.opendocument.text", callers["facilitator"]
    )
    assert response.status_code == 415 and response.json()["error"]["code"] == "suspicious_archive"
    # The same document with fewer entries passes.
    ok = odf_with_mimetype(b"application/vnd.oasis.opendocument.text", extra=[("styles.xml", "<s/>")])
    response = upload(
        client, tenant_a, "guide", "court.odt", ok, "application/vnd.oasis.opendocument.text", callers["facilitator"]
    )
    assert response.status_code == 201, response.json()


def test_a_zip_lying_about_its_mimetype_size_is_not_inflated(client, tenant_a, callers, resource, media_root):
    """Declared sizes can lie: the `mimetype` entry below says 39 bytes but inflates to 64 MiB.
    At most a few hundred bytes of it are inflated, whatever the headers say."""
    import struct
    import tracemalloc

    mimetype = b"application/vnd.oasis.opendocument.text"
    data = bytearray(odf_with_mimetype(mimetype + b" " * (64 * 1024 * 1024)))
    local = data.index(b"PK\x03\x04")
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, local + 22, len(mimetype))  # uncompressed size, local header
    struct.pack_into("<I", data, central + 24, len(mimetype))  # uncompressed size, central directory
    tracemalloc.start()
    try:
        response = upload(client, tenant_a, "guide", "menteur.odt", bytes(data), "", callers["facilitator"])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 415, response.json()
    assert response.json()["error"]["code"] in {"suspicious_archive", "unsupported_file_type"}
    assert peak < 8 * 1024 * 1024
    assert stored_files(media_root) == []
    with schema_context("alpha"):
        assert ResourceFile.objects.count() == 0
