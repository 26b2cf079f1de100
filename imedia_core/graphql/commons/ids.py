"""Global IDs of commons practices: the same in every programme, on purpose.

A practice lives in the public schema and is meant to cross programmes, so its ID is
``base64("Practice:public:<pk>")`` whatever tenant the request is routed to (tenant rows carry
their own schema instead, see ``core.nodes``). Such an ID addresses a practice only: it can
never reach a row of a tenant schema, and ``node(id:)`` does not resolve it (use
``practice(id:)``).
"""

from graphql_relay import to_global_id

from ..core.nodes import decode_global_id

PRACTICE_TYPE = "Practice"
PUBLIC = "public"


def practice_global_id(pk: int) -> str:
    return to_global_id(PRACTICE_TYPE, f"{PUBLIC}:{pk}")


def practice_pk(global_id: str | None) -> int | None:
    """The practice's primary key, or None for a malformed ID or an ID of anything else."""
    type_name, schema, pk = decode_global_id(global_id or "")
    if type_name != PRACTICE_TYPE or schema != PUBLIC or not (pk or "").isdigit():
        return None
    return int(pk)
