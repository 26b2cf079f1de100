"""Filter inputs of the ``commitments``, ``responses`` and ``youSaidWeDid`` connections, and their
translation into the feedback domain's filters (``imedia_core.feedback.feed``), which select the
rows (visibility first, then filters, in SQL)."""

from __future__ import annotations

import graphene
from graphql import GraphQLError

from imedia_core.feedback.feed import CommitmentFilters, LedgerFilters, PhaseFilter, ResponseFilters

from ..core.nodes import decode_global_id, pk_from_global_id
from .types import CommitmentStatusEnum, ResponseDecisionEnum, ResponseStatusEnum


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


def _phase(value: str | None) -> PhaseFilter | None:
    """A phase given by its global ID or by its slug in the active cycle."""
    value = (value or "").strip()
    if not value:
        return None
    type_name, _schema, pk = decode_global_id(value)
    if type_name == "Phase" and pk is not None:
        # An ID of another programme names nothing here.
        return PhaseFilter(pk=pk_from_global_id(value, "Phase") or 0)
    return PhaseFilter(slug=value)


def _contribution_pk(value: str | None) -> int | None:
    # An ID of another programme (or of anything else) names no contribution: 0 matches nothing.
    return pk_from_global_id(value, "Contribution") or 0 if value else None


def ledger_filters(data) -> LedgerFilters:
    data = data or {}
    return LedgerFilters(
        decisions=_values(data.get("decision")),
        commitment_statuses=_values(data.get("commitment_status")),
        overdue=data.get("overdue"),
        phase=_phase(data.get("phase")),
    )


def commitment_filters(data) -> CommitmentFilters:
    data = data or {}
    return CommitmentFilters(
        statuses=_values(data.get("status")),
        overdue=data.get("overdue"),
        phase=_phase(data.get("phase")),
        contribution_id=_contribution_pk(data.get("contribution")),
    )


def response_filters(data) -> ResponseFilters:
    data = data or {}
    return ResponseFilters(
        decisions=_values(data.get("decision")),
        statuses=_values(data.get("status")),
        contribution_id=_contribution_pk(data.get("contribution")),
    )
