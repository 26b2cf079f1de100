"""Retention: each kind of personal data is kept before its period and purged after it by the
housekeeping jobs, in the tenant the job runs for only (docs/privacy.md)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django_tenants.utils import schema_context

from imedia_core.audit.log import record
from imedia_core.audit.models import AuditEntry
from imedia_core.context import Channel, ServiceContext
from imedia_core.events.jobs import jobs_for
from imedia_core.events.outbox import emit
from imedia_core.guidance.models import UnansweredSearch
from imedia_core.participation.contributions import report_contribution, submit_contribution
from imedia_core.participation.models import Contribution, Report, StatusChange
from imedia_core.privacy import retention
from tenants.auth.tokens import issue_person_token
from tenants.models import PersonToken

from .conftest import publish_mode

NOW = timezone.now()


def ago(days):
    return time_machine.travel(NOW - timedelta(days=days), tick=False)


def test_the_workers_run_every_retention_job(tenant_a):
    names = {job.name for job in jobs_for(tenant_a)}
    assert set(retention.TENANT_PURGES) <= names


@pytest.mark.parametrize("schema", ["alpha"])
def test_journal_entries_go_after_their_period_in_their_tenant_only(tenant_a, tenant_b, schema):
    made = {}
    for space in ("alpha", "beta"):
        with schema_context(space):
            with ago(366):
                made[space, "old"] = record("test.old", summary="ancienne").pk
            with ago(364):
                made[space, "recent"] = record("test.recent", summary="récente").pk
    with schema_context("alpha"):
        assert retention.purge_audit(tenant_a) == 1
        assert set(AuditEntry.objects.filter(action__startswith="test.").values_list("pk", flat=True)) == {
            made["alpha", "recent"]
        }
    with schema_context("beta"):
        assert AuditEntry.objects.filter(pk=made["beta", "old"]).exists()


def test_unanswered_searches_go_when_not_seen_for_their_period(tenant_a, tenant_b):
    today = timezone.localdate(NOW)
    for space in ("alpha", "beta"):
        with schema_context(space):
            for key, days in (("vieux", 400), ("recent", 300)):
                seen = today - timedelta(days=days)
                UnansweredSearch.objects.create(key=key, text=key, first_seen_on=seen, last_seen_on=seen)
    with schema_context("alpha"):
        assert retention.purge_unanswered_searches(tenant_a) == 1
        assert list(UnansweredSearch.objects.values_list("key", flat=True)) == ["recent"]
    with schema_context("beta"):
        assert UnansweredSearch.objects.filter(key="vieux").exists()


def test_reports_and_moderation_history_go_and_counters_follow(tenant_a, tenant_b, traces):
    lea = traces["lea"]
    for space, tenant in (("alpha", tenant_a), ("beta", tenant_b)):
        publish_mode(space)
        with schema_context(space), ago(800):
            author = ServiceContext.for_user(traces["awa"], tenant, Channel.GRAPHQL)
            old = submit_contribution(author, {"kind": "proposal", "title": "Ancienne", "body": "Ancien texte."})
            report_contribution(ServiceContext.for_user(lea, tenant, Channel.GRAPHQL), old, "Vieux signalement")
    with schema_context("alpha"):
        hers = Contribution.objects.get(pk=traces["alpha"]["hers"].pk)
        assert hers.report_count == 1  # reported today: kept
        assert retention.purge_reports(tenant_a) == 1
        old = Contribution.objects.get(title="Ancienne")
        assert old.report_count == 0 and not old.reports.exists()
        assert Report.objects.filter(contribution=hers).count() == 1
        assert retention.purge_moderation_history(tenant_a) >= 1
        assert not StatusChange.objects.filter(contribution=old).exists()
        assert StatusChange.objects.filter(contribution=hers).exists()
    with schema_context("beta"):
        old = Contribution.objects.get(title="Ancienne")
        assert old.report_count == 1 and old.reports.count() == 1
        assert StatusChange.objects.filter(contribution=old).exists()


def test_expired_and_revoked_tokens_go_after_their_period(tenant_a, tenant_b, traces):
    awa = traces["awa"]
    with ago(60):
        old_alpha, _ = issue_person_token(awa, tenant_a)
        old_beta, _ = issue_person_token(awa, tenant_b)
    PersonToken.objects.filter(pk__in=[old_alpha.pk, old_beta.pk]).update(expires_at=NOW - timedelta(days=40))
    recent, _ = issue_person_token(awa, tenant_a)
    PersonToken.objects.filter(pk=recent.pk).update(revoked_at=NOW - timedelta(days=10))
    with schema_context("alpha"):
        assert retention.purge_tokens(tenant_a) >= 1
    assert not PersonToken.objects.filter(pk=old_alpha.pk).exists()
    assert PersonToken.objects.filter(pk=recent.pk).exists()
    assert PersonToken.objects.filter(pk=old_beta.pk).exists()  # beta's job has not run


def test_a_period_of_zero_keeps_everything(tenant_a, settings):
    settings.IMEDIA_RETENTION_AUDIT_DAYS = 0
    with schema_context("alpha"):
        with ago(5000):
            entry = record("test.ancient", summary="très ancienne")
        assert retention.purge_audit(tenant_a) == 0
        assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_delivered_webhooks_go_after_their_period(tenant_a, tenant_b):
    from plugins.webhooks.models import Delivery, DeliveryStatus, Subscription
    from plugins.webhooks.retention import purge_delivered

    made = {}
    for space in ("alpha", "beta"):
        with schema_context(space):
            subscription = Subscription.objects.create(url="https://hooks.example.org/r", events=["*"], secret="s")
            for name, days in (("old", 8), ("recent", 6)):
                event = emit("contribution.submitted", {"n": name})
                made[space, name] = Delivery.objects.create(
                    subscription=subscription,
                    event=event,
                    event_type=event.type,
                    status=DeliveryStatus.SUCCEEDED,
                    delivered_at=NOW - timedelta(days=days),
                ).pk
    with schema_context("alpha"):
        assert purge_delivered(tenant_a) == 1
        assert set(Delivery.objects.values_list("pk", flat=True)) == {made["alpha", "recent"]}
    with schema_context("beta"):
        assert Delivery.objects.filter(pk=made["beta", "old"]).exists()
