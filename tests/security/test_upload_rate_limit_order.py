"""Uploads of contribution attachments: who may upload, and the anonymous rate limit, are decided
before the request's body is read (issue 12: counted before the content was inspected, but
after Django had received and parsed the whole multipart body)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django_tenants.utils import schema_context

from imedia_core.participation.models import Attachment, ParticipationSettings

MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x0f" + b"\xff\xfb\x90\x64" + b"\x00" * 400


class UnreadableBody:
    """A request body (``wsgi.input``) that fails the test if anything reads it."""

    def __init__(self, data: bytes):
        self.data = data
        self.reads = 0

    def read(self, *args, **kwargs):
        self.reads += 1
        raise AssertionError("the upload's body was read")

    readline = read


@pytest.fixture
def rules(db):
    def apply(**values):
        with schema_context("alpha"):
            ParticipationSettings.objects.filter(pk=ParticipationSettings.load().pk).update(**values)

    return apply


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.MULTITENANT_RELATIVE_MEDIA_ROOT = "%s"
    return tmp_path


def _multipart(name="message.mp3") -> bytes:
    return encode_multipart(BOUNDARY, {"file": SimpleUploadedFile(name, MP3, content_type="audio/mpeg")})


def post_upload(client, body, **extra):
    return client.generic(
        "POST", "/api/participation/attachments/", body, content_type=MULTIPART_CONTENT, HTTP_HOST="alpha.test", **extra
    )


def test_a_client_over_the_limit_is_refused_without_its_body_being_read(client, tenant_a, rules, media_root):
    rules(allow_anonymous=True, anonymous_rate_limit=1)
    assert post_upload(client, _multipart()).status_code == 201
    body = _multipart("encore.mp3")
    stream = UnreadableBody(body)
    response = post_upload(client, body, **{"wsgi.input": stream})
    assert response.status_code == 429, response.content
    assert response.json()["error"]["code"] == "rate_limited"
    assert stream.reads == 0
    with schema_context("alpha"):
        assert list(Attachment.objects.values_list("original_name", flat=True)) == ["message.mp3"]


def test_anonymity_refused_is_decided_without_reading_the_body(client, tenant_a, media_root):
    body = _multipart()
    stream = UnreadableBody(body)
    response = post_upload(client, body, **{"wsgi.input": stream})
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthenticated"
    assert stream.reads == 0


def test_every_refused_attempt_counts_even_without_a_file(client, tenant_a, rules, media_root):
    """The count comes first: a request without a file part still uses the allowance."""
    rules(allow_anonymous=True, anonymous_rate_limit=1)
    empty = client.post("/api/participation/attachments/", {}, HTTP_HOST="alpha.test")
    assert empty.status_code == 400 and empty.json()["error"]["code"] == "file_required"
    assert post_upload(client, _multipart()).status_code == 429
