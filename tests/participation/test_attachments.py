"""Attachments over REST: upload (checked like resource files), claim by submission, download
only where the contribution is visible."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.events.worker import run_once
from imedia_core.participation.models import Attachment
from tests.participation.conftest import SUBMIT

MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x0f" + b"\xff\xfb\x90\x64" + b"\x00" * 400


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.MULTITENANT_RELATIVE_MEDIA_ROOT = "%s"
    return tmp_path


def upload(client, tenant, token=None, name="message.mp3", data=MP3, content_type="audio/mpeg"):
    headers = {"HTTP_HOST": tenant.domains.get(is_primary=True).domain}
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    file = SimpleUploadedFile(name, data, content_type=content_type)
    return client.post("/api/participation/attachments/", {"file": file}, **headers)


def test_upload_claim_and_download(client, api, tenant_a, tokens, rules, media_root):
    rules(moderation_mode="post")
    response = upload(client, tenant_a, tokens["participant"])
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["content_type"] == "audio/mpeg" and body["token"]
    submitted = api.gql(
        SUBMIT.replace("supportCount", "supportCount attachment { name contentType size url }"),
        {"input": {"kind": "TESTIMONY", "title": "Mon message vocal", "attachmentToken": body["token"]}},
        tenant=tenant_a,
        token=tokens["participant"],
    )["contributionSubmit"]
    attachment = submitted["contribution"]["attachment"]
    assert attachment["name"] == "message.mp3" and attachment["size"] == len(MP3)
    download = api.rest("get", attachment["url"].split("alpha.test")[1], tenant=tenant_a)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == MP3
    # The token works once.
    again = api.gql(
        SUBMIT,
        {"input": {"kind": "TESTIMONY", "title": "Encore", "attachmentToken": body["token"]}},
        tenant=tenant_a,
        token=tokens["participant"],
    )["contributionSubmit"]
    assert again["errors"][0]["field"] == "attachmentToken"


def test_someone_elses_token_is_refused(client, api, tenant_a, tokens, media_root):
    token = upload(client, tenant_a, tokens["participant"]).json()["token"]
    data = api.gql(
        SUBMIT,
        {"input": {"kind": "TESTIMONY", "title": "Pas à moi", "attachmentToken": token}},
        tenant=tenant_a,
        token=tokens["professional"],
    )["contributionSubmit"]
    assert [e["code"] for e in data["errors"]] == ["NOT_FOUND"]
    with schema_context("alpha"):
        assert Attachment.objects.get().contribution_id is None


def test_pending_attachment_is_not_downloadable_by_readers(client, api, tenant_a, tokens, media_root):
    token = upload(client, tenant_a, tokens["participant"]).json()["token"]
    api.gql(
        SUBMIT,
        {"input": {"kind": "TESTIMONY", "title": "En attente", "attachmentToken": token}},
        tenant=tenant_a,
        token=tokens["participant"],
    )
    with schema_context("alpha"):
        pk = Attachment.objects.get().pk
    path = f"/api/participation/attachments/{pk}/"
    assert api.rest("get", path, tenant=tenant_a).status_code == 404
    assert api.rest("get", path, tenant=tenant_a, token=tokens["participant"]).status_code == 200
    assert api.rest("get", path, tenant=tenant_a, token=tokens["facilitator"]).status_code == 200


def test_refusals(client, tenant_a, tokens, rules, media_root):
    assert upload(client, tenant_a).status_code == 401  # anonymity refused by default
    assert upload(client, tenant_a, tokens["read_key"]).status_code == 403
    html = upload(client, tenant_a, tokens["participant"], name="a.mp3", data=b"<html><script></script></html>")
    assert html.status_code in (400, 415)
    rules(allow_anonymous=True, anonymous_rate_limit=1)
    assert upload(client, tenant_a).status_code == 201
    assert upload(client, tenant_a).status_code == 429
    with schema_context("alpha"):
        assert Attachment.objects.count() == 1


def test_unclaimed_uploads_are_purged_after_a_day_by_the_workers(
    client, tenant_a, tokens, media_root, django_capture_on_commit_callbacks
):
    kept = upload(client, tenant_a, tokens["participant"]).json()
    stale = upload(client, tenant_a, tokens["participant"], name="ancien.mp3").json()
    with schema_context("alpha"):
        old = Attachment.objects.get(original_name="ancien.mp3")
        Attachment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
        stale_path = Path(old.file.path)
        assert stale_path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        run_once([tenant_a])
    with schema_context("alpha"):
        assert list(Attachment.objects.values_list("original_name", flat=True)) == ["message.mp3"]
    assert kept["token"] != stale["token"]
    assert not stale_path.exists()


def test_anonymous_rate_limit_counts_before_inspecting_content(client, tenant_a, rules, media_root, monkeypatch):
    """Refused uploads count too, and a client over the limit is refused before its content is
    inspected (issue 12: the content check ran before the anonymous rate limit)."""
    from imedia_core.participation import attachments

    inspected = []
    real_check = attachments.check_upload

    def counting_check(uploaded, declared_type=None):
        inspected.append(uploaded.name)
        return real_check(uploaded, declared_type)

    monkeypatch.setattr(attachments, "check_upload", counting_check)
    rules(allow_anonymous=True, anonymous_rate_limit=2)
    refused = upload(client, tenant_a, name="page.mp3", data=b"<html><script></script></html>")
    assert refused.status_code in (400, 415)
    assert upload(client, tenant_a).status_code == 201
    over = upload(client, tenant_a, name="encore.mp3")
    assert over.status_code == 429 and over.json()["error"]["code"] == "rate_limited"
    assert inspected == ["page.mp3", "message.mp3"]  # the third one was never inspected
    with schema_context("alpha"):
        assert Attachment.objects.count() == 1
