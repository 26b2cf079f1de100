"""The OpenAPI document's shared parts: the error body, and the error answers every operation
may give (declared once here, by a drf-spectacular post-processing hook, rather than per view).

Every REST answer that is an error has the body ``{"error": {"code", "message", "field"?,
"fields"?}}`` (``imedia_core.rest.errors``, ``imedia_core.http.json_error``). Whatever the view,
a request may be refused before it runs: a NUL byte or a bad host (400), a bad credential (401),
a suspended programme (403), an unknown programme or URL (404), an archived programme (410), the
sign-in throttle (429); with a body, also a body too large (413) or of another media type (415).
"""

ERROR_COMPONENT = "Error"
FIELD_ERROR_COMPONENT = "FieldError"
FIELD_ERROR_SCHEMA = {
    "type": "object",
    "properties": {"message": {"type": "string"}, "code": {"type": "string"}},
    "required": ["message", "code"],
}
ERROR_REF = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error answer of the REST API (messages in French).",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string", "description": "Stable, machine-readable code (`not_found`, `invalid`…)."},
                "message": {"type": "string", "description": "What went wrong, for people (French)."},
                "field": {
                    "type": "string",
                    "nullable": True,
                    "description": "The input field at fault, when there is one.",
                },
                "fields": {
                    "type": "object",
                    "additionalProperties": {
                        "anyOf": [
                            {"type": "array", "items": {"$ref": f"#/components/schemas/{FIELD_ERROR_COMPONENT}"}},
                            {"type": "object", "description": "A list's or nested object's errors, by index or name."},
                        ]
                    },
                    "description": "Per-field errors of an invalid input (`code`: `invalid`).",
                },
            },
            "required": ["code", "message"],
        }
    },
    "required": ["error"],
}

#: The error answers declared on every operation, with what they mean whatever the view.
COMMON_ERRORS = {
    "400": "Bad request: `invalid` (with `fields`), `invalid_characters` (a NUL byte), `bad_host`, "
    "`tenant_mismatch`, or the view's own codes.",
    "401": "`not_authenticated`, or a bad credential: `invalid_token`, `token_expired`, `token_revoked`, "
    "`wrong_tenant`, `inactive_account` (with `WWW-Authenticate: Bearer`).",
    "403": "`permission_denied`, or `tenant_suspended`.",
    "404": "`not_found`, or `unknown_tenant`.",
    "429": "`rate_limited` or `throttled` (with `Retry-After`).",
}
BODY_ERRORS = {
    "413": "`payload_too_large` or `file_too_large`.",
    "415": "`unsupported_media_type`, or a refused file type.",
}
TENANT_ERRORS = {"410": "`tenant_archived`: the programme is archived."}


def add_error_responses(result, generator, request, public):
    """Post-processing hook: the error body as a component, and on every operation the common
    error answers (400, 401, 403, 404, 429; 413 and 415 with a request body; 410 under
    ``/t/{tenant}/``), each with that body unless the view gave another."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas[ERROR_COMPONENT] = ERROR_SCHEMA
    schemas[FIELD_ERROR_COMPONENT] = FIELD_ERROR_SCHEMA
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            declared = dict(COMMON_ERRORS)
            if "requestBody" in operation:
                declared.update(BODY_ERRORS)
            if path.startswith("/t/{tenant}/"):
                declared.update(TENANT_ERRORS)
            responses = operation.setdefault("responses", {})
            for status, description in declared.items():
                answer = responses.setdefault(status, {"description": description})
                if not answer.get("description"):
                    answer["description"] = description
                content = answer.setdefault("content", {})
                if not content or content.get("application/json", {}).get("schema", {}).get("$ref", "").endswith(
                    f"/{ERROR_COMPONENT}"
                ):
                    content["application/json"] = {"schema": ERROR_REF}
    return result
