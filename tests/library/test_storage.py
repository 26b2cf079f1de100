"""S3-compatible storage (``s3`` extra, installed with ``dev``): every key carries the tenant's schema."""

import pytest
from django.core.exceptions import SuspiciousOperation
from django_tenants.utils import schema_context


def test_s3_keys_are_prefixed_with_the_tenant(db):
    from imedia_core.library.storage import TenantS3Storage  # needs the optional s3 extra (django-storages)

    storage = TenantS3Storage(bucket_name="imedia", location="media/", access_key="x", secret_key="y")
    with schema_context("alpha"):
        assert storage.location == "media/alpha"
        assert storage._normalize_name("resources/2026/11/a.pdf") == "media/alpha/resources/2026/11/a.pdf"
    with schema_context("beta"):
        assert storage._normalize_name("resources/2026/11/a.pdf") == "media/beta/resources/2026/11/a.pdf"
        # A stored name cannot climb out of the tenant's prefix.
        with pytest.raises(SuspiciousOperation):
            storage._normalize_name("../alpha/resources/a.pdf")
