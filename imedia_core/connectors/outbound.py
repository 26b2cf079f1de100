"""The out direction: what imedia answers goes back to the platform an item came from.

Driven by committed domain events (``hooks.imedia_tenant_event``): ``response.published`` and a
commitment created, changed or linked (``commitment.created`` / ``status_changed`` / ``linked``)
queue one ``Delivery`` per contribution that came from a link whose direction is out or both.
The delivery's idempotency key is a digest of (link, item, state, text): the same answer queued
twice (an event dispatched again, two events saying the same) is one row and is sent once.

The ``connectors.deliver`` job sends what is due through the platform adapter
(``PlatformClient.answer``), with retries and exponential backoff; a platform that cannot take
answers (``Platform.can_answer`` false, or ``PlatformError("UNSUPPORTED")``: Consul's API is
read-only) is recorded as such at once and never retried.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from imedia_core.changes import changed
from imedia_core.content.sanitize import plain_text
from imedia_core.context import Channel, ServiceContext
from imedia_core.events.backoff import backoff_delay
from imedia_core.feedback.models import Commitment, Decision, Response
from imedia_core.participation.models import Contribution

from . import registry, secrets
from .models import Delivery, DeliveryStatus, Direction, Link
from .platform import OutboundAnswer, PlatformError
from .session import check_address, link_config, open_http

logger = logging.getLogger("imedia.connectors")

MAX_ATTEMPTS = 8
RETRY_BASE_SECONDS = 60
RETRY_MAX_SECONDS = 6 * 3600
TEXT_MAX = 5000

DECISION_STATES = {
    Decision.ACCEPTED: "accepted",
    Decision.PARTLY_ACCEPTED: "accepted",
    Decision.DECLINED: "rejected",
    Decision.UNDER_STUDY: "evaluating",
}
COMMITMENT_EVENTS = ("commitment.created", "commitment.status_changed", "commitment.linked")


def idempotency_key(link_id: int, external_id: str, state: str, text: str) -> str:
    return hashlib.sha256(f"{link_id}\x1f{external_id}\x1f{state}\x1f{text}".encode()).hexdigest()


def _outgoing_links(contributions) -> dict[int, Link]:
    """The links (out or both) the given contributions came from, by id."""
    refs = {c.source_ref for c in contributions if c.source and c.source_ref.isdigit()}
    if not refs:
        return {}
    links = Link.objects.filter(pk__in=[int(ref) for ref in refs], direction__in=[Direction.OUT, Direction.BOTH])
    return {link.pk: link for link in links}


def queue(contributions, state_of, text_of) -> int:
    """Queue an answer for each contribution from an outgoing link (``state_of(c)``, ``text_of(c)``)."""
    contributions = [c for c in contributions if c.source and c.external_id]
    links = _outgoing_links(contributions)
    rows = []
    for contribution in contributions:
        link = links.get(int(contribution.source_ref)) if contribution.source_ref.isdigit() else None
        if link is None or link.platform != contribution.source:
            continue
        state, text = state_of(contribution), text_of(contribution)[:TEXT_MAX]
        rows.append(
            Delivery(
                link=link,
                contribution=contribution,
                external_id=contribution.external_id,
                state=state,
                text=text,
                idempotency_key=idempotency_key(link.pk, contribution.external_id, state, text),
                next_attempt_at=timezone.now(),
            )
        )
    if rows:
        Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _current_state(contribution: Contribution) -> str:
    decision = (
        Response.objects.published()
        .filter(contribution=contribution)
        .order_by("-published_at", "-id")
        .values_list("decision", flat=True)
        .first()
    )
    return DECISION_STATES.get(decision, "evaluating")


def on_event(event) -> None:
    """Queue what ``event`` means for the platforms (a no-op for every other event)."""
    if event.type == "response.published":
        response = Response.objects.select_related("contribution").filter(pk=event.subject_id or 0).first()
        if response is None:
            return
        text = plain_text(response.text, multiline=True)
        signature = response.responder_label + (f", {response.capacity}" if response.capacity else "")
        if signature:
            text = f"{text}\n\n{signature}"
        queue([response.contribution], lambda c: DECISION_STATES.get(response.decision, "evaluating"), lambda c: text)
    elif event.type in COMMITMENT_EVENTS:
        commitment = Commitment.objects.filter(pk=event.subject_id or 0).first()
        if commitment is None:
            return
        due = f", échéance le {commitment.due_date.strftime('%d/%m/%Y')}" if commitment.due_date else ""
        text = (
            f"Engagement : {commitment.title} ({commitment.get_status_display().lower()}{due}, "
            f"avancement {commitment.progress} %)."
        )
        contributions = list(commitment.contributions.exclude(source="").exclude(external_id=""))
        queue(contributions, _current_state, lambda c: text)


# --- delivery --------------------------------------------------------------------------------------


def _finish(delivery: Delivery, **values) -> None:
    for name, value in values.items():
        setattr(delivery, name, value)
    delivery.save(update_fields=list(values))


def deliver_due(tenant, *, limit: int = 50, http_kwargs: dict | None = None) -> int:
    """Send the answers that are due (one transaction per answer, rows claimed with SKIP LOCKED)."""
    ctx = ServiceContext.system(Channel.CONNECTOR, tenant=tenant)
    handled = 0
    clients: dict[int, object] = {}
    https = []
    try:
        for _ in range(limit):
            with transaction.atomic():
                delivery = (
                    Delivery.objects.select_for_update(skip_locked=True)
                    .select_related("link")
                    .filter(status=DeliveryStatus.PENDING)
                    .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now()))
                    .order_by("next_attempt_at", "id")
                    .first()
                )
                if delivery is None:
                    break
                _deliver_one(ctx, tenant, delivery, clients, https, http_kwargs)
                handled += 1
    finally:
        for http in https:
            http.close()
    return handled


def _deliver_one(ctx, tenant, delivery: Delivery, clients, https, http_kwargs) -> None:
    link = delivery.link
    if not registry.enabled(tenant, link.platform):
        _finish(delivery, next_attempt_at=timezone.now() + timedelta(hours=1))  # waits for the plugin
        return
    platform = registry.installed()[link.platform][1]
    if not platform.can_answer:
        _finish(
            delivery,
            status=DeliveryStatus.UNSUPPORTED,
            last_error_code="UNSUPPORTED",
            last_error=platform.answer_note[:500],
        )
        return
    answer = OutboundAnswer(
        external_id=delivery.external_id,
        state=delivery.state,
        text=delivery.text,
        idempotency_key=delivery.idempotency_key,
    )
    delivery.attempts += 1
    try:
        if link.pk not in clients:
            check_address(link)
            http = open_http(link, platform, **(http_kwargs or {}))
            https.append(http)
            clients[link.pk] = platform.client(link_config(link), http)
        receipt = clients[link.pk].answer(answer)
    except PlatformError as exc:
        if exc.code == "UNSUPPORTED":
            _finish(
                delivery,
                attempts=delivery.attempts,
                status=DeliveryStatus.UNSUPPORTED,
                last_error_code=exc.code,
                last_error=exc.message[:500],
            )
            return
        final = delivery.attempts >= MAX_ATTEMPTS
        delay = backoff_delay(delivery.attempts, base=RETRY_BASE_SECONDS, cap=RETRY_MAX_SECONDS)
        _finish(
            delivery,
            attempts=delivery.attempts,
            status=DeliveryStatus.FAILED if final else DeliveryStatus.PENDING,
            next_attempt_at=None if final else timezone.now() + delay,
            last_error_code=exc.code,
            last_error=exc.message[:500],
        )
        return
    except secrets.CredentialsUnreadable:
        _finish(
            delivery,
            attempts=delivery.attempts,
            status=DeliveryStatus.FAILED,
            last_error_code="AUTH",
            last_error="Les identifiants enregistrés ne sont plus lisibles : saisissez-les de nouveau.",
        )
        return
    _finish(
        delivery,
        attempts=delivery.attempts,
        status=DeliveryStatus.SENT,
        sent_at=timezone.now(),
        reference=(receipt.reference or "")[:200],
        as_comment=bool(receipt.as_comment),
        last_error_code="",
        last_error="",
    )
    changed(
        ctx,
        "connector.answer_sent",
        delivery,
        payload={
            "link_id": link.pk,
            "contribution_id": delivery.contribution_id,
            "state": delivery.state,
            "as_comment": delivery.as_comment,
        },
        summary=f"Réponse envoyée à {platform.label} : {delivery.external_id}",
    )
    logger.info("answer %s sent to %s (%s)", delivery.pk, link.platform, connection.schema_name)
