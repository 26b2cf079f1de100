"""The one error type business services raise when they refuse a change.

Services (``imedia_core/<domain>/services.py``) know nothing of GraphQL, REST or the admin:
they raise ``ServiceError`` with ``{field, code, message}`` entries. ``BaseMutation`` turns it
into typed errors (and rolls back), the admin into form errors, REST into its JSON shape.
"""


class ServiceError(Exception):
    """A refused change. ``code`` values belong to the domain's GraphQL error-code enum;
    ``field`` names the input (snake_case or camelCase), or is None for the whole input."""

    def __init__(self, errors: list[dict]):
        self.errors = errors
        super().__init__("; ".join(error["message"] for error in errors))

    @classmethod
    def single(cls, code: str, message: str, field: str | None = None):
        return cls([{"field": field, "code": code, "message": message}])

    @property
    def code(self) -> str:
        return self.errors[0]["code"]

    @property
    def message(self) -> str:
        return self.errors[0]["message"]

    @property
    def field(self) -> str | None:
        return self.errors[0]["field"]
