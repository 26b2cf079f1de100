"""Filter inputs of the ``commitments``, ``responses`` and ``youSaidWeDid`` connections, and
the querysets they select (visibility first, then filters, in SQL)."""

from __future__ import annotations

import graphene
from django.contrib.postgres.search import SearchQuery
from django.db.models import CharField, DateTimeField, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Greatest
from django.utils import timezone
from graphql import GraphQLError

from imedia_core.feedback import models
from imedia_core.library.models import SEARCH_CONFIG

from ..core.nodes import decode_global_id, pk_from_global_id
from .types import (
    CommitmentStatusEnum,
    ResponseDecisionEnum,
    ResponseStatusEnum,
    commitment_queryset,
    published_contributions,
    response_queryset,
)


class CommitmentFilterInput(graphene.InputObjectType):
    class Meta:
        description = "Narrow the commitments listed. Every filter is optional; a list matches any of its values."

    status = graphene.List(graphene.NonNull(CommitmentStatusEnum), description="Only commitments in these statuses.")
    overdue = graphene.Boolean(
        description="true: only overdue commitments (due date passed, still planned or in progress); "
        "false: only those that are not."
    )
    phase = graphene.String(
        description="Only commitments of this phase: its global ID, or its slug in the active cycle."
    )
    contribution = graphene.ID(description="Only commitments answering this contribution (global ID).")


class ResponseFilterInput(graphene.InputObjectType):
    class Meta:
        description = "Narrow the responses listed. Every filter is optional; a list matches any of its values."

    decision = graphene.List(graphene.NonNull(ResponseDecisionEnum), description="Only responses with these decisions.")
    status = graphene.List(
        graphene.NonNull(ResponseStatusEnum),
        description="Only responses in these states (readers only ever see PUBLISHED ones).",
    )
    contribution = graphene.ID(description="Only responses to this contribution (global ID).")


class YouSaidWeDidFilterInput(graphene.InputObjectType):
    class Meta:
        description = 'Narrow the "you said, we did" ledger. Every filter is optional.'

    decision = graphene.List(
        graphene.NonNull(ResponseDecisionEnum), description="Only contributions whose current decision is one of these."
    )
    commitment_status = graphene.List(
        graphene.NonNull(CommitmentStatusEnum),
        description="Only contributions answered by at least one commitment in these statuses.",
    )
    overdue = graphene.Boolean(description="true: only contributions with at least one overdue commitment.")
    phase = graphene.String(
        description="Only contributions of this phase: its global ID, or its slug in the active cycle."
    )


def _values(items) -> list[str]:
    return [getattr(item, "value", item) for item in items or []]


def check_search(text: str | None) -> str:
    text = (text or "").strip()
    if len(text) > 200:
        raise GraphQLError(
            "Le texte recherché ne doit pas dépasser 200 caractères.", extensions={"code": "BAD_USER_INPUT"}
        )
    return text


def _phase_condition(value: str | None, prefix: str = "") -> Q | None:
    value = (value or "").strip()
    if not value:
        return None
    type_name, _schema, pk = decode_global_id(value)
    if type_name == "Phase" and pk is not None:
        # An ID of another programme names nothing here.
        return Q(**{f"{prefix}phase_id": pk_from_global_id(value, "Phase") or 0})
    return Q(**{f"{prefix}phase__slug": value, f"{prefix}phase__cycle__is_active": True})


def _contribution_pk(value: str | None) -> int | None:
    return pk_from_global_id(value, "Contribution") or 0 if value else None


def commitments(info, fields, filter=None, search=None):
    queryset = commitment_queryset(info, fields)
    data = filter or {}
    if data.get("status"):
        queryset = queryset.filter(status__in=_values(data["status"]))
    if data.get("overdue") is not None:
        queryset = queryset.filter(is_overdue=data["overdue"])
    phase = _phase_condition(data.get("phase"))
    if phase is not None:
        queryset = queryset.filter(phase)
    if data.get("contribution"):
        through = models.Commitment.contributions.through.objects.filter(
            commitment_id=OuterRef("pk"), contribution_id=_contribution_pk(data["contribution"])
        )
        queryset = queryset.filter(Exists(through))
    text = check_search(search)
    if text:
        queryset = queryset.filter(search_vector=SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch"))
    return queryset.order_by("due_date", "id")


def responses(info, filter=None):
    queryset = response_queryset(info).select_related("contribution")
    data = filter or {}
    if data.get("decision"):
        queryset = queryset.filter(decision__in=_values(data["decision"]))
    if data.get("status"):
        queryset = queryset.filter(status__in=_values(data["status"]))
    if data.get("contribution"):
        queryset = queryset.filter(contribution_id=_contribution_pk(data["contribution"]))
    return queryset.order_by("-created_at", "-id")


def you_said_we_did(filter=None, search=None):
    """Published contributions with a published response or a commitment, annotated with their
    current decision and last activity (subqueries: the page stays one query), newest first."""
    published = models.Response.objects.published().filter(contribution_id=OuterRef("pk"))
    links = models.Commitment.contributions.through.objects.filter(contribution_id=OuterRef("pk"))
    latest_response = published.order_by("-published_at", "-id")
    latest_commitment = models.Commitment.objects.filter(contributions=OuterRef("pk")).order_by("-updated_at")
    queryset = (
        published_contributions()
        .filter(Exists(published) | Exists(links))
        .annotate(
            current_decision=Subquery(latest_response.values("decision")[:1], output_field=CharField()),
            last_activity=Greatest(
                Subquery(latest_response.values("published_at")[:1], output_field=DateTimeField()),
                Subquery(latest_commitment.values("updated_at")[:1], output_field=DateTimeField()),
            ),
        )
    )
    data = filter or {}
    if data.get("decision"):
        queryset = queryset.filter(current_decision__in=_values(data["decision"]))
    if data.get("commitment_status"):
        queryset = queryset.filter(Exists(links.filter(commitment__status__in=_values(data["commitment_status"]))))
    if data.get("overdue") is not None:
        overdue = Exists(links.filter(models.overdue_condition(timezone.localdate(), prefix="commitment__")))
        queryset = queryset.filter(overdue if data["overdue"] else ~overdue)
    phase = _phase_condition(data.get("phase"))
    if phase is not None:
        queryset = queryset.filter(phase)
    text = check_search(search)
    if text:
        queryset = queryset.filter(search_vector=SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch"))
    return queryset.order_by("-last_activity", "-id")
