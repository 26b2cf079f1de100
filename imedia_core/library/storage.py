"""Object storage for tenant files (used when ``IMEDIA_S3_BUCKET`` is set; needs the ``s3`` extra).

Like the default filesystem storage (``MEDIA_ROOT/<schema>/``), every key is prefixed with the
schema of the tenant the connection is on: ``<IMEDIA_S3_PREFIX>/<schema>/resources/...``. The
name kept in the database has no prefix, so a tenant's rows can only ever reach its own keys.
"""

from django.db import connection
from storages.backends.s3 import S3Storage


class TenantS3Storage(S3Storage):
    @property
    def location(self) -> str:
        base = self.__dict__.get("_base_location", "")
        return "/".join(part for part in (base, connection.schema_name) if part)

    @location.setter
    def location(self, value) -> None:
        self.__dict__["_base_location"] = (value or "").strip("/")
