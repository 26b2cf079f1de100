"""Retention: rows holding personal data are deleted once their period is over.

Each period is a setting in days (``imedia_core/privacy/defaults.py``, docs/privacy.md); 0 keeps
the rows forever. The purges run per tenant, inside its schema, as housekeeping jobs of the
events engine (``every`` hour, registered by ``PrivacyConfig.ready``), in batches so a first
purge of a large table never holds locks for long, as ``events/retention.py`` does for the
outbox. Tokens live in the public schema: each tenant's job purges that tenant's tokens, and
platform tokens (no tenant) are purged at most once per period by whichever job runs first.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Greatest
from django.utils import timezone

from imedia_core.audit.models import AuditEntry
from imedia_core.guidance.models import UnansweredSearch
from imedia_core.participation.models import Contribution, Report, StatusChange
from tenants.models import ApiKey, PersonToken

BATCH = 5000


def retention_limit(setting: str, *, now=None):
    """The date before which rows kept ``setting`` days are expired; None when kept forever."""
    days = getattr(settings, setting, 0) or 0
    if days <= 0:
        return None
    return (now or timezone.now()) - timedelta(days=days)


def _delete_batch(queryset) -> int:
    pks = list(queryset.order_by("pk").values_list("pk", flat=True)[:BATCH])
    if pks:
        queryset.model.objects.filter(pk__in=pks).delete()
    return len(pks)


def purge_audit(tenant=None, *, now=None) -> int:
    """Journal entries older than ``IMEDIA_RETENTION_AUDIT_DAYS``."""
    limit = retention_limit("IMEDIA_RETENTION_AUDIT_DAYS", now=now)
    return 0 if limit is None else _delete_batch(AuditEntry.objects.filter(created_at__lt=limit))


def purge_unanswered_searches(tenant=None, *, now=None) -> int:
    """Unanswered searches not seen for ``IMEDIA_RETENTION_UNANSWERED_SEARCH_DAYS``."""
    limit = retention_limit("IMEDIA_RETENTION_UNANSWERED_SEARCH_DAYS", now=now)
    if limit is None:
        return 0
    return _delete_batch(UnansweredSearch.objects.filter(last_seen_on__lt=timezone.localdate(limit)))


def purge_reports(tenant=None, *, now=None) -> int:
    """Reports older than ``IMEDIA_RETENTION_REPORTS_DAYS``; each contribution's report count
    drops with them, so it stays the number of reports it holds."""
    limit = retention_limit("IMEDIA_RETENTION_REPORTS_DAYS", now=now)
    if limit is None:
        return 0
    with transaction.atomic():
        pks = list(Report.objects.filter(created_at__lt=limit).order_by("pk").values_list("pk", flat=True)[:BATCH])
        if not pks:
            return 0
        per_contribution = (
            Report.objects.filter(pk__in=pks).values("contribution_id").annotate(n=Count("pk")).order_by()
        )
        for row in per_contribution:  # one update per contribution, never per report
            Contribution.objects.filter(pk=row["contribution_id"]).update(
                report_count=Greatest(F("report_count") - row["n"], 0)
            )
        Report.objects.filter(pk__in=pks).delete()
    return len(pks)


def purge_moderation_history(tenant=None, *, now=None) -> int:
    """Moderation steps older than ``IMEDIA_RETENTION_MODERATION_DAYS``, and who took the last
    decision on contributions moderated before then (the decision and its reason stay)."""
    limit = retention_limit("IMEDIA_RETENTION_MODERATION_DAYS", now=now)
    if limit is None:
        return 0
    deleted = _delete_batch(StatusChange.objects.filter(created_at__lt=limit))
    Contribution.objects.filter(moderated_at__lt=limit).exclude(moderated_by_label="").update(moderated_by_label="")
    return deleted


def purge_tokens(tenant=None, *, now=None) -> int:
    """Person tokens and API keys of ``tenant`` expired or revoked more than
    ``IMEDIA_RETENTION_TOKENS_DAYS`` ago; platform tokens at most once an hour (shared mark)."""
    limit = retention_limit("IMEDIA_RETENTION_TOKENS_DAYS", now=now)
    if limit is None:
        return 0
    expired = Q(revoked_at__lt=limit) | Q(expires_at__lt=limit)
    count = _delete_batch(PersonToken.objects.filter(expired, tenant=tenant)) if tenant is not None else 0
    if tenant is not None:
        count += _delete_batch(ApiKey.objects.filter(expired, tenant=tenant))
    if tenant is None or caches["platform"].add("privacy:platform-tokens-purged", 1, timeout=3600):
        count += _delete_batch(PersonToken.objects.filter(expired, tenant__isnull=True))
    return count


# name -> purge(tenant): registered as hourly jobs of every tenant (PrivacyConfig.ready).
TENANT_PURGES = {
    "privacy.purge_audit": purge_audit,
    "privacy.purge_unanswered_searches": purge_unanswered_searches,
    "privacy.purge_reports": purge_reports,
    "privacy.purge_moderation_history": purge_moderation_history,
    "privacy.purge_tokens": purge_tokens,
}
