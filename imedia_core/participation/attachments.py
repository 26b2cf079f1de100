"""Files joined to contributions (audio and video recordings for people who prefer speaking to
writing, photos, documents): checked like the resource centre's files, stored per tenant.

Uploaded before the contribution exists (``store_attachment`` returns a secret token), then
claimed by ``contributions.submit_contribution`` with that token, by the same person (or, for
anonymous uploads, by an anonymous submission). Unclaimed uploads older than a day are removed by
``purge_unclaimed``.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from imedia_core.context import ServiceContext
from imedia_core.library.uploads import check_upload, delete_stored_file, delete_stored_file_on_commit

from . import guards
from .authors import require_person
from .models import Attachment, ParticipationSettings

UNCLAIMED_TTL = timedelta(days=1)


def admit_upload(ctx: ServiceContext) -> None:
    """May ``ctx`` upload an attachment now? Raises ``ServiceError`` (UNAUTHENTICATED,
    PERMISSION_DENIED, RATE_LIMITED). Anonymous uploads need the programme to allow anonymity and
    count against its rate limit here, refused ones included: a door calls this *before* it reads
    the upload's body, since receiving and parsing a body costs more than refusing, and a refused
    attempt is still an attempt."""
    settings = ParticipationSettings.load()
    require_person(ctx, settings, anonymous_ok=True)
    if ctx.actor is None:
        guards.check_anonymous_rate(ctx.ip, settings.anonymous_rate_limit)


def store_attachment(
    ctx: ServiceContext, uploaded, declared_type: str | None = None, *, admitted: bool = False
) -> Attachment:
    """Check ``uploaded`` (raises ``UploadError``), store it, and return the unclaimed attachment.
    ``admitted``: the door already called ``admit_upload`` for this request (before reading the
    body); otherwise it is called here, before the content is inspected."""
    if not admitted:
        admit_upload(ctx)
    checked = check_upload(uploaded, declared_type)
    attachment = Attachment(
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        token=secrets.token_urlsafe(32),
        uploaded_by_id=ctx.user_id,
    )
    uploaded.seek(0)
    attachment.file.save(f"{secrets.token_hex(16)}{checked.extension}", uploaded, save=False)
    try:
        with transaction.atomic():
            attachment.save()
    except BaseException:
        delete_stored_file(attachment.file.name)
        raise
    return attachment


def open_attachment(attachment: Attachment):
    return attachment.file.storage.open(attachment.file.name, "rb")


@transaction.atomic
def purge_unclaimed(now=None) -> int:
    """Remove uploads nobody claimed within a day (rows now, files once committed)."""
    limit = (now or timezone.now()) - UNCLAIMED_TTL
    stale = list(Attachment.objects.filter(contribution__isnull=True, created_at__lt=limit))
    for attachment in stale:
        delete_stored_file_on_commit(attachment.file.name)
    Attachment.objects.filter(pk__in=[a.pk for a in stale]).delete()
    return len(stale)
