"""Typed errors, returned as data by mutations: ``errors { field code message }``.

Each domain declares its own code enum with ``error_codes``; the common codes are in all of
them so a client can switch on ``PERMISSION_DENIED`` the same way everywhere.
"""

import graphene

COMMON_CODES = {
    "INVALID": "The value is not valid.",
    "REQUIRED": "A required value is missing.",
    "NOT_FOUND": "No object with this ID exists in this programme.",
    "UNIQUE": "Another object already uses this value.",
    "PERMISSION_DENIED": "The caller lacks the permission this operation requires.",
    "UNAUTHENTICATED": "This operation requires a signed-in person or an API key.",
}


def error_codes(name: str, description: str, codes: dict[str, str]) -> type[graphene.Enum]:
    """Build a domain's error-code enum: the common codes plus the domain's own, each described."""
    members = {**COMMON_CODES, **codes}
    attrs = {code: code for code in members}
    attrs["Meta"] = type("Meta", (), {"description": description})
    attrs["description"] = property(lambda self: members[self.name])
    return type(name, (graphene.Enum,), attrs)


def error_type(name: str, code_enum: type[graphene.Enum], description: str) -> type[graphene.ObjectType]:
    """The error object type a domain's mutations return."""
    return type(
        name,
        (graphene.ObjectType,),
        {
            "field": graphene.String(
                description="Input field the error is about (camelCase), null when it is about the whole input."
            ),
            "code": graphene.Field(code_enum, required=True, description="Stable, machine-readable code."),
            "message": graphene.String(required=True, description="Explanation for people, in French."),
            "Meta": type("Meta", (), {"description": description}),
        },
    )


class MutationError(Exception):
    """Raise from ``perform_mutation`` to return typed errors and roll back the mutation."""

    def __init__(self, code: str, message: str, field: str | None = None):
        self.errors = [{"code": code, "message": message, "field": field}]
        super().__init__(message)
